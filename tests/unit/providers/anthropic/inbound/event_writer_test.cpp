#include "providers/anthropic/inbound/event_writer.h"

#include <gtest/gtest.h>

#include "anthropic_stream_check.h"

namespace sluice::providers::anthropic::inbound {
namespace {

using Kind = StreamEvent::Kind;

StreamEvent ev(Kind kind, std::string text = {}, int index = 0) {
  StreamEvent event;
  event.kind = kind;
  event.text = std::move(text);
  event.index = index;
  return event;
}

StreamEvent start(std::string id, std::string model) {
  StreamEvent event = ev(Kind::start);
  event.id = std::move(id);
  event.model = std::move(model);
  return event;
}

StreamEvent tool_start(int index, std::string id, std::string name) {
  StreamEvent event = ev(Kind::tool_call_start, {}, index);
  event.id = std::move(id);
  event.name = std::move(name);
  return event;
}

StreamEvent finish(std::string reason) {
  StreamEvent event = ev(Kind::finish);
  event.finish_reason = std::move(reason);
  return event;
}

StreamEvent usage_event(int64_t prompt, int64_t completion, int64_t cached) {
  StreamEvent event = ev(Kind::usage);
  event.usage = {true, prompt, completion, prompt + completion, cached, 0, 0};
  return event;
}

std::string write_all(AnthropicEventWriter& writer, const std::vector<StreamEvent>& events) {
  std::string out;
  for (const auto& event : events) writer.write(event, out);
  writer.end(out);
  return out;
}

TEST(AnthropicInboundEvents, TextStreamIsExactlyAnthropicsShape) {
  AnthropicEventWriter writer("abc", "smart");
  const std::string out = write_all(
      writer, {start("chatcmpl-x", "gpt-4.1"), ev(Kind::text_delta, "Hello"),
               ev(Kind::text_delta, " \"world\""), finish("stop"), usage_event(10, 2, 0)});
  EXPECT_EQ(
      out,
      "event: message_start\n"
      R"(data: {"type":"message_start","message":{"id":"msg_abc","type":"message",)"
      R"("role":"assistant","model":"smart","content":[],"stop_reason":null,"stop_sequence":null,)"
      R"("usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,)"
      R"("output_tokens":0}}})"
      "\n\nevent: content_block_start\n"
      R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
      "\n\nevent: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})"
      "\n\nevent: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" \"world\""}})"
      "\n\nevent: content_block_stop\n"
      R"(data: {"type":"content_block_stop","index":0})"
      "\n\nevent: message_delta\n"
      R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},)"
      R"("usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,)"
      R"("output_tokens":2}})"
      "\n\nevent: message_stop\n"
      R"(data: {"type":"message_stop"})"
      "\n\n");
  EXPECT_TRUE(writer.ended());
  EXPECT_EQ(writer.end(), "");
}

TEST(AnthropicInboundEvents, UsageAfterFinishEndsTheMessageAtOnce) {
  AnthropicEventWriter writer("", "");
  std::string out;
  writer.write(start("chatcmpl-7", "qwen"), out);
  writer.write(ev(Kind::text_delta, "x"), out);
  writer.write(finish("length"), out);
  EXPECT_EQ(out.find("message_delta"), std::string::npos) << "held until usage arrives";
  writer.write(usage_event(5, 1, 0), out);
  EXPECT_NE(out.find(R"("stop_reason":"max_tokens")"), std::string::npos);
  EXPECT_TRUE(writer.ended());
  const auto message = testing::check_anthropic_stream(out);
  EXPECT_EQ(message.problem, "");
  EXPECT_EQ(message.id, "msg_7");
  EXPECT_EQ(message.model, "qwen");
  EXPECT_EQ(message.input_tokens, 5);
  EXPECT_EQ(message.output_tokens, 1);
}

