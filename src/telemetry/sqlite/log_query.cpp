#include "telemetry/sqlite/log_query.h"

#include <algorithm>
#include <string>

#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/record_writer.h"

namespace sluice::telemetry::sqlite {

namespace {

constexpr std::string_view kColumns =
    "id, request_id, received_us, finished_us, endpoint, api_shape, key_id, user, team, "
    "end_user, tags, metadata, requested_model, provider, provider_type, deployment, "
    "upstream_model, attempts, status, error_class, error_message, streamed, input_tokens, "
    "output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, usage_estimated, "
    "cost_usd, price_version, latency_us, ttft_us, upstream_us, overhead_us, cache_hit, prompt, "
    "completion, usage_known";

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
  r.finished_us = s.integer(3);
  r.endpoint = text(4);
  r.api_shape = text(5);
  r.key_id = text(6);
  r.user = text(7);
  r.team = text(8);
  r.end_user = text(9);
  r.tags = split_tags(s.text(10));
  r.metadata_json = text(11);
  r.requested_model = text(12);
  r.provider = text(13);
  r.provider_type = text(14);
  r.deployment = text(15);
  r.upstream_model = text(16);
  r.status = static_cast<int>(s.integer(18));
  r.error_class = text(19);
  r.error_message = text(20);
  r.streamed = s.integer(21) != 0;
  r.usage.prompt_tokens = s.integer(22);
  r.usage.completion_tokens = s.integer(23);
  r.usage.total_tokens = r.usage.prompt_tokens + r.usage.completion_tokens;
  r.usage.cached_tokens = s.integer(24);
  r.usage.cache_write_tokens = s.integer(25);
  r.usage.reasoning_tokens = s.integer(26);
  r.usage_estimated = s.integer(27) != 0;
  if (!s.is_null(28)) r.cost_usd = s.real(28);
  r.price_version = text(29);
  r.latency_us = s.integer(30);
  r.ttft_us = s.integer(31);
  r.upstream_us = s.integer(32);
  r.overhead_us = s.integer(33);
  r.cache_hit = s.integer(34) != 0;
  r.prompt = text(35);
  r.completion = text(36);
  r.usage.present = s.integer(37) != 0;
  e.attempts_json = read_attempts_json(r, s.text(17));
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
  std::string sql = "SELECT " + std::string(kColumns) + R"sql( FROM records WHERE
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
