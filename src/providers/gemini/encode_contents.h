// The conversation part of a Gemini request: `systemInstruction` and the user/model `contents`
// (part of encode; also the body of countTokens).
#pragma once

#include <optional>
#include <vector>

#include "core/chat.h"
#include "core/json_writer.h"

namespace sluice::providers::gemini {

// Writes "systemInstruction":{"parts":[{"text"}...]} from system and developer messages,
// wherever they appear; nothing when there are none.
std::optional<GatewayError> write_system_instruction(JsonWriter& json,
                                                     const std::vector<Message>& messages);

// Writes "contents":[...]: assistant turns are role "model" (text, then functionCall parts),
// tool results are functionResponse parts of a user turn (named after the earlier tool_call
// with the same id), and consecutive turns of one role are merged.
std::optional<GatewayError> write_contents(JsonWriter& json, const std::vector<Message>& messages);

// The media type Gemini needs for a file URL, guessed from its extension (image/jpeg when
// there is none it knows).
std::string_view mime_type_for_url(std::string_view url);

}  // namespace sluice::providers::gemini
