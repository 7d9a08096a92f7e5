#include "telemetry/sqlite/record_writer.h"

#include <string>

#include "core/json_writer.h"
#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/record_details.h"
#include "telemetry/sqlite/record_schema.h"

namespace sluice::telemetry::sqlite {

namespace {

// One row per statement: a multi-row VALUES list measured slower (BENCHMARKS.md).
constexpr std::string_view kInsertRecord = R"sql(
INSERT INTO records (request_id, received_us, endpoint, api_shape, key_id, user, team, tags,
  requested_model, provider, provider_type, deployment, upstream_model, attempts, status,
  error_class, streamed, input_tokens, output_tokens, cached_tokens, cache_write_tokens,
  reasoning_tokens, usage_known, cost_usd, price_version, latency_us, ttft_us, upstream_us,
  details)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29))sql";

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) {
    if (!out.empty()) out += ',';
    out += tag;
  }
  return out;
}

// Binds a record without copying its text (SQLite reads it in place during the step), and only
// the values that differ from the previous row's: `tags`, `attempts` and `details` hold the
// columns built for it, and like the record they must stay unchanged until the batch is written.
void bind_record(store::sqlite::RowBinder& b, const CallRecord& r, const std::string& tags,
                 const std::string& attempts, const std::string& details) {
  b.text(1, r.request_id).integer(2, r.received_us).text(3, r.endpoint).text(4, r.api_shape);
  b.text(5, r.key_id).text(6, r.user).text(7, r.team).text(8, tags);
  b.text(9, r.requested_model).text(10, r.provider).text(11, r.provider_type);
  b.text(12, r.deployment).text(13, r.upstream_model).text(14, attempts);
  b.integer(15, r.status).text(16, r.error_class).integer(17, r.streamed);
  b.integer(18, r.usage.prompt_tokens).integer(19, r.usage.completion_tokens);
  b.integer(20, r.usage.cached_tokens).integer(21, r.usage.cache_write_tokens);
  b.integer(22, r.usage.reasoning_tokens).integer(23, r.usage.present);
  b.real(24, r.cost_usd).text(25, r.price_version);
  b.integer(26, r.latency_us).integer(27, r.ttft_us).integer(28, r.upstream_us);
  b.text_or_null(29, details);
}

// One successful attempt at the record's own route: implied (as the gateway leaves it), or
// listed alone (as a record built elsewhere may have it).
bool is_lone_success(const CallRecord& r) {
  if (implies_lone_success(r)) return true;
  if (r.attempts.size() != 1) return false;
  const AttemptRecord& a = r.attempts.front();
  return a.outcome == "ok" && a.provider == r.provider && a.deployment == r.deployment &&
         a.upstream_model == r.upstream_model && a.latency_us == r.upstream_us;
}

}  // namespace

std::string attempts_json(std::span<const AttemptRecord> attempts) {
  std::string out;
  JsonWriter json(out);
  json.begin_array();
  for (const auto& a : attempts) {
    json.begin_object()
        .field("provider", a.provider)
        .field("deployment", a.deployment)
        .field("model", a.upstream_model)
        .field("outcome", a.outcome)
        .field("latency_us", a.latency_us)
        .end_object();
  }
  json.end_array();
  return out;
}

std::string stored_attempts_json(const CallRecord& record) {
  return is_lone_success(record) ? std::string() : attempts_json(record.attempts);
}

std::string read_attempts_json(const CallRecord& record, std::string_view stored) {
  if (!stored.empty() || record.provider.empty()) return std::string(stored);
  const AttemptRecord lone{record.provider, record.deployment, record.upstream_model, "ok",
                           record.upstream_us};
  return attempts_json(std::span(&lone, 1));
}

RecordWriter::RecordWriter(store::sqlite::Database& db)
    : db_(db),
      insert_record_(db.prepare(kInsertRecord)),
      bind_row_(insert_record_),
      add_rollup_(db.prepare(RollupBatch::kUpsert)),
      save_minute_spans_(db.prepare(MinuteSpans::kUpsert)) {}

void RecordWriter::write(RecordRefs records) {
  begin();
  try {
    add(records);
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

void RecordWriter::begin() {
  transaction_.emplace(db_);
  minute_spans_ = MinuteSpans();
  rollups_.clear();
}

void RecordWriter::add(RecordRefs records) {
  // One text per record for the three built columns: a row may keep pointing at an earlier
  // row's text (bind_record), so none is overwritten before the chunk is written.
  std::vector<std::string> tags(records.size()), attempts(records.size()), details(records.size());
  const std::string* last_details = nullptr;  // built for this record or an earlier one
  bind_row_.start();
  for (std::size_t i = 0; i < records.size(); ++i) {
    const CallRecord& record = *records[i];
    tags[i] = join_tags(record.tags);
    attempts[i] = stored_attempts_json(record);
    if (i == 0 || !same_details(*records[i - 1], record)) {
      details[i] = details_json(record);
      last_details = &details[i];
    }
    bind_record(bind_row_, record, tags[i], attempts[i], *last_details);
    insert_record_.run();
    minute_spans_.note(record.received_us, db_.last_insert_id());
    rollups_.add(record);
  }
}

void RecordWriter::commit() {
  rollups_.write(add_rollup_);
  minute_spans_.save(save_minute_spans_);
  transaction_->commit();
  transaction_.reset();
}

void RecordWriter::rollback() {
  transaction_.reset();
  rollups_.clear();
}

void RecordWriter::add_to_rollups(RecordRefs records) {
  for (const CallRecord* record : records) rollups_.add(*record);
  rollups_.write(add_rollup_);
}

}  // namespace sluice::telemetry::sqlite
