#include "providers/gemini/adapter.h"

#include "providers/gemini/classify_error.h"
#include "providers/gemini/decode.h"
#include "providers/gemini/encode.h"
#include "providers/gemini/stream_decoder.h"
#include "providers/gemini/wire.h"

namespace sluice::providers::gemini {

Result<EncodedRequest> GeminiAdapter::encode_chat(const ChatRequest& request,
                                                  std::string_view upstream_model,
                                                  const config::ProviderConfig& provider) const {
  return encode_request(request, upstream_model, provider);
}

Result<ChatResponse> GeminiAdapter::decode_chat(const ChatRequest&, std::string_view body,
                                                const config::ProviderConfig& provider) const {
  return decode_response(body, provider_label(provider));
}

std::unique_ptr<StreamDecoder> GeminiAdapter::new_stream_decoder(const ChatRequest&) const {
  return std::make_unique<GeminiStreamDecoder>();
}

Result<EncodedRequest> GeminiAdapter::encode_embeddings(
    const EmbeddingsRequest& request, std::string_view upstream_model,
    const config::ProviderConfig& provider) const {
  return gemini::encode_embeddings(request, upstream_model, provider);
}

Result<EmbeddingsResponse> GeminiAdapter::decode_embeddings(
    const EmbeddingsRequest&, std::string_view body, const config::ProviderConfig& provider) const {
  return gemini::decode_embeddings(body, provider_label(provider));
}

GatewayError GeminiAdapter::classify_error(const config::ProviderConfig& provider, int status,
                                           std::string_view retry_after,
                                           std::string_view body) const {
  return gemini::classify_error(provider_label(provider), status, retry_after, body);
}

}  // namespace sluice::providers::gemini
