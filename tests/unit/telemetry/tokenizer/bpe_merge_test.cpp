#include "telemetry/tokenizer/bpe_merge.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "loaded_tokenizers.h"
#include "telemetry/tokenizer/ranks_file.h"

namespace sluice::telemetry {
namespace {

// The real o200k ranks, read once (the merge works on ranks, not on the tokenizer).
const RankTable& o200k_ranks() {
  static const Result<RanksFile> file =
      read_ranks_file(tokenizer_test::ranks_dir() + "/o200k_base.js");
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
  static const RankTable empty;
  return file.ok() ? file.value().ranks : empty;
}

TEST(BpeMerge, ScanAndHeapAgreeOnRandomPieces) {
  const RankTable& ranks = o200k_ranks();
  ASSERT_GT(ranks.size(), 100000u);
  std::mt19937 rng(42);
  // Small alphabets make many equal-rank ties, the case where merge order matters most.
  const std::vector<std::string> alphabets = {"ab", "aeiou", "abcdefghijklmnopqrstuvwxyz ", "!= "};
  std::vector<uint32_t> scan;
  std::vector<uint32_t> heap;
  for (int round = 0; round < 2000; ++round) {
    const std::string& alphabet = alphabets[round % alphabets.size()];
    std::string piece(1 + rng() % 200, ' ');
    for (char& c : piece) c = alphabet[rng() % alphabet.size()];
    merge_piece_scan(ranks, piece, scan);
    merge_piece_heap(ranks, piece, heap);
    ASSERT_EQ(scan, heap) << piece;
  }
}

TEST(BpeMerge, PartsAreTokensCoveringThePiece) {
  const RankTable& ranks = o200k_ranks();
  std::vector<uint32_t> bounds;
  const std::string piece = "unbelievablenessitudes";
  merge_piece(ranks, piece, bounds);
  ASSERT_GE(bounds.size(), 2u);
  EXPECT_EQ(bounds.front(), 0u);
  EXPECT_EQ(bounds.back(), piece.size());
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    EXPECT_NE(ranks.find(std::string_view(piece).substr(bounds[i], bounds[i + 1] - bounds[i])),
              RankTable::kNone);
  }
}

}  // namespace
}  // namespace sluice::telemetry
