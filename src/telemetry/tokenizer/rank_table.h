// RankTable: the BPE vocabulary as a map from a token's bytes to its rank, built for the two
// things that matter here: fast start-up (keys in one arena, the index built in one prefetched
// pass) and fast lookups of short byte strings in the merge loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::telemetry {

// Byte string -> rank, open addressing over one arena of key bytes; immutable once indexed.
class RankTable {
 public:
  // Returned by find() when the bytes are not a token.
  static constexpr uint32_t kNone = UINT32_MAX;

  // Sizes the storage for `count` tokens of `key_bytes` bytes in all, so loading never copies.
  void reserve(std::size_t count, std::size_t key_bytes);
  // Adds a token, findable once index() has run; a later rank for the same bytes replaces an
  // earlier one (as in js-tiktoken).
  void add(std::string_view bytes, uint32_t rank);
  // Builds the lookup index over every token added; call once, after the last add().
  void index();
  // The rank of `bytes`, or kNone.
  uint32_t find(std::string_view bytes) const;
  // How many distinct tokens the index holds.
  std::size_t size() const { return size_; }

 private:
  // The hash is kept so probes past other keys rarely touch the arena (a cache miss each).
  struct Slot {
    uint32_t offset = 0;
    uint32_t length = 0;  // 0 marks an empty slot: no token is empty
    uint32_t rank = kNone;
    uint32_t hash = 0;
  };

  static uint32_t hash_of(std::string_view bytes);
  std::size_t slot_for(std::string_view bytes, uint32_t hash) const;

  std::string arena_;
  std::vector<Slot> added_;  // tokens waiting for index()
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace sluice::telemetry
