// Anthropic Messages API facts shared by the inbound writers (whole message, stream events,
// errors): stop reasons, error types, message ids and the usage block, for answers that came
// from any provider.
#pragma once

#include <string>
#include <string_view>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::anthropic::inbound {

// Anthropic's stop_reason for a canonical finish_reason. A "stop" that ended in tool calls is
// tool_use: Anthropic clients run tools on that stop reason.
std::string_view stop_reason_for(std::string_view finish_reason, bool has_tool_calls);

// Anthropic's error.type for an error class (rate_limit_error, overloaded_error, ...).
std::string_view error_type_for(ErrorClass cls);

// A "msg_..." id for a canonical response id (Anthropic SDKs show it; some clients check the
// prefix): "chatcmpl-abc" -> "msg_abc", "msg_x" stays, empty -> "msg_unknown".
std::string message_id(std::string_view id);

// The usage object as the next value: input_tokens excludes cache reads and writes, as
// Anthropic counts them.
void write_usage(JsonWriter& json, const Usage& usage);

// The error object {"type":"error","error":{"type","message"}} as the next value.
void write_error_object(JsonWriter& json, const GatewayError& error);

}  // namespace sluice::providers::anthropic::inbound
