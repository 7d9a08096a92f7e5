// Shared by the record store's tests: the times their sample records are received at, and
// readings of what a store holds.
#pragma once

#include <cstdint>
#include <tuple>
#include <vector>

#include "store/sqlite/database.h"
#include "telemetry/sqlite/log_query.h"

namespace sluice::telemetry::test {

constexpr int64_t kMinute = 60LL * 1'000'000;
constexpr int64_t kHour = 3600LL * 1'000'000;
constexpr int64_t kDay0 = 1'795'000'000LL / 86400 * 86400 * 1'000'000;  // a UTC midnight, in µs

// (minute, first id, last id) rows of record_minutes, oldest minute first.
inline std::vector<std::tuple<int64_t, int64_t, int64_t>> minute_rows(store::sqlite::Database& db) {
  auto rows = db.prepare("SELECT minute, first_id, last_id FROM record_minutes ORDER BY minute");
  std::vector<std::tuple<int64_t, int64_t, int64_t>> out;
  while (rows.step()) out.emplace_back(rows.integer(0), rows.integer(1), rows.integer(2));
  return out;
}

// The received times of log entries, in the order read.
inline std::vector<int64_t> received_of(const std::vector<sqlite::LogEntry>& entries) {
  std::vector<int64_t> out;
  for (const auto& e : entries) out.push_back(e.record.received_us);
  return out;
}

}  // namespace sluice::telemetry::test
