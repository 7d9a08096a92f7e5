#include "providers/openai/adapter.h"

#include "providers/openai/classify_error.h"
#include "providers/openai/decode.h"
#include "providers/openai/encode.h"
#include "providers/openai/stream_decoder.h"

namespace sluice::providers::openai {
namespace {

std::string_view name_of(const config::ProviderConfig& provider) {
  return provider.name.empty() ? std::string_view("openai") : std::string_view(provider.name);
}

}  // namespace

Result<EncodedRequest> OpenAiAdapter::encode_chat(const ChatRequest& request,
                                                  std::string_view upstream_model,
                                                  const config::ProviderConfig& provider) const {
  return encode_chat_request(request, upstream_model, provider);
}

Result<ChatResponse> OpenAiAdapter::decode_chat(const ChatRequest&, std::string_view body,
                                                const config::ProviderConfig& provider) const {
  return decode_chat_completion(body, name_of(provider));
}

std::unique_ptr<StreamDecoder> OpenAiAdapter::new_stream_decoder(const ChatRequest&) const {
  // The interface gives the decoder the request, not the provider, so errors say "openai".
  return std::make_unique<OpenAiStreamDecoder>();
}

GatewayError OpenAiAdapter::classify_error(const config::ProviderConfig& provider, int status,
                                           std::string_view retry_after,
                                           std::string_view body) const {
  return openai::classify_error(name_of(provider), status, retry_after, body);
}

}  // namespace sluice::providers::openai
