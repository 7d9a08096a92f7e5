#include "telemetry/sqlite/minute_spans.h"

#include <algorithm>

#include "telemetry/sqlite/record_schema.h"

namespace sluice::telemetry::sqlite {

void MinuteSpans::note(int64_t received_us, int64_t id) {
  auto [it, added] = spans_.try_emplace(minute_of(received_us), IdRange{id, id});
  if (added) return;
  it->second.first = std::min(it->second.first, id);
  it->second.last = std::max(it->second.last, id);
}

void MinuteSpans::save(store::sqlite::Statement& upsert) const {
  for (const auto& [minute, ids] : spans_) {
    upsert.bind(1, minute).bind(2, ids.first).bind(3, ids.last);
    upsert.run();
  }
}

IdRange ids_received_between(store::sqlite::Database& db, std::optional<int64_t> from_us,
                             std::optional<int64_t> to_us) {
  // No spans in a file older than them: every id, and the caller's time check does the rest.
  if ((!from_us && !to_us) || stored_schema_version(db) < kMinuteSpansSchema) return IdRange{};
  // [from, to) in microseconds covers the minutes [minute_of(from), minute_of(to - 1)].
  auto span = db.prepare(
      "SELECT min(first_id), max(last_id) FROM record_minutes WHERE minute BETWEEN ?1 AND ?2");
  span.bind(1, from_us ? minute_of(*from_us) : INT64_MIN);
  span.bind(2, to_us ? minute_of(*to_us - 1) : INT64_MAX);
  if (!span.step() || span.is_null(0)) return IdRange{1, 0};  // no record in that time
  return IdRange{span.integer(0), span.integer(1)};
}

std::optional<int64_t> oldest_received_us(store::sqlite::Database& db) {
  if (stored_schema_version(db) < kMinuteSpansSchema) {
    auto oldest = db.prepare("SELECT min(received_us) FROM records");  // its time index
    if (!oldest.step() || oldest.is_null(0)) return std::nullopt;
    return oldest.integer(0);
  }
  auto minutes = db.prepare("SELECT minute, first_id, last_id FROM record_minutes ORDER BY minute");
  auto oldest = db.prepare(
      "SELECT min(received_us) FROM records WHERE id BETWEEN ?1 AND ?2 AND received_us >= ?3 "
      "AND received_us < ?4");
  // The first minute that still has a record of its own holds the oldest one (the minutes
  // before it are kept only until retention forgets them).
  while (minutes.step()) {
    const int64_t minute = minutes.integer(0);
    oldest.reset();
    oldest.bind(1, minutes.integer(1)).bind(2, minutes.integer(2));
    oldest.bind(3, minute * kMinuteUs).bind(4, (minute + 1) * kMinuteUs);
    if (oldest.step() && !oldest.is_null(0)) return oldest.integer(0);
  }
  return std::nullopt;
}

void forget_minutes_before(store::sqlite::Database& db, int64_t cutoff_us) {
  auto forget = db.prepare("DELETE FROM record_minutes WHERE minute < ?1");
  forget.bind(1, minute_of(cutoff_us));
  forget.run();
}

}  // namespace sluice::telemetry::sqlite
