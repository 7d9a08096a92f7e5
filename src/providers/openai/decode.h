// OpenAI chat.completion (a whole, non-streamed 200 body) -> canonical ChatResponse, for
// callers whose own API is not OpenAI's.
#pragma once

#include <string_view>

#include "core/chat.h"
#include "core/json_reader.h"
#include "core/result.h"

namespace sluice::providers::openai {

// The first choice's content, reasoning (reasoning_content as DeepSeek and vLLM send it, or
// reasoning as OpenRouter and Ollama do), tool calls and finish_reason, and the usage with its
// cached and reasoning details. A body that cannot be read is a server error naming `provider`.
Result<ChatResponse> decode_chat_completion(std::string_view body,
                                            std::string_view provider = "openai");

// Reads an OpenAI usage object into `usage` (present = true). Counters of the wrong type are
// skipped rather than failing the answer they came with.
simdjson::error_code read_usage_value(json::od::value value, Usage& usage);

// The canonical finish_reason for an OpenAI-compatible one (function_call is tool_calls;
// servers' own words such as "eos" are a plain stop).
std::string_view canonical_finish_reason(std::string_view finish_reason);

}  // namespace sluice::providers::openai
