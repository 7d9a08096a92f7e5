#include "providers/gemini/stream_decoder.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"
#include "upstream/event_framer.h"

namespace sluice::providers::gemini {
namespace {

using Kind = StreamEvent::Kind;

// Feeds `sse` to the framer in `piece`-byte reads, each whole event to the decoder, and every
// canonical event to an OpenAI chunk writer; returns the chunks the caller would receive.
std::string translate(std::string_view sse, std::size_t piece, bool include_usage,
                      std::vector<StreamEvent>* seen = nullptr) {
  upstream::SseEventFramer framer;
  GeminiStreamDecoder decoder;
  openai::OpenAiChunkWriter writer("chatcmpl-test", "smart", 1700000000, include_usage);
  std::string out;
  std::vector<StreamEvent> events;
  std::vector<upstream::FramedEvent> framed;
  auto drain = [&] {
    for (const auto& event : events) writer.write(event, out);
    if (seen) seen->insert(seen->end(), events.begin(), events.end());
    events.clear();
  };
  for (std::size_t at = 0; at < sse.size(); at += piece) {
    framed.clear();
    EXPECT_TRUE(framer.feed(sse.substr(at, piece), framed));
    for (const auto& event : framed) decoder.on_event(event.event, event.data, events);
    drain();
  }
  decoder.finish(events);
  drain();
  return out + writer.done();
}

TEST(GeminiStreamDecoder, LongStreamMatchesOpenAiChunksWhateverTheReads) {
  const std::string sse = testing::read_fixture("gemini/fixtures/stream_long.sse");
  const std::string expected = testing::read_fixture("gemini/fixtures/stream_long.chunks");
  std::vector<StreamEvent> events;
  EXPECT_EQ(translate(sse, sse.size(), true, &events), expected);
  for (std::size_t piece : {1u, 2u, 3u, 7u, 13u, 64u, 333u}) {
    EXPECT_EQ(translate(sse, piece, true), expected) << piece;
  }
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().kind, Kind::start);
  EXPECT_EQ(events.front().id, "resp-stream-1");
  EXPECT_EQ(events.front().model, "gemini-2.5-flash");
  const StreamEvent& usage = events.back();
  ASSERT_EQ(usage.kind, Kind::usage);
  EXPECT_EQ(usage.usage.prompt_tokens, 2520);
  EXPECT_EQ(usage.usage.cached_tokens, 2048);
  EXPECT_EQ(usage.usage.completion_tokens, 89);
  EXPECT_EQ(usage.usage.reasoning_tokens, 29);
  EXPECT_EQ(usage.usage.total_tokens, 2609);
  const StreamEvent& finish = events[events.size() - 2];
  ASSERT_EQ(finish.kind, Kind::finish);
  EXPECT_EQ(finish.finish_reason, "tool_calls");
}

std::vector<StreamEvent> decode(const std::vector<std::string>& chunks, bool finish = true) {
  GeminiStreamDecoder decoder;
  std::vector<StreamEvent> out;
  for (const auto& data : chunks) decoder.on_event("", data, out);
  if (finish) decoder.finish(out);
  return out;
}

const std::string kHello =
    R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]}}],"responseId":"r1"})";

TEST(GeminiStreamDecoder, ErrorPayloadMidStreamIsClassified) {
  auto events = decode(
      {kHello,
       R"({"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}})",
       kHello});
  ASSERT_EQ(events.size(), 3u);  // start, text, error; nothing after the error
  EXPECT_EQ(events[1].text, "Hello");
  ASSERT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::overloaded);
  EXPECT_EQ(events[2].error.message,
            "provider 'gemini' stream error: The model is overloaded. Please try again later.");
  auto quota = decode(
      {R"({"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}})"});
  ASSERT_EQ(quota.size(), 1u);
  EXPECT_EQ(quota[0].error.cls, ErrorClass::rate_limited);
  EXPECT_EQ(quota[0].error.message, "Resource has been exhausted");
}

TEST(GeminiStreamDecoder, StreamWithoutFinishReasonIsATruncationError) {
  auto events = decode({kHello, kHello});
  ASSERT_EQ(events.size(), 4u);
  ASSERT_EQ(events[3].kind, Kind::error);
  EXPECT_EQ(events[3].error.cls, ErrorClass::server);
  EXPECT_NE(events[3].error.message.find("truncated"), std::string::npos);
  EXPECT_EQ(decode({}).back().kind, Kind::error);
}

TEST(GeminiStreamDecoder, FinishThenUsageAtTheEnd) {
  auto events = decode(
      {kHello,
       R"({"candidates":[{"content":{"role":"model","parts":[{"text":" world"}]},"finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7}})"});
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[2].text, " world");
  EXPECT_EQ(events[3].kind, Kind::finish);
  EXPECT_EQ(events[3].finish_reason, "length");
  EXPECT_EQ(events[4].kind, Kind::usage);
  EXPECT_EQ(events[4].usage.prompt_tokens, 5);
  EXPECT_EQ(events[4].usage.completion_tokens, 2);
  EXPECT_EQ(events[4].usage.total_tokens, 7);
}

TEST(GeminiStreamDecoder, PromptBlockedIsAContentFilterFinish) {
  auto events = decode(
      {R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3}})"});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].kind, Kind::finish);
  EXPECT_EQ(events[1].finish_reason, "content_filter");
  EXPECT_EQ(events[2].kind, Kind::usage);
}

TEST(GeminiStreamDecoder, UnreadableChunkIsAServerError) {
  auto events = decode({kHello, "{not json", kHello});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::server);
}

TEST(GeminiStreamDecoder, FunctionCallsGetSequentialIdsAcrossChunks) {
  auto events = decode(
      {R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"a":1}}}]}}]})",
       R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"g"}}]},"finishReason":"STOP"}]})"});
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events[1].kind, Kind::tool_call_start);
  EXPECT_EQ(events[1].id, "call_0");
  EXPECT_EQ(events[1].name, "f");
  EXPECT_EQ(events[2].kind, Kind::tool_call_delta);
  EXPECT_EQ(events[2].text, R"({"a":1})");
  EXPECT_EQ(events[3].id, "call_1");
  EXPECT_EQ(events[3].index, 1);
  EXPECT_EQ(events[4].text, "{}");
  EXPECT_EQ(events[5].finish_reason, "tool_calls");
}

}  // namespace
}  // namespace sluice::providers::gemini
