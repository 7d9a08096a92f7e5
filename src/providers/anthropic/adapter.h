// AnthropicAdapter: the Messages API behind the canonical chat interface.
#pragma once

#include <memory>
#include <string_view>

#include "providers/adapter.h"
#include "providers/anthropic/encode.h"

namespace sluice::providers::anthropic {

// Glue over encode, decode, stream_decoder and classify_error. Stateless: one instance serves
// every worker.
//
// JSON output (response_format) is carried by a forced tool whose input is turned back into
// text when decoding; that needs the request, which ProviderAdapter's decode_chat and
// new_stream_decoder do not receive. Callers that may send response_format use the
// request-aware overloads below; the base ones decode the tool as an ordinary tool call.
class AnthropicAdapter : public ProviderAdapter {
 public:
  explicit AnthropicAdapter(EncodeOptions options = {}) : options_(options) {}

  std::string_view family() const override { return "anthropic"; }
  Result<EncodedRequest> encode_chat(const ChatRequest& request, std::string_view upstream_model,
                                     const config::ProviderConfig& provider) const override;
  Result<ChatResponse> decode_chat(std::string_view body,
                                   const config::ProviderConfig& provider) const override;
  std::unique_ptr<StreamDecoder> new_stream_decoder() const override;
  GatewayError classify_error(const config::ProviderConfig& provider, int status,
                              std::string_view retry_after, std::string_view body) const override;

  // decode_chat for the answer to `request` (turns a JSON-mode tool call back into content).
  Result<ChatResponse> decode_chat_for(const ChatRequest& request, std::string_view body) const;
  // new_stream_decoder for the answer to `request`.
  std::unique_ptr<StreamDecoder> new_stream_decoder_for(const ChatRequest& request) const;

 private:
  EncodeOptions options_;
};

}  // namespace sluice::providers::anthropic
