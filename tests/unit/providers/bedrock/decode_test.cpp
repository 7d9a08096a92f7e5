#include "providers/bedrock/decode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"

namespace sluice::providers::bedrock {
namespace {

// Converse response in (fixtures/decode_<name>.in.json) -> OpenAI chat.completion out.
struct DecodeCase {
  std::string name;
  std::string json_tool;
};

void PrintTo(const DecodeCase& c, std::ostream* os) { *os << c.name; }

class BedrockDecodeGolden : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(BedrockDecodeGolden, MatchesFixture) {
  const std::string base = "bedrock/fixtures/decode_" + GetParam().name;
  auto response =
      decode_converse(testing::read_fixture(base + ".in.json"), "smart", GetParam().json_tool);
  ASSERT_TRUE(response.ok()) << response.error().message;
  response->id = "chatcmpl-test";  // the gateway stamps id and created; decoding has neither
  response->created = 1700000000;
  const std::string out = openai::write_chat_completion(*response);
  EXPECT_TRUE(testing::json_equal(testing::read_fixture(base + ".out.json"), out)) << out;
}

INSTANTIATE_TEST_SUITE_P(BedrockFixtures, BedrockDecodeGolden,
                         ::testing::Values(DecodeCase{"text", ""}, DecodeCase{"tools", ""},
                                           DecodeCase{"json_tool", "person"}),
                         [](const auto& info) { return info.param.name; });

std::string finish_for(std::string_view stop_reason) {
  auto response =
      decode_converse(R"({"output":{"message":{"role":"assistant","content":[]}},"stopReason":")" +
                          std::string(stop_reason) + R"(","usage":{}})",
                      "m");
  EXPECT_TRUE(response.ok());
  return response.ok() ? response->finish_reason : "";
}

TEST(BedrockDecode, StopReasons) {
  EXPECT_EQ(finish_for("end_turn"), "stop");
  EXPECT_EQ(finish_for("stop_sequence"), "stop");
  EXPECT_EQ(finish_for("max_tokens"), "length");
  EXPECT_EQ(finish_for("tool_use"), "tool_calls");
  EXPECT_EQ(finish_for("guardrail_intervened"), "content_filter");
  EXPECT_EQ(finish_for("content_filtered"), "content_filter");
}

TEST(BedrockDecode, EmptyContentIsAnEmptyAnswer) {
  auto response = decode_converse(
      R"({"output":{"message":{"role":"assistant","content":[]}},"stopReason":"end_turn","usage":{"inputTokens":3,"outputTokens":0}})",
      "m");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->content, "");
  EXPECT_TRUE(response->tool_calls.empty());
  EXPECT_EQ(response->usage.prompt_tokens, 3);
}

TEST(BedrockDecode, UnreadableBodiesAreServerErrors) {
  for (std::string_view body :
       {"", "not json", "[]", R"({"stopReason":"end_turn"})",
        R"({"output":{"message":{"content":"x"}}})", R"({"output":{}} x)"}) {
    auto response = decode_converse(body, "m");
    ASSERT_FALSE(response.ok()) << body;
    EXPECT_EQ(response.error().cls, ErrorClass::server);
    EXPECT_NE(response.error().message.find("provider 'bedrock'"), std::string::npos);
  }
}

}  // namespace
}  // namespace sluice::providers::bedrock
