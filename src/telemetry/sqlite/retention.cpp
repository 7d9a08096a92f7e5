#include "telemetry/sqlite/retention.h"

namespace sluice::telemetry::sqlite {

int64_t delete_records_before(store::sqlite::Database& db, int64_t cutoff_us, int64_t limit) {
  auto statement = db.prepare(
      "DELETE FROM records WHERE id IN (SELECT id FROM records WHERE received_us < ?1 "
      "ORDER BY received_us LIMIT ?2)");
  statement.bind(1, cutoff_us).bind(2, limit);
  statement.run();
  return db.changes();
}

}  // namespace sluice::telemetry::sqlite
