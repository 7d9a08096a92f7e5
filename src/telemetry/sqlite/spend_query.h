// Spend questions answered from the hourly rollups (never from the raw records): requests,
// tokens and cost per key, team, user, model, provider or tag, per hour, per day or in total.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite/database.h"

namespace sluice::telemetry::sqlite {

struct SpendQuery {
  std::string group_by;            // one of kRollupDimensions
  int64_t from_s = 0;              // inclusive, Unix seconds (rounded down to the hour)
  int64_t to_s = 0;                // exclusive, Unix seconds (rounded up to the hour)
  std::string interval = "total";  // hour, day or total
};

struct SpendRow {
  std::string group;   // the dimension's value ("" for calls without one)
  int64_t period = 0;  // start of the hour or day (Unix seconds); from_s for total
  int64_t requests = 0, errors = 0, input_tokens = 0, output_tokens = 0, cached_tokens = 0,
          cache_write_tokens = 0, reasoning_tokens = 0, unpriced = 0;
  double cost_usd = 0;
};

// Rows ordered by period, then cost (highest first). Throws SqliteError.
std::vector<SpendRow> query_spend(store::sqlite::Database& db, const SpendQuery& query);

}  // namespace sluice::telemetry::sqlite
