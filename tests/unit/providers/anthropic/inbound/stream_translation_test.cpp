// An OpenAI-compatible upstream's stream, served to an Anthropic Messages caller: upstream
// bytes -> SseFramer -> OpenAiStreamDecoder -> AnthropicEventWriter.
#include <gtest/gtest.h>

#include "../../golden_json.h"
#include "anthropic_stream_check.h"
#include "providers/anthropic/inbound/event_writer.h"
#include "providers/openai/stream_decoder.h"
#include "upstream/sse_framer.h"

namespace sluice::providers::anthropic::inbound {
namespace {

// Feeds `sse` to the framer in the given reads, each whole event to the decoder and every
// canonical event to the writer; returns what the caller would receive.
std::string translate(std::string_view sse, const std::vector<std::size_t>& cuts) {
  upstream::SseFramer framer;
  openai::OpenAiStreamDecoder decoder;
  AnthropicEventWriter writer("", "smart");
  std::string out;
  std::vector<StreamEvent> events;
  auto drain = [&] {
    for (const auto& event : events) writer.write(event, out);
    events.clear();
  };
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    for (const auto& event : framer.feed(sse.substr(at, cut - at))) {
      decoder.on_event(event.event, event.data, events);
      drain();
    }
    at = cut;
  }
  decoder.finish(events);
  drain();
  writer.end(out);
  return out;
}

std::vector<std::size_t> every(std::size_t piece, std::size_t size) {
  std::vector<std::size_t> cuts;
  for (std::size_t at = piece; at < size; at += piece) cuts.push_back(at);
  cuts.push_back(size);
  return cuts;
}

const std::string kBase = "anthropic/inbound/fixtures/openai_tools_reasoning";

TEST(AnthropicInboundStream, OpenAiToolsAndReasoningBecomeAnthropicEvents) {
  const std::string sse = testing::read_fixture(kBase + ".sse");
  const std::string expected = testing::read_fixture(kBase + ".anthropic.sse");
  const std::string out = translate(sse, {sse.size()});
  EXPECT_EQ(out, expected);
  const auto message = testing::check_anthropic_stream(out);
  ASSERT_EQ(message.problem, "");
  ASSERT_EQ(message.blocks.size(), 4u);
  EXPECT_EQ(message.blocks[2].text, R"({"location": "Paris, France"})");
  EXPECT_EQ(message.blocks[3].text,
            "{\"location\": \"T\xc5\x8dky\xc5\x8d, \xe6\x97\xa5\xe6\x9c\xac\"}");
  EXPECT_EQ(message.stop_reason, "tool_use");
  EXPECT_EQ(message.input_tokens + message.cache_read, 2520);
}

TEST(AnthropicInboundStream, AwkwardReadBoundariesGiveTheSameEvents) {
  const std::string sse = testing::read_fixture(kBase + ".sse");
  const std::string expected = testing::read_fixture(kBase + ".anthropic.sse");
  EXPECT_EQ(translate(sse, every(1, sse.size())), expected);
  EXPECT_EQ(translate(sse, every(7, sse.size())), expected);
  // Every single split point, including inside multi-byte UTF-8 and inside "\n\n".
  for (std::size_t cut = 1; cut < sse.size(); ++cut) {
    ASSERT_EQ(translate(sse, {cut, sse.size()}), expected) << "split at byte " << cut;
  }
}

TEST(AnthropicInboundStream, CutStreamEndsWithAnErrorEvent) {
  const std::string sse = testing::read_fixture(kBase + ".sse");
  const std::size_t cut = sse.find("tool_calls\":[{\"index\":1");
  ASSERT_NE(cut, std::string::npos);
  const std::string head = sse.substr(0, sse.rfind("data:", cut));
  const std::string out = translate(head, {head.size()});
  const auto message = testing::check_anthropic_stream(out);
  EXPECT_EQ(message.problem, "");
  EXPECT_EQ(message.error_type, "api_error");
  EXPECT_EQ(out.find("message_stop"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::anthropic::inbound
