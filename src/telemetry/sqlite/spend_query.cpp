#include "telemetry/sqlite/spend_query.h"

namespace sluice::telemetry::sqlite {

std::vector<SpendRow> query_spend(store::sqlite::Database& db, const SpendQuery& query) {
  const int64_t bucket = query.interval == "hour" ? 3600 : query.interval == "day" ? 86400 : 0;
  const int64_t from = query.from_s / 3600 * 3600;
  const int64_t to = (query.to_s + 3599) / 3600 * 3600;
  auto statement = db.prepare(R"sql(
SELECT value, CASE WHEN ?4 = 0 THEN ?2 ELSE hour / ?4 * ?4 END AS period,
  SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens),
  SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(unpriced), SUM(cost_usd)
FROM rollups WHERE dimension = ?1 AND hour >= ?2 AND hour < ?3
GROUP BY value, period ORDER BY period, SUM(cost_usd) DESC, value)sql");
  statement.bind(1, query.group_by).bind(2, from).bind(3, to).bind(4, bucket);
  std::vector<SpendRow> rows;
  while (statement.step()) {
    SpendRow row;
    row.group = std::string(statement.text(0));
    row.period = statement.integer(1);
    row.requests = statement.integer(2);
    row.errors = statement.integer(3);
    row.input_tokens = statement.integer(4);
    row.output_tokens = statement.integer(5);
    row.cached_tokens = statement.integer(6);
    row.cache_write_tokens = statement.integer(7);
    row.reasoning_tokens = statement.integer(8);
    row.unpriced = statement.integer(9);
    row.cost_usd = statement.real(10);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace sluice::telemetry::sqlite
