#include "providers/anthropic/stream_decoder.h"

#include <gtest/gtest.h>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"
#include "upstream/sse_framer.h"

namespace sluice::providers::anthropic {
namespace {

using Kind = StreamEvent::Kind;

// Feeds `sse` to the framer in `piece`-byte reads, each whole event to the decoder, and every
// canonical event to an OpenAI chunk writer; returns the chunks the caller would receive.
std::string translate(std::string_view sse, std::size_t piece, const std::string& json_tool,
                      bool include_usage, std::vector<StreamEvent>* seen = nullptr) {
  upstream::SseFramer framer;
  AnthropicStreamDecoder decoder(json_tool);
  openai::OpenAiChunkWriter writer("chatcmpl-test", "smart", 1700000000, include_usage);
  std::string out;
  std::vector<StreamEvent> events;
  auto drain = [&] {
    for (const auto& event : events) writer.write(event, out);
    if (seen) seen->insert(seen->end(), events.begin(), events.end());
    events.clear();
  };
  for (std::size_t at = 0; at < sse.size(); at += piece) {
    for (const auto& event : framer.feed(sse.substr(at, piece))) {
      decoder.on_event(event.event, event.data, events);
      drain();
    }
  }
  decoder.finish(events);
  drain();
  return out + writer.done();
}

TEST(AnthropicStreamDecoder, LongToolAndThinkingStreamMatchesOpenAiChunks) {
  const std::string sse = testing::read_fixture("anthropic/fixtures/stream_tools_thinking.sse");
  const std::string expected =
      testing::read_fixture("anthropic/fixtures/stream_tools_thinking.chunks");
  std::vector<StreamEvent> events;
  EXPECT_EQ(translate(sse, sse.size(), "", true, &events), expected);
  // Framing must not matter: the same bytes in awkward reads give the same chunks.
  EXPECT_EQ(translate(sse, 7, "", true), expected);
  EXPECT_EQ(translate(sse, 1, "", true), expected);

  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().kind, Kind::start);
  EXPECT_EQ(events.front().id, "msg_01ABCstream");
  EXPECT_EQ(events.front().model, "claude-sonnet-4-5-20250929");
  const StreamEvent& usage = events.back();
  ASSERT_EQ(usage.kind, Kind::usage);
  EXPECT_EQ(usage.usage.prompt_tokens, 2520);
  EXPECT_EQ(usage.usage.cached_tokens, 2048);
  EXPECT_EQ(usage.usage.completion_tokens, 89);
  EXPECT_EQ(usage.usage.total_tokens, 2609);
}

TEST(AnthropicStreamDecoder, JsonToolInputStreamsAsContent) {
  const std::string sse = testing::read_fixture("anthropic/fixtures/stream_json_tool.sse");
  EXPECT_EQ(translate(sse, sse.size(), "person", false),
            testing::read_fixture("anthropic/fixtures/stream_json_tool.chunks"));
}

// Decodes (event name, data) pairs directly.
std::vector<StreamEvent> decode(std::vector<std::pair<std::string, std::string>> wire,
                                bool finish = true) {
  AnthropicStreamDecoder decoder;
  std::vector<StreamEvent> out;
  for (const auto& [event, data] : wire) decoder.on_event(event, data, out);
  if (finish) decoder.finish(out);
  return out;
}

const std::pair<std::string, std::string> kStart{
    "message_start",
    R"({"type":"message_start","message":{"id":"msg_1","model":"claude","usage":{"input_tokens":5,"output_tokens":1}}})"};
const std::pair<std::string, std::string> kTextBlock{
    "content_block_start",
    R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"};
const std::pair<std::string, std::string> kHello{
    "content_block_delta",
    R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})"};

TEST(AnthropicStreamDecoder, ErrorEventMidStreamIsClassified) {
  auto events = decode(
      {kStart,
       kTextBlock,
       kHello,
       {"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"},
       kHello});
  ASSERT_EQ(events.size(), 3u);  // start, text, error; nothing after the error, no truncation
  EXPECT_EQ(events[1].text, "Hello");
  ASSERT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::overloaded);
  EXPECT_EQ(events[2].error.message, "provider 'anthropic' stream error: Overloaded");
}

TEST(AnthropicStreamDecoder, ErrorTypesMapToClasses) {
  const std::pair<const char*, ErrorClass> cases[] = {
      {"overloaded_error", ErrorClass::overloaded},
      {"rate_limit_error", ErrorClass::rate_limited},
      {"api_error", ErrorClass::server},
      {"invalid_request_error", ErrorClass::bad_request},
      {"authentication_error", ErrorClass::auth},
      {"permission_error", ErrorClass::permission},
      {"not_found_error", ErrorClass::not_found},
      {"request_too_large", ErrorClass::payload_too_large},
      {"something_new", ErrorClass::server},
  };
  for (const auto& [type, cls] : cases) {
    auto events = decode({{"error", std::string(R"({"type":"error","error":{"type":")") + type +
                                        R"(","message":"m"}})"}});
    ASSERT_EQ(events.size(), 1u) << type;
    EXPECT_EQ(events[0].error.cls, cls) << type;
  }
}

TEST(AnthropicStreamDecoder, StreamCutBeforeMessageStopIsATruncationError) {
  auto events = decode({kStart, kTextBlock, kHello});
  ASSERT_EQ(events.size(), 3u);
  ASSERT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::server);
  EXPECT_NE(events[2].error.message.find("anthropic"), std::string::npos);
  EXPECT_NE(events[2].error.message.find("truncated"), std::string::npos);
}

TEST(AnthropicStreamDecoder, CompleteStreamOwesNothingAtFinish) {
  auto events = decode(
      {kStart,
       kTextBlock,
       kHello,
       {"message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":3}})"},
       {"message_stop", R"({"type":"message_stop"})"}});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].kind, Kind::finish);
  EXPECT_EQ(events[2].finish_reason, "length");
  EXPECT_EQ(events[3].kind, Kind::usage);
  EXPECT_EQ(events[3].usage.prompt_tokens, 5);
  EXPECT_EQ(events[3].usage.completion_tokens, 3);
}

TEST(AnthropicStreamDecoder, UnreadableEventIsAServerError) {
  auto events = decode({kStart, {"content_block_delta", "{not json"}, kHello});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Kind::error);
  EXPECT_EQ(events[1].error.cls, ErrorClass::server);
}

TEST(AnthropicStreamDecoder, PingsAndUnknownEventsAreIgnored) {
  auto events = decode({kStart,
                        {"ping", R"({"type": "ping"})"},
                        {"future_event", R"({"type":"future_event","x":1})"},
                        kTextBlock,
                        kHello},
                       false);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Kind::text_delta);
}

TEST(AnthropicStreamDecoder, ToolIndexesCountToolsOnly) {
  auto events = decode(
      {kStart,
       kTextBlock,
       kHello,
       {"content_block_start",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"f","input":{}}})"},
       {"content_block_delta",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}})"}},
      false);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].kind, Kind::tool_call_start);
  EXPECT_EQ(events[2].index, 0);  // block 1, but the first tool call
  EXPECT_EQ(events[2].id, "toolu_a");
  EXPECT_EQ(events[3].kind, Kind::tool_call_delta);
  EXPECT_EQ(events[3].index, 0);
  EXPECT_EQ(events[3].text, "{}");
}

}  // namespace
}  // namespace sluice::providers::anthropic
