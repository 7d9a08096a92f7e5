#include "providers/stream_opening.h"

#include <gtest/gtest.h>

namespace sluice::providers {
namespace {

TEST(StreamOpening, OpenAiRoleChunkIsPreambleTextIsContent) {
  EXPECT_EQ(classify_opening_event(
                "", R"({"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})"),
            OpeningEvent::preamble);
  EXPECT_EQ(classify_opening_event("", R"({"choices":[{"delta":{"content":"Hi"}}]})"),
            OpeningEvent::content);
  EXPECT_EQ(classify_opening_event(
                "", R"({"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c"}]}}]})"),
            OpeningEvent::content);
  EXPECT_EQ(classify_opening_event("", R"({"choices":[{"delta":{},"finish_reason":"stop"}]})"),
            OpeningEvent::content);
  EXPECT_EQ(classify_opening_event("", R"({"choices":[{"delta":{},"finish_reason":null}]})"),
            OpeningEvent::preamble);
  EXPECT_EQ(classify_opening_event("", "[DONE]"), OpeningEvent::content);
  EXPECT_EQ(classify_opening_event("", R"({"choices":[{"delta":{"reasoning_content":"hm"}}]})"),
            OpeningEvent::content);
}

TEST(StreamOpening, KeysInsideValuesAndNullsAreNotContent) {
  EXPECT_EQ(
      classify_opening_event(
          "",
          R"({"id":"content","choices":[{"delta":{"role":"assistant","tool_calls":null,"refusal":null}}]})"),
      OpeningEvent::preamble);
  EXPECT_EQ(classify_opening_event("", R"({"choices":[{"delta":{"refusal":"no"}}]})"),
            OpeningEvent::content);
}

TEST(StreamOpening, OpenAiErrorObject) {
  EXPECT_EQ(classify_opening_event("", R"({"error":{"message":"boom","type":"server_error"}})"),
            OpeningEvent::error);
}

TEST(StreamOpening, AnthropicEvents) {
  EXPECT_EQ(classify_opening_event("message_start", R"({"type":"message_start"})"),
            OpeningEvent::preamble);
  EXPECT_EQ(classify_opening_event("ping", R"({"type":"ping"})"), OpeningEvent::preamble);
  EXPECT_EQ(classify_opening_event(
                "content_block_start",
                R"({"type":"content_block_start","content_block":{"type":"text","text":""}})"),
            OpeningEvent::preamble);
  EXPECT_EQ(classify_opening_event(
                "content_block_start",
                R"({"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}})"),
            OpeningEvent::content);
  EXPECT_EQ(classify_opening_event("content_block_delta", R"({"delta":{"text":"x"}})"),
            OpeningEvent::content);
  EXPECT_EQ(classify_opening_event("error", R"({"error":{"type":"overloaded_error"}})"),
            OpeningEvent::error);
}

TEST(StreamOpening, ErrorClassFromTheProvidersType) {
  EXPECT_EQ(opening_error("p", R"({"error":{"type":"overloaded_error"}})").cls,
            ErrorClass::overloaded);
  EXPECT_EQ(opening_error("p", R"({"error":{"code":"rate_limit_exceeded"}})").cls,
            ErrorClass::rate_limited);
  const auto other = opening_error("p", R"({"error":{"message":"boom"}})");
  EXPECT_EQ(other.cls, ErrorClass::server);
  EXPECT_NE(other.message.find("provider 'p'"), std::string::npos);
}

TEST(StreamOpening, StreamEnds) {
  EXPECT_TRUE(is_stream_end("", "[DONE]"));
  EXPECT_FALSE(is_stream_end("", R"({"choices":[{"delta":{},"finish_reason":"stop"}]})"));
  EXPECT_FALSE(
      is_stream_end("", R"({"choices":[{"delta":{"content":"x"},"finish_reason":null}]})"));
  EXPECT_TRUE(is_stream_end("message_stop", R"({"type":"message_stop"})"));
  EXPECT_FALSE(is_stream_end("content_block_stop", R"({"type":"content_block_stop"})"));
  EXPECT_TRUE(is_stream_end("error", R"({"type":"error"})"));
  EXPECT_TRUE(is_stream_end("", R"({"error":{"message":"boom"}})"));
}

}  // namespace
}  // namespace sluice::providers
