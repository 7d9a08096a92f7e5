#include "telemetry/tokenizer/bpe_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "loaded_tokenizers.h"

namespace sluice::telemetry {
namespace {

using tokenizer_test::fixture;

class BpeTokenizerTest : public tokenizer_test::WithTokenizers {};

std::vector<uint32_t> ids_of(simdjson::dom::element expected) {
  std::vector<uint32_t> ids;
  for (simdjson::dom::element id : expected["ids"].get_array()) {
    ids.push_back(static_cast<uint32_t>(id.get_uint64().value_unsafe()));
  }
  return ids;
}

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

// Checks ids and count of `text` in both vocabularies against a fixture case.
void expect_matches_reference(const Tokenizers& tokenizers, simdjson::dom::element entry,
                              const std::string& text) {
  const std::string_view name = entry["name"].get_string().value_unsafe();
  for (const BpeTokenizer* tokenizer : {&tokenizers.o200k(), &tokenizers.cl100k()}) {
    simdjson::dom::element expected = entry[tokenizer->name()].value_unsafe();
    EXPECT_EQ(tokenizer->encode(text), ids_of(expected)) << name << " in " << tokenizer->name();
    EXPECT_EQ(tokenizer->count(text), expected["count"].get_uint64().value_unsafe())
        << name << " in " << tokenizer->name();
  }
}

TEST_F(BpeTokenizerTest, MatchesJsTiktokenOnFixtureTexts) {
  simdjson::dom::array cases = fixture()["cases"].get_array().value_unsafe();
  ASSERT_GE(cases.size(), 20u);
  for (simdjson::dom::element entry : cases) {
    expect_matches_reference(tokenizers(), entry,
                             std::string(entry["text"].get_string().value_unsafe()));
  }
}

TEST_F(BpeTokenizerTest, InvalidUtf8IsTokenizedAsReplacementCharacters) {
  const simdjson::dom::array cases = fixture()["invalid_utf8"].get_array().value_unsafe();
  ASSERT_GE(cases.size(), 5u);
  for (simdjson::dom::element entry : cases) {
    expect_matches_reference(tokenizers(), entry,
                             from_hex(entry["hex"].get_string().value_unsafe()));
  }
}

TEST_F(BpeTokenizerTest, WellKnownCounts) {
  EXPECT_EQ(tokenizers().o200k().count("hello world"), 2u);
  EXPECT_EQ(tokenizers().cl100k().count("hello world"), 2u);
  EXPECT_EQ(tokenizers().o200k().encode("hello world"), (std::vector<uint32_t>{24912, 2375}));
  EXPECT_EQ(tokenizers().cl100k().encode("hello world"), (std::vector<uint32_t>{15339, 1917}));
  EXPECT_EQ(tokenizers().o200k().count(""), 0u);
}

TEST_F(BpeTokenizerTest, ReadsSpecialTokensButEncodesThemAsText) {
  EXPECT_EQ(tokenizers().o200k().special_token("<|endoftext|>"), 199999u);
  EXPECT_EQ(tokenizers().cl100k().special_token("<|endoftext|>"), 100257u);
  EXPECT_EQ(tokenizers().cl100k().special_token("<|nope|>"), std::nullopt);
  EXPECT_GT(tokenizers().cl100k().count("<|endoftext|>"), 1u);
}

TEST_F(BpeTokenizerTest, ArbitraryBytesNeverCrash) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>((i * 7919 + i / 3) & 0xFF));
  bytes.push_back('\0');
  bytes += "\xF0\x9F";  // a truncated emoji at the very end
  for (const BpeTokenizer* tokenizer : {&tokenizers().o200k(), &tokenizers().cl100k()}) {
    const std::vector<uint32_t> ids = tokenizer->encode(bytes);
    EXPECT_GT(ids.size(), 0u);
    EXPECT_EQ(tokenizer->count(bytes), ids.size());
  }
}

TEST_F(BpeTokenizerTest, LongRunsAreFast) {
  // One 200 KB piece: the quadratic merge would take minutes; the heap merge takes milliseconds.
  const std::string letters(200 * 1024, 'z');
  EXPECT_GT(tokenizers().o200k().count(letters), 0u);
  const std::string spaces = "a" + std::string(200 * 1024, ' ') + "b";
  EXPECT_GT(tokenizers().cl100k().count(spaces), 0u);
}

TEST_F(BpeTokenizerTest, CountIsThreadSafe) {
  const BpeTokenizer& tokenizer = tokenizers().o200k();
  const std::string text = "Concurrency is not parallelism; don't share mutable state. 你好 🎉 ";
  const std::size_t expected = tokenizer.count(text);
  std::vector<std::thread> threads;
  std::vector<std::size_t> mismatches(8, 0);
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) mismatches[t] += tokenizer.count(text) != expected;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t m : mismatches) EXPECT_EQ(m, 0u);
}

TEST(BpeTokenizer, LoadErrorNamesTheFile) {
  auto missing = BpeTokenizer::load("/nonexistent/o200k_base.js");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().cls, ErrorClass::internal);
  EXPECT_NE(missing.error().message.find("/nonexistent/o200k_base.js"), std::string::npos);
  auto not_ranks = BpeTokenizer::load(std::string(SLUICE_SOURCE_DIR) + "/CMakeLists.txt");
  ASSERT_FALSE(not_ranks.ok());
  EXPECT_NE(not_ranks.error().message.find("CMakeLists.txt"), std::string::npos);
}

}  // namespace
}  // namespace sluice::telemetry
