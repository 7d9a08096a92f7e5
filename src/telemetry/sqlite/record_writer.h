// Writes batches of finished call records, and the hourly rollups they add to, in one
// transaction: spend questions read the rollups and never scan the raw log.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/sqlite/database.h"
#include "store/sqlite/row_binder.h"
#include "telemetry/call_record.h"
#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/rollup_batch.h"

namespace sluice::telemetry::sqlite {

class RecordWriter {
 public:
  // `db` must be migrated; it is used by this writer only (one thread).
  explicit RecordWriter(store::sqlite::Database& db);

  // Inserts the records and updates the rollups and the minute spans, atomically. Throws
  // SqliteError.
  void write(RecordRefs records);

  // The same in steps: one transaction that several add() calls fill before commit(), so that
  // records can be handed over in small chunks but committed in large batches. The records of
  // one add() may be freed once it returns. Each throws SqliteError; after a throw the caller
  // must rollback(), which drops everything added since begin().
  void begin();
  void add(RecordRefs records);
  void commit();
  void rollback();
  bool in_transaction() const { return transaction_.has_value(); }

  // Adds the records to the rollups only, at once, inside the caller's transaction (reprice
  // rebuilds them).
  void add_to_rollups(RecordRefs records);

 private:
  store::sqlite::Database& db_;
  store::sqlite::Statement insert_record_;
  store::sqlite::RowBinder bind_row_;  // binds insert_record_
  store::sqlite::Statement add_rollup_;
  store::sqlite::Statement save_minute_spans_;
  std::optional<store::sqlite::Transaction> transaction_;
  MinuteSpans minute_spans_;  // of the rows added since begin()
  RollupBatch rollups_;       // of the records added since begin()
};

// The attempts of a record as a JSON array.
std::string attempts_json(std::span<const AttemptRecord> attempts);

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
