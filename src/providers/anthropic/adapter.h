// AnthropicAdapter: the Messages API behind the canonical chat interface.
#pragma once

#include <memory>
#include <string_view>

#include "providers/adapter.h"
#include "providers/anthropic/encode.h"

namespace sluice::providers::anthropic {

// Glue over encode, decode, stream_decoder and classify_error. Stateless: one instance serves
// every worker. JSON output (response_format) is carried by a forced tool whose input the
// decoders turn back into text, which is why they take the request.
class AnthropicAdapter : public ProviderAdapter {
 public:
  explicit AnthropicAdapter(EncodeOptions options = {}) : options_(options) {}

  std::string_view family() const override { return "anthropic"; }
  Result<EncodedRequest> encode_chat(const ChatRequest& request, std::string_view upstream_model,
                                     const config::ProviderConfig& provider) const override;
  Result<ChatResponse> decode_chat(const ChatRequest& request, std::string_view body,
                                   const config::ProviderConfig& provider) const override;
  std::unique_ptr<StreamDecoder> new_stream_decoder(const ChatRequest& request) const override;
  GatewayError classify_error(const config::ProviderConfig& provider, int status,
                              std::string_view retry_after, std::string_view body) const override;

 private:
  EncodeOptions options_;
};

}  // namespace sluice::providers::anthropic
