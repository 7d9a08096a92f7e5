// Converse response (a whole, non-streamed 200 body) -> canonical ChatResponse.
#pragma once

#include <string_view>

#include "core/chat.h"
#include "core/result.h"

namespace sluice::providers::bedrock {

// output.message.content: text blocks are concatenated, reasoningContent becomes reasoning,
// toolUse blocks become tool calls (arguments = the input object's JSON text); a toolUse of
// `json_tool` (see json_tool_name) is the answer itself. stopReason and usage are mapped.
// Converse answers carry no id or model: `model` is echoed, the id is left empty and `created`
// 0 for the caller to stamp. A body that cannot be read is a server error.
Result<ChatResponse> decode_converse(std::string_view body, std::string_view model,
                                     std::string_view json_tool = {});

}  // namespace sluice::providers::bedrock
