#include "providers/openai/stream_decoder.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"
#include "upstream/sse_framer.h"

namespace sluice::providers::openai {
namespace {

using Kind = StreamEvent::Kind;

// Decodes data payloads directly (OpenAI streams carry no event names).
std::vector<StreamEvent> decode(const std::vector<std::string>& data, bool finish = true) {
  OpenAiStreamDecoder decoder("vllm");
  std::vector<StreamEvent> out;
  for (const auto& payload : data) decoder.on_event("", payload, out);
  if (finish) decoder.finish(out);
  return out;
}

std::string chunk(std::string_view delta, std::string_view finish = "null") {
  return std::string(R"({"id":"c1","model":"m","choices":[{"index":0,"delta":)") +
         std::string(delta) + R"(,"finish_reason":)" + std::string(finish) + "}]}";
}

TEST(OpenAiStreamDecoder, FixtureDecodesToCanonicalEvents) {
  const std::string sse =
      testing::read_fixture("anthropic/inbound/fixtures/openai_tools_reasoning.sse");
  upstream::SseFramer framer;
  OpenAiStreamDecoder decoder;
  std::vector<StreamEvent> events;
  for (const auto& event : framer.feed(sse)) decoder.on_event(event.event, event.data, events);
  decoder.finish(events);
  std::vector<Kind> kinds;
  for (const auto& event : events) kinds.push_back(event.kind);
  EXPECT_EQ(kinds, (std::vector<Kind>{
                       Kind::start, Kind::reasoning_delta, Kind::reasoning_delta, Kind::text_delta,
                       Kind::text_delta, Kind::tool_call_start, Kind::tool_call_delta,
                       Kind::tool_call_delta, Kind::tool_call_delta, Kind::tool_call_start,
                       Kind::tool_call_delta, Kind::tool_call_delta, Kind::finish, Kind::usage}));
  EXPECT_EQ(events[0].id, "chatcmpl-AbC123");
  EXPECT_EQ(events[0].model, "qwen3-32b");
  EXPECT_EQ(events[5].id, "call_DdmO9pD3xa9XTPNJ32zg2hcA");
  EXPECT_EQ(events[5].name, "get_weather");
  EXPECT_EQ(events[9].index, 1);
  EXPECT_EQ(events[10].index, 1);
  EXPECT_EQ(events[12].finish_reason, "tool_calls");
  EXPECT_EQ(events[13].usage.prompt_tokens, 2520);
  EXPECT_EQ(events[13].usage.cached_tokens, 2048);
  EXPECT_EQ(events[13].usage.reasoning_tokens, 12);
}

// The same stream back through the existing OpenAI chunk writer: the tool calls and text a
// caller assembles are those the upstream sent.
TEST(OpenAiStreamDecoder, ReencodedChunksCarryTheSameCalls) {
  const std::string sse =
      testing::read_fixture("anthropic/inbound/fixtures/openai_tools_reasoning.sse");
  upstream::SseFramer framer;
  OpenAiStreamDecoder decoder;
  OpenAiChunkWriter writer("chatcmpl-AbC123", "qwen3-32b", 1730000000, true);
  std::vector<StreamEvent> events;
  std::string out;
  for (const auto& event : framer.feed(sse)) decoder.on_event(event.event, event.data, events);
  decoder.finish(events);
  for (const auto& event : events) writer.write(event, out);
  out += writer.done();
  EXPECT_NE(out.find(R"("tool_calls":[{"index":1,"id":"call_ABJr5B9n7sIeyy5ajt4LIz9l")"),
            std::string::npos);
  EXPECT_NE(out.find(R"("finish_reason":"tool_calls")"), std::string::npos);
  EXPECT_NE(out.find(R"("prompt_tokens":2520)"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 14), "data: [DONE]\n\n");
}

TEST(OpenAiStreamDecoder, StreamCutBeforeFinishIsATruncationError) {
  auto events = decode({chunk(R"({"role":"assistant"})"), chunk(R"({"content":"Hel"})")});
  ASSERT_EQ(events.size(), 3u);
  ASSERT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::server);
  EXPECT_NE(events[2].error.message.find("'vllm'"), std::string::npos);
  EXPECT_NE(events[2].error.message.find("truncated"), std::string::npos);
}

TEST(OpenAiStreamDecoder, FinishWithoutDoneIsComplete) {
  auto events =
      decode({chunk(R"({"content":"a"})"), chunk("{}", R"("stop")"),
              R"({"id":"c1","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":1}})"});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].kind, Kind::finish);
  EXPECT_EQ(events[3].kind, Kind::usage);
  EXPECT_EQ(events[3].usage.total_tokens, 5);
}

