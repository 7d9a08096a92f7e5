#include "telemetry/tokenizer/prompt_tokens.h"

#include <gtest/gtest.h>

#include <string>

#include "loaded_tokenizers.h"

namespace sluice::telemetry {
namespace {

class PromptTokensTest : public tokenizer_test::WithTokenizers {};

TEST_F(PromptTokensTest, ChatRequestMatchesTheCookbookSumFromJsTiktoken) {
  simdjson::dom::element chat = tokenizer_test::fixture()["chat"].value_unsafe();
  const std::string body = simdjson::minify(chat["request"].value_unsafe());
  for (const BpeTokenizer* tokenizer : {&tokenizers().o200k(), &tokenizers().cl100k()}) {
    EXPECT_EQ(count_chat_prompt_tokens(*tokenizer, body),
              chat[tokenizer->name()].get_int64().value_unsafe())
        << tokenizer->name();
  }
}

TEST_F(PromptTokensTest, ChatFormulaByHand) {
  const BpeTokenizer& tokenizer = tokenizers().o200k();
  // 3 + "user" + "hello world" = 3 + 1 + 2, then 3 for the reply.
  EXPECT_EQ(count_chat_prompt_tokens(
                tokenizer, R"({"model":"m","messages":[{"role":"user","content":"hello world"}]})"),
            9);
  // A name costs its tokens plus one; null content costs nothing.
  EXPECT_EQ(
      count_chat_prompt_tokens(
          tokenizer, R"({"messages":[{"role":"user","name":"bob","content":null}],"stream":true})"),
      3 + 1 + 1 + 1 + 3);
  EXPECT_EQ(count_chat_prompt_tokens(tokenizer, R"({"messages":[]})"), 3);
}

TEST_F(PromptTokensTest, UnreadableBodiesCountZero) {
  const BpeTokenizer& tokenizer = tokenizers().cl100k();
  EXPECT_EQ(count_chat_prompt_tokens(tokenizer, ""), 0);
  EXPECT_EQ(count_chat_prompt_tokens(tokenizer, "not json"), 0);
  EXPECT_EQ(count_chat_prompt_tokens(tokenizer, R"({"messages":[{"role":"user","content":)"), 0);
  EXPECT_EQ(count_chat_prompt_tokens(tokenizer, "[1,2]"), 0);
  EXPECT_EQ(count_embedding_input_tokens(tokenizer, "{"), 0);
}

TEST_F(PromptTokensTest, InvalidUtf8InContentDoesNotCrash) {
  // JSON parsers reject raw invalid UTF-8, but escapes can still carry lone surrogates.
  const BpeTokenizer& tokenizer = tokenizers().o200k();
  EXPECT_GE(count_chat_prompt_tokens(
                tokenizer, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\xff\xfe b\"}]}"),
            0);
  EXPECT_GE(
      count_chat_prompt_tokens(tokenizer, R"({"messages":[{"role":"user","content":"x\ud800y"}]})"),
      0);
}

TEST_F(PromptTokensTest, EmbeddingInputs) {
  const BpeTokenizer& tokenizer = tokenizers().cl100k();
  EXPECT_EQ(count_embedding_input_tokens(tokenizer, R"({"model":"e","input":"hello world"})"), 2);
  EXPECT_EQ(count_embedding_input_tokens(tokenizer,
                                         R"({"input":["hello world","hello world"],"model":"e"})"),
            4);
  EXPECT_EQ(count_embedding_input_tokens(tokenizer, R"({"input":[15339,1917,0]})"), 3);
  EXPECT_EQ(count_embedding_input_tokens(tokenizer, R"({"input":[[1,2],[3],[]]})"), 3);
  EXPECT_EQ(count_embedding_input_tokens(tokenizer, R"({"model":"e"})"), 0);
}

}  // namespace
}  // namespace sluice::telemetry
