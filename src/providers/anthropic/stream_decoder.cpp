#include "providers/anthropic/stream_decoder.h"

#include "providers/anthropic/classify_error.h"

namespace sluice::providers::anthropic {
namespace {

using json::od::object;
using json::od::value;

// Content block indexes beyond this are not believed (they would size the block table).
constexpr int64_t kMaxBlocks = 4096;

StreamEvent event_of(StreamEvent::Kind kind) {
  StreamEvent event;
  event.kind = kind;
  return event;
}

StreamEvent text_event(StreamEvent::Kind kind, std::string_view text, int index = 0) {
  StreamEvent event = event_of(kind);
  event.text = text;
  event.index = index;
  return event;
}

// A string field that may be missing or null: empty then.
std::string_view string_field(object& obj, std::string_view key) {
  std::string_view text;
  if (obj.find_field_unordered(key).get_string().get(text)) return {};
  return text;
}

}  // namespace

AnthropicStreamDecoder::AnthropicStreamDecoder(std::string json_tool)
    : json_tool_(std::move(json_tool)) {}

void AnthropicStreamDecoder::fail(GatewayError error, std::vector<StreamEvent>& out) {
  failed_ = true;
  StreamEvent event = event_of(StreamEvent::Kind::error);
  event.error = std::move(error);
  out.push_back(std::move(event));
}

AnthropicStreamDecoder::Block* AnthropicStreamDecoder::block_at(int64_t index) {
  if (index < 0 || index >= static_cast<int64_t>(blocks_.size())) return nullptr;
  return &blocks_[static_cast<std::size_t>(index)];
}

void AnthropicStreamDecoder::on_event(std::string_view event, std::string_view data,
                                      std::vector<StreamEvent>& out) {
  if (failed_ || stopped_) return;
  simdjson::error_code err = simdjson::SUCCESS;
  try {
    json::od::document doc;
    object root;
    err = input_.open(data, doc);
    if (!err) err = doc.get_object().get(root);
    // The data's own type is authoritative; the SSE event name is the same by convention.
    std::string_view type = event;
    if (!err && root.find_field_unordered("type").get_string().get(type)) type = event;
    if (!err) err = dispatch(type, root, out);
  } catch (const std::exception&) {
    err = simdjson::TAPE_ERROR;
  }
  if (err) {
    fail(GatewayError{ErrorClass::server,
                      "provider 'anthropic' sent a stream event the gateway "
                      "could not read (" +
                          std::string(event) + ")"},
         out);
  }
}

simdjson::error_code AnthropicStreamDecoder::dispatch(std::string_view type, object& root,
                                                      std::vector<StreamEvent>& out) {
  if (type == "message_start") return on_message_start(root, out);
  if (type == "content_block_start") return on_block_start(root, out);
  if (type == "content_block_delta") return on_block_delta(root, out);
  if (type == "message_delta") return on_message_delta(root, out);
  if (type == "error") return on_error(root, out);
  if (type == "message_stop") {
    stopped_ = true;
    StreamEvent usage = event_of(StreamEvent::Kind::usage);
    usage.usage = to_usage(usage_);
    out.push_back(std::move(usage));
  }
  return simdjson::SUCCESS;  // content_block_stop, ping and future events carry nothing for us
}

simdjson::error_code AnthropicStreamDecoder::on_message_start(object& root,
                                                              std::vector<StreamEvent>& out) {
  object message;
  if (auto err = root.find_field_unordered("message").get_object().get(message)) return err;
  StreamEvent start = event_of(StreamEvent::Kind::start);
  start.id = string_field(message, "id");
  start.model = string_field(message, "model");
  value usage;
  if (message.find_field_unordered("usage").get(usage) == simdjson::SUCCESS) {
    if (auto err = read_wire_usage(usage, usage_)) return err;
  }
  out.push_back(std::move(start));
  return simdjson::SUCCESS;
}

simdjson::error_code AnthropicStreamDecoder::on_block_start(object& root,
                                                            std::vector<StreamEvent>& out) {
  int64_t index = 0;
  object block;
  if (auto err = root.find_field_unordered("index").get_int64().get(index)) return err;
  if (auto err = root.find_field_unordered("content_block").get_object().get(block)) return err;
  if (index < 0 || index >= kMaxBlocks) return simdjson::INDEX_OUT_OF_BOUNDS;
  if (index >= static_cast<int64_t>(blocks_.size())) blocks_.resize(index + 1);
  Block& entry = blocks_[static_cast<std::size_t>(index)];
  const std::string_view type = string_field(block, "type");
  using Kind = StreamEvent::Kind;
  if (type == "text") {
    entry.kind = Block::Kind::text;
    const std::string_view text = string_field(block, "text");
    if (!text.empty()) out.push_back(text_event(Kind::text_delta, text));
  } else if (type == "thinking") {
    entry.kind = Block::Kind::thinking;
    const std::string_view thinking = string_field(block, "thinking");
    if (!thinking.empty()) out.push_back(text_event(Kind::reasoning_delta, thinking));
  } else if (type == "tool_use") {
    StreamEvent start = event_of(Kind::tool_call_start);
    start.id = string_field(block, "id");
    start.name = string_field(block, "name");
    if (!json_tool_.empty() && start.name == json_tool_) {
      entry.kind = Block::Kind::json_tool;
      json_answer_ = true;
      return simdjson::SUCCESS;
    }
    entry.kind = Block::Kind::tool;
    entry.tool_index = start.index = next_tool_index_++;
    out.push_back(std::move(start));
  }
  return simdjson::SUCCESS;
}

simdjson::error_code AnthropicStreamDecoder::on_block_delta(object& root,
                                                            std::vector<StreamEvent>& out) {
  int64_t index = 0;
  object delta;
  if (auto err = root.find_field_unordered("index").get_int64().get(index)) return err;
  if (auto err = root.find_field_unordered("delta").get_object().get(delta)) return err;
  const std::string_view type = string_field(delta, "type");
  const Block* block = block_at(index);
  const Block::Kind kind = block ? block->kind : Block::Kind::other;
  using Kind = StreamEvent::Kind;
  if (type == "text_delta") {
    out.push_back(text_event(Kind::text_delta, string_field(delta, "text")));
  } else if (type == "thinking_delta") {
    out.push_back(text_event(Kind::reasoning_delta, string_field(delta, "thinking")));
  } else if (type == "input_json_delta" && kind == Block::Kind::tool) {
    const std::string_view part = string_field(delta, "partial_json");
    if (!part.empty()) out.push_back(text_event(Kind::tool_call_delta, part, block->tool_index));
  } else if (type == "input_json_delta" && kind == Block::Kind::json_tool) {
    const std::string_view part = string_field(delta, "partial_json");
    if (!part.empty()) out.push_back(text_event(Kind::text_delta, part));
  }
  return simdjson::SUCCESS;  // signature_delta, citations: nothing OpenAI-shaped to say
}

simdjson::error_code AnthropicStreamDecoder::on_message_delta(object& root,
                                                              std::vector<StreamEvent>& out) {
  value usage;
  if (root.find_field_unordered("usage").get(usage) == simdjson::SUCCESS && !json::is_null(usage)) {
    if (auto err = read_wire_usage(usage, usage_)) return err;
  }
  object delta;
  if (root.find_field_unordered("delta").get_object().get(delta)) return simdjson::SUCCESS;
  const std::string_view stop_reason = string_field(delta, "stop_reason");
  if (stop_reason.empty()) return simdjson::SUCCESS;
  StreamEvent finish = event_of(StreamEvent::Kind::finish);
  finish.finish_reason = finish_reason_for(stop_reason, json_answer_);
  out.push_back(std::move(finish));
  return simdjson::SUCCESS;
}

simdjson::error_code AnthropicStreamDecoder::on_error(object& root, std::vector<StreamEvent>& out) {
  object error;
  if (auto err = root.find_field_unordered("error").get_object().get(error)) return err;
  const std::string_view type = string_field(error, "type");
  const std::string_view message = string_field(error, "message");
  fail(stream_error(type, message), out);
  return simdjson::SUCCESS;
}

void AnthropicStreamDecoder::finish(std::vector<StreamEvent>& out) {
  if (stopped_ || failed_) return;
  fail(GatewayError{ErrorClass::server,
                    "provider 'anthropic' closed the stream before message_stop (truncated)"},
       out);
}

}  // namespace sluice::providers::anthropic
