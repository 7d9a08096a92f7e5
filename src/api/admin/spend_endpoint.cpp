// GET /admin/spend: spend grouped by key, user, team, model, provider or tag, from the rollups.

#include "api/admin/admin_endpoints.h"
#include "api/admin/query_params.h"
#include "api/admin/records_query.h"
#include "api/client_connection.h"
#include "core/json_writer.h"
#include "store/sqlite/database.h"
#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/spend_query.h"
#include "telemetry/time_text.h"
#include "util/async.h"

namespace sluice::api::admin {

namespace {

namespace tsql = telemetry::sqlite;

// The query the parameters ask for, or the 400 that names the bad one.
std::optional<GatewayError> read_spend_query(const QueryParams& params, tsql::SpendQuery& out) {
  out.group_by = params.get("group_by");
  if (out.group_by.empty()) return bad_param("group_by", "required");
  bool known = false;
  for (const char* dimension : tsql::kRollupDimensions) known = known || out.group_by == dimension;
  if (!known) return bad_param("group_by", "must be key, user, team, model, provider or tag");
  const int64_t now = telemetry::unix_now_s();
  out.from_s = now - 7 * 86400;
  out.to_s = now + 1;
  if (params.has("from")) {
    const auto from = telemetry::parse_time(params.get("from"), now);
    if (!from) return bad_param("from", "not a date (2026-11-24, RFC 3339, Unix seconds or 7d)");
    out.from_s = *from;
  }
  if (params.has("to")) {
    const auto to = telemetry::parse_time(params.get("to"), now);
    if (!to) return bad_param("to", "not a date (2026-11-24, RFC 3339, Unix seconds or 7d)");
    out.to_s = *to;
  }
  if (out.to_s <= out.from_s) return bad_param("to", "must be after from");
  out.interval = params.has("interval") ? params.get("interval") : "total";
  if (out.interval != "hour" && out.interval != "day" && out.interval != "total") {
    return bad_param("interval", "must be hour, day or total");
  }
  return std::nullopt;
}

std::string spend_json(const tsql::SpendQuery& query, const std::vector<tsql::SpendRow>& rows) {
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .field("group_by", query.group_by)
      .field("from", telemetry::iso_time(query.from_s))
      .field("to", telemetry::iso_time(query.to_s))
      .field("interval", query.interval);
  tsql::SpendRow total;
  json.key("data").begin_array();
  for (const auto& row : rows) {
    json.begin_object().field(query.group_by, row.group);
    if (query.interval != "total") json.field("period", telemetry::iso_time(row.period));
    json.field("requests", row.requests)
        .field("errors", row.errors)
        .field("input_tokens", row.input_tokens)
        .field("output_tokens", row.output_tokens)
        .field("cached_input_tokens", row.cached_tokens)
        .field("cache_write_tokens", row.cache_write_tokens)
        .field("reasoning_tokens", row.reasoning_tokens)
        .key("cost_usd")
        .number(row.cost_usd)
        .field("unpriced_requests", row.unpriced)
        .end_object();
    total.requests += row.requests;
    total.cost_usd += row.cost_usd;
    total.input_tokens += row.input_tokens;
    total.output_tokens += row.output_tokens;
    total.unpriced += row.unpriced;
  }
  json.end_array();
  // Tags overlap (a call may carry several), so their rows do not add up to the whole.
  if (query.group_by != "tag") {
    json.key("total")
        .begin_object()
        .field("requests", total.requests)
        .field("input_tokens", total.input_tokens)
        .field("output_tokens", total.output_tokens)
        .key("cost_usd")
        .number(total.cost_usd)
        .field("unpriced_requests", total.unpriced)
        .end_object();
  }
  json.end_object();
  return out;
}

}  // namespace

Awaitable<void> spend(RequestContext& ctx) {
  const bool admitted = co_await admit_records_query(ctx);
  if (!admitted) co_return;
  QueryParams params;
  tsql::SpendQuery query;
  std::optional<GatewayError> invalid =
      QueryParams::parse(ctx.target, {"group_by", "from", "to", "interval"}, params);
  if (!invalid) invalid = read_spend_query(params, query);
  if (invalid) {
    co_await ctx.client.send_error(*invalid);
    co_return;
  }
  auto answer = [query](store::sqlite::Database& db) {
    return spend_json(query, tsql::query_spend(db, query));
  };
  co_await answer_from_records(ctx, "spend", std::move(answer));
}

}  // namespace sluice::api::admin
