#include "telemetry/tokenizer/rank_table.h"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace sluice::telemetry {
namespace {

TEST(TokenizerRankTable, FindsAddedBytesAndLaterRanksWin) {
  RankTable table;
  EXPECT_EQ(table.find("ab"), RankTable::kNone);  // not indexed yet
  table.add("ab", 7);
  table.add(std::string_view("\0x", 2), 9);
  for (uint32_t i = 0; i < 1000; ++i) table.add("k" + std::to_string(i), 100 + i);
  table.add("ab", 8);
  table.index();
  EXPECT_EQ(table.find("ab"), 8u);
  EXPECT_EQ(table.find(std::string_view("\0x", 2)), 9u);
  EXPECT_EQ(table.find("k999"), 1099u);
  EXPECT_EQ(table.find("a"), RankTable::kNone);
  EXPECT_EQ(table.find(""), RankTable::kNone);
  EXPECT_EQ(table.size(), 1002u);
}

// A slot packs the rank into 18 bits beside the hash tag: the largest must come back whole, and
// a larger one must fail the load rather than lose its top bits.
TEST(TokenizerRankTable, RanksUpTo18BitsAndRefusesLarger) {
  RankTable table;
  table.add("a", 0);
  table.add("b", (1u << 18) - 1);
  EXPECT_THROW(table.add("c", 1u << 18), std::length_error);
  EXPECT_THROW(table.add("c", RankTable::kNone), std::length_error);
  table.index();
  EXPECT_EQ(table.find("a"), 0u);
  EXPECT_EQ(table.find("b"), (1u << 18) - 1);
  EXPECT_EQ(table.find("c"), RankTable::kNone);
  EXPECT_EQ(table.size(), 2u);
}

// A slot keeps 8 bits of length. The shipped vocabularies' longest token is 128 bytes.
TEST(TokenizerRankTable, TokensUpTo255BytesAndRefusesLonger) {
  RankTable table;
  const std::string longest(255, 'x');
  table.add(longest, 5);
  table.add(longest.substr(1), 6);
  EXPECT_THROW(table.add(std::string(256, 'y'), 7), std::length_error);
  table.index();
  EXPECT_EQ(table.find(longest), 5u);
  EXPECT_EQ(table.find(longest.substr(1)), 6u);
  EXPECT_EQ(table.find(std::string(256, 'y')), RankTable::kNone);
  EXPECT_EQ(table.find(std::string(300, 'x')), RankTable::kNone);
  EXPECT_EQ(table.size(), 2u);
}

// A slot keeps 24 bits of arena offset: 16 MiB of key bytes fit exactly, one byte more fails.
TEST(TokenizerRankTable, KeyBytesUpTo16MiBAndRefusesMore) {
  constexpr std::size_t kTokenBytes = 128;
  constexpr uint32_t kTokens = (1u << 24) / kTokenBytes;
  RankTable table;
  table.reserve(kTokens, std::size_t{1} << 24);
  auto token = [](uint32_t i) {
    std::string bytes(kTokenBytes, 'k');
    std::memcpy(bytes.data(), &i, sizeof i);
    return bytes;
  };
  for (uint32_t i = 0; i < kTokens; ++i) table.add(token(i), i);
  EXPECT_THROW(table.add("z", 0), std::length_error);
  table.index();
  EXPECT_EQ(table.size(), kTokens);
  EXPECT_EQ(table.find(token(0)), 0u);
  EXPECT_EQ(table.find(token(kTokens - 1)), kTokens - 1);  // the highest offset
  EXPECT_EQ(table.find("z"), RankTable::kNone);
}

// With a few hundred thousand keys many share a tag, so the probes also compare bytes.
TEST(TokenizerRankTable, ManyKeysAreFoundAndOthersAreNot) {
  constexpr uint32_t kKeys = 250000;
  RankTable table;
  for (uint32_t i = 0; i < kKeys; ++i) table.add("k" + std::to_string(i), i);
  table.index();
  ASSERT_EQ(table.size(), kKeys);
  for (uint32_t i = 0; i < kKeys; ++i) {
    ASSERT_EQ(table.find("k" + std::to_string(i)), i);
    ASSERT_EQ(table.find("m" + std::to_string(i)), RankTable::kNone);
  }
}

}  // namespace
}  // namespace sluice::telemetry
