// RollupBatch: the hourly rollups a batch of call records adds to (per key, team, user, model,
// provider and tag), summed in memory and written as one upsert per row when the batch commits.
// Summing over the whole batch rather than per chunk of records turns ~6 upserts per 128 records
// into ~6 per batch (5,000): the rows a batch touches are mostly the same few.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "store/sqlite/database.h"
#include "telemetry/call_record.h"

namespace sluice::telemetry::sqlite {

class RollupBatch {
 public:
  // The upsert that adds a row's sums to the rollups table (bound by write()).
  static const std::string_view kUpsert;

  void add(const CallRecord& record);
  // Adds every row's sums to the table, in the caller's transaction, and empties the batch.
  void write(store::sqlite::Statement& upsert);
  void clear();
  bool empty() const { return rows_.empty(); }

 private:
  struct Sums {
    int64_t requests = 0, errors = 0, input = 0, output = 0, cached = 0, cache_write = 0,
            reasoning = 0, unpriced = 0;
    double cost = 0;
    void add(const CallRecord& record);
  };
  // The table's primary key order: dimension, hour, value. The dimension names are static.
  struct Key {
    std::string_view dimension;
    int64_t hour = 0;
    std::string value;
  };
  struct KeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::tie(a.dimension, a.hour, a.value) < std::tie(b.dimension, b.hour, b.value);
    }
  };
  struct KeyView {
    std::string_view dimension;
    int64_t hour = 0;
    std::string_view value;
  };
  using Rows = std::map<Key, Sums, KeyLess>;
  Rows::iterator row(std::string_view dimension, int64_t hour, std::string_view value);

  Rows rows_;
  // Records in a batch mostly share their key, team, user, model and provider: the previous
  // record's row of each is reused when its value and hour match, instead of a map search.
  struct Previous {
    const Key* key = nullptr;
    Sums* sums = nullptr;
  };
  static constexpr std::size_t kFixedDimensions = 5;
  std::array<Previous, kFixedDimensions> previous_{};
};

}  // namespace sluice::telemetry::sqlite
