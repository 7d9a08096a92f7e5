#include "providers/openai/decode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"

namespace sluice::providers::openai {
namespace {

ChatResponse decode_ok(std::string_view body) {
  auto response = decode_chat_completion(body);
  EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().message);
  return response.ok() ? *response : ChatResponse{};
}

TEST(OpenAiDecode, ToolCallsAndUsageDetails) {
  const auto r = decode_ok(testing::read_fixture("openai/fixtures/decode_tool_calls.in.json"));
  EXPECT_EQ(r.id, "chatcmpl-abc123");
  EXPECT_EQ(r.model, "gpt-4o-mini-2024-07-18");
  EXPECT_EQ(r.created, 1699896916);
  EXPECT_EQ(r.content, "");
  ASSERT_EQ(r.tool_calls.size(), 2u);
  EXPECT_EQ(r.tool_calls[0].id, "call_abc123");
  EXPECT_EQ(r.tool_calls[0].name, "get_current_weather");
  EXPECT_EQ(r.tool_calls[0].arguments, "{\n\"location\": \"Boston, MA\"\n}");
  EXPECT_EQ(r.tool_calls[1].arguments, "{\"location\": \"Z\xc3\xbcrich\"}");
  EXPECT_EQ(r.finish_reason, "tool_calls");
  EXPECT_TRUE(r.usage.present);
  EXPECT_EQ(r.usage.prompt_tokens, 82);
  EXPECT_EQ(r.usage.completion_tokens, 17);
  EXPECT_EQ(r.usage.total_tokens, 99);
  EXPECT_EQ(r.usage.cached_tokens, 64);
}

TEST(OpenAiDecode, ReasoningContentFirstChoiceAndDeepSeekCacheHits) {
  const auto r = decode_ok(testing::read_fixture("openai/fixtures/decode_reasoning.in.json"));
  EXPECT_EQ(r.content, "9.11 est plus petit que 9.8 \xe2\x9c\x93");
  EXPECT_EQ(r.reasoning, "Compare 9.11 and 9.8: 0.11 < 0.8.");
  EXPECT_EQ(r.finish_reason, "length");
  EXPECT_EQ(r.usage.reasoning_tokens, 250);
  EXPECT_EQ(r.usage.cached_tokens, 16);
}

TEST(OpenAiDecode, ReasoningFieldRefusalAndOddFinishReasons) {
  auto r =
      decode_ok(R"({"id":"x","choices":[{"message":{"content":null,"reasoning":"think",)"
                R"("refusal":"I can't help with that."},"finish_reason":"eos"}],"usage":null})");
  EXPECT_EQ(r.reasoning, "think");
  EXPECT_EQ(r.content, "I can't help with that.");
  EXPECT_EQ(r.finish_reason, "stop");
  EXPECT_FALSE(r.usage.present);
  r = decode_ok(R"({"choices":[{"message":{"tool_calls":[{"id":"c","function":{"name":"f",)"
                R"("arguments":{"a":1}}}]},"finish_reason":"function_call"}],)"
                R"("usage":{"prompt_tokens":3,"completion_tokens":"n/a"}})");
  ASSERT_EQ(r.tool_calls.size(), 1u);
  EXPECT_EQ(r.tool_calls[0].arguments, R"({"a":1})");
  EXPECT_EQ(r.finish_reason, "tool_calls");
  EXPECT_EQ(r.usage.prompt_tokens, 3);
  EXPECT_EQ(r.usage.total_tokens, 3);
}

TEST(OpenAiDecode, UnreadableBodiesAreServerErrorsNamingTheProvider) {
  for (const char* body : {"", "not json", "[]", R"({"id":"x"})", R"({"choices":[]} extra)",
                           R"({"choices":[{"message":{"content":5}}]})"}) {
    auto r = decode_chat_completion(body, "groq");
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().cls, ErrorClass::server) << body;
    EXPECT_NE(r.error().message.find("'groq'"), std::string::npos) << body;
  }
}

}  // namespace
}  // namespace sluice::providers::openai
