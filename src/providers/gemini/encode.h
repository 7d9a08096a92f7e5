// ChatRequest -> Gemini generateContent request (pure: same input, same bytes). The same
// builder serves AI Studio and Vertex AI, which differ only in paths and credentials.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/chat.h"
#include "core/embeddings.h"
#include "core/result.h"
#include "providers/adapter.h"

namespace sluice::providers::gemini {

// The generateContent body (model is in the path, not the body). Errors are bad_request naming
// the request field that cannot be translated.
Result<std::string> encode_body(const ChatRequest& request);

// Body, path (`:generateContent`, or `:streamGenerateContent?alt=sse` when streaming) and
// headers (the key in the provider's auth header, the provider's extra headers).
Result<EncodedRequest> encode_request(const ChatRequest& request, std::string_view model,
                                      const config::ProviderConfig& provider);

// A countTokens request for the same conversation: {"generateContentRequest":{...}} so that
// the system instruction and tools are counted too.
Result<EncodedRequest> encode_count_tokens(const ChatRequest& request, std::string_view model,
                                           const config::ProviderConfig& provider);

// A batchEmbedContents request: one EmbedContentRequest per input.
Result<EncodedRequest> encode_embeddings(const EmbeddingsRequest& request, std::string_view model,
                                         const config::ProviderConfig& provider);

// thinkingBudget for OpenAI's reasoning_effort: 0 for none, -2 when unset, -1 when unknown.
int64_t thinking_budget(std::string_view reasoning_effort);

}  // namespace sluice::providers::gemini
