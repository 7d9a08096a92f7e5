#include "providers/anthropic/inbound/request_reader.h"

#include <gtest/gtest.h>

#include "../../canonical_json.h"
#include "../../golden_json.h"
#include "providers/anthropic/encode.h"

namespace sluice::providers::anthropic::inbound {
namespace {

ChatRequest read_ok(std::string_view body) {
  auto request = read_messages_request(body);
  EXPECT_TRUE(request.ok()) << (request.ok() ? "" : request.error().message);
  return request.ok() ? *request : ChatRequest{};
}

GatewayError read_error(std::string_view body) {
  auto request = read_messages_request(body);
  EXPECT_FALSE(request.ok());
  return request.ok() ? GatewayError{} : request.error();
}

// Anthropic request in (fixtures/request_<name>.in.json) -> canonical (.canonical.json).
class AnthropicInboundReadGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(AnthropicInboundReadGolden, MatchesFixture) {
  const std::string base = "anthropic/inbound/fixtures/request_" + GetParam();
  const ChatRequest request = read_ok(testing::read_fixture(base + ".in.json"));
  EXPECT_TRUE(testing::json_equal(testing::read_fixture(base + ".canonical.json"),
                                  testing::canonical_json(request)));
}

INSTANTIATE_TEST_SUITE_P(AnthropicInboundFixtures, AnthropicInboundReadGolden,
                         ::testing::Values("claude_code", "parallel_tools", "images_unicode"),
                         [](const auto& info) { return info.param; });

// A minimal valid request with `extra` fields spliced in.
std::string body_with(std::string_view extra) {
  return std::string(
             R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}])") +
         std::string(extra) + "}";
}

TEST(AnthropicInboundRead, MissingMaxTokensNamesTheField) {
  const auto error = read_error(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_EQ(error.cls, ErrorClass::bad_request);
  EXPECT_EQ(error.param, "max_tokens");
  EXPECT_EQ(error.message, "max_tokens: Field required");
}

TEST(AnthropicInboundRead, RequiredFieldsAndTypes) {
  EXPECT_EQ(read_error(R"({"max_tokens":1,"messages":[{"role":"user","content":"x"}]})").param,
            "model");
  EXPECT_EQ(read_error(R"({"model":"m","max_tokens":1})").param, "messages");
  EXPECT_EQ(read_error(R"({"model":"m","max_tokens":1,"messages":[]})").param, "messages");
  EXPECT_EQ(read_error(R"({"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]})")
                .param,
            "max_tokens");
  EXPECT_EQ(read_error(body_with(R"(,"temperature":"hot")")).param, "temperature");
  EXPECT_EQ(read_error(body_with(R"(,"stream":"yes")")).param, "stream");
  EXPECT_EQ(read_error(body_with(R"(,"stop_sequences":[1])")).param, "stop_sequences.0");
  EXPECT_EQ(read_error("not json").cls, ErrorClass::bad_request);
  EXPECT_EQ(read_error("[1,2]").cls, ErrorClass::bad_request);
  EXPECT_EQ(read_error(body_with("") + "trailing").cls, ErrorClass::bad_request);
}

TEST(AnthropicInboundRead, ContentErrorsNameThePathAnthropicStyle) {
  auto error = read_error(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":7}]})");
  EXPECT_EQ(error.param, "messages.1.content");
  EXPECT_EQ(error.message.rfind("messages.1.content: ", 0), 0u) << error.message;

  error = read_error(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text"}]}]})");
  EXPECT_EQ(error.param, "messages.0.content.0.text");

  error = read_error(R"({"model":"m","max_tokens":5,"messages":[{"role":"bot","content":"x"}]})");
  EXPECT_EQ(error.message, "messages.0.role: Input should be 'user' or 'assistant'");

  error = read_error(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}}]}]})");
  EXPECT_EQ(error.param, "messages.0.content.0.type");

  error = read_error(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_use","id":"a","name":"f","input":{}}]}]})");
  EXPECT_EQ(error.param, "messages.0.content.0.type");

  error = read_error(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]})");
  EXPECT_EQ(error.param, "messages.0.content.0.source.type");

  error = read_error(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result"}]}]})");
  EXPECT_EQ(error.param, "messages.0.content.0.tool_use_id");
}

TEST(AnthropicInboundRead, ThinkingBudgetsBecomeEfforts) {
  auto effort = [](std::string_view thinking) {
    return read_ok(body_with(std::string(R"(,"thinking":)") + std::string(thinking)))
        .reasoning_effort;
  };
  EXPECT_EQ(effort(R"({"type":"enabled","budget_tokens":1024})"), "low");
  EXPECT_EQ(effort(R"({"type":"enabled","budget_tokens":2048})"), "low");
  EXPECT_EQ(effort(R"({"type":"enabled","budget_tokens":2049})"), "medium");
  EXPECT_EQ(effort(R"({"type":"enabled","budget_tokens":8192})"), "medium");
  EXPECT_EQ(effort(R"({"type":"enabled","budget_tokens":8193})"), "high");
  EXPECT_EQ(effort(R"({"type":"adaptive"})"), "medium");
  EXPECT_EQ(effort(R"({"type":"disabled"})"), "");
  EXPECT_EQ(read_error(body_with(R"(,"thinking":{"type":"enabled"})")).param,
            "thinking.budget_tokens");
  EXPECT_EQ(read_error(body_with(R"(,"thinking":{"type":"sometimes"})")).param, "thinking.type");
}

