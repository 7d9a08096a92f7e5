// The schema of the call records and their hourly rollups, versioned by PRAGMA user_version:
// each migration runs once, in order, inside one transaction.
#pragma once

#include "store/sqlite/database.h"

namespace sluice::telemetry::sqlite {

// The schema version this build writes.
int schema_version();

// Brings the database to the newest schema (tests build older files with a lower version).
// Throws store::sqlite::SqliteError.
void migrate(store::sqlite::Database& db, int to_version = schema_version());

// The schema version of the file (0 for a new one). A read-only reader (the CLI) may meet an
// older file that no server of this version has migrated yet.
int stored_schema_version(store::sqlite::Database& db);

// The first version with record_minutes (time ranges as id spans, no time index).
inline constexpr int kMinuteSpansSchema = 2;

// The dimensions spend is rolled up by (rollups.dimension).
inline constexpr const char* kRollupDimensions[] = {"key",   "team",     "user",
                                                    "model", "provider", "tag"};

}  // namespace sluice::telemetry::sqlite
