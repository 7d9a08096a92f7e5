#include "providers/gemini/decode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"

namespace sluice::providers::gemini {
namespace {

// GenerateContentResponse in (fixtures/decode_<name>.in.json) -> OpenAI chat.completion out.
class GeminiDecodeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(GeminiDecodeGolden, MatchesFixture) {
  const std::string base = "gemini/fixtures/decode_" + GetParam();
  auto response = decode_response(testing::read_fixture(base + ".in.json"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  response->created = 1700000000;  // the gateway stamps it; decoding has no clock
  EXPECT_TRUE(testing::json_equal(testing::read_fixture(base + ".out.json"),
                                  openai::write_chat_completion(*response)));
}

INSTANTIATE_TEST_SUITE_P(GeminiFixtures, GeminiDecodeGolden,
                         ::testing::Values("text", "tools", "blocked"),
                         [](const auto& info) { return info.param; });

std::string finish_for(std::string_view reason, bool call = false) {
  const std::string part = call ? R"({"functionCall":{"name":"f","args":{}}})" : R"({"text":"x"})";
  auto response = decode_response(R"({"candidates":[{"content":{"parts":[)" + part +
                                  R"(]},"finishReason":")" + std::string(reason) + R"("}]})");
  EXPECT_TRUE(response.ok());
  return response.ok() ? response->finish_reason : "";
}

TEST(GeminiDecode, FinishReasons) {
  EXPECT_EQ(finish_for("STOP"), "stop");
  EXPECT_EQ(finish_for("STOP", true), "tool_calls");
  EXPECT_EQ(finish_for("MAX_TOKENS"), "length");
  for (const char* filtered : {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"}) {
    EXPECT_EQ(finish_for(filtered), "content_filter") << filtered;
  }
  EXPECT_EQ(finish_for("OTHER"), "stop");
}

TEST(GeminiDecode, UnreadableBodiesAreServerErrorsNamingTheProvider) {
  for (std::string_view body : {"<html>502 Bad Gateway</html>", R"({"candidates":"oops"})",
                                R"({"candidates":[]} trailing)", "", R"({"candidates":[{"con)"}) {
    auto response = decode_response(body, "gem-eu");
    ASSERT_FALSE(response.ok()) << body;
    EXPECT_EQ(response.error().cls, ErrorClass::server);
    EXPECT_NE(response.error().message.find("'gem-eu'"), std::string::npos);
  }
}

TEST(GeminiDecode, EmbeddingsAndCountTokens) {
  auto vectors =
      decode_embeddings(R"({"embeddings":[{"values":[0.5,-0.25,1]},{"values":[0,1e-3]}]})", "g");
  ASSERT_TRUE(vectors.ok());
  ASSERT_EQ(vectors->vectors.size(), 2u);
  EXPECT_EQ(vectors->vectors[0], (std::vector<float>{0.5f, -0.25f, 1.0f}));
  EXPECT_EQ(vectors->vectors[1].size(), 2u);
  EXPECT_FALSE(decode_embeddings(R"({"embedding":{"values":[1]}})", "g").ok());
  auto count = decode_count_tokens(R"({"totalTokens": 31, "promptTokensDetails": []})", "g");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 31);
  EXPECT_FALSE(decode_count_tokens("{}", "g").ok());
}

}  // namespace
}  // namespace sluice::providers::gemini
