// Time ranges of the call log as record id ranges, without a time index on the records.
//
// Records are appended in the order calls finish, so ids follow time closely but not exactly
// (a long stream finishes after calls received later). An index on received_us would give
// exact ranges, but it costs the writer more per row than any other part of the insert
// (BENCHMARKS.md, "Call records"). Instead the writer keeps one small row per minute of
// received time: the lowest and highest id of the records received in that minute. Every
// record received in [from, to) then has an id inside the span of those minutes, and a query
// scans that id range (the table's own key order) checking received_us exactly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "store/sqlite/database.h"

namespace sluice::telemetry::sqlite {

// An inclusive range of record ids; empty when first > last.
struct IdRange {
  int64_t first = 1;
  int64_t last = INT64_MAX;
  bool empty() const { return first > last; }
};

inline constexpr int64_t kMinuteUs = 60'000'000;

// The minute (Unix minutes) a time in Unix microseconds falls in.
inline int64_t minute_of(int64_t unix_us) { return unix_us / kMinuteUs; }

// The spans one write transaction adds: noted per inserted row, saved before the commit.
class MinuteSpans {
 public:
  void note(int64_t received_us, int64_t id);
  // Widens the stored spans by the noted ones, inside the caller's transaction.
  void save(store::sqlite::Statement& upsert) const;

  // The statement `save` runs, prepared once by the writer.
  static constexpr const char* kUpsert =
      "INSERT INTO record_minutes (minute, first_id, last_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (minute) DO UPDATE SET first_id = min(first_id, excluded.first_id), "
      "last_id = max(last_id, excluded.last_id)";

 private:
  std::map<int64_t, IdRange> spans_;  // by minute; a batch touches a few
};

// The ids that can hold records received in [from_us, to_us) (either bound optional). The
// range is exact at its ends to the minute; the caller still checks received_us. In a file
// older than the spans (kMinuteSpansSchema), every id.
IdRange ids_received_between(store::sqlite::Database& db, std::optional<int64_t> from_us,
                             std::optional<int64_t> to_us);

// When the oldest stored record was received (none: no records).
std::optional<int64_t> oldest_received_us(store::sqlite::Database& db);

// Forgets the minutes wholly before `cutoff_us`, once retention deleted their records.
void forget_minutes_before(store::sqlite::Database& db, int64_t cutoff_us);

}  // namespace sluice::telemetry::sqlite
