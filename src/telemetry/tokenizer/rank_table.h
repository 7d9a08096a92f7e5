// RankTable: the BPE vocabulary as a map from a token's bytes to its rank, built for the three
// things that matter here: fast start-up (keys in one arena, the index built in one prefetched
// pass), fast lookups of short byte strings in the merge loop, and little resident memory (the
// gateway holds two vocabularies for its whole life, and the slots are most of their size).
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
  // earlier one (as in js-tiktoken). Throws std::length_error, adding nothing, when the token
  // does not fit a slot: more than 255 bytes, a rank above 2^18 - 1, or past 16 MiB of key bytes
  // in all. The shipped vocabularies stay far below (128 bytes, rank 199,997, 1.4 MB).
  void add(std::string_view bytes, uint32_t rank);
  // Builds the lookup index over every token added; call once, after the last add().
  void index();
  // The rank of `bytes`, or kNone.
  uint32_t find(std::string_view bytes) const;
  // How many distinct tokens the index holds.
  std::size_t size() const { return size_; }

 private:
  static constexpr unsigned kLengthBits = 8;
  static constexpr unsigned kRankBits = 18;
  static constexpr unsigned kTagBits = 32 - kRankBits;
  static constexpr std::size_t kMaxLength = (std::size_t{1} << kLengthBits) - 1;
  static constexpr uint32_t kMaxRank = (uint32_t{1} << kRankBits) - 1;
  static constexpr std::size_t kMaxArena = std::size_t{1} << (32 - kLengthBits);

  // Packed into 8 bytes, since the slots are most of the table's memory. The tag (hash bits the
  // slot index does not use) lets most probes past other keys skip the arena, a cache miss each.
  struct Slot {
    uint32_t key = 0;    // offset << 8 | length; 0 marks an empty slot: no token is empty
    uint32_t value = 0;  // tag << 18 | rank

    uint32_t offset() const { return key >> kLengthBits; }
    std::size_t length() const { return key & kMaxLength; }
    uint32_t tag() const { return value >> kRankBits; }
    uint32_t rank() const { return value & kMaxRank; }
  };
  static_assert(sizeof(Slot) == 8);
  // A token waiting for index(), with the hash bits that choose its first slot.
  struct Pending {
    Slot slot;
    uint32_t home;
  };

  static uint64_t hash_of(std::string_view bytes);
  static uint32_t tag_of(uint64_t hash) { return static_cast<uint32_t>(hash >> (64 - kTagBits)); }
  std::size_t slot_for(std::string_view bytes, uint32_t home, uint32_t tag) const;

  std::string arena_;
  std::vector<Pending> added_;  // tokens waiting for index()
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace sluice::telemetry
