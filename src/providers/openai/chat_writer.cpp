#include "providers/openai/chat_writer.h"

namespace sluice::providers::openai {
namespace {

void write_tool_call(JsonWriter& json, const ToolCall& call) {
  json.begin_object().field("id", call.id).field("type", "function");
  json.key("function").begin_object().field("name", call.name);
  json.field("arguments", call.arguments).end_object().end_object();
}

void write_message(JsonWriter& json, const ChatResponse& response) {
  json.begin_object().field("role", "assistant").key("content");
  if (response.content.empty() && !response.tool_calls.empty()) {
    json.null();
  } else {
    json.string(response.content);
  }
  json.key("refusal").null();
  if (!response.reasoning.empty()) json.field("reasoning_content", response.reasoning);
  if (!response.tool_calls.empty()) {
    json.key("tool_calls").begin_array();
    for (const auto& call : response.tool_calls) write_tool_call(json, call);
    json.end_array();
  }
  json.end_object();
}

void write_finish_reason(JsonWriter& json, std::string_view finish_reason) {
  json.key("finish_reason");
  if (finish_reason.empty()) {
    json.null();
  } else {
    json.string(finish_reason);
  }
}

}  // namespace

void write_usage(JsonWriter& json, const Usage& usage) {
  const int64_t total =
      usage.total_tokens != 0 ? usage.total_tokens : usage.prompt_tokens + usage.completion_tokens;
  json.begin_object()
      .field("prompt_tokens", usage.prompt_tokens)
      .field("completion_tokens", usage.completion_tokens)
      .field("total_tokens", total);
  json.key("prompt_tokens_details").begin_object().field("cached_tokens", usage.cached_tokens);
  json.end_object();
  json.key("completion_tokens_details").begin_object();
  json.field("reasoning_tokens", usage.reasoning_tokens).end_object();
  json.end_object();
}

std::string write_chat_completion(const ChatResponse& response) {
  std::string out;
  out.reserve(256 + response.content.size() + response.reasoning.size());
  JsonWriter json(out);
  json.begin_object()
      .field("id", response.id)
      .field("object", "chat.completion")
      .field("created", response.created)
      .field("model", response.model);
  json.key("choices").begin_array().begin_object().field("index", int64_t{0});
  json.key("message");
  write_message(json, response);
  json.key("logprobs").null();
  write_finish_reason(json, response.finish_reason);
  json.end_object().end_array();
  json.key("usage");
  write_usage(json, response.usage);
  json.end_object();
  return out;
}

OpenAiChunkWriter::OpenAiChunkWriter(std::string id, std::string model, int64_t created,
                                     bool include_usage)
    : id_(std::move(id)),
      model_(std::move(model)),
      created_(created),
      include_usage_(include_usage) {}

void OpenAiChunkWriter::open_chunk(JsonWriter& json, std::string& out) const {
  out += "data: ";
  json.begin_object()
      .field("id", id_)
      .field("object", "chat.completion.chunk")
      .field("created", created_)
      .field("model", model_);
}

void OpenAiChunkWriter::close_chunk(JsonWriter& json, std::string& out) const {
  json.end_object();
  out += "\n\n";
}

template <class F>
void OpenAiChunkWriter::choice_chunk(std::string& out, std::string_view finish_reason,
                                     F&& write_delta) {
  JsonWriter json(out);
  open_chunk(json, out);
  json.key("choices").begin_array().begin_object().field("index", int64_t{0});
  json.key("delta").begin_object();
  write_delta(json);
  json.end_object().key("logprobs").null();
  write_finish_reason(json, finish_reason);
  json.end_object().end_array();
  if (include_usage_) json.key("usage").null();
  close_chunk(json, out);
}

void OpenAiChunkWriter::ensure_role(std::string& out) {
  if (role_sent_) return;
  role_sent_ = true;
  choice_chunk(out, {}, [](JsonWriter& json) {
    json.field("role", "assistant").field("content", "").key("refusal").null();
  });
}

void OpenAiChunkWriter::write_usage_chunk(std::string& out) {
  if (!pending_usage_ || usage_sent_ || !include_usage_) return;
  usage_sent_ = true;
  JsonWriter json(out);
  open_chunk(json, out);
  json.key("choices").begin_array().end_array().key("usage");
  write_usage(json, *pending_usage_);
  close_chunk(json, out);
}

void OpenAiChunkWriter::write_tool_call(const StreamEvent& event, std::string& out) {
  const bool start = event.kind == StreamEvent::Kind::tool_call_start;
  if (!start && event.text.empty()) return;
  // The first delta of a call names it (id, type, name, empty arguments); later ones carry
  // only argument fragments, as OpenAI streams them.
  choice_chunk(out, {}, [&](JsonWriter& json) {
    json.key("tool_calls").begin_array().begin_object().field("index", int64_t{event.index});
    if (start) json.field("id", event.id).field("type", "function");
    json.key("function").begin_object();
    if (start) json.field("name", event.name);
    json.field("arguments", start ? std::string_view() : std::string_view(event.text));
    json.end_object().end_object().end_array();
  });
}

void OpenAiChunkWriter::write(const StreamEvent& event, std::string& out) {
  using Kind = StreamEvent::Kind;
  if (event.kind == Kind::error) {
    out += "data: " + event.error.to_openai_json() + "\n\n";
    return;
  }
  if (event.kind == Kind::usage) {
    pending_usage_ = event.usage;
    if (finished_) write_usage_chunk(out);  // else held: OpenAI sends usage after the finish
    return;
  }
  ensure_role(out);  // a start event asks for nothing more than this
  if (event.kind == Kind::text_delta || event.kind == Kind::reasoning_delta) {
    if (event.text.empty()) return;
    choice_chunk(out, {}, [&](JsonWriter& json) {
      json.field(event.kind == Kind::text_delta ? "content" : "reasoning_content", event.text);
    });
  } else if (event.kind == Kind::tool_call_start || event.kind == Kind::tool_call_delta) {
    write_tool_call(event, out);
  } else if (event.kind == Kind::finish) {
    finished_ = true;
    choice_chunk(out, event.finish_reason, [](JsonWriter&) {});
    write_usage_chunk(out);
  }
}

std::string OpenAiChunkWriter::write(const StreamEvent& event) {
  std::string out;
  write(event, out);
  return out;
}

std::string OpenAiChunkWriter::done() {
  std::string out;
  write_usage_chunk(out);
  out += "data: [DONE]\n\n";
  return out;
}

}  // namespace sluice::providers::openai
