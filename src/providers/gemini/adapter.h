// GeminiAdapter: the Gemini API (AI Studio; Vertex AI paths too) behind the canonical chat and
// embeddings interfaces.
#pragma once

#include <memory>
#include <string_view>

#include "providers/adapter.h"

namespace sluice::providers::gemini {

// Glue over encode, decode, stream_decoder and classify_error. Stateless: one instance serves
// every worker.
class GeminiAdapter : public ProviderAdapter {
 public:
  std::string_view family() const override { return "gemini"; }
  Result<EncodedRequest> encode_chat(const ChatRequest& request, std::string_view upstream_model,
                                     const config::ProviderConfig& provider) const override;
  Result<ChatResponse> decode_chat(const ChatRequest& request, std::string_view body,
                                   const config::ProviderConfig& provider) const override;
  std::unique_ptr<StreamDecoder> new_stream_decoder(const ChatRequest& request) const override;
  Result<EncodedRequest> encode_embeddings(const EmbeddingsRequest& request,
                                           std::string_view upstream_model,
                                           const config::ProviderConfig& provider) const override;
  Result<EmbeddingsResponse> decode_embeddings(
      const EmbeddingsRequest& request, std::string_view body,
      const config::ProviderConfig& provider) const override;
  GatewayError classify_error(const config::ProviderConfig& provider, int status,
                              std::string_view retry_after, std::string_view body) const override;
};

}  // namespace sluice::providers::gemini
