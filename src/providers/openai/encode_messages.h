// The `messages` array of an OpenAI chat-completions request, from canonical messages (part of
// encode).
#pragma once

#include <optional>
#include <vector>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::openai {

// Writes "messages":[...]. Errors name the canonical message part that OpenAI cannot take
// (an image in a system message).
std::optional<GatewayError> write_chat_messages(JsonWriter& json,
                                                const std::vector<Message>& messages);

}  // namespace sluice::providers::openai
