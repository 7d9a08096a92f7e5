#include "providers/bedrock/stream_decoder.h"

#include "providers/bedrock/classify_error.h"

namespace sluice::providers::bedrock {
namespace {

using json::od::object;
using json::od::value;

// Content block indexes beyond this are not believed (they would size the block table).
constexpr int64_t kMaxBlocks = 4096;
constexpr std::string_view kExceptionPrefix = "exception:";

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

BedrockStreamDecoder::BedrockStreamDecoder(std::string json_tool)
    : json_tool_(std::move(json_tool)) {}

void BedrockStreamDecoder::fail(GatewayError error, std::vector<StreamEvent>& out) {
  failed_ = true;
  StreamEvent event = event_of(StreamEvent::Kind::error);
  event.error = std::move(error);
  out.push_back(std::move(event));
}

BedrockStreamDecoder::Block& BedrockStreamDecoder::block_at(int64_t index) {
  if (index >= static_cast<int64_t>(blocks_.size())) blocks_.resize(index + 1);
  return blocks_[static_cast<std::size_t>(index)];
}

void BedrockStreamDecoder::on_event(std::string_view event, std::string_view data,
                                    std::vector<StreamEvent>& out) {
  if (failed_ || (metadata_ && stopped_)) return;
  if (event.starts_with(kExceptionPrefix)) {
    fail(stream_error("bedrock", event.substr(kExceptionPrefix.size()), data), out);
    return;
  }
  simdjson::error_code err = simdjson::SUCCESS;
  try {
    json::od::document doc;
    object root;
    err = input_.open(data, doc);
    if (!err) err = doc.get_object().get(root);
    if (!err) err = dispatch(event, root, out);
  } catch (const std::exception&) {
    err = simdjson::TAPE_ERROR;
  }
  if (err) {
    fail(GatewayError{ErrorClass::server,
                      "provider 'bedrock' sent a stream event the gateway could not read (" +
                          std::string(event) + ")"},
         out);
  }
}

simdjson::error_code BedrockStreamDecoder::dispatch(std::string_view type, object& root,
                                                    std::vector<StreamEvent>& out) {
  if (type == "messageStart") {
    out.push_back(event_of(StreamEvent::Kind::start));
    return simdjson::SUCCESS;
  }
  if (type == "contentBlockStart") return on_block_start(root, out);
  if (type == "contentBlockDelta") return on_block_delta(root, out);
  if (type == "messageStop") return on_message_stop(root, out);
  if (type == "metadata") return on_metadata(root, out);
  return simdjson::SUCCESS;  // contentBlockStop and future events carry nothing for us
}

simdjson::error_code BedrockStreamDecoder::on_block_start(object& root,
                                                          std::vector<StreamEvent>& out) {
  int64_t index = 0;
  object start, tool;
  if (auto err = root.find_field_unordered("contentBlockIndex").get_int64().get(index)) return err;
  if (index < 0 || index >= kMaxBlocks) return simdjson::INDEX_OUT_OF_BOUNDS;
  if (auto err = root.find_field_unordered("start").get_object().get(start)) return err;
  if (start.find_field_unordered("toolUse").get_object().get(tool)) return simdjson::SUCCESS;
  Block& block = block_at(index);
  StreamEvent event = event_of(StreamEvent::Kind::tool_call_start);
  event.id = string_field(tool, "toolUseId");
  event.name = string_field(tool, "name");
  if (!json_tool_.empty() && event.name == json_tool_) {
    block.kind = Block::Kind::json_tool;
    json_answer_ = true;
    return simdjson::SUCCESS;
  }
  block.kind = Block::Kind::tool;
  block.tool_index = event.index = next_tool_index_++;
  out.push_back(std::move(event));
  return simdjson::SUCCESS;
}

simdjson::error_code BedrockStreamDecoder::on_block_delta(object& root,
                                                          std::vector<StreamEvent>& out) {
  int64_t index = 0;
  object delta;
  if (auto err = root.find_field_unordered("contentBlockIndex").get_int64().get(index)) return err;
  if (index < 0 || index >= kMaxBlocks) return simdjson::INDEX_OUT_OF_BOUNDS;
  if (auto err = root.find_field_unordered("delta").get_object().get(delta)) return err;
  const Block block = block_at(index);
  using Kind = StreamEvent::Kind;
  for (auto field : delta) {
    std::string_view key;
    value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    object inner;
    if (key == "text") {
      std::string_view text;
      if (auto err = item.get_string().get(text)) return err;
      if (!text.empty()) out.push_back(text_event(Kind::text_delta, text));
    } else if (key == "toolUse" && item.get_object().get(inner) == simdjson::SUCCESS) {
      const std::string_view part = string_field(inner, "input");
      if (part.empty() || block.kind == Block::Kind::text) continue;
      if (block.kind == Block::Kind::json_tool) {
        out.push_back(text_event(Kind::text_delta, part));
      } else {
        out.push_back(text_event(Kind::tool_call_delta, part, block.tool_index));
      }
    } else if (key == "reasoningContent" && item.get_object().get(inner) == simdjson::SUCCESS) {
      const std::string_view text = string_field(inner, "text");
      if (!text.empty()) out.push_back(text_event(Kind::reasoning_delta, text));
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code BedrockStreamDecoder::on_message_stop(object& root,
                                                           std::vector<StreamEvent>& out) {
  stopped_ = true;
  StreamEvent finish = event_of(StreamEvent::Kind::finish);
  finish.finish_reason = finish_reason_for(string_field(root, "stopReason"), json_answer_);
  out.push_back(std::move(finish));
  return simdjson::SUCCESS;
}

simdjson::error_code BedrockStreamDecoder::on_metadata(object& root,
                                                       std::vector<StreamEvent>& out) {
  value usage_value;
  WireUsage usage;
  if (root.find_field_unordered("usage").get(usage_value) == simdjson::SUCCESS) {
    if (auto err = read_wire_usage(usage_value, usage)) return err;
    StreamEvent event = event_of(StreamEvent::Kind::usage);
    event.usage = to_usage(usage);
    out.push_back(std::move(event));
  }
  metadata_ = true;
  return simdjson::SUCCESS;
}

void BedrockStreamDecoder::finish(std::vector<StreamEvent>& out) {
  if (stopped_ || failed_) return;
  fail(GatewayError{ErrorClass::server,
                    "provider 'bedrock' closed the stream before messageStop (truncated)"},
       out);
}

}  // namespace sluice::providers::bedrock
