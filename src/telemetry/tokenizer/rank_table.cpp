#include "telemetry/tokenizer/rank_table.h"

#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace sluice::telemetry {
namespace {

// Refused rather than truncated: a slot that kept only part of a length, rank or offset would
// silently give wrong counts.
[[noreturn]] void refuse(const std::string& why) {
  throw std::length_error("tokenizer vocabulary does not fit the rank table: " + why);
}

}  // namespace

void RankTable::reserve(std::size_t count, std::size_t key_bytes) {
  arena_.reserve(key_bytes);
  added_.reserve(count);
}

void RankTable::add(std::string_view bytes, uint32_t rank) {
  if (bytes.empty()) return;
  if (bytes.size() > kMaxLength) {
    refuse("a token of " + std::to_string(bytes.size()) + " bytes (at most " +
           std::to_string(kMaxLength) + ")");
  }
  if (rank > kMaxRank) {
    refuse("rank " + std::to_string(rank) + " (at most " + std::to_string(kMaxRank) + ")");
  }
  if (arena_.size() + bytes.size() > kMaxArena) {
    refuse("more than " + std::to_string(kMaxArena) + " bytes of tokens");
  }
  const uint64_t hash = hash_of(bytes);
  const Slot slot{static_cast<uint32_t>(arena_.size() << kLengthBits | bytes.size()),
                  tag_of(hash) << kRankBits | rank};
  added_.push_back(Pending{slot, static_cast<uint32_t>(hash)});
  arena_.append(bytes);
}

void RankTable::index() {
  // Under half full keeps linear probes short for the hot miss path of the merge loop.
  slots_.assign(std::bit_ceil(added_.size() * 2 + 16), Slot{});
  const std::size_t mask = slots_.size() - 1;
  // Each placement is a cache miss into a table larger than the cache; prefetching a few
  // placements ahead overlaps them, which roughly halves start-up time.
  constexpr std::size_t kAhead = 16;
  size_ = 0;
  for (std::size_t i = 0; i < added_.size(); ++i) {
    if (i + kAhead < added_.size()) __builtin_prefetch(&slots_[added_[i + kAhead].home & mask], 1);
    const Slot token = added_[i].slot;
    const std::string_view bytes = std::string_view(arena_).substr(token.offset(), token.length());
    Slot& slot = slots_[slot_for(bytes, added_[i].home, token.tag())];
    if (slot.key == 0) {
      slot = token;
      ++size_;
    } else {
      slot.value = token.value;  // the same bytes again: the later rank wins
    }
  }
  added_.clear();
  added_.shrink_to_fit();
}

uint64_t RankTable::hash_of(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

// The slot holding `bytes`, or the empty slot where they would go.
std::size_t RankTable::slot_for(std::string_view bytes, uint32_t home, uint32_t tag) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key == 0) return i;
    if (slot.tag() == tag && slot.length() == bytes.size() &&
        std::memcmp(arena_.data() + slot.offset(), bytes.data(), bytes.size()) == 0) {
      return i;
    }
  }
}

uint32_t RankTable::find(std::string_view bytes) const {
  // Longer bytes are never a token (add() refuses them): skip hashing long pieces.
  if (slots_.empty() || bytes.empty() || bytes.size() > kMaxLength) return kNone;
  const uint64_t hash = hash_of(bytes);
  const Slot& slot = slots_[slot_for(bytes, static_cast<uint32_t>(hash), tag_of(hash))];
  return slot.key == 0 ? kNone : slot.rank();
}

}  // namespace sluice::telemetry
