// Reads a Bedrock Converse request body into the ChatInput the shared reply rules use, so the
// Bedrock mode answers exactly as the OpenAI and Anthropic modes do (see README).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chat_request.h"
#include "faults.h"
#include "request_error.h"

namespace mock {

// Parses `body` (padded in place) into `input`: every text block counts towards text_bytes;
// the last message decides last_role ("tool" when it is a user turn holding toolResult blocks,
// with their text as last_tool_text); toolConfig.tools[0].toolSpec.name, or
// toolChoice.tool.name, is the tool to call. A `[[mock ...]]` directive of the last user text
// is applied to `faults`. `model` comes from the path. Errors carry AWS's wording.
std::optional<RequestError> parse_converse_request(std::string& body, std::string_view model,
                                                   bool stream, ChatInput& input, Faults& faults);

}  // namespace mock
