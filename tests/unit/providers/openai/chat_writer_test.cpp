#include "providers/openai/chat_writer.h"

#include <gtest/gtest.h>

#include "../golden_json.h"

namespace sluice::providers::openai {
namespace {

using Kind = StreamEvent::Kind;

StreamEvent ev(Kind kind, std::string text = {}, int index = 0) {
  StreamEvent event;
  event.kind = kind;
  event.text = std::move(text);
  event.index = index;
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
  event.usage.present = true;
  event.usage.prompt_tokens = prompt;
  event.usage.completion_tokens = completion;
  event.usage.total_tokens = prompt + completion;
  event.usage.cached_tokens = cached;
  return event;
}

TEST(OpenAiChatWriter, CompletionWithTextIsExactlyOpenAisShape) {
  ChatResponse r;
  r.id = "chatcmpl-1";
  r.created = 1700000000;
  r.model = "claude-sonnet-4-5";
  r.content = "Bonjour \"monde\" \xe2\x9c\x93\n";
  r.finish_reason = "stop";
  r.usage = {true, 12, 5, 17, 4, 0, 0};
  EXPECT_EQ(write_chat_completion(r),
            R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,)"
            R"("model":"claude-sonnet-4-5","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Bonjour \"monde\" )"
            "\xe2\x9c\x93"
            R"(\n","refusal":null},"logprobs":null,"finish_reason":"stop"}],)"
            R"("usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,)"
            R"("prompt_tokens_details":{"cached_tokens":4},)"
            R"("completion_tokens_details":{"reasoning_tokens":0}}})");
}

TEST(OpenAiChatWriter, ContentIsNullWhenOnlyToolCalls) {
  ChatResponse r;
  r.id = "x";
  r.model = "m";
  r.finish_reason = "tool_calls";
  r.tool_calls = {{"toolu_1", "get_weather", R"({"city":"Paris"})"}, {"toolu_2", "get_time", "{}"}};
  r.reasoning = "Two lookups.";
  EXPECT_TRUE(testing::json_equal(R"({"id":"x","object":"chat.completion","created":0,"model":"m",
    "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
      "reasoning_content":"Two lookups.",
      "tool_calls":[
        {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
        {"id":"toolu_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
      "logprobs":null,"finish_reason":"tool_calls"}],
    "usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,
      "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}})",
                                  write_chat_completion(r)));
}

TEST(OpenAiChatWriter, TextStreamWithoutUsage) {
  OpenAiChunkWriter w("chatcmpl-9", "smart", 42, false);
  std::string out;
  StreamEvent start = ev(Kind::start);
  start.id = "msg_1";
  w.write(start, out);
  w.write(ev(Kind::text_delta, "Hi"), out);
  w.write(ev(Kind::text_delta, ""), out);  // nothing to send
  w.write(usage_event(3, 1, 0), out);      // not asked for: dropped
  w.write(finish("stop"), out);
  out += w.done();
  const std::string head = R"(data: {"id":"chatcmpl-9","object":"chat.completion.chunk",)"
                           R"("created":42,"model":"smart","choices":[{"index":0,"delta":)";
  EXPECT_EQ(out, head +
                     R"({"role":"assistant","content":"","refusal":null},"logprobs":null,)"
                     R"("finish_reason":null}]})"
                     "\n\n" +
                     head +
                     R"({"content":"Hi"},"logprobs":null,"finish_reason":null}]})"
                     "\n\n" +
                     head +
                     R"({},"logprobs":null,"finish_reason":"stop"}]})"
                     "\n\n"
                     "data: [DONE]\n\n");
}

TEST(OpenAiChatWriter, ToolCallStreamWithUsageAfterFinish) {
  OpenAiChunkWriter w("c", "m", 1, true);
  std::string out;
  w.write(ev(Kind::start), out);
  w.write(tool_start(0, "toolu_a", "get_weather"), out);
  w.write(ev(Kind::tool_call_delta, R"({"city":)", 0), out);
  w.write(ev(Kind::tool_call_delta, R"("Paris"})", 0), out);
  w.write(tool_start(1, "toolu_b", "get_time"), out);
  w.write(finish("tool_calls"), out);
  w.write(usage_event(10, 20, 2), out);
  out += w.done();
  const std::string head = R"(data: {"id":"c","object":"chat.completion.chunk","created":1,)"
                           R"("model":"m","choices":[{"index":0,"delta":)";
  const std::string tail = R"(,"logprobs":null,"finish_reason":null}],"usage":null})"
                           "\n\n";
  EXPECT_EQ(out, head + R"({"role":"assistant","content":"","refusal":null})" + tail + head +
                     R"({"tool_calls":[{"index":0,"id":"toolu_a","type":"function",)"
                     R"("function":{"name":"get_weather","arguments":""}}]})" +
                     tail + head +
                     R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]})" +
                     tail + head +
                     R"({"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]})" +
                     tail + head +
                     R"({"tool_calls":[{"index":1,"id":"toolu_b","type":"function",)"
                     R"("function":{"name":"get_time","arguments":""}}]})" +
                     tail + head +
                     R"({},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null})" + "\n\n" +
                     R"(data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",)"
                     R"("choices":[],"usage":{"prompt_tokens":10,"completion_tokens":20,)"
                     R"("total_tokens":30,"prompt_tokens_details":{"cached_tokens":2},)"
                     R"("completion_tokens_details":{"reasoning_tokens":0}}})"
                     "\n\n"
                     "data: [DONE]\n\n");
}

TEST(OpenAiChatWriter, UsageBeforeFinishIsHeldUntilAfterIt) {
  OpenAiChunkWriter w("c", "m", 1, true);
  std::string out = w.write(ev(Kind::text_delta, "x"));
  out += w.write(usage_event(1, 1, 0));
  const auto usage_at = out.find(R"("choices":[])");
  EXPECT_EQ(usage_at, std::string::npos);
  out += w.write(finish("length"));
  EXPECT_LT(out.find(R"("finish_reason":"length")"), out.find(R"("choices":[])"));
  EXPECT_EQ(w.done(), "data: [DONE]\n\n");  // usage went out once, not twice
}

TEST(OpenAiChatWriter, UsageWithoutFinishGoesOutAtDone) {
  OpenAiChunkWriter w("c", "m", 1, true);
  w.write(ev(Kind::text_delta, "x"));
  w.write(usage_event(1, 1, 0));
  const std::string done = w.done();
  EXPECT_NE(done.find(R"("choices":[],"usage":{"prompt_tokens":1)"), std::string::npos) << done;
  EXPECT_TRUE(done.ends_with("data: [DONE]\n\n"));
}

TEST(OpenAiChatWriter, ReasoningDeltasUseReasoningContent) {
  OpenAiChunkWriter w("c", "m", 1, false);
  const std::string out = w.write(ev(Kind::reasoning_delta, "hmm"));
  EXPECT_NE(out.find(R"("delta":{"role":"assistant")"), std::string::npos);
  EXPECT_NE(out.find(R"("delta":{"reasoning_content":"hmm"})"), std::string::npos);
}

TEST(OpenAiChatWriter, ErrorsAreOpenAiErrorEvents) {
  OpenAiChunkWriter w("c", "m", 1, false);
  StreamEvent error = ev(Kind::error);
  error.error =
      GatewayError{ErrorClass::overloaded, "provider 'anthropic' stream error: Overloaded"};
  EXPECT_EQ(w.write(error),
            R"(data: {"error":{"message":"provider 'anthropic' stream error: Overloaded",)"
            R"("type":"api_error","param":null,"code":"overloaded"}})"
            "\n\n");
}

}  // namespace
}  // namespace sluice::providers::openai
