#include "providers/bedrock/encode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_request_reader.h"

namespace sluice::providers::bedrock {
namespace {

ChatRequest request_from(std::string_view openai_body) {
  auto request = openai::read_chat_request(openai_body);
  EXPECT_TRUE(request.ok()) << (request.ok() ? "" : request.error().message);
  return request.ok() ? *request : ChatRequest{};
}

std::string encode_ok(const ChatRequest& request) {
  auto body = encode_body(request);
  EXPECT_TRUE(body.ok()) << (body.ok() ? "" : body.error().message);
  return body.ok() ? *body : std::string();
}

// OpenAI request in (fixtures/encode_<name>.in.json) -> Converse body out (.out.json).
class BedrockEncodeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(BedrockEncodeGolden, MatchesFixture) {
  const std::string base = "bedrock/fixtures/encode_" + GetParam();
  const ChatRequest request = request_from(testing::read_fixture(base + ".in.json"));
  const std::string body = encode_ok(request);
  EXPECT_TRUE(testing::json_equal(testing::read_fixture(base + ".out.json"), body)) << body;
  EXPECT_EQ(body, encode_ok(request)) << "a retry must send the same bytes";
}

INSTANTIATE_TEST_SUITE_P(BedrockFixtures, BedrockEncodeGolden,
                         ::testing::Values("text", "system", "merge_and_empty", "images",
                                           "tools_parallel", "unicode", "json_schema"),
                         [](const auto& info) { return info.param; });

ChatRequest with_tool(std::string_view extra, std::string_view messages = "") {
  const std::string history =
      messages.empty() ? std::string(R"([{"role":"user","content":"x"}])") : std::string(messages);
  return request_from(R"({"model":"m","messages":)" + history +
                      R"(,"tools":[{"type":"function","function":{"name":"f"}}])" +
                      std::string(extra) + "}");
}

std::string tool_choice_of(std::string_view extra) {
  const std::string body = encode_ok(with_tool(extra));
  const auto at = body.find(R"("toolChoice":)");
  if (at == std::string::npos) return body.find("toolConfig") == std::string::npos ? "<none>" : "";
  return body.substr(at + 13, body.size() - at - 13 - 2);
}

TEST(BedrockEncode, ToolChoiceModes) {
  EXPECT_EQ(tool_choice_of(""), "");  // tools offered, Converse's default (auto)
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"auto")"), R"({"auto":{}})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"required")"), R"({"any":{}})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":{"type":"function","function":{"name":"f"}})"),
            R"({"tool":{"name":"f"}})");
  EXPECT_EQ(tool_choice_of(R"(,"tool_choice":"none")"), "<none>") << "no tools offered";
}

TEST(BedrockEncode, ToolChoiceNoneKeepsToolsWhenTheHistoryUsesThem) {
  const std::string body = encode_ok(with_tool(
      R"(,"tool_choice":"none")",
      R"([{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"ok"}])"));
  EXPECT_NE(body.find(R"("toolConfig":{"tools":[{"toolSpec":{"name":"f")"), std::string::npos)
      << body;
  EXPECT_EQ(body.find("toolChoice"), std::string::npos) << body;
}

TEST(BedrockEncode, DefaultMaxTokens) {
  const std::string body =
      encode_ok(request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}]})"));
  EXPECT_EQ(
      body,
      R"({"messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":4096}})");
}

TEST(BedrockEncode, ImageUrlsAreRefusedWithTheField) {
  auto body = encode_body(request_from(
      R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]})"));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().cls, ErrorClass::bad_request);
  EXPECT_EQ(body.error().param, "messages[0].content[1].image_url");
  EXPECT_NE(body.error().message.find("cannot fetch image URLs"), std::string::npos);
}

TEST(BedrockEncode, UnsupportedImageTypeIsRefused) {
  auto body = encode_body(request_from(
      R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/tiff;base64,AAAA"}}]}]})"));
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.error().message.find("png, jpeg, gif or webp"), std::string::npos);
}

TEST(BedrockEncode, SystemImagesAreRefused) {
  auto body = encode_body(request_from(
      R"({"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA"}}]},{"role":"user","content":"x"}]})"));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().param, "messages[0].content[0]");
}

TEST(BedrockEncode, RequestPathsEncodeTheModelId) {
  config::ProviderConfig provider;
  ChatRequest request = request_from(R"({"model":"m","messages":[{"role":"user","content":"x"}]})");
  auto whole = encode_request(request, "anthropic.claude-3-5-sonnet-20240620-v1:0", provider);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->path, "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
  request.stream = true;
  auto streamed = encode_request(
      request, "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3", provider);
  ASSERT_TRUE(streamed.ok());
  EXPECT_EQ(streamed->path,
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.meta."
            "llama3/converse-stream");
  bool accept = false;
  for (const auto& [name, value] : streamed->headers) {
    if (name == "accept") accept = value == "application/vnd.amazon.eventstream";
  }
  EXPECT_TRUE(accept);
}

}  // namespace
}  // namespace sluice::providers::bedrock
