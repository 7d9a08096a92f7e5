#include "telemetry/sqlite/log_query.h"

#include <algorithm>
#include <string>

#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/record_details.h"
#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/record_writer.h"

namespace sluice::telemetry::sqlite {

namespace {

// The columns read, in read_entry's order; a file older than the details column computes it.
constexpr std::string_view kColumns =
    "id, request_id, received_us, endpoint, api_shape, key_id, user, team, tags, "
    "requested_model, provider, provider_type, deployment, upstream_model, attempts, status, "
    "error_class, streamed, input_tokens, output_tokens, cached_tokens, cache_write_tokens, "
    "reasoning_tokens, usage_known, cost_usd, price_version, latency_us, ttft_us, upstream_us, ";

std::string columns_of(store::sqlite::Database& db) {
  return std::string(kColumns) + (stored_schema_version(db) >= kDetailsSchema
                                      ? std::string("details")
                                      : std::string(details_of_v2_row()));
}

std::vector<std::string> split_tags(std::string_view list) {
  std::vector<std::string> tags;
  while (!list.empty()) {
    const auto comma = list.find(',');
    tags.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return tags;
}

LogEntry read_entry(const store::sqlite::Statement& s) {
  LogEntry e;
  auto& r = e.record;
  auto text = [&s](int column) { return std::string(s.text(column)); };
  e.id = s.integer(0);
  set_request_id(r.request_id, s.text(1));
  r.received_us = s.integer(2);
  r.endpoint = text(3);
  r.api_shape = text(4);
  r.key_id = text(5);
  r.user = text(6);
  r.team = text(7);
  r.tags = split_tags(s.text(8));
  r.requested_model = text(9);
  r.provider = text(10);
  r.provider_type = text(11);
  r.deployment = text(12);
  r.upstream_model = text(13);
  r.status = static_cast<int>(s.integer(15));
  r.error_class = text(16);
  r.streamed = s.integer(17) != 0;
  r.usage.prompt_tokens = s.integer(18);
  r.usage.completion_tokens = s.integer(19);
  r.usage.total_tokens = r.usage.prompt_tokens + r.usage.completion_tokens;
  r.usage.cached_tokens = s.integer(20);
  r.usage.cache_write_tokens = s.integer(21);
  r.usage.reasoning_tokens = s.integer(22);
  r.usage.present = s.integer(23) != 0;
  if (!s.is_null(24)) r.cost_usd = s.real(24);
  r.price_version = text(25);
  r.latency_us = s.integer(26);
  r.ttft_us = s.integer(27);
  r.upstream_us = s.integer(28);
  r.finished_us = r.received_us + r.latency_us;
  r.overhead_us = std::max<int64_t>(0, r.latency_us - r.upstream_us);
  read_details(s.text(29), r);
  e.attempts_json = read_attempts_json(r, s.text(14));
  return e;
}

}  // namespace

std::vector<LogEntry> query_logs(store::sqlite::Database& db, const LogQuery& q) {
  const std::optional<int64_t> from_us =
      q.from_s ? std::optional<int64_t>(*q.from_s * 1'000'000) : std::nullopt;
  const std::optional<int64_t> to_us =
      q.to_s ? std::optional<int64_t>(*q.to_s * 1'000'000) : std::nullopt;
  // The time range narrows the ids scanned (there is no time index); paging narrows it more.
  IdRange ids = ids_received_between(db, from_us, to_us);
  if (q.after_id) ids.first = std::max(ids.first, *q.after_id + 1);
  if (q.before_id) ids.last = std::min(ids.last, *q.before_id - 1);
  if (ids.empty()) return {};
  // Every filter is in the statement, bound or inert (?N = '' or NULL), so one text serves all.
  std::string sql = "SELECT " + columns_of(db) + R"sql( FROM records WHERE
  id BETWEEN ?10 AND ?11 AND received_us >= ?12 AND received_us < ?13
  AND (?1 = '' OR requested_model = ?1) AND (?2 = '' OR provider = ?2) AND (?3 = '' OR team = ?3)
  AND (?4 = '' OR user = ?4) AND (?5 = '' OR key_id = ?5)
  AND (?6 = '' OR instr(',' || tags || ',', ',' || ?6 || ',') > 0)
  AND (?7 = '' OR error_class = ?7) AND (?8 = '' OR request_id = ?8)
  AND (?9 IS NULL OR status = ?9))sql";
  sql += q.after_id ? " ORDER BY id ASC LIMIT ?14" : " ORDER BY id DESC LIMIT ?14";
  auto s = db.prepare(sql);
  s.bind(1, q.model).bind(2, q.provider).bind(3, q.team).bind(4, q.user).bind(5, q.key_id);
  s.bind(6, q.tag).bind(7, q.error_class).bind(8, q.request_id);
  if (q.status) {
    s.bind(9, int64_t{*q.status});
  } else {
    s.bind_null(9);
  }
  s.bind(10, ids.first).bind(11, ids.last);
  s.bind(12, from_us.value_or(INT64_MIN)).bind(13, to_us.value_or(INT64_MAX));
  s.bind(14, int64_t{q.limit});
  std::vector<LogEntry> entries;
  while (s.step()) entries.push_back(read_entry(s));
  return entries;
}

}  // namespace sluice::telemetry::sqlite
