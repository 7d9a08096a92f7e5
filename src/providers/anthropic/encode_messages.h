// The conversation part of an Anthropic request: top-level `system` and the alternating
// user/assistant `messages` (part of encode).
#pragma once

#include <optional>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::anthropic {

// Writes "system":[text blocks] from system and developer messages, wherever they appear
// (Anthropic has no system role inside messages); nothing when there are none.
std::optional<GatewayError> write_system(JsonWriter& json, const std::vector<Message>& messages);

// Writes "messages":[...]: tool results become user turns, and consecutive turns of the same
// role are merged because the API requires alternation.
std::optional<GatewayError> write_messages(JsonWriter& json, const std::vector<Message>& messages);

}  // namespace sluice::providers::anthropic
