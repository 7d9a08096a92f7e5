#include "providers/gemini/adapter.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/adapter_registry.h"
#include "providers/openai/chat_request_reader.h"

namespace sluice::providers::gemini {
namespace {

config::ProviderConfig provider() {
  config::ProviderConfig p;
  p.name = "gem";
  p.type = "gemini";
  p.family = "gemini";
  p.auth_header = "x-goog-api-key";
  p.api_key = "AIza";
  return p;
}

TEST(GeminiAdapter, RegisteredAndGluesEncodeDecodeAndErrors) {
  const ProviderAdapter* base = adapter_for("gemini");
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(base->family(), "gemini");
  auto request =
      openai::read_chat_request(testing::read_fixture("gemini/fixtures/encode_tools.in.json"));
  ASSERT_TRUE(request.ok());
  auto encoded = base->encode_chat(*request, "gemini-2.5-flash", provider());
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/models/gemini-2.5-flash:generateContent");
  EXPECT_TRUE(testing::json_equal(testing::read_fixture("gemini/fixtures/encode_tools.out.json"),
                                  encoded->body));
  auto decoded = base->decode_chat(*request, "{", provider());
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("'gem'"), std::string::npos);
  auto error = base->classify_error(provider(), 503, "5", "");
  EXPECT_EQ(error.cls, ErrorClass::overloaded);
  EXPECT_EQ(error.message, "provider 'gem' returned HTTP 503");
  EXPECT_EQ(error.retry_after, "5");
}

TEST(GeminiAdapter, EmbeddingsRoundTrip) {
  const GeminiAdapter adapter;
  EmbeddingsRequest request;
  request.input = {"a"};
  auto encoded = adapter.encode_embeddings(request, "text-embedding-004", provider());
  ASSERT_TRUE(encoded.ok());
  auto decoded =
      adapter.decode_embeddings(request, R"({"embeddings":[{"values":[1,0]}]})", provider());
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->vectors.size(), 1u);
}

TEST(GeminiAdapter, OtherFamiliesRefuseEmbeddingsByDefault) {
  const ProviderAdapter* anthropic = adapter_for("anthropic");
  ASSERT_NE(anthropic, nullptr);
  config::ProviderConfig p;
  p.name = "claude";
  auto encoded = anthropic->encode_embeddings(EmbeddingsRequest{}, "m", p);
  ASSERT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.error().cls, ErrorClass::bad_request);
  EXPECT_EQ(encoded.error().message, "embeddings not supported by provider 'claude'");
}

TEST(GeminiAdapter, StreamDecodersAreFreshPerAttempt) {
  const GeminiAdapter adapter;
  std::vector<StreamEvent> out;
  adapter.new_stream_decoder(ChatRequest{})->finish(out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, StreamEvent::Kind::error);
}

}  // namespace
}  // namespace sluice::providers::gemini
