#include "providers/anthropic/inbound/message_writer.h"

#include <gtest/gtest.h>

#include "../../golden_json.h"
#include "providers/anthropic/decode.h"

namespace sluice::providers::anthropic::inbound {
namespace {

ChatResponse text_response() {
  ChatResponse r;
  r.id = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
  r.model = "gpt-4.1-2025-04-14";
  r.content = "Bonjour \"monde\" \xe2\x9c\x93\n";
  r.finish_reason = "stop";
  r.usage = {true, 120, 15, 135, 100, 0, 0};
  return r;
}

TEST(AnthropicInboundMessage, TextAnswerIsExactlyAnthropicsShape) {
  EXPECT_EQ(write_message(text_response(), "smart"),
            R"({"id":"msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT","type":"message","role":"assistant",)"
            R"("model":"smart","content":[{"type":"text","text":"Bonjour \"monde\" )"
            "\xe2\x9c\x93"
            R"(\n"}],"stop_reason":"end_turn","stop_sequence":null,)"
            R"("usage":{"input_tokens":20,"cache_creation_input_tokens":0,)"
            R"("cache_read_input_tokens":100,"output_tokens":15}})");
}

TEST(AnthropicInboundMessage, ThinkingTextAndToolsInAnthropicsOrder) {
  ChatResponse r;
  r.id = "resp_7";
  r.reasoning = "Two cities, so two calls.";
  r.content = "Checking both.";
  r.tool_calls = {{"call_a", "get_weather", R"({"location":"Paris"})"},
                  {"call_b", "get_weather", "{\"location\":"}};  // cut short: not an object
  r.finish_reason = "tool_calls";
  r.usage = {true, 50, 30, 80, 0, 10, 12};
  EXPECT_TRUE(testing::json_equal(
      R"({"id":"msg_resp_7","type":"message","role":"assistant","model":"smart",
          "content":[
            {"type":"thinking","thinking":"Two cities, so two calls.","signature":""},
            {"type":"text","text":"Checking both."},
            {"type":"tool_use","id":"call_a","name":"get_weather","input":{"location":"Paris"}},
            {"type":"tool_use","id":"call_b","name":"get_weather","input":{}}],
          "stop_reason":"tool_use","stop_sequence":null,
          "usage":{"input_tokens":40,"cache_creation_input_tokens":10,
                   "cache_read_input_tokens":0,"output_tokens":30}})",
      write_message(r, "smart")));
}

TEST(AnthropicInboundMessage, StopReasons) {
  auto stop_reason = [](std::string finish, bool tools) {
    ChatResponse r;
    r.finish_reason = std::move(finish);
    if (tools) r.tool_calls = {{"c", "f", "{}"}};
    const std::string body = write_message(r, "m");
    const auto at = body.find(R"("stop_reason":")") + 15;
    return body.substr(at, body.find('"', at) - at);
  };
  EXPECT_EQ(stop_reason("stop", false), "end_turn");
  EXPECT_EQ(stop_reason("length", false), "max_tokens");
  EXPECT_EQ(stop_reason("tool_calls", true), "tool_use");
  EXPECT_EQ(stop_reason("content_filter", false), "refusal");
  EXPECT_EQ(stop_reason("stop", true), "tool_use");  // some servers say stop after tool calls
  EXPECT_EQ(stop_reason("", false), "end_turn");
}

TEST(AnthropicInboundMessage, EmptyAnswerHasNoBlocksAndMsgId) {
  ChatResponse r;
  const std::string body = write_message(r, "m");
  EXPECT_NE(body.find(R"("id":"msg_unknown")"), std::string::npos);
  EXPECT_NE(body.find(R"("content":[])"), std::string::npos);
}

// What the Anthropic SDK would read back is what the canonical answer said.
TEST(AnthropicInboundMessage, ExistingAnthropicDecoderReadsItBack) {
  ChatResponse r = text_response();
  r.tool_calls = {{"call_a", "f", R"({"x":[1,2]})"}};
  r.finish_reason = "tool_calls";
  auto back = decode_message(write_message(r, "smart"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->content, r.content);
  ASSERT_EQ(back->tool_calls.size(), 1u);
  EXPECT_EQ(back->tool_calls[0].arguments, R"({"x":[1,2]})");
  EXPECT_EQ(back->finish_reason, "tool_calls");
  EXPECT_EQ(back->usage.prompt_tokens, 120);
  EXPECT_EQ(back->usage.cached_tokens, 100);
}

TEST(AnthropicInboundMessage, ErrorsUseAnthropicTypes) {
  const std::pair<ErrorClass, const char*> cases[] = {
      {ErrorClass::rate_limited, "rate_limit_error"},
      {ErrorClass::overloaded, "overloaded_error"},
      {ErrorClass::bad_request, "invalid_request_error"},
      {ErrorClass::context_length, "invalid_request_error"},
      {ErrorClass::auth, "authentication_error"},
      {ErrorClass::permission, "permission_error"},
      {ErrorClass::not_found, "not_found_error"},
      {ErrorClass::payload_too_large, "request_too_large"},
      {ErrorClass::server, "api_error"},
      {ErrorClass::timeout, "api_error"},
      {ErrorClass::internal, "api_error"},
  };
  for (const auto& [cls, type] : cases) {
    const std::string body = write_error(GatewayError{cls, "went \"wrong\""});
    EXPECT_EQ(body, std::string(R"({"type":"error","error":{"type":")") + type +
                        R"(","message":"went \"wrong\""}})");
  }
}

}  // namespace
}  // namespace sluice::providers::anthropic::inbound
