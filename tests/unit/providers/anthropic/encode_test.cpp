#include "providers/anthropic/encode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_request_reader.h"

namespace sluice::providers::anthropic {
namespace {

constexpr std::string_view kModel = "claude-sonnet-4-5-20250929";

ChatRequest request_from(std::string_view openai_body) {
  auto request = openai::read_chat_request(openai_body);
  EXPECT_TRUE(request.ok()) << (request.ok() ? "" : request.error().message);
  return request.ok() ? *request : ChatRequest{};
}

std::string encode_ok(const ChatRequest& request) {
  auto body = encode_body(request, kModel);
  EXPECT_TRUE(body.ok()) << (body.ok() ? "" : body.error().message);
  return body.ok() ? *body : std::string();
}

// OpenAI request in (fixtures/encode_<name>.in.json) -> Anthropic body out (.out.json).
class AnthropicEncodeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(AnthropicEncodeGolden, MatchesFixture) {
  const std::string base = "anthropic/fixtures/encode_" + GetParam();
  const std::string in = testing::read_fixture(base + ".in.json");
  const std::string expected = testing::read_fixture(base + ".out.json");
  const ChatRequest request = request_from(in);
  const std::string body = encode_ok(request);
  EXPECT_TRUE(testing::json_equal(expected, body));
  EXPECT_EQ(body, encode_ok(request)) << "a retry must send the same bytes";
}

INSTANTIATE_TEST_SUITE_P(AnthropicFixtures, AnthropicEncodeGolden,
                         ::testing::Values("system_blocks", "tools_parallel", "images",
                                           "merge_and_empty", "json_schema", "thinking"),
                         [](const auto& info) { return info.param; });

// A small request with tools, to vary tool_choice on.
ChatRequest with_tool(std::string_view extra) {
  return request_from(std::string(R"({"model":"m","messages":[{"role":"user","content":"x"}],)") +
                      R"("tools":[{"type":"function","function":{"name":"f"}}])" +
                      std::string(extra) + "}");
}

std::string tool_choice_of(std::string_view extra) {
  const std::string body = encode_ok(with_tool(extra));
  const auto at = body.find(R"("tool_choice":)");
  if (at == std::string::npos) return "<none>";
  return body.substr(at + 14, body.find('}', at) - at - 13);
}

TEST(AnthropicEncode, ToolChoiceModes) {
  EXPECT_EQ(tool_choice_of(""), "<none>");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"auto")"), R"({"type":"auto"})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"none")"), R"({"type":"none"})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"required")"), R"({"type":"any"})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":{"type":"function","function":{"name":"f"}})"),
            R"({"type":"tool","name":"f"})");
  EXPECT_EQ(tool_choice_of(R"(,"parallel_tool_calls":false)"),
            R"({"type":"auto","disable_parallel_tool_use":true})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"required","parallel_tool_calls":false)"),
            R"({"type":"any","disable_parallel_tool_use":true})");
  EXPECT_EQ(tool_choice_of(R"(,"parallel_tool_calls":true)"), "<none>");
}

TEST(AnthropicEncode, EmptyParametersStillDeclareAnObject) {
  const std::string body = encode_ok(with_tool(""));
  EXPECT_NE(body.find(R"({"name":"f","input_schema":{"type":"object","properties":{}}})"),
            std::string::npos)
      << body;
}

TEST(AnthropicEncode, ThinkingBudgetsAndTheirConstraints) {
  EXPECT_EQ(thinking_budget(""), 0);
  EXPECT_EQ(thinking_budget("none"), 0);
  EXPECT_EQ(thinking_budget("minimal"), 1024);
  EXPECT_EQ(thinking_budget("low"), 1024);
  EXPECT_EQ(thinking_budget("medium"), 4096);
  EXPECT_EQ(thinking_budget("high"), 16384);
  EXPECT_EQ(thinking_budget("extreme"), -1);
  // Default max_tokens (4096) is not above a high budget: it grows so the answer still fits.
  const std::string high = encode_ok(request_from(
      R"({"model":"m","messages":[{"role":"user","content":"x"}],"reasoning_effort":"high","top_p":0.97})"));
  EXPECT_TRUE(high.starts_with(R"({"model":"claude-sonnet-4-5-20250929","max_tokens":20480,)"))
      << high;
  EXPECT_NE(high.find(R"("thinking":{"type":"enabled","budget_tokens":16384},"top_p":0.97)"),
            std::string::npos)
      << high;
  // A forced tool cannot be combined with thinking; the caller's tool choice wins.
  const std::string forced =
      encode_ok(with_tool(R"(,"tool_choice":"required","reasoning_effort":"low")"));
  EXPECT_EQ(forced.find("thinking"), std::string::npos) << forced;
}

