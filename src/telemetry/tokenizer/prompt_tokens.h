// Prompt-token estimates from request bodies, for calls whose provider reported no usage.
#pragma once

#include <cstdint>
#include <string_view>

#include "telemetry/tokenizer/bpe_tokenizer.h"

namespace sluice::telemetry {

// Prompt tokens of an OpenAI chat completion request, by the OpenAI cookbook's formula: 3 per
// message, plus its role, text content (a string or the text parts of an array), name (+1), and
// tool call names and arguments; plus 3 that prime the reply. Images, audio and tool
// definitions are not counted. 0 when the body is not readable JSON.
int64_t count_chat_prompt_tokens(const BpeTokenizer& tokenizer,
                                 std::string_view openai_chat_request_json);

// Input tokens of an OpenAI embeddings request: input is a string, an array of strings, or
// token ids (an array of integers or of integer arrays, counted by length). 0 when unreadable.
int64_t count_embedding_input_tokens(const BpeTokenizer& tokenizer,
                                     std::string_view embeddings_request_json);

}  // namespace sluice::telemetry