TEST(AnthropicInboundEvents, ThinkingTextAndParallelToolsOpenAndCloseBlocks) {
  AnthropicEventWriter writer("r1", "smart");
  const std::string out = write_all(
      writer, {start("", ""), ev(Kind::reasoning_delta, "Hmm."), ev(Kind::text_delta, "Two calls."),
               tool_start(0, "call_a", "get_weather"), ev(Kind::tool_call_delta, R"({"city":)", 0),
               ev(Kind::tool_call_delta, R"("Paris"})", 0), tool_start(1, "call_b", "get_time"),
               ev(Kind::tool_call_delta, "{}", 1), finish("tool_calls"), usage_event(20, 9, 16)});
  const auto message = testing::check_anthropic_stream(out);
  ASSERT_EQ(message.problem, "") << out;
  ASSERT_EQ(message.blocks.size(), 4u);
  EXPECT_EQ(message.blocks[0].type, "thinking");
  EXPECT_EQ(message.blocks[0].text, "Hmm.");
  EXPECT_EQ(message.blocks[1].text, "Two calls.");
  EXPECT_EQ(message.blocks[2].id, "call_a");
  EXPECT_EQ(message.blocks[2].text, R"({"city":"Paris"})");
  EXPECT_EQ(message.blocks[3].name, "get_time");
  EXPECT_EQ(message.stop_reason, "tool_use");
  EXPECT_EQ(message.input_tokens, 4);  // 20 prompt tokens, 16 of them cached
  EXPECT_EQ(message.cache_read, 16);
  EXPECT_NE(out.find(R"("content_block":{"type":"thinking","thinking":"","signature":""})"),
            std::string::npos);
}

TEST(AnthropicInboundEvents, EndWithoutUsageOrFinishStillClosesTheMessage) {
  AnthropicEventWriter writer("id", "m");
  const std::string out = write_all(writer, {start("", ""), ev(Kind::text_delta, "partial")});
  const auto message = testing::check_anthropic_stream(out);
  EXPECT_EQ(message.problem, "");
  EXPECT_EQ(message.stop_reason, "end_turn");
  EXPECT_EQ(message.output_tokens, 0);
}

TEST(AnthropicInboundEvents, EmptyStreamStillHasStartAndStop) {
  AnthropicEventWriter writer("id", "m");
  const auto message = testing::check_anthropic_stream(writer.end());
  EXPECT_EQ(message.problem, "");
  EXPECT_TRUE(message.blocks.empty());
}

TEST(AnthropicInboundEvents, ErrorEndsTheStreamInAnthropicsShape) {
  AnthropicEventWriter writer("id", "m");
  std::string out;
  writer.write(start("", ""), out);
  writer.write(ev(Kind::text_delta, "Hel"), out);
  StreamEvent error = ev(Kind::error);
  error.error = GatewayError{ErrorClass::overloaded, "provider 'x' stream error: busy"};
  const std::string tail = writer.write(error);
  EXPECT_EQ(tail,
            "event: error\n"
            R"(data: {"type":"error","error":{"type":"overloaded_error",)"
            R"("message":"provider 'x' stream error: busy"}})"
            "\n\n");
  EXPECT_TRUE(writer.ended());
  EXPECT_EQ(writer.write(ev(Kind::text_delta, "lo")), "");
  EXPECT_EQ(writer.end(), "");
  const auto message = testing::check_anthropic_stream(out + tail);
  EXPECT_EQ(message.problem, "");
  EXPECT_EQ(message.error_type, "overloaded_error");
}

TEST(AnthropicInboundEvents, ContentAfterFinishIsDropped) {
  AnthropicEventWriter writer("id", "m");
  std::string out;
  for (const auto& event :
       {start("", ""), ev(Kind::text_delta, "a"), finish("stop"), ev(Kind::text_delta, "late")}) {
    writer.write(event, out);
  }
  writer.end(out);
  EXPECT_EQ(out.find("late"), std::string::npos);
  EXPECT_EQ(testing::check_anthropic_stream(out).problem, "");
}

TEST(AnthropicInboundEvents, LateFragmentOfAnEarlierCallNamesItsBlock) {
  AnthropicEventWriter writer("id", "m");
  std::string out;
  for (const auto& event : {start("", ""), tool_start(0, "a", "f"), tool_start(1, "b", "g"),
                            ev(Kind::tool_call_delta, "{}", 0)}) {
    writer.write(event, out);
  }
  EXPECT_NE(out.find(R"("index":0,"delta":{"type":"input_json_delta","partial_json":"{}"})"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice::providers::anthropic::inbound
