// BedrockAdapter: the Converse / ConverseStream APIs behind the canonical chat interface.
#pragma once

#include <memory>
#include <string_view>

#include "providers/adapter.h"

namespace sluice::providers::bedrock {

// Glue over encode, decode, stream_decoder, classify_error and SigV4 signing. Stateless: one
// instance serves every worker. Streams are AWS event-stream frames, not SSE.
class BedrockAdapter : public ProviderAdapter {
 public:
  std::string_view family() const override { return "bedrock"; }
  Result<EncodedRequest> encode_chat(const ChatRequest& request, std::string_view upstream_model,
                                     const config::ProviderConfig& provider) const override;
  Result<ChatResponse> decode_chat(const ChatRequest& request, std::string_view body,
                                   const config::ProviderConfig& provider) const override;
  std::unique_ptr<StreamDecoder> new_stream_decoder(const ChatRequest& request) const override;
  std::unique_ptr<upstream::EventFramer> new_event_framer() const override;
  std::string_view stream_content_type() const override;
  // SigV4 with the provider's AWS keys (x-amz-date, x-amz-content-sha256, the session token
  // when set, Authorization). A provider with an api_key and no AWS keys (a Bedrock API key)
  // is sent as a bearer token by encode_chat and not signed.
  std::optional<GatewayError> sign(EncodedRequest& request,
                                   const SigningContext& context) const override;
  GatewayError classify_error(const config::ProviderConfig& provider, int status,
                              std::string_view retry_after, std::string_view body) const override;
};

}  // namespace sluice::providers::bedrock
