// Retention of raw call records: old rows are deleted in bounded batches (rollups are kept:
// they are small, and spend history outlives the raw log).
#pragma once

#include <cstdint>

#include "store/sqlite/database.h"

namespace sluice::telemetry::sqlite {

// Deletes at most `limit` records received before `cutoff_us` (in id order: about the order
// they finished); returns how many.
int64_t delete_records_before(store::sqlite::Database& db, int64_t cutoff_us, int64_t limit);

}  // namespace sluice::telemetry::sqlite
