// Gemini embedContent / batchEmbedContents answers: deterministic unit vectors per text.
#pragma once

#include <string>

#include "gemini_request.h"

namespace mock {

// `{"embedding":{"values":[...]}}` (batch == false, the first text) or
// `{"embeddings":[{"values":[...]},...]}` (batch == true).
void append_gemini_embeddings(std::string& out, const GeminiInput& input, bool batch);

}  // namespace mock
