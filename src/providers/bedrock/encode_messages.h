// The conversation part of a Converse request: top-level `system` and the alternating
// user/assistant `messages` (part of encode).
#pragma once

#include <optional>
#include <vector>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::bedrock {

// Writes "system":[{"text"}...] from system and developer messages, wherever they appear;
// nothing when there are none.
std::optional<GatewayError> write_system(JsonWriter& json, const std::vector<Message>& messages);

// Writes "messages":[...]: text, images (base64 data: URLs only; Converse cannot fetch URLs),
// toolUse for the assistant's calls, toolResult for tool messages (merged into a user turn), and
// consecutive turns of one role merged because Converse requires alternation.
std::optional<GatewayError> write_messages(JsonWriter& json, const std::vector<Message>& messages);

// True when some message holds a tool call or a tool result (Converse then needs toolConfig).
bool has_tool_history(const std::vector<Message>& messages);

}  // namespace sluice::providers::bedrock
