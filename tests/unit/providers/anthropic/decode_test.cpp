#include "providers/anthropic/decode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"

namespace sluice::providers::anthropic {
namespace {

// Anthropic message in (fixtures/decode_<name>.in.json) -> OpenAI chat.completion out.
struct DecodeCase {
  std::string name;
  std::string json_tool;
};

void PrintTo(const DecodeCase& c, std::ostream* os) { *os << c.name; }

class AnthropicDecodeGolden : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(AnthropicDecodeGolden, MatchesFixture) {
  const std::string base = "anthropic/fixtures/decode_" + GetParam().name;
  auto response = decode_message(testing::read_fixture(base + ".in.json"), GetParam().json_tool);
  ASSERT_TRUE(response.ok()) << response.error().message;
  response->created = 1700000000;  // the gateway stamps it; decoding has no clock
  EXPECT_TRUE(testing::json_equal(testing::read_fixture(base + ".out.json"),
                                  openai::write_chat_completion(*response)));
}

INSTANTIATE_TEST_SUITE_P(AnthropicFixtures, AnthropicDecodeGolden,
                         ::testing::Values(DecodeCase{"text", ""}, DecodeCase{"tools", ""},
                                           DecodeCase{"json_tool", "person"}),
                         [](const auto& info) { return info.param.name; });

std::string finish_for(std::string_view stop_reason) {
  auto response = decode_message(R"({"id":"m","content":[],"stop_reason":")" +
                                 std::string(stop_reason) + R"(","usage":{}})");
  EXPECT_TRUE(response.ok());
  return response.ok() ? response->finish_reason : "";
}

TEST(AnthropicDecode, StopReasons) {
  EXPECT_EQ(finish_for("end_turn"), "stop");
  EXPECT_EQ(finish_for("stop_sequence"), "stop");
  EXPECT_EQ(finish_for("max_tokens"), "length");
  EXPECT_EQ(finish_for("tool_use"), "tool_calls");
  EXPECT_EQ(finish_for("refusal"), "content_filter");
}

TEST(AnthropicDecode, CacheTokensCountInsidePromptTokens) {
  auto response = decode_message(R"({"content":[{"type":"text","text":""}],"usage":{
    "input_tokens":10,"cache_read_input_tokens":200,"cache_creation_input_tokens":30,"output_tokens":5}})");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->usage.prompt_tokens, 240);
  EXPECT_EQ(response->usage.cached_tokens, 200);
  EXPECT_EQ(response->usage.cache_write_tokens, 30);
  EXPECT_EQ(response->usage.completion_tokens, 5);
  EXPECT_EQ(response->usage.total_tokens, 245);
  EXPECT_TRUE(response->usage.present);
  EXPECT_EQ(response->content, "");
}

TEST(AnthropicDecode, WithoutTheJsonToolNameAToolUseStaysAToolCall) {
  auto response =
      decode_message(testing::read_fixture("anthropic/fixtures/decode_json_tool.in.json"));
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->tool_calls.size(), 1u);
  EXPECT_EQ(response->tool_calls[0].name, "person");
  EXPECT_EQ(response->tool_calls[0].arguments, R"({"name":"Ada Lovelace","born":1815})");
  EXPECT_EQ(response->finish_reason, "tool_calls");
}

TEST(AnthropicDecode, UnreadableBodiesAreServerErrors) {
  for (std::string_view body : {"<html>502 Bad Gateway</html>", R"({"content":"oops"})",
                                R"({"id":"m","content":[]} trailing)", ""}) {
    auto response = decode_message(body);
    ASSERT_FALSE(response.ok()) << body;
    EXPECT_EQ(response.error().cls, ErrorClass::server);
    EXPECT_NE(response.error().message.find("anthropic"), std::string::npos);
  }
}

}  // namespace
}  // namespace sluice::providers::anthropic
