#include "providers/openai/stream_decoder.h"

#include "providers/openai/decode.h"

namespace sluice::providers::openai {
namespace {

using json::od::object;
using json::od::value;

StreamEvent event_of(StreamEvent::Kind kind, std::string_view text = {}, int index = 0) {
  StreamEvent event;
  event.kind = kind;
  event.text = text;
  event.index = index;
  return event;
}

// A string field value, or empty when it is null or not a string.
std::string_view text_of(value v) {
  std::string_view text;
  if (v.get_string().get(text)) return {};
  return text;
}

// The class of an error a server sends inside a 200 stream, from its type or code words.
ErrorClass class_for(std::string_view kind) {
  if (kind.find("rate_limit") != std::string_view::npos) return ErrorClass::rate_limited;
  if (kind.find("overload") != std::string_view::npos) return ErrorClass::overloaded;
  if (kind.find("context_length") != std::string_view::npos) return ErrorClass::context_length;
  return ErrorClass::server;
}

template <class F>
simdjson::error_code each_field(value v, F&& f) {
  object obj;
  if (auto err = v.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (auto err = f(key, item)) return err;
  }
  return simdjson::SUCCESS;
}

}  // namespace

OpenAiStreamDecoder::OpenAiStreamDecoder(std::string provider) : provider_(std::move(provider)) {}

void OpenAiStreamDecoder::fail(GatewayError error, std::vector<StreamEvent>& out) {
  failed_ = true;
  StreamEvent event = event_of(StreamEvent::Kind::error);
  event.error = std::move(error);
  out.push_back(std::move(event));
}

void OpenAiStreamDecoder::on_event(std::string_view, std::string_view data,
                                   std::vector<StreamEvent>& out) {
  if (failed_ || done_) return;
  data = json::trim(data);
  if (data.empty()) return;  // keep-alive comments and empty events
  if (data == "[DONE]") return on_done(out);
  Chunk chunk;
  simdjson::error_code err = simdjson::SUCCESS;
  try {
    json::od::document doc;
    object root;
    err = input_.open(data, doc);
    if (!err) err = doc.get_object().get(root);
    if (!err) err = read_chunk(root, chunk);
  } catch (const std::exception&) {
    err = simdjson::TAPE_ERROR;
  }
  if (err) {
    return fail(GatewayError{ErrorClass::server, "provider '" + provider_ +
                                                     "' sent a stream chunk the gateway could "
                                                     "not read"},
                out);
  }
  emit(chunk, out);
}

simdjson::error_code OpenAiStreamDecoder::read_chunk(object& root, Chunk& chunk) {
  for (auto field : root) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    if (key == "id") chunk.id = text_of(item);
    if (key == "model") chunk.model = text_of(item);
    if (key == "choices" && !json::is_null(item)) {
      if (auto err = read_choices(item, chunk)) return err;
    }
    if (key == "usage" && !json::is_null(item)) {
      Usage usage;
      if (auto err = read_usage_value(item, usage)) return err;
      usage_ = usage;  // the last report wins: some servers send running totals
    }
    if (key == "error" && !json::is_null(item)) {
      if (auto err = read_error(item, chunk)) return err;
    }
  }
  return simdjson::SUCCESS;
}

// choices[0] only: further choices (n > 1) have no canonical place.
simdjson::error_code OpenAiStreamDecoder::read_choices(value v, Chunk& chunk) {
  json::od::array choices;
  if (auto err = v.get_array().get(choices)) return err;
  for (auto element : choices) {
    value choice;
    if (auto err = element.get(choice)) return err;
    return each_field(choice, [&](std::string_view key, value item) -> simdjson::error_code {
      if (key == "delta" && !json::is_null(item)) return read_delta(item, chunk);
      if (key == "finish_reason") chunk.finish_reason = text_of(item);
      return simdjson::SUCCESS;
    });
  }
  return simdjson::SUCCESS;
}

simdjson::error_code OpenAiStreamDecoder::read_delta(value v, Chunk& chunk) {
  using Kind = StreamEvent::Kind;
  bool reasoning_read = false;  // a server sending both fields sends the same text twice
  return each_field(v, [&](std::string_view key, value item) -> simdjson::error_code {
    if (key == "content" || key == "refusal") {
      const std::string_view text = text_of(item);
      if (!text.empty()) chunk.events.push_back(event_of(Kind::text_delta, text));
    } else if ((key == "reasoning_content" || key == "reasoning") && !reasoning_read) {
      const std::string_view text = text_of(item);
      reasoning_read = !text.empty();
      if (!text.empty()) chunk.events.push_back(event_of(Kind::reasoning_delta, text));
    } else if (key == "tool_calls" && !json::is_null(item)) {
      return read_tool_calls(item, chunk);
    }
    return simdjson::SUCCESS;
  });
}

