#include "providers/bedrock/stream_decoder.h"

#include <gtest/gtest.h>

#include <sstream>

#include "../golden_json.h"
#include "providers/openai/chat_writer.h"
#include "upstream/aws_event_stream.h"

namespace sluice::providers::bedrock {
namespace {

using Kind = StreamEvent::Kind;

std::string event_frame(std::string_view type, std::string_view payload) {
  return upstream::encode_aws_event_message({{":event-type", std::string(type)},
                                             {":content-type", "application/json"},
                                             {":message-type", "event"}},
                                            payload);
}

std::string exception_frame(std::string_view type, std::string_view payload) {
  return upstream::encode_aws_event_message({{":exception-type", std::string(type)},
                                             {":content-type", "application/json"},
                                             {":message-type", "exception"}},
                                            payload);
}

// The fixture's "<event> <payload>" lines as one event-stream body.
std::string frames_from_fixture(std::string_view name) {
  std::istringstream lines(testing::read_fixture("bedrock/fixtures/" + std::string(name)));
  std::string line, out;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    out += event_frame(line.substr(0, space), line.substr(space + 1));
  }
  return out;
}

// Feeds `bytes` to the framer cut at `cuts`, each event to the decoder, every canonical event
// to an OpenAI chunk writer; returns the chunks the caller would receive.
std::string translate(std::string_view bytes, std::vector<std::size_t> cuts,
                      std::vector<StreamEvent>* seen = nullptr) {
  upstream::AwsEventStreamEventFramer framer;
  BedrockStreamDecoder decoder;
  openai::OpenAiChunkWriter writer("chatcmpl-test", "smart", 1700000000, true);
  std::string out;
  std::vector<StreamEvent> events;
  std::vector<upstream::FramedEvent> framed;
  auto drain = [&] {
    for (const auto& event : events) writer.write(event, out);
    if (seen) seen->insert(seen->end(), events.begin(), events.end());
    events.clear();
  };
  std::size_t at = 0;
  cuts.push_back(bytes.size());
  for (std::size_t cut : cuts) {
    framed.clear();
    const bool ok = framer.feed(bytes.substr(at, cut - at), framed);
    for (const auto& event : framed) decoder.on_event(event.event, event.data, events);
    drain();
    EXPECT_TRUE(ok) << framer.error();
    at = cut;
  }
  decoder.finish(events);
  drain();
  return out + writer.done();
}

TEST(BedrockStreamDecoder, LongToolAndReasoningStreamMatchesOpenAiChunks) {
  const std::string bytes = frames_from_fixture("stream_tools_reasoning.events");
  const std::string expected =
      testing::read_fixture("bedrock/fixtures/stream_tools_reasoning.chunks");
  std::vector<StreamEvent> events;
  const std::string whole = translate(bytes, {}, &events);
  EXPECT_EQ(whole, expected) << whole;
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().kind, Kind::start);
  const StreamEvent& usage = events.back();
  ASSERT_EQ(usage.kind, Kind::usage);
  EXPECT_EQ(usage.usage.prompt_tokens, 2520);
  EXPECT_EQ(usage.usage.cached_tokens, 2048);
  EXPECT_EQ(usage.usage.completion_tokens, 89);
}

// Every byte boundary (inside preludes, headers, payloads and CRCs), as two reads and as
// three reads around each one, gives the same chunks.
TEST(BedrockStreamDecoder, EveryByteBoundaryGivesTheSameChunks) {
  const std::string bytes = frames_from_fixture("stream_tools_reasoning.events");
  const std::string expected = translate(bytes, {});
  for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
    ASSERT_EQ(translate(bytes, {cut}), expected) << "cut at " << cut;
    if (cut + 5 < bytes.size()) {
      ASSERT_EQ(translate(bytes, {cut, cut + 5}), expected) << "cuts at " << cut;
    }
  }
  std::vector<std::size_t> every;
  for (std::size_t cut = 1; cut < bytes.size(); ++cut) every.push_back(cut);
  EXPECT_EQ(translate(bytes, every), expected);
}

std::vector<StreamEvent> decode_events(std::string_view bytes) {
  upstream::AwsEventStreamEventFramer framer;
  BedrockStreamDecoder decoder;
  std::vector<upstream::FramedEvent> framed;
  std::vector<StreamEvent> events;
  if (!framer.feed(bytes, framed)) ADD_FAILURE() << framer.error();
  for (const auto& event : framed) decoder.on_event(event.event, event.data, events);
  decoder.finish(events);
  return events;
}

