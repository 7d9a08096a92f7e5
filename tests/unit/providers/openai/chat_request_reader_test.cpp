#include "providers/openai/chat_request_reader.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

ChatRequest read_ok(std::string_view body) {
  auto result = read_chat_request(body);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? *result : ChatRequest{};
}

// The param of the error `body` must give.
std::string error_param(std::string_view body) {
  auto result = read_chat_request(body);
  EXPECT_FALSE(result.ok()) << body;
  if (result.ok()) return "<ok>";
  EXPECT_EQ(result.error().cls, ErrorClass::bad_request);
  EXPECT_EQ(result.error().http_status(), 400);
  return result.error().param;
}

TEST(OpenAiChatRequestReader, ReadsEveryScalarField) {
  auto r = read_ok(R"({"model":"smart","messages":[{"role":"user","content":"hi"}],
    "max_tokens":50,"temperature":0.7,"top_p":0.9,"stop":"END","reasoning_effort":"low",
    "stream":true,"stream_options":{"include_usage":true},"user":"u-1",
    "parallel_tool_calls":false,"n":1,"seed":7,"logit_bias":{"42":1}})");
  EXPECT_EQ(r.model, "smart");
  EXPECT_EQ(r.max_tokens, 50);
  EXPECT_DOUBLE_EQ(r.temperature.value_or(-1), 0.7);
  EXPECT_DOUBLE_EQ(r.top_p.value_or(-1), 0.9);
  EXPECT_EQ(r.stop, std::vector<std::string>{"END"});
  EXPECT_EQ(r.reasoning_effort, "low");
  EXPECT_TRUE(r.stream);
  EXPECT_TRUE(r.include_usage);
  EXPECT_EQ(r.user, "u-1");
  EXPECT_EQ(r.parallel_tool_calls, false);
}

TEST(OpenAiChatRequestReader, NullsCountAsAbsent) {
  auto r = read_ok(R"({"model":"m","messages":[{"role":"user","content":"hi","name":null}],
    "max_tokens":null,"temperature":null,"stop":null,"tools":null,"tool_choice":null,
    "response_format":null,"stream":null,"stream_options":null,"user":null,
    "parallel_tool_calls":null})");
  EXPECT_FALSE(r.max_tokens);
  EXPECT_FALSE(r.temperature);
  EXPECT_TRUE(r.stop.empty());
  EXPECT_FALSE(r.parallel_tool_calls);
  EXPECT_EQ(r.tool_choice.mode, ToolChoice::Mode::unset);
  EXPECT_FALSE(r.stream);
}

TEST(OpenAiChatRequestReader, MaxCompletionTokensWinsOverMaxTokens) {
  EXPECT_EQ(read_ok(R"({"max_completion_tokens":300,"model":"m","max_tokens":100,
    "messages":[{"role":"user","content":"x"}]})")
                .max_tokens,
            300);
  EXPECT_EQ(read_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "max_completion_tokens":300,"max_tokens":100})")
                .max_tokens,
            300);
}

TEST(OpenAiChatRequestReader, IncludeUsageOnlyCountsWhenStreaming) {
  auto r = read_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "stream":false,"stream_options":{"include_usage":true}})");
  EXPECT_FALSE(r.include_usage);
}

TEST(OpenAiChatRequestReader, StopAsArray) {
  auto r = read_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "stop":["a","\n\nHuman:"]})");
  EXPECT_EQ(r.stop, (std::vector<std::string>{"a", "\n\nHuman:"}));
}

TEST(OpenAiChatRequestReader, ContentStringAndParts) {
  auto r = read_ok(R"({"model":"m","messages":[
    {"role":"system","content":[{"type":"text","text":"be brief",
       "cache_control":{"type":"ephemeral"}}]},
    {"role":"developer","content":"dev note"},
    {"role":"user","content":[{"text":"what is this? \u00e9\ud83d\ude00","type":"text"},
       {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"high"}},
       {"type":"image_url","image_url":"data:image/png;base64,AAAA"}]}]})");
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].role, "system");
  ASSERT_EQ(r.messages[0].content.size(), 1u);
  EXPECT_EQ(r.messages[0].content[0].cache_control, R"({"type":"ephemeral"})");
  EXPECT_EQ(r.messages[1].role, "developer");
  EXPECT_EQ(r.messages[1].content[0].text, "dev note");
  const auto& parts = r.messages[2].content;
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].kind, ContentPart::Kind::text);
  EXPECT_EQ(parts[0].text, "what is this? \xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(parts[1].kind, ContentPart::Kind::image);
  EXPECT_EQ(parts[1].image_url, "https://example.com/a.png");
  EXPECT_EQ(parts[1].detail, "high");
  EXPECT_EQ(parts[2].image_url, "data:image/png;base64,AAAA");
}

TEST(OpenAiChatRequestReader, AssistantToolCallsAndToolResults) {
  auto r = read_ok(R"({"model":"m","messages":[
    {"role":"user","content":"weather?"},
    {"role":"assistant","content":null,"tool_calls":[
      {"id":"call_1","type":"function","function":{"name":"get_weather",
        "arguments":"{\"city\":\"Paris\"}"}},
      {"type":"function","id":"call_2","function":{"arguments":"{}","name":"get_time"}}]},
    {"role":"tool","tool_call_id":"call_1","content":"18C"},
    {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"noon"}]}]})");
  ASSERT_EQ(r.messages.size(), 4u);
  const auto& calls = r.messages[1].tool_calls;
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_TRUE(r.messages[1].content.empty());
  EXPECT_EQ(calls[0].id, "call_1");
  EXPECT_EQ(calls[0].name, "get_weather");
  EXPECT_EQ(calls[0].arguments, R"({"city":"Paris"})");
  EXPECT_EQ(calls[1].name, "get_time");
  EXPECT_EQ(r.messages[2].tool_call_id, "call_1");
  EXPECT_EQ(r.messages[3].content[0].text, "noon");
}

