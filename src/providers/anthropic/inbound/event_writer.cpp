#include "providers/anthropic/inbound/event_writer.h"

#include "providers/anthropic/inbound/wire.h"

namespace sluice::providers::anthropic::inbound {

AnthropicEventWriter::AnthropicEventWriter(std::string id, std::string model)
    : id_(id.empty() ? std::string() : message_id(id)), model_(std::move(model)) {}

template <class F>
void AnthropicEventWriter::emit(std::string_view name, std::string& out, F&& write_data) {
  out += "event: ";
  out += name;
  out += "\ndata: ";
  JsonWriter json(out);
  json.begin_object().field("type", name);
  write_data(json);
  json.end_object();
  out += "\n\n";
}

void AnthropicEventWriter::ensure_started(const StreamEvent* start, std::string& out) {
  if (started_) return;
  started_ = true;
  if (id_.empty()) id_ = message_id(start ? std::string_view(start->id) : std::string_view());
  if (model_.empty() && start) model_ = start->model;
  // Input usage is rarely known this early (OpenAI-shaped upstreams report it last); the
  // message_delta at the end repeats it, and clients take the later value.
  const Usage usage = usage_.value_or(Usage{});
  emit("message_start", out, [&](JsonWriter& json) {
    json.key("message").begin_object().field("id", id_).field("type", "message");
    json.field("role", "assistant").field("model", model_);
    json.key("content").begin_array().end_array();
    json.key("stop_reason").null().key("stop_sequence").null().key("usage");
    write_usage(json, usage);
    json.end_object();
  });
}

void AnthropicEventWriter::close_block(std::string& out) {
  if (open_ == Block::none) return;
  emit("content_block_stop", out,
       [&](JsonWriter& json) { json.field("index", int64_t{open_index_}); });
  open_ = Block::none;
}

void AnthropicEventWriter::open_block(Block kind, const StreamEvent& event, std::string& out) {
  close_block(out);
  open_ = kind;
  open_index_ = next_index_++;
  if (kind == Block::tool) {
    tool_blocks_.emplace_back(event.index, open_index_);
  }
  emit("content_block_start", out, [&](JsonWriter& json) {
    json.field("index", int64_t{open_index_}).key("content_block").begin_object();
    if (kind == Block::text) {
      json.field("type", "text").field("text", "");
    } else if (kind == Block::thinking) {
      json.field("type", "thinking").field("thinking", "").field("signature", "");
    } else {
      json.field("type", "tool_use").field("id", event.id).field("name", event.name);
      json.key("input").begin_object().end_object();
    }
    json.end_object();
  });
}

int AnthropicEventWriter::tool_block(int tool_index) const {
  for (const auto& [tool, block] : tool_blocks_) {
    if (tool == tool_index) return block;
  }
  return -1;
}

void AnthropicEventWriter::write_delta(const StreamEvent& event, std::string& out) {
  if (event.text.empty()) return;
  const bool text = event.kind == StreamEvent::Kind::text_delta;
  const Block kind = text ? Block::text : Block::thinking;
  if (open_ != kind) open_block(kind, event, out);
  emit("content_block_delta", out, [&](JsonWriter& json) {
    json.field("index", int64_t{open_index_}).key("delta").begin_object();
    json.field("type", text ? "text_delta" : "thinking_delta");
    json.field(text ? "text" : "thinking", event.text).end_object();
  });
}

void AnthropicEventWriter::write_tool_delta(const StreamEvent& event, std::string& out) {
  const int block = tool_block(event.index);
  // Decoders always start a call before its fragments; a fragment of an unknown call has no
  // block to go to.
  if (block < 0 || event.text.empty()) return;
  // Upstreams stream one call's arguments after another, so the block is the open one. Should
  // a fragment of an earlier call arrive late, it still names that call's block: clients
  // assemble inputs by block index.
  emit("content_block_delta", out, [&](JsonWriter& json) {
    json.field("index", int64_t{block}).key("delta").begin_object();
    json.field("type", "input_json_delta").field("partial_json", event.text).end_object();
  });
}

void AnthropicEventWriter::write_error(const GatewayError& error, std::string& out) {
  ended_ = true;
  out += "event: error\ndata: ";
  JsonWriter json(out);
  write_error_object(json, error);
  out += "\n\n";
}

void AnthropicEventWriter::finish_message(std::string& out) {
  ensure_started(nullptr, out);
  close_block(out);
  ended_ = true;
  const bool tools = !tool_blocks_.empty();
  emit("message_delta", out, [&](JsonWriter& json) {
    json.key("delta").begin_object().field("stop_reason", stop_reason_for(finish_reason_, tools));
    json.key("stop_sequence").null().end_object().key("usage");
    write_usage(json, usage_.value_or(Usage{}));
  });
  emit("message_stop", out, [](JsonWriter&) {});
}

void AnthropicEventWriter::write(const StreamEvent& event, std::string& out) {
  using Kind = StreamEvent::Kind;
  if (ended_) return;
  switch (event.kind) {
    case Kind::error:
      write_error(event.error, out);
      return;
    case Kind::usage:
      usage_ = event.usage;
      if (finished_) finish_message(out);  // usage is the last thing OpenAI-shaped streams send
      return;
    case Kind::finish:
      ensure_started(nullptr, out);
      close_block(out);
      finished_ = true;
      finish_reason_ = event.finish_reason;
      return;
    default:
      break;
  }
  if (finished_) return;  // content after the finish has no block to go to
  ensure_started(&event, out);
  if (event.kind == Kind::text_delta || event.kind == Kind::reasoning_delta) {
    write_delta(event, out);
  } else if (event.kind == Kind::tool_call_start) {
    if (tool_block(event.index) < 0) open_block(Block::tool, event, out);
  } else if (event.kind == Kind::tool_call_delta) {
    write_tool_delta(event, out);
  }
}

std::string AnthropicEventWriter::write(const StreamEvent& event) {
  std::string out;
  write(event, out);
  return out;
}

void AnthropicEventWriter::end(std::string& out) {
  if (!ended_) finish_message(out);
}

std::string AnthropicEventWriter::end() {
  std::string out;
  end(out);
  return out;
}

}  // namespace sluice::providers::anthropic::inbound
