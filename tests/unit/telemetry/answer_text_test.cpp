#include "telemetry/answer_text.h"

#include <gtest/gtest.h>

namespace sluice::telemetry {
namespace {

TEST(AnswerText, ReadsOpenAIAndAnthropicBodiesAndStreams) {
  EXPECT_EQ(
      answer_text(AnswerForm::json, R"({"choices":[{"message":{"content":"Hello","tool_calls":[)"
                                    R"({"function":{"name":"f","arguments":"{\"a\":1}"}}]}}]})"),
      "Hellof{\"a\":1}");
  EXPECT_EQ(
      answer_text(
          AnswerForm::json,
          R"({"content":[{"type":"text","text":"Hi"},{"type":"tool_use","name":"g","input":{"b":2}}]})"),
      "Hig{\"b\":2}");
  EXPECT_EQ(answer_text(AnswerForm::sse_data,
                        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n[DONE]\n"
                        "{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n"),
            "ab");
  EXPECT_EQ(answer_text(AnswerForm::sse_data,
                        "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\","
                        "\"text\":\"x\"}}\n{\"type\":\"message_stop\"}\n"),
            "x");
  EXPECT_EQ(answer_text(AnswerForm::text, "plain"), "plain");
  EXPECT_EQ(answer_text(AnswerForm::json, "{not json"), "");
}

}  // namespace
}  // namespace sluice::telemetry