TEST(OpenAiStreamDecoder, DoneWithoutFinishReasonIsAPlainStop) {
  auto events = decode({chunk(R"({"content":"a"})"), "[DONE]", chunk(R"({"content":"late"})")});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].kind, Kind::finish);
  EXPECT_EQ(events[2].finish_reason, "stop");
}

TEST(OpenAiStreamDecoder, RepeatedUsageIsSentOnceAtTheEnd) {
  const std::string usage1 = R"(,"usage":{"prompt_tokens":4,"completion_tokens":1}})";
  const std::string usage2 = R"(,"usage":{"prompt_tokens":4,"completion_tokens":2}})";
  std::string a = chunk(R"({"content":"a"})"), b = chunk("{}", R"("length")");
  a.pop_back();
  b.pop_back();
  auto events = decode({a + usage1, b + usage2, "[DONE]"});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].finish_reason, "length");
  EXPECT_EQ(events[3].kind, Kind::usage);
  EXPECT_EQ(events[3].usage.completion_tokens, 2);
}

TEST(OpenAiStreamDecoder, ErrorChunkIsClassifiedAndEndsTheStream) {
  auto events = decode(
      {chunk(R"({"content":"a"})"),
       R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})",
       chunk(R"({"content":"b"})")});
  ASSERT_EQ(events.size(), 3u);
  ASSERT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::rate_limited);
  EXPECT_EQ(events[2].error.message, "provider 'vllm' stream error: Rate limit reached");
  events = decode({R"({"error":"model overloaded","code":503})"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].error.cls, ErrorClass::server);
  events = decode({R"({"error":{"message":"busy","code":529}})"});
  EXPECT_EQ(events[0].error.cls, ErrorClass::overloaded);
}

TEST(OpenAiStreamDecoder, UnreadableChunkIsAServerError) {
  auto events = decode({chunk(R"({"content":"a"})"), "{not json", chunk(R"({"content":"b"})")});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::server);
}

TEST(OpenAiStreamDecoder, CallsSharingWireIndexZeroAreSeparateCalls) {
  auto events = decode(
      {chunk(R"({"tool_calls":[{"index":0,"id":"a","function":{"name":"f","arguments":"{}"}}]})"),
       chunk(
           R"({"tool_calls":[{"index":0,"id":"b","function":{"name":"g","arguments":"{\"x\":1}"}}]})"),
       chunk(R"({"tool_calls":[{"index":0,"id":"b","function":{"arguments":""}}]})"),
       chunk("{}", R"("tool_calls")"), "[DONE]"});
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[1].kind, Kind::tool_call_start);
  EXPECT_EQ(events[1].index, 0);
  EXPECT_EQ(events[2].text, "{}");
  EXPECT_EQ(events[3].kind, Kind::tool_call_start);
  EXPECT_EQ(events[3].index, 1);
  EXPECT_EQ(events[3].id, "b");
  EXPECT_EQ(events[4].index, 1);
  EXPECT_EQ(events[4].text, R"({"x":1})");
}

TEST(OpenAiStreamDecoder, CallWithoutIdOrIndexGetsStableOnes) {
  auto events = decode({chunk(R"({"tool_calls":[{"function":{"name":"f","arguments":"{\"a\""}}]})"),
                        chunk(R"({"tool_calls":[{"function":{"arguments":":1}"}}]})"),
                        chunk("{}", R"("stop")")});
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[1].id, "call_0");
  EXPECT_EQ(events[3].index, 0);
  EXPECT_EQ(events[3].text, ":1}");
}

TEST(OpenAiStreamDecoder, BothReasoningFieldsAreReadOnce) {
  auto events = decode({chunk(R"({"reasoning_content":"r","reasoning":"r","refusal":null})"),
                        chunk(R"({"refusal":"No."})", R"("content_filter")")});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1].kind, Kind::reasoning_delta);
  EXPECT_EQ(events[2].kind, Kind::text_delta);
  EXPECT_EQ(events[2].text, "No.");
  EXPECT_EQ(events[3].finish_reason, "content_filter");
}

}  // namespace
}  // namespace sluice::providers::openai
