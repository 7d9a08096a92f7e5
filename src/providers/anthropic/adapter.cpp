#include "providers/anthropic/adapter.h"

#include "providers/anthropic/classify_error.h"
#include "providers/anthropic/decode.h"
#include "providers/anthropic/stream_decoder.h"

namespace sluice::providers::anthropic {

Result<EncodedRequest> AnthropicAdapter::encode_chat(const ChatRequest& request,
                                                     std::string_view upstream_model,
                                                     const config::ProviderConfig& provider) const {
  return encode_request(request, upstream_model, provider, options_);
}

Result<ChatResponse> AnthropicAdapter::decode_chat(const ChatRequest& request,
                                                   std::string_view body,
                                                   const config::ProviderConfig&) const {
  return decode_message(body, json_tool_name(request));
}

std::unique_ptr<StreamDecoder> AnthropicAdapter::new_stream_decoder(
    const ChatRequest& request) const {
  return std::make_unique<AnthropicStreamDecoder>(json_tool_name(request));
}

GatewayError AnthropicAdapter::classify_error(const config::ProviderConfig& provider, int status,
                                              std::string_view retry_after,
                                              std::string_view body) const {
  return anthropic::classify_error(provider.name.empty() ? "anthropic" : provider.name, status,
                                   retry_after, body);
}

}  // namespace sluice::providers::anthropic
