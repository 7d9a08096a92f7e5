#include "providers/bedrock/adapter.h"

#include "providers/bedrock/classify_error.h"
#include "providers/bedrock/decode.h"
#include "providers/bedrock/encode.h"
#include "providers/bedrock/sign_request.h"
#include "providers/bedrock/stream_decoder.h"
#include "providers/bedrock/wire.h"
#include "upstream/aws_event_stream.h"

namespace sluice::providers::bedrock {

Result<EncodedRequest> BedrockAdapter::encode_chat(const ChatRequest& request,
                                                   std::string_view upstream_model,
                                                   const config::ProviderConfig& provider) const {
  return encode_request(request, upstream_model, provider);
}

Result<ChatResponse> BedrockAdapter::decode_chat(const ChatRequest& request, std::string_view body,
                                                 const config::ProviderConfig&) const {
  return decode_converse(body, request.model, json_tool_name(request));
}

std::unique_ptr<StreamDecoder> BedrockAdapter::new_stream_decoder(
    const ChatRequest& request) const {
  return std::make_unique<BedrockStreamDecoder>(json_tool_name(request));
}

std::unique_ptr<upstream::EventFramer> BedrockAdapter::new_event_framer() const {
  return std::make_unique<upstream::AwsEventStreamEventFramer>();
}

std::string_view BedrockAdapter::stream_content_type() const { return kEventStreamContentType; }

std::optional<GatewayError> BedrockAdapter::sign(EncodedRequest& request,
                                                 const SigningContext& context) const {
  return sign_request(request, context);
}

GatewayError BedrockAdapter::classify_error(const config::ProviderConfig& provider, int status,
                                            std::string_view retry_after,
                                            std::string_view body) const {
  return bedrock::classify_error(provider.name.empty() ? "bedrock" : provider.name, status,
                                 retry_after, body);
}

}  // namespace sluice::providers::bedrock
