#include "providers/openai/encode.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/anthropic/inbound/request_reader.h"
#include "providers/openai/chat_request_reader.h"

namespace sluice::providers::openai {
namespace {

std::string encode_ok(const ChatRequest& request) {
  auto body = encode_chat_body(request, "gpt-4.1");
  EXPECT_TRUE(body.ok()) << (body.ok() ? "" : body.error().message);
  return body.ok() ? *body : std::string();
}

// Anthropic request (the inbound fixtures) -> canonical -> OpenAI body (fixtures/encode_*).
class OpenAiEncodeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(OpenAiEncodeGolden, MatchesFixture) {
  const std::string in =
      testing::read_fixture("anthropic/inbound/fixtures/request_" + GetParam() + ".in.json");
  auto request = anthropic::inbound::read_messages_request(in);
  ASSERT_TRUE(request.ok()) << request.error().message;
  const std::string body = encode_ok(*request);
  EXPECT_TRUE(testing::json_equal(
      testing::read_fixture("openai/fixtures/encode_" + GetParam() + ".out.json"), body));
  EXPECT_EQ(body, encode_ok(*request)) << "a retry must send the same bytes";
}

INSTANTIATE_TEST_SUITE_P(OpenAiFixtures, OpenAiEncodeGolden,
                         ::testing::Values("claude_code", "images_unicode"),
                         [](const auto& info) { return info.param; });

ChatRequest from_openai(std::string_view body) {
  auto request = read_chat_request(body);
  EXPECT_TRUE(request.ok()) << (request.ok() ? "" : request.error().message);
  return request.ok() ? *request : ChatRequest{};
}

TEST(OpenAiEncode, OpenAiRequestSurvivesReadAndEncode) {
  const std::string in =
      R"({"model":"m","messages":[{"role":"developer","content":"Be terse."},)"
      R"({"role":"user","name":"ann","content":"hi"}],"stop":"END","top_p":0.5,)"
      R"("max_completion_tokens":64,"user":"u1","tool_choice":"required",)"
      R"("tools":[{"type":"function","function":{"name":"f"}}],"parallel_tool_calls":true,)"
      R"("response_format":{"type":"json_schema","json_schema":{"name":"out","strict":true,)"
      R"("schema":{"type":"object"}}}})";
  EXPECT_TRUE(testing::json_equal(
      R"({"model":"gpt-4.1","messages":[{"role":"developer","content":"Be terse."},
          {"role":"user","name":"ann","content":"hi"}],
          "tools":[{"type":"function","function":{"name":"f",
                    "parameters":{"type":"object","properties":{}}}}],
          "tool_choice":"required","parallel_tool_calls":true,
          "response_format":{"type":"json_schema","json_schema":{"name":"out",
                             "schema":{"type":"object"},"strict":true}},
          "max_tokens":64,"top_p":0.5,"stop":["END"],"user":"u1"})",
      encode_ok(from_openai(in))));
}

TEST(OpenAiEncode, ToolSettingsNeedTools) {
  ChatRequest request;
  request.messages = {Message{"user", {ContentPart{ContentPart::Kind::text, "x"}}}};
  request.tool_choice.mode = ToolChoice::Mode::none;
  request.parallel_tool_calls = false;
  request.response_format.kind = ResponseFormat::Kind::json_object;
  EXPECT_EQ(encode_ok(request), R"({"model":"gpt-4.1","messages":[{"role":"user","content":"x"}],)"
                                R"("response_format":{"type":"json_object"}})");
}

TEST(OpenAiEncode, ImageInSystemMessageIsABadRequest) {
  ChatRequest request;
  ContentPart image;
  image.kind = ContentPart::Kind::image;
  image.image_url = "https://example.com/a.png";
  request.messages = {Message{"system", {image}}};
  auto body = encode_chat_body(request, "m");
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().cls, ErrorClass::bad_request);
  EXPECT_EQ(body.error().param, "messages[0].content");
}

TEST(OpenAiEncode, ImageOnlyToolResultsKeepWordsAndMoveImagesAfterTheRun) {
  ChatRequest request;
  ContentPart image;
  image.kind = ContentPart::Kind::image;
  image.image_url = "data:image/png;base64,AAAA";
  Message call{"assistant"};
  call.tool_calls = {{"a", "shot", "{}"}, {"b", "shot", ""}};
  Message first{"tool", {image}};
  first.tool_call_id = "a";
  Message second{"tool", {ContentPart{ContentPart::Kind::text, "ok"}}};
  second.tool_call_id = "b";
  request.messages = {call, first, second};
  EXPECT_TRUE(testing::json_equal(
      R"json({"model":"gpt-4.1","messages":[
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"a","type":"function","function":{"name":"shot","arguments":"{}"}},
            {"id":"b","type":"function","function":{"name":"shot","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"a",
           "content":"(the result is the image in the next message)"},
          {"role":"tool","tool_call_id":"b","content":"ok"},
          {"role":"user","content":[
            {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]})json",
      encode_ok(request)));
}

TEST(OpenAiEncode, RequestCarriesPathAuthAndProviderHeaders) {
  ChatRequest request;
  request.messages = {Message{"user", {ContentPart{ContentPart::Kind::text, "x"}}}};
  request.stream = true;
  config::ProviderConfig provider;
  provider.api_key = "sk-test";
  provider.auth_header = "authorization";
  provider.headers = {{"openai-organization", "org-1"}};
  auto encoded = encode_chat_request(request, "m", provider);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->path, "/chat/completions");
  using Headers = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(encoded->headers, (Headers{{"authorization", "Bearer sk-test"},
                                       {"openai-organization", "org-1"},
                                       {"accept", "text/event-stream"}}));
  EXPECT_NE(encoded->body.find(R"("stream_options":{"include_usage":true})"), std::string::npos);

  provider.auth_header = "api-key";  // Azure-style raw key
  request.stream = false;
  EXPECT_EQ(encode_chat_request(request, "m", provider)->headers.front(),
            (std::pair<std::string, std::string>{"api-key", "sk-test"}));

  provider.api_key.clear();  // local servers: no key, no header
  provider.headers.clear();
  EXPECT_TRUE(encode_chat_request(request, "m", provider)->headers.empty());
}

}  // namespace
}  // namespace sluice::providers::openai