TEST(BedrockStreamDecoder, ExceptionFramesBecomeErrorsOfTheirClass) {
  struct Case {
    std::string type, message;
    ErrorClass cls;
  };
  for (const Case& c : std::vector<Case>{
           {"throttlingException", "Too many tokens, please wait.", ErrorClass::rate_limited},
           {"modelStreamErrorException", "Model stream failed", ErrorClass::server},
           {"validationException", "Input is too long for requested model.",
            ErrorClass::context_length},
           {"validationException", "Malformed input request", ErrorClass::bad_request},
           {"serviceUnavailableException", "Service unavailable", ErrorClass::overloaded},
           {"internalServerException", "Internal error", ErrorClass::server},
           {"modelTimeoutException", "Model timed out", ErrorClass::timeout},
           {"somethingNewException", "new", ErrorClass::server},
       }) {
    const std::string bytes =
        event_frame("messageStart", R"({"role":"assistant"})") +
        event_frame("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})") +
        exception_frame(c.type, R"({"message":")" + c.message + R"("})");
    const auto events = decode_events(bytes);
    ASSERT_EQ(events.size(), 3u) << c.type << ": finish() adds nothing after an error";
    EXPECT_EQ(events[1].text, "Hi");
    ASSERT_EQ(events[2].kind, Kind::error);
    EXPECT_EQ(events[2].error.cls, c.cls) << c.type;
    EXPECT_NE(events[2].error.message.find(c.message), std::string::npos)
        << events[2].error.message;
  }
}

TEST(BedrockStreamDecoder, StreamWithoutMessageStopIsTruncated) {
  const auto events = decode_events(
      event_frame("messageStart", R"({"role":"assistant"})") +
      event_frame("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})"));
  ASSERT_EQ(events.size(), 3u);
  ASSERT_EQ(events[2].kind, Kind::error);
  EXPECT_EQ(events[2].error.cls, ErrorClass::server);
  EXPECT_NE(events[2].error.message.find("truncated"), std::string::npos);
}

TEST(BedrockStreamDecoder, MessageStopWithoutMetadataEndsCleanly) {
  const auto events = decode_events(event_frame("messageStart", R"({"role":"assistant"})") +
                                    event_frame("messageStop", R"({"stopReason":"max_tokens"})"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Kind::finish);
  EXPECT_EQ(events[1].finish_reason, "length");
}

TEST(BedrockStreamDecoder, UnreadableEventIsAnError) {
  const auto events = decode_events(event_frame("contentBlockDelta", "not json"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::error);
  EXPECT_NE(events[0].error.message.find("could not read (contentBlockDelta)"), std::string::npos);
}

TEST(BedrockStreamDecoder, JsonToolInputBecomesText) {
  upstream::AwsEventStreamEventFramer framer;
  BedrockStreamDecoder decoder("person");
  std::vector<upstream::FramedEvent> framed;
  std::vector<StreamEvent> events;
  const std::string bytes =
      event_frame("messageStart", R"({"role":"assistant"})") +
      event_frame(
          "contentBlockStart",
          R"({"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":"t","name":"person"}}})") +
      event_frame("contentBlockDelta",
                  R"({"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"name\":\"Ada\"}"}}})") +
      event_frame("messageStop", R"({"stopReason":"tool_use"})");
  ASSERT_TRUE(framer.feed(bytes, framed));
  for (const auto& event : framed) decoder.on_event(event.event, event.data, events);
  decoder.finish(events);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].kind, Kind::text_delta);
  EXPECT_EQ(events[1].text, R"({"name":"Ada"})");
  EXPECT_EQ(events[2].finish_reason, "stop");
}

// A broken CRC mid-stream: the framer refuses the bytes; the events before it were delivered.
TEST(BedrockStreamDecoder, CrcMismatchStopsTheFramer) {
  std::string bad =
      event_frame("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"X"}})");
  bad[bad.size() - 1] ^= 0x5A;
  const std::string bytes = event_frame("messageStart", R"({"role":"assistant"})") + bad;
  upstream::AwsEventStreamEventFramer framer;
  std::vector<upstream::FramedEvent> framed;
  EXPECT_FALSE(framer.feed(bytes, framed));
  EXPECT_EQ(framed.size(), 1u);
  EXPECT_NE(framer.error().find("CRC mismatch"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::bedrock
