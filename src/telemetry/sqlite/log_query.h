// The raw call log, newest first, filtered and paged by record id (stable under inserts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite/database.h"
#include "telemetry/call_record.h"

namespace sluice::telemetry::sqlite {

struct LogQuery {
  // Exact-match filters; empty: any.
  std::string model, provider, team, user, key_id, tag, error_class, request_id;
  std::optional<int> status;
  std::optional<int64_t> from_s, to_s;  // received in [from, to)
  std::optional<int64_t> before_id;     // page: records older than this id
  std::optional<int64_t> after_id;      // follow: records newer than this id (oldest first)
  int limit = 50;
};

// One stored record, with its row id and its attempts as stored (JSON array).
struct LogEntry {
  int64_t id = 0;
  CallRecord record;
  std::string attempts_json;
};

// Throws SqliteError.
std::vector<LogEntry> query_logs(store::sqlite::Database& db, const LogQuery& query);

}  // namespace sluice::telemetry::sqlite
