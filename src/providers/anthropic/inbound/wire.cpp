#include "providers/anthropic/inbound/wire.h"

#include <algorithm>

namespace sluice::providers::anthropic::inbound {

std::string_view stop_reason_for(std::string_view finish_reason, bool has_tool_calls) {
  if (finish_reason == "length") return "max_tokens";
  if (finish_reason == "tool_calls" || finish_reason == "function_call") return "tool_use";
  if (finish_reason == "content_filter") return "refusal";
  return has_tool_calls ? "tool_use" : "end_turn";
}

std::string_view error_type_for(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::rate_limited:
      return "rate_limit_error";
    case ErrorClass::overloaded:
      return "overloaded_error";
    case ErrorClass::auth:
      return "authentication_error";
    case ErrorClass::permission:
      return "permission_error";
    case ErrorClass::not_found:
      return "not_found_error";
    case ErrorClass::payload_too_large:
      return "request_too_large";
    // Anthropic uses invalid_request_error for every other 4xx, including a prompt too long
    // (Claude Code recognises that one by its type and wording to compact the conversation).
    case ErrorClass::bad_request:
    case ErrorClass::context_length:
    case ErrorClass::content_filter:
    case ErrorClass::method_not_allowed:
    case ErrorClass::headers_too_large:
      return "invalid_request_error";
    default:
      return "api_error";
  }
}

std::string message_id(std::string_view id) {
  if (id.empty()) return "msg_unknown";
  if (id.starts_with("msg_")) return std::string(id);
  if (id.starts_with("chatcmpl-")) id.remove_prefix(9);
  return "msg_" + std::string(id);
}

void write_usage(JsonWriter& json, const Usage& usage) {
  const int64_t input =
      std::max<int64_t>(0, usage.prompt_tokens - usage.cached_tokens - usage.cache_write_tokens);
  json.begin_object()
      .field("input_tokens", input)
      .field("cache_creation_input_tokens", usage.cache_write_tokens)
      .field("cache_read_input_tokens", usage.cached_tokens)
      .field("output_tokens", usage.completion_tokens)
      .end_object();
}

void write_error_object(JsonWriter& json, const GatewayError& error) {
  json.begin_object().field("type", "error").key("error").begin_object();
  json.field("type", error_type_for(error.cls)).field("message", error.message);
  json.end_object().end_object();
}

}  // namespace sluice::providers::anthropic::inbound
