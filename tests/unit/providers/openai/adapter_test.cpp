#include "providers/openai/adapter.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

TEST(OpenAiAdapter, IsTheOpenAiFamilyAndDelegates) {
  const OpenAiAdapter adapter;
  EXPECT_EQ(adapter.family(), "openai");
  config::ProviderConfig provider;
  provider.name = "local";
  ChatRequest request;
  request.messages = {Message{"user", {ContentPart{ContentPart::Kind::text, "hi"}}}};
  auto encoded = adapter.encode_chat(request, "llama-3.1-8b", provider);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/chat/completions");
  EXPECT_EQ(encoded->body,
            R"({"model":"llama-3.1-8b","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_TRUE(encoded->headers.empty());

  auto decoded = adapter.decode_chat(request, "nope", provider);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("'local'"), std::string::npos);
  EXPECT_TRUE(
      adapter.decode_chat(request, R"({"choices":[{"message":{"content":"x"}}]})", provider).ok());

  auto decoder = adapter.new_stream_decoder(request);
  ASSERT_NE(decoder, nullptr);
  std::vector<StreamEvent> events;
  decoder->finish(events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, StreamEvent::Kind::error);
}

TEST(OpenAiAdapter, ClassifiesErrorsWithTheSharedOpenAiTable) {
  const OpenAiAdapter adapter;
  config::ProviderConfig provider;
  provider.name = "groq";
  auto error = adapter.classify_error(
      provider, 429, "7",
      R"({"error":{"message":"Rate limit reached for model","type":"tokens"}})");
  EXPECT_EQ(error.cls, ErrorClass::rate_limited);
  EXPECT_EQ(error.retry_after, "7");
  EXPECT_EQ(error.message, "Rate limit reached for model");
  error = adapter.classify_error(provider, 500, "", "oops");
  EXPECT_EQ(error.cls, ErrorClass::server);
  EXPECT_NE(error.message.find("'groq'"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::openai
