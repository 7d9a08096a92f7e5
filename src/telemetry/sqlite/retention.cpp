#include "telemetry/sqlite/retention.h"

#include "telemetry/sqlite/minute_spans.h"

namespace sluice::telemetry::sqlite {

int64_t delete_records_before(store::sqlite::Database& db, int64_t cutoff_us, int64_t limit) {
  // Every record received before the cutoff has an id at most the span's last: the scan stops
  // there, and rows past it are never read.
  const IdRange ids = ids_received_between(db, std::nullopt, cutoff_us);
  if (ids.empty()) return 0;
  auto statement = db.prepare(
      "DELETE FROM records WHERE id IN (SELECT id FROM records WHERE id <= ?1 AND "
      "received_us < ?2 ORDER BY id LIMIT ?3)");
  statement.bind(1, ids.last).bind(2, cutoff_us).bind(3, limit);
  statement.run();
  const int64_t deleted = db.changes();
  if (deleted < limit) forget_minutes_before(db, cutoff_us);  // their records are all gone
  return deleted;
}

}  // namespace sluice::telemetry::sqlite
