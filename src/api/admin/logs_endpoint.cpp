// GET /admin/logs: the raw call records, newest first, filtered and paged.
#include <charconv>

#include "api/admin/admin_endpoints.h"
#include "api/admin/query_params.h"
#include "api/admin/records_query.h"
#include "api/client_connection.h"
#include "core/json_writer.h"
#include "store/sqlite/database.h"
#include "telemetry/record_json.h"
#include "telemetry/time_text.h"
#include "util/async.h"

namespace sluice::api::admin {

namespace {

namespace tsql = telemetry::sqlite;

std::optional<int64_t> read_integer(std::string_view text, int64_t min, int64_t max) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

std::optional<GatewayError> read_log_query(const QueryParams& params, tsql::LogQuery& out) {
  out.model = params.get("model");
  out.provider = params.get("provider");
  out.team = params.get("team");
  out.user = params.get("user");
  out.key_id = params.get("key_id");
  out.tag = params.get("tag");
  out.error_class = params.get("error_class");
  out.request_id = params.get("request_id");
  const int64_t now = telemetry::unix_now_s();
  for (const char* name : {"from", "to"}) {
    if (!params.has(name)) continue;
    const auto time = telemetry::parse_time(params.get(name), now);
    if (!time) return bad_param(name, "not a date (2026-11-24, RFC 3339, Unix seconds or 7d)");
    (std::string_view(name) == "from" ? out.from_s : out.to_s) = *time;
  }
  if (params.has("status")) {
    const auto status = read_integer(params.get("status"), 0, 999);
    if (!status) return bad_param("status", "must be an HTTP status code");
    out.status = static_cast<int>(*status);
  }
  if (params.has("limit")) {
    const auto limit = read_integer(params.get("limit"), 1, 1000);
    if (!limit) return bad_param("limit", "must be an integer from 1 to 1000");
    out.limit = static_cast<int>(*limit);
  }
  if (params.has("before")) {
    const auto before = read_integer(params.get("before"), 1, INT64_MAX);
    if (!before) return bad_param("before", "must be a record id (next_before of a page)");
    out.before_id = *before;
  }
  return std::nullopt;
}

std::string logs_json(const std::vector<tsql::LogEntry>& entries, int limit) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("data").begin_array();
  for (const auto& entry : entries) telemetry::write_record_json(json, entry);
  json.end_array().key("next_before");
  if (static_cast<int>(entries.size()) == limit && !entries.empty()) {
    json.number(entries.back().id);
  } else {
    json.null();
  }
  json.end_object();
  return out;
}

}  // namespace

Awaitable<void> logs(RequestContext& ctx) {
  const bool admitted = co_await admit_records_query(ctx);
  if (!admitted) co_return;
  QueryParams params;
  tsql::LogQuery query;
  std::optional<GatewayError> invalid =
      QueryParams::parse(ctx.target,
                         {"model", "provider", "team", "user", "key_id", "tag", "status",
                          "error_class", "request_id", "from", "to", "limit", "before"},
                         params);
  if (!invalid) invalid = read_log_query(params, query);
  if (invalid) {
    co_await ctx.client.send_error(*invalid);
    co_return;
  }
  auto answer = [query](store::sqlite::Database& db) {
    return logs_json(tsql::query_logs(db, query), query.limit);
  };
  co_await answer_from_records(ctx, "log", std::move(answer));
}

}  // namespace sluice::api::admin
