// Byte-pair merging of one pre-tokenized piece: repeatedly join the adjacent pair whose joined
// bytes have the lowest rank (leftmost on ties) until no joined pair is a token. This is
// tiktoken's rule; the resulting parts are the piece's tokens.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "telemetry/tokenizer/rank_table.h"

namespace sluice::telemetry {

// Splits `piece` into its tokens: fills `bounds` with each part's start offset followed by
// piece.size(), so part i is [bounds[i], bounds[i+1]). Picks the algorithm by length.
void merge_piece(const RankTable& ranks, std::string_view piece, std::vector<uint32_t>& bounds);

// The quadratic scan tiktoken uses: cheapest for the short pieces that make up almost all text.
void merge_piece_scan(const RankTable& ranks, std::string_view piece,
                      std::vector<uint32_t>& bounds);

// The same merge order through a min-heap, O(n log n): long pieces (a run of 100k letters in a
// request body) would take the scan minutes. Exposed so tests can check both agree.
void merge_piece_heap(const RankTable& ranks, std::string_view piece,
                      std::vector<uint32_t>& bounds);

}  // namespace sluice::telemetry