simdjson::error_code OpenAiStreamDecoder::read_tool_calls(value v, Chunk& chunk) {
  json::od::array calls;
  if (auto err = v.get_array().get(calls)) return err;
  int64_t position = 0;
  for (auto element : calls) {
    value call;
    if (auto err = element.get(call)) return err;
    int64_t wire_index = position++;
    std::string id, name, arguments;
    auto err = each_field(call, [&](std::string_view key, value item) -> simdjson::error_code {
      // absent: the position in the array
      if (key == "index" && item.get_int64().get(wire_index)) wire_index = position - 1;
      if (key == "id") id = text_of(item);
      if (key != "function" || json::is_null(item)) return simdjson::SUCCESS;
      return each_field(item, [&](std::string_view k, value field) -> simdjson::error_code {
        if (k == "name") name = text_of(field);
        if (k == "arguments") arguments = text_of(field);
        return simdjson::SUCCESS;
      });
    });
    if (err) return err;
    add_tool_call(wire_index, std::move(id), name, arguments, chunk);
  }
  return simdjson::SUCCESS;
}

void OpenAiStreamDecoder::add_tool_call(int64_t wire_index, std::string id, std::string_view name,
                                        std::string_view arguments, Chunk& chunk) {
  using Kind = StreamEvent::Kind;
  const ToolSlot* slot = nullptr;
  for (auto it = tools_.rbegin(); it != tools_.rend(); ++it) {
    if (it->wire_index == wire_index) {
      slot = &*it;
      break;
    }
  }
  if (slot == nullptr || (!id.empty() && id != slot->id)) {
    const int index = static_cast<int>(tools_.size());
    // Callers need an id to answer the call with; servers that omit it get a stable one.
    if (id.empty()) id = "call_" + std::to_string(index);
    StreamEvent start = event_of(Kind::tool_call_start, {}, index);
    start.id = id;
    start.name = name;
    chunk.events.push_back(std::move(start));
    tools_.push_back(ToolSlot{wire_index, std::move(id), index});
    slot = &tools_.back();
  }
  if (!arguments.empty())
    chunk.events.push_back(event_of(Kind::tool_call_delta, arguments, slot->index));
}

// {"error":{"message","type","code"}} (or a bare string), sent by servers that fail after
// the 200 went out.
simdjson::error_code OpenAiStreamDecoder::read_error(value v, Chunk& chunk) {
  std::string message, kind;
  std::string_view text;
  if (v.get_string().get(text) == simdjson::SUCCESS) {
    message = text;
  } else {
    auto err = each_field(v, [&](std::string_view key, value item) -> simdjson::error_code {
      int64_t status = 0;
      if (key == "message") message = text_of(item);
      if (key == "type" || key == "code") kind += std::string(text_of(item)) + ' ';
      if (key == "code" && item.get_int64().get(status) == simdjson::SUCCESS) {
        kind += status == 429 ? "rate_limit" : status == 503 || status == 529 ? "overload" : "";
      }
      return simdjson::SUCCESS;
    });
    if (err) return err;
  }
  StreamEvent event = event_of(StreamEvent::Kind::error);
  event.error = GatewayError{class_for(kind), "provider '" + provider_ + "' stream error: " +
                                                  (message.empty() ? "unknown error" : message)};
  chunk.events.push_back(std::move(event));
  chunk.has_error = true;
  return simdjson::SUCCESS;
}

void OpenAiStreamDecoder::emit(Chunk& chunk, std::vector<StreamEvent>& out) {
  if (chunk.has_error) {
    for (auto& event : chunk.events) {
      if (event.kind == StreamEvent::Kind::error) return fail(std::move(event.error), out);
    }
  }
  if (!started_) {
    started_ = true;
    StreamEvent start = event_of(StreamEvent::Kind::start);
    start.id = std::move(chunk.id);
    start.model = std::move(chunk.model);
    out.push_back(std::move(start));
  }
  for (auto& event : chunk.events) out.push_back(std::move(event));
  if (!chunk.finish_reason.empty() && !finished_) {
    finished_ = true;
    StreamEvent finish = event_of(StreamEvent::Kind::finish);
    finish.finish_reason = canonical_finish_reason(chunk.finish_reason);
    out.push_back(std::move(finish));
  }
}

void OpenAiStreamDecoder::on_done(std::vector<StreamEvent>& out) {
  Chunk empty;
  if (!started_) emit(empty, out);
  if (!finished_) {
    // [DONE] without a finish_reason: the server ended the answer normally, just tersely.
    finished_ = true;
    StreamEvent finish = event_of(StreamEvent::Kind::finish);
    finish.finish_reason = "stop";
    out.push_back(std::move(finish));
  }
  if (usage_) {
    StreamEvent usage = event_of(StreamEvent::Kind::usage);
    usage.usage = *usage_;
    out.push_back(std::move(usage));
  }
  done_ = true;
}

void OpenAiStreamDecoder::finish(std::vector<StreamEvent>& out) {
  if (done_ || failed_) return;
  // Some servers close after the finish chunk without [DONE]: the answer is whole.
  if (finished_) return on_done(out);
  fail(GatewayError{ErrorClass::server, "provider '" + provider_ +
                                            "' closed the stream before it finished (truncated)"},
       out);
}

}  // namespace sluice::providers::openai
