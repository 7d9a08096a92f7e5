#include "providers/bedrock/adapter.h"

#include <gtest/gtest.h>

#include "providers/adapter_registry.h"
#include "providers/openai/chat_request_reader.h"
#include "upstream/aws_event_stream.h"

namespace sluice::providers::bedrock {
namespace {

config::ProviderConfig aws_provider() {
  config::ProviderConfig provider;
  provider.name = "aws";
  provider.type = provider.family = "bedrock";
  provider.region = "eu-west-3";
  provider.aws_access_key_id = "AKIDEXAMPLE";
  provider.aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  provider.aws_session_token = "TOKEN";
  return provider;
}

std::string header(const EncodedRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

TEST(BedrockAdapter, IsRegisteredWithItsFraming) {
  const ProviderAdapter* adapter = adapter_for("bedrock");
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->family(), "bedrock");
  EXPECT_EQ(adapter->stream_content_type(), "application/vnd.amazon.eventstream");
  EXPECT_NE(dynamic_cast<upstream::AwsEventStreamEventFramer*>(adapter->new_event_framer().get()),
            nullptr);
}

// Signature derived independently with python3 (hmac/hashlib) for this exact request, path
// prefix, host, region, session token and time.
TEST(BedrockAdapter, SignsWithSigV4) {
  const BedrockAdapter adapter;
  const config::ProviderConfig provider = aws_provider();
  auto request =
      openai::read_chat_request(R"({"model":"m","messages":[{"role":"user","content":"Hello"}]})");
  ASSERT_TRUE(request.ok());
  auto encoded =
      adapter.encode_chat(*request, "anthropic.claude-3-5-sonnet-20240620-v1:0", provider);
  ASSERT_TRUE(encoded.ok());
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1719835200));
  const SigningContext context{provider, "127.0.0.1:9000", "/v1x", now};
  ASSERT_FALSE(adapter.sign(*encoded, context).has_value());
  EXPECT_EQ(header(*encoded, "x-amz-date"), "20240701T120000Z");
  EXPECT_EQ(header(*encoded, "x-amz-security-token"), "TOKEN");
  EXPECT_EQ(header(*encoded, "x-amz-content-sha256").size(), 64u);
  EXPECT_EQ(header(*encoded, "host"), "<absent>") << "the upstream call sets Host itself";
  EXPECT_EQ(header(*encoded, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240701/eu-west-3/bedrock/aws4_request, "
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "
            "Signature=20bf9f54d640c177dedac9e8d85843ed3231fcb9442a4540b4eee833b0b11e14");
}

TEST(BedrockAdapter, BearerApiKeyIsNotSigned) {
  const BedrockAdapter adapter;
  config::ProviderConfig provider;
  provider.name = "aws";
  provider.api_key = "bedrock-api-key";
  ChatRequest request;
  auto encoded = adapter.encode_chat(request, "m", provider);
  ASSERT_TRUE(encoded.ok());
  const SigningContext context{provider, "h", "", std::chrono::system_clock::now()};
  EXPECT_FALSE(adapter.sign(*encoded, context).has_value());
  EXPECT_EQ(header(*encoded, "authorization"), "Bearer bedrock-api-key");
}

TEST(BedrockAdapter, MissingCredentialsAreNamedNotShown) {
  const BedrockAdapter adapter;
  config::ProviderConfig provider = aws_provider();
  provider.aws_secret_access_key.clear();
  EncodedRequest encoded;
  const SigningContext context{provider, "h", "", std::chrono::system_clock::now()};
  const auto error = adapter.sign(encoded, context);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("aws_secret_access_key"), std::string::npos);
  EXPECT_EQ(error->message.find("AKIDEXAMPLE"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::bedrock
