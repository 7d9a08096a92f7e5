#include "telemetry/tokenizer/rank_table.h"

#include <bit>
#include <cstring>
#include <functional>

namespace sluice::telemetry {

void RankTable::reserve(std::size_t count, std::size_t key_bytes) {
  arena_.reserve(key_bytes);
  added_.reserve(count);
}

void RankTable::add(std::string_view bytes, uint32_t rank) {
  if (bytes.empty()) return;
  added_.push_back(Slot{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(bytes.size()),
                        rank, hash_of(bytes)});
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
    if (i + kAhead < added_.size()) __builtin_prefetch(&slots_[added_[i + kAhead].hash & mask], 1);
    const Slot& token = added_[i];
    Slot& slot =
        slots_[slot_for(std::string_view(arena_).substr(token.offset, token.length), token.hash)];
    if (slot.length == 0) ++size_;
    slot =
        Slot{slot.length == 0 ? token.offset : slot.offset, token.length, token.rank, token.hash};
  }
  added_.clear();
  added_.shrink_to_fit();
}

uint32_t RankTable::hash_of(std::string_view bytes) {
  return static_cast<uint32_t>(std::hash<std::string_view>{}(bytes));
}

std::size_t RankTable::slot_for(std::string_view bytes, uint32_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (true) {
    const Slot& slot = slots_[i];
    if (slot.length == 0) return i;
    if (slot.hash == hash && slot.length == bytes.size() &&
        std::memcmp(arena_.data() + slot.offset, bytes.data(), bytes.size()) == 0) {
      return i;
    }
    i = (i + 1) & mask;
  }
}

uint32_t RankTable::find(std::string_view bytes) const {
  if (slots_.empty() || bytes.empty()) return kNone;
  return slots_[slot_for(bytes, hash_of(bytes))].rank;
}

}  // namespace sluice::telemetry
