#include "providers/bedrock/wire.h"

#include "providers/bedrock/sigv4.h"

namespace sluice::providers::bedrock {

std::string converse_path(std::string_view model, bool stream) {
  return "/model/" + uri_encode_segment(model) + (stream ? "/converse-stream" : "/converse");
}

simdjson::error_code read_wire_usage(json::od::value value, WireUsage& usage) {
  json::od::object object;
  if (auto err = value.get_object().get(object)) return err;
  for (auto field : object) {
    std::string_view key;
    json::od::value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    int64_t* target = key == "inputTokens"             ? &usage.input_tokens
                      : key == "outputTokens"          ? &usage.output_tokens
                      : key == "cacheReadInputTokens"  ? &usage.cache_read_input_tokens
                      : key == "cacheWriteInputTokens" ? &usage.cache_write_input_tokens
                                                       : nullptr;
    if (target == nullptr || json::is_null(item)) continue;
    if (auto err = item.get_int64().get(*target)) return err;
  }
  return simdjson::SUCCESS;
}

Usage to_usage(const WireUsage& wire) {
  return usage_from_split_input(wire.input_tokens, wire.output_tokens, wire.cache_read_input_tokens,
                                wire.cache_write_input_tokens);
}

std::string_view finish_reason_for(std::string_view stop_reason, bool json_tool_answer) {
  if (stop_reason == "max_tokens" || stop_reason == "model_context_window_exceeded") {
    return "length";
  }
  if (stop_reason == "tool_use") return json_tool_answer ? "stop" : "tool_calls";
  if (stop_reason == "guardrail_intervened" || stop_reason == "content_filtered") {
    return "content_filter";
  }
  return "stop";  // end_turn, stop_sequence
}

}  // namespace sluice::providers::bedrock