TEST(AnthropicInboundRead, ToolChoiceModes) {
  using Mode = ToolChoice::Mode;
  auto choice = [](std::string_view json) {
    return read_ok(body_with(std::string(R"(,"tool_choice":)") + std::string(json)));
  };
  EXPECT_EQ(read_ok(body_with("")).tool_choice.mode, Mode::unset);
  EXPECT_EQ(choice(R"({"type":"auto"})").tool_choice.mode, Mode::auto_);
  EXPECT_EQ(choice(R"({"type":"any"})").tool_choice.mode, Mode::required);
  EXPECT_EQ(choice(R"({"type":"none"})").tool_choice.mode, Mode::none);
  const auto named = choice(R"({"type":"tool","name":"f","disable_parallel_tool_use":true})");
  EXPECT_EQ(named.tool_choice.mode, Mode::function);
  EXPECT_EQ(named.tool_choice.function, "f");
  EXPECT_EQ(named.parallel_tool_calls, std::optional<bool>(false));
  EXPECT_FALSE(choice(R"({"type":"auto","disable_parallel_tool_use":false})").parallel_tool_calls);
  EXPECT_EQ(read_error(body_with(R"(,"tool_choice":{"type":"tool"})")).param, "tool_choice.name");
  EXPECT_EQ(read_error(body_with(R"(,"tool_choice":{"type":"all"})")).param, "tool_choice.type");
}

TEST(AnthropicInboundRead, StreamAlwaysIncludesUsage) {
  EXPECT_TRUE(read_ok(body_with(R"(,"stream":true)")).include_usage);
  EXPECT_FALSE(read_ok(body_with(R"(,"stream":false)")).include_usage);
}

TEST(AnthropicInboundRead, SystemAfterMessagesStillLeads) {
  const auto request = read_ok(body_with(R"(,"system":"Be brief.")"));
  ASSERT_EQ(request.messages.size(), 2u);
  EXPECT_EQ(request.messages[0].role, "system");
  EXPECT_EQ(request.messages[0].content[0].text, "Be brief.");
}

TEST(AnthropicInboundRead, ToolErrorWithoutTextSaysError) {
  const auto request = read_ok(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","is_error":true}]}]})");
  ASSERT_EQ(request.messages.size(), 1u);
  EXPECT_EQ(request.messages[0].role, "tool");
  ASSERT_EQ(request.messages[0].content.size(), 1u);
  EXPECT_EQ(request.messages[0].content[0].text, "Error");
}

TEST(AnthropicInboundRead, ThinkingOnlyAssistantTurnIsDropped) {
  const auto request = read_ok(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"a"},)"
      R"({"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"}]},)"
      R"({"role":"user","content":"b"}]})");
  ASSERT_EQ(request.messages.size(), 2u);
  EXPECT_EQ(request.messages[1].content[0].text, "b");
}

// Anthropic in -> canonical -> Anthropic out (the existing upstream encoder): what the caller
// said survives the trip.
TEST(AnthropicInboundRead, RoundTripThroughAnthropicEncoderKeepsTheConversation) {
  const std::string base = "anthropic/inbound/fixtures/";
  const ChatRequest request =
      read_ok(testing::read_fixture(base + "request_parallel_tools.in.json"));
  auto body = encode_body(request, "claude-sonnet-4-5");
  ASSERT_TRUE(body.ok()) << body.error().message;
  EXPECT_TRUE(testing::json_equal(
      testing::read_fixture(base + "roundtrip_parallel_tools.anthropic.json"), *body));
}

TEST(AnthropicInboundRead, RoundTripOfClaudeCodeRequestKeepsSystemToolsAndCaching) {
  const ChatRequest request =
      read_ok(testing::read_fixture("anthropic/inbound/fixtures/request_claude_code.in.json"));
  auto body = encode_body(request, "claude-sonnet-4-5");
  ASSERT_TRUE(body.ok()) << body.error().message;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(*body);
  // The three system blocks keep their cache markers; the inline system turn joins them.
  simdjson::dom::array system = root["system"];
  ASSERT_EQ(system.size(), 4u);
  EXPECT_EQ(std::string_view(system.at(1)["cache_control"]["type"]), "ephemeral");
  EXPECT_EQ(std::string_view(system.at(2)["cache_control"]["ttl"]), "1h");
  EXPECT_EQ(std::string_view(system.at(3)["text"]), "The working directory is /work/app.");
  simdjson::dom::array tools = root["tools"];
  ASSERT_EQ(tools.size(), 3u);
  EXPECT_EQ(std::string_view(tools.at(2)["cache_control"]["type"]), "ephemeral");
  // user, assistant, user(result), assistant, user(result + text): alternation holds.
  simdjson::dom::array messages = root["messages"];
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(std::string_view(messages.at(1)["content"].at(1)["id"]),
            "toolu_01A09q90qw90lq917835lq9");
  EXPECT_EQ(std::string_view(messages.at(4)["content"].at(0)["tool_use_id"]), "toolu_01B");
  EXPECT_EQ(std::string_view(messages.at(4)["content"].at(1)["cache_control"]["type"]),
            "ephemeral");
  EXPECT_EQ(std::string_view(root["metadata"]["user_id"]),
            R"({"device_id":"5f1c","account_uuid":"","session_id":"9a7e-41"})");
  EXPECT_EQ(int64_t(root["thinking"]["budget_tokens"]), 4096);
  EXPECT_EQ(int64_t(root["max_tokens"]), 32000);
  EXPECT_TRUE(bool(root["stream"]));
}

}  // namespace
}  // namespace sluice::providers::anthropic::inbound
