// OpenAiAdapter: OpenAI-compatible chat completions behind the canonical chat interface, for
// callers whose own API is not OpenAI's (Anthropic Messages callers routed to OpenAI, vLLM,
// Groq, ...). OpenAI callers of OpenAI-compatible upstreams skip it: their bytes are forwarded.
#pragma once

#include <memory>
#include <string_view>

#include "providers/adapter.h"

namespace sluice::providers::openai {

// Glue over encode, decode, stream_decoder and classify_error. Stateless: one instance serves
// every worker.
class OpenAiAdapter : public ProviderAdapter {
 public:
  std::string_view family() const override { return "openai"; }
  Result<EncodedRequest> encode_chat(const ChatRequest& request, std::string_view upstream_model,
                                     const config::ProviderConfig& provider) const override;
  Result<ChatResponse> decode_chat(const ChatRequest& request, std::string_view body,
                                   const config::ProviderConfig& provider) const override;
  std::unique_ptr<StreamDecoder> new_stream_decoder(const ChatRequest& request) const override;
  GatewayError classify_error(const config::ProviderConfig& provider, int status,
                              std::string_view retry_after, std::string_view body) const override;
};

}  // namespace sluice::providers::openai
