#include "telemetry/sqlite/reprice.h"

#include <stdexcept>
#include <vector>

#include "telemetry/sqlite/log_query.h"
#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/record_writer.h"
#include "telemetry/time_text.h"

namespace sluice::telemetry::sqlite {

namespace {

// The first hour whose raw records are all still kept: rollups before it cannot be rebuilt.
void check_records_kept(store::sqlite::Database& db, int64_t from_hour) {
  const auto oldest = oldest_received_us(db);
  if (!oldest) return;
  const int64_t first_kept_hour = hour_of(*oldest);
  auto rolled = db.prepare("SELECT 1 FROM rollups WHERE hour >= ?1 AND hour < ?2 LIMIT 1");
  rolled.bind(1, from_hour).bind(2, first_kept_hour);
  if (rolled.step()) {
    throw std::runtime_error("records before " + iso_time(first_kept_hour) +
                             " were deleted by retention; reprice can go back to that hour only");
  }
}

}  // namespace

RepriceResult reprice_since(store::sqlite::Database& db, int64_t from_s,
                            const std::function<void(CallRecord&)>& price) {
  RepriceResult result;
  result.from_hour = from_s / 3600 * 3600;
  store::sqlite::Transaction transaction(db);
  check_records_kept(db, result.from_hour);
  auto update = db.prepare("UPDATE records SET cost_usd = ?1, price_version = ?2 WHERE id = ?3");
  auto clear = db.prepare("DELETE FROM rollups WHERE hour >= ?1");
  clear.bind(1, result.from_hour);
  clear.run();
  RecordWriter writer(db);
  LogQuery page;
  page.from_s = result.from_hour;
  page.after_id = 0;
  page.limit = 1000;
  for (;;) {
    std::vector<LogEntry> entries = query_logs(db, page);
    if (entries.empty()) break;
    std::vector<const CallRecord*> records;
    records.reserve(entries.size());
    for (auto& entry : entries) {
      CallRecord& r = entry.record;
      result.old_cost += r.cost_usd.value_or(0);
      price(r);
      result.new_cost += r.cost_usd.value_or(0);
      update.bind(1, r.cost_usd).bind(2, r.price_version).bind(3, entry.id);
      update.run();
      records.push_back(&r);
      ++result.records;
    }
    writer.add_to_rollups(records);
    page.after_id = entries.back().id;
  }
  transaction.commit();
  return result;
}

}  // namespace sluice::telemetry::sqlite
