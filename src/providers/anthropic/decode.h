// Anthropic message (a whole, non-streamed 200 body) -> canonical ChatResponse.
#pragma once

#include <string_view>

#include "core/chat.h"
#include "core/result.h"

namespace sluice::providers::anthropic {

// Text blocks are concatenated, thinking blocks become reasoning, tool_use blocks become tool
// calls (arguments = the input object's JSON text). A tool_use of `json_tool` (see
// json_tool_name) is the answer itself: its input becomes the content. `created` is left 0
// for the caller to stamp. A body that cannot be read is a server error.
Result<ChatResponse> decode_message(std::string_view body, std::string_view json_tool = {});

}  // namespace sluice::providers::anthropic
