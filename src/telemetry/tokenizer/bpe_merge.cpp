#include "telemetry/tokenizer/bpe_merge.h"

#include <algorithm>
#include <queue>

namespace sluice::telemetry {
namespace {

// Pieces up to this many bytes use the scan; measured crossover is well above typical words.
constexpr std::size_t kScanLimit = 96;

// One candidate join in the heap: the parts starting at `start` and the one after it, which
// together end at `end`. Ordered by rank, then leftmost, which is the scan's order.
struct Candidate {
  uint32_t rank;
  uint32_t start;
  uint32_t end;
  bool operator>(const Candidate& other) const {
    return rank != other.rank ? rank > other.rank : start > other.start;
  }
};

}  // namespace

void merge_piece(const RankTable& ranks, std::string_view piece, std::vector<uint32_t>& bounds) {
  if (piece.size() <= kScanLimit) {
    merge_piece_scan(ranks, piece, bounds);
  } else {
    merge_piece_heap(ranks, piece, bounds);
  }
}

void merge_piece_scan(const RankTable& ranks, std::string_view piece,
                      std::vector<uint32_t>& bounds) {
  const auto n = static_cast<uint32_t>(piece.size());
  // bounds[i] starts part i; pair_rank[i] is the rank of parts i and i+1 joined.
  bounds.resize(n + 1);
  thread_local std::vector<uint32_t> pair_rank;
  pair_rank.assign(n, RankTable::kNone);
  for (uint32_t i = 0; i <= n; ++i) bounds[i] = i;
  for (uint32_t i = 0; i + 1 < n; ++i) pair_rank[i] = ranks.find(piece.substr(i, 2));
  std::size_t parts = n;
  auto joined_rank = [&](std::size_t i) {
    if (i + 2 >= parts + 1) return RankTable::kNone;
    return ranks.find(piece.substr(bounds[i], bounds[i + 2] - bounds[i]));
  };
  while (parts > 1) {
    const auto best = std::min_element(pair_rank.begin(), pair_rank.begin() + (parts - 1));
    if (*best == RankTable::kNone) break;
    const auto i = static_cast<std::size_t>(best - pair_rank.begin());
    bounds.erase(bounds.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    pair_rank.erase(pair_rank.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    --parts;
    pair_rank[i] = joined_rank(i);
    if (i > 0) pair_rank[i - 1] = joined_rank(i - 1);
  }
}

void merge_piece_heap(const RankTable& ranks, std::string_view piece,
                      std::vector<uint32_t>& bounds) {
  const auto n = static_cast<uint32_t>(piece.size());
  // Parts are named by their start offset: next[s] is where the part at s ends, prev[s] where
  // the part before it starts; a part that was joined into its left neighbour is dead.
  std::vector<uint32_t> next(n + 1);
  std::vector<uint32_t> prev(n + 1);
  std::vector<bool> alive(n + 1, true);
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
  auto push = [&](uint32_t start, uint32_t end) {
    const uint32_t rank = ranks.find(piece.substr(start, end - start));
    if (rank != RankTable::kNone) heap.push({rank, start, end});
  };
  for (uint32_t i = 0; i <= n; ++i) {
    next[i] = std::min(i + 1, n);
    prev[i] = i == 0 ? 0 : i - 1;
  }
  for (uint32_t i = 0; i + 1 < n; ++i) push(i, i + 2);
  while (!heap.empty()) {
    const Candidate top = heap.top();
    heap.pop();
    const uint32_t right = next[top.start];
    // Stale when either part changed since the candidate was pushed.
    if (!alive[top.start] || right >= n || next[right] != top.end) continue;
    alive[right] = false;
    next[top.start] = top.end;
    if (top.end < n) {
      prev[top.end] = top.start;
      push(top.start, next[top.end]);
    }
    if (top.start > 0) push(prev[top.start], top.end);
  }
  bounds.clear();
  for (uint32_t s = 0; s < n; s = next[s]) bounds.push_back(s);
  bounds.push_back(n);
}

}  // namespace sluice::telemetry
