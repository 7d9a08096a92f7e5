// Writes batches of finished call records, and the hourly rollups they add to, in one
// transaction: spend questions read the rollups and never scan the raw log.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "store/sqlite/database.h"
#include "store/sqlite/row_binder.h"
#include "telemetry/call_record.h"

namespace sluice::telemetry::sqlite {

class RecordWriter {
 public:
  // `db` must be migrated; it is used by this writer only (one thread).
  explicit RecordWriter(store::sqlite::Database& db);

  // Inserts the records and updates the rollups and the minute spans, atomically. Throws
  // SqliteError.
  void write(std::span<const CallRecord> records);
  // Adds the records to the rollups only, inside the caller's transaction (reprice rebuilds).
  void add_to_rollups(std::span<const CallRecord> records);

 private:
  store::sqlite::Database& db_;
  store::sqlite::Statement insert_record_;
  store::sqlite::RowBinder bind_row_;  // binds insert_record_
  store::sqlite::Statement add_rollup_;
  store::sqlite::Statement save_minute_spans_;
};

// The attempts of a record as a JSON array.
std::string attempts_json(const std::vector<AttemptRecord>& attempts);

// What records.attempts holds: the JSON array, or '' for the common case of one successful
// attempt whose fields are the record's own route (provider, deployment, upstream model, and
// upstream time as its latency). Most calls then store no attempts text at all: a smaller row
// and no JSON to build on the writer thread.
std::string stored_attempts_json(const CallRecord& record);

// The JSON array of a stored record's attempts, rebuilding the lone success from `record`.
std::string read_attempts_json(const CallRecord& record, std::string_view stored);

// The start of the hour (Unix seconds) a time in Unix microseconds falls in.
inline int64_t hour_of(int64_t unix_us) { return unix_us / 1'000'000 / 3600 * 3600; }

}  // namespace sluice::telemetry::sqlite
