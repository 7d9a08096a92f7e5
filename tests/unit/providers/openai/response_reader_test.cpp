#include "providers/openai/response_reader.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

TEST(ResponseReader, ReadsUsageWithDetails) {
  auto u = read_usage(
      R"({"id":"x","usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,)"
      R"("prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":2}}})");
  EXPECT_TRUE(u.present);
  EXPECT_EQ(u.prompt_tokens, 11);
  EXPECT_EQ(u.completion_tokens, 7);
  EXPECT_EQ(u.total_tokens, 18);
  EXPECT_EQ(u.cached_tokens, 3);
  EXPECT_EQ(u.reasoning_tokens, 2);
  EXPECT_FALSE(read_usage(R"({"usage":null})").present);
  EXPECT_FALSE(read_usage(R"({"id":"x"})").present);
  EXPECT_FALSE(read_usage("not json \"usage\"").present);
}

TEST(ResponseReader, DetectsUsageOnlyChunk) {
  Usage u;
  EXPECT_TRUE(is_usage_only_chunk(
      R"({"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})",
      u));
  EXPECT_EQ(u.total_tokens, 7);
  Usage v;
  EXPECT_FALSE(
      is_usage_only_chunk(R"({"choices":[{"index":0,"delta":{"content":"hi"}}],"usage":null})", v));
  EXPECT_FALSE(is_usage_only_chunk("[DONE]", v));
}

TEST(ResponseReader, ReadsErrorMessagesOfSeveralShapes) {
  EXPECT_EQ(read_error_message(R"({"error":{"message":"a"}})"), "a");
  EXPECT_EQ(read_error_message(R"({"error":"b"})"), "b");
  EXPECT_EQ(read_error_message(R"({"message":"c"})"), "c");
  EXPECT_EQ(read_error_message("plain text"), "plain text");
}

}  // namespace
}  // namespace sluice::providers::openai