TEST(OpenAiChatRequestReader, ToolsKeepRawSchemaText) {
  auto r = read_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "tools":[{"type":"function","function":{"name":"f","description":"does f",
      "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
        "properties":{"n":{"type":"integer","maximum":9007199254740991}},
        "additionalProperties":false},"strict":true}},
      {"type":"function","function":{"name":"g"},"cache_control":{"type":"ephemeral"}}],
    "tool_choice":{"type":"function","function":{"name":"f"}}})");
  ASSERT_EQ(r.tools.size(), 2u);
  EXPECT_EQ(r.tools[0].name, "f");
  EXPECT_EQ(r.tools[0].description, "does f");
  EXPECT_EQ(r.tools[0].parameters,
            R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
        "properties":{"n":{"type":"integer","maximum":9007199254740991}},
        "additionalProperties":false})");
  EXPECT_EQ(r.tools[1].parameters, "{}");
  EXPECT_EQ(r.tools[1].cache_control, R"({"type":"ephemeral"})");
  EXPECT_EQ(r.tool_choice.mode, ToolChoice::Mode::function);
  EXPECT_EQ(r.tool_choice.function, "f");
}

TEST(OpenAiChatRequestReader, ToolChoiceStrings) {
  const std::string head = R"({"model":"m","messages":[{"role":"user","content":"x"}],)";
  EXPECT_EQ(read_ok(head + R"("tool_choice":"auto"})").tool_choice.mode, ToolChoice::Mode::auto_);
  EXPECT_EQ(read_ok(head + R"("tool_choice":"none"})").tool_choice.mode, ToolChoice::Mode::none);
  EXPECT_EQ(read_ok(head + R"("tool_choice":"required"})").tool_choice.mode,
            ToolChoice::Mode::required);
  EXPECT_EQ(error_param(head + R"("tool_choice":"sometimes"})"), "tool_choice");
  EXPECT_EQ(error_param(head + R"("tool_choice":{"type":"function"}})"),
            "tool_choice.function.name");
}

TEST(OpenAiChatRequestReader, ResponseFormats) {
  const std::string head = R"({"model":"m","messages":[{"role":"user","content":"x"}],)";
  auto schema = read_ok(head + R"("response_format":{"type":"json_schema","json_schema":{
    "name":"person","strict":true,"schema":{"type":"object","properties":{"name":{"type":"string"}}}}}})");
  EXPECT_EQ(schema.response_format.kind, ResponseFormat::Kind::json_schema);
  EXPECT_EQ(schema.response_format.name, "person");
  EXPECT_TRUE(schema.response_format.strict);
  EXPECT_EQ(schema.response_format.schema,
            R"({"type":"object","properties":{"name":{"type":"string"}}})");
  EXPECT_EQ(read_ok(head + R"("response_format":{"type":"json_object"}})").response_format.kind,
            ResponseFormat::Kind::json_object);
  EXPECT_EQ(read_ok(head + R"("response_format":{"type":"text"}})").response_format.kind,
            ResponseFormat::Kind::text);
  EXPECT_EQ(error_param(head + R"("response_format":{"type":"yaml"}})"), "response_format.type");
  EXPECT_EQ(error_param(head + R"("response_format":{"type":"json_schema","json_schema":{}}})"),
            "response_format.json_schema.name");
}

TEST(OpenAiChatRequestReader, BadShapesNameTheField) {
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":"a"},
    {"role":"assistant","content":"b"},{"role":"user","content":42}]})"),
            "messages[2].content");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"content":"a"}]})"), "messages[0].role");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"wizard","content":"a"}]})"),
            "messages[0].role");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"tool","content":"a"}]})"),
            "messages[0].tool_call_id");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"text","text":"a"},{"type":"input_audio","input_audio":{}}]}]})"),
            "messages[0].content[1].type");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"image_url","image_url":{"detail":"low"}}]}]})"),
            "messages[0].content[0].image_url.url");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"assistant","tool_calls":[
    {"id":"c","type":"function","function":{"arguments":"{}"}}]}]})"),
            "messages[0].tool_calls[0].function.name");
  EXPECT_EQ(error_param(R"({"model":"m","messages":"hi"})"), "messages");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[]})"), "messages");
  EXPECT_EQ(error_param(R"({"messages":[{"role":"user","content":"a"}]})"), "model");
  EXPECT_EQ(error_param(R"({"model":"m"})"), "messages");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "max_tokens":"ten"})"),
            "max_tokens");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "temperature":"hot"})"),
            "temperature");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "stop":["a",1]})"),
            "stop[1]");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "tools":[{"type":"function","function":{"description":"no name"}}]})"),
            "tools[0].function.name");
  EXPECT_EQ(error_param(R"({"model":"m","messages":[{"role":"user","content":"a"}],
    "stream":"yes"})"),
            "stream");
}

TEST(OpenAiChatRequestReader, MalformedJsonIsABadRequestWithoutParam) {
  for (std::string_view body :
       {R"({"model":"m","messages":[)", "[1,2]", "",
        R"({"model":"m","messages":[{"role":"user","content":"a"}]} x)",
        R"({"model":"m","messages":[{"role":"user","content":"a"}]} {"b":1})"}) {
    auto result = read_chat_request(body);
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().cls, ErrorClass::bad_request);
    EXPECT_EQ(result.error().param, "") << body;
  }
}

}  // namespace
}  // namespace sluice::providers::openai
