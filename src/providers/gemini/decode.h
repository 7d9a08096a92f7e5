// Gemini generateContent / batchEmbedContents / countTokens answers -> canonical forms.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/chat.h"
#include "core/embeddings.h"
#include "core/result.h"

namespace sluice::providers::gemini {

// A whole 200 generateContent body. Unreadable bodies are server errors naming `provider`.
// Function calls get ids call_0, call_1, ... (Gemini's calls have no ids).
Result<ChatResponse> decode_response(std::string_view body, std::string_view provider = "gemini");

// A batchEmbedContents body: {"embeddings":[{"values":[...]}...]}.
Result<EmbeddingsResponse> decode_embeddings(std::string_view body, std::string_view provider);

// A countTokens body: {"totalTokens":N,...} -> N.
Result<int64_t> decode_count_tokens(std::string_view body, std::string_view provider);

// The id of the n-th function call of an answer.
std::string tool_call_id(int n);

}  // namespace sluice::providers::gemini
