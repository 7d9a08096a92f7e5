// `sluice reprice`: recomputes the cost of stored records under the current price table (a
// corrected price, a new deployment override) and rebuilds the rollups of the hours touched.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "store/sqlite/database.h"
#include "telemetry/call_record.h"

namespace sluice::telemetry::sqlite {

struct RepriceResult {
  int64_t records = 0;    // records repriced
  double old_cost = 0;    // their cost before (priced ones)
  double new_cost = 0;    // and after
  int64_t from_hour = 0;  // the first hour rebuilt (Unix seconds)
};

// Reprices every record received since the hour of `from_s`, in one transaction. `price` sets
// a record's cost_usd and price_version from its usage. Throws SqliteError, and
// std::runtime_error when retention already deleted records of the hours asked for (their
// rollups could not be rebuilt).
RepriceResult reprice_since(store::sqlite::Database& db, int64_t from_s,
                            const std::function<void(CallRecord&)>& price);

}  // namespace sluice::telemetry::sqlite
