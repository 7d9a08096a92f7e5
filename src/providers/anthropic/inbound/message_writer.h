// Writes canonical answers as Anthropic Messages API bodies, so the official SDKs and Claude
// Code read an answer from any provider exactly as they read Anthropic's.
#pragma once

#include <string>
#include <string_view>

#include "core/chat.h"

namespace sluice::providers::anthropic::inbound {

// A whole `message` body for `model` (the name the caller asked for). Content blocks come in
// Anthropic's order: thinking (with an empty signature: no provider but Anthropic can sign it),
// text, then tool_use whose input is the parsed arguments ({} when they are not a JSON object).
std::string write_message(const ChatResponse& response, std::string_view model);

// The error body {"type":"error","error":{"type","message"}}, with Anthropic's type names.
std::string write_error(const GatewayError& error);

}  // namespace sluice::providers::anthropic::inbound