TEST(AnthropicEncode, JsonObjectBecomesAForcedAnyObjectTool) {
  const ChatRequest request = request_from(
      R"({"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}})");
  EXPECT_EQ(json_tool_name(request), "json_response");
  const std::string body = encode_ok(request);
  EXPECT_NE(body.find(R"("tool_choice":{"type":"tool","name":"json_response"})"), std::string::npos)
      << body;
  EXPECT_NE(
      body.find(R"("input_schema":{"type":"object","properties":{},"additionalProperties":true})"),
      std::string::npos)
      << body;
  EXPECT_EQ(
      json_tool_name(request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}]})")),
      "");
}

TEST(AnthropicEncode, DefaultMaxTokensIsAnOption) {
  const ChatRequest request =
      request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}]})");
  auto body = encode_body(request, "c", EncodeOptions{1000});
  ASSERT_TRUE(body.ok());
  EXPECT_TRUE(body->starts_with(R"({"model":"c","max_tokens":1000,)")) << *body;
}

TEST(AnthropicEncode, UntranslatableFieldsAreBadRequestsNamingThem) {
  auto bad_image =
      encode_body(request_from(R"({"model":"m","messages":[{"role":"user","content":"a"},
    {"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]})"),
                  kModel);
  ASSERT_FALSE(bad_image.ok());
  EXPECT_EQ(bad_image.error().cls, ErrorClass::bad_request);
  EXPECT_EQ(bad_image.error().param, "messages[1].content[0].image_url");

  auto not_base64 = encode_body(request_from(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]})"),
                                kModel);
  ASSERT_FALSE(not_base64.ok());
  EXPECT_EQ(not_base64.error().param, "messages[0].content[0].image_url");

  auto system_image =
      encode_body(request_from(R"({"model":"m","messages":[{"role":"system","content":[
    {"type":"image_url","image_url":{"url":"https://x/y.png"}}]},{"role":"user","content":"a"}]})"),
                  kModel);
  ASSERT_FALSE(system_image.ok());
  EXPECT_EQ(system_image.error().param, "messages[0].content[0]");

  auto effort = encode_body(request_from(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "reasoning_effort":"ludicrous"})"),
                            kModel);
  ASSERT_FALSE(effort.ok());
  EXPECT_EQ(effort.error().param, "reasoning_effort");
}

TEST(AnthropicEncode, RequestCarriesPathVersionAndKey) {
  config::ProviderConfig provider;
  provider.auth_header = "x-api-key";  // the anthropic preset's default
  provider.name = "anthropic";
  provider.api_key = "sk-ant-test";
  provider.headers = {{"anthropic-beta", "prompt-caching-2024-07-31"}};
  const ChatRequest request =
      request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}],"stream":true})");
  auto encoded = encode_request(request, kModel, provider);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/messages");
  using Headers = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(encoded->headers, (Headers{{"x-api-key", "sk-ant-test"},
                                       {"anthropic-beta", "prompt-caching-2024-07-31"},
                                       {"anthropic-version", "2023-06-01"},
                                       {"accept", "text/event-stream"}}));
  EXPECT_TRUE(encoded->body.ends_with(R"(,"stream":true})")) << encoded->body;

  provider.auth_header = "authorization";
  provider.headers = {{"anthropic-version", "2024-01-01"}};
  auto bearer =
      encode_request(request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}]})"),
                     kModel, provider);
  ASSERT_TRUE(bearer.ok());
  EXPECT_EQ(bearer->headers, (Headers{{"authorization", "Bearer sk-ant-test"},
                                      {"anthropic-version", "2024-01-01"}}));
}

}  // namespace
}  // namespace sluice::providers::anthropic
