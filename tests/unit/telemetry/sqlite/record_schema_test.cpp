// Migrations of the record store on real files of older versions: built by running only the
// migrations up to that version and writing rows in that version's layout, as an older
// gateway did.
#include "telemetry/sqlite/record_schema.h"

#include <gtest/gtest.h>

#include "../sample_record.h"
#include "store/sqlite/database.h"
#include "store_test_helpers.h"
#include "telemetry/sqlite/log_query.h"
#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/record_writer.h"

namespace sluice::telemetry::sqlite {
namespace {

using test::kDay0;
using test::kMinute;

// A row as schema versions 1 and 2 stored it: every field its own NOT NULL column.
void insert_v2_row(store::sqlite::Database& db, const CallRecord& r, std::string_view attempts) {
  auto insert = db.prepare(R"sql(
INSERT INTO records (request_id, received_us, finished_us, endpoint, api_shape, key_id, user,
  team, end_user, tags, metadata, requested_model, provider, provider_type, deployment,
  upstream_model, attempts, status, error_class, error_message, streamed, input_tokens,
  output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, usage_estimated, cost_usd,
  price_version, latency_us, ttft_us, upstream_us, overhead_us, cache_hit, prompt, completion,
  usage_known)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37))sql");
  std::string tags;
  for (const auto& tag : r.tags) tags += (tags.empty() ? "" : ",") + tag;
  insert.bind(1, std::string_view(r.request_id)).bind(2, r.received_us).bind(3, r.finished_us);
  insert.bind(4, r.endpoint).bind(5, r.api_shape).bind(6, r.key_id).bind(7, r.user);
  insert.bind(8, r.team).bind(9, r.end_user).bind(10, tags).bind(11, r.metadata_json);
  insert.bind(12, r.requested_model).bind(13, r.provider).bind(14, r.provider_type);
  insert.bind(15, r.deployment).bind(16, r.upstream_model).bind(17, attempts);
  insert.bind(18, int64_t{r.status}).bind(19, r.error_class).bind(20, r.error_message);
  insert.bind(21, int64_t{r.streamed}).bind(22, r.usage.prompt_tokens);
  insert.bind(23, r.usage.completion_tokens).bind(24, r.usage.cached_tokens);
  insert.bind(25, r.usage.cache_write_tokens).bind(26, r.usage.reasoning_tokens);
  insert.bind(27, int64_t{r.usage_estimated}).bind(28, r.cost_usd).bind(29, r.price_version);
  insert.bind(30, r.latency_us).bind(31, r.ttft_us).bind(32, r.upstream_us);
  insert.bind(33, r.overhead_us).bind(34, int64_t{r.cache_hit});
  r.prompt.empty() ? insert.bind_null(35) : insert.bind(35, r.prompt);
  r.completion.empty() ? insert.bind_null(36) : insert.bind(36, r.completion);
  insert.bind(37, int64_t{r.usage.present});
  insert.run();
}

// A plain call, and one with every detail field set.
std::vector<CallRecord> two_calls() {
  CallRecord plain = test::record("a", kDay0 + 5 * kMinute, 10, 20, 0.5, {"x", "y"});
  plain.deployment = "p/m";  // its one attempt is the route: stored as no attempts text
  plain.upstream_model = "m";
  plain.upstream_us = 900;
  CallRecord detailed = test::record("b", kDay0 + 7 * kMinute, 30, 0, std::nullopt);
  detailed.end_user = "end \"user\"";
  detailed.metadata_json = R"({"k":[1,null],"user_id":"u"})";
  detailed.error_message = "upstream said: no";
  detailed.error_class = "server";
  detailed.status = 503;
  detailed.usage_estimated = true;
  detailed.cache_hit = true;
  detailed.prompt = "the prompt\n";
  detailed.completion = "the completion";
  detailed.latency_us = 500;  // shorter than upstream_us: overhead reads back as 0
  detailed.upstream_us = 800;
  detailed.finished_us = detailed.received_us + detailed.latency_us;
  return {plain, detailed};
}

// What a log reader shows of a record, as one comparable text per field.
std::vector<std::string> shown(const LogEntry& e) {
  const CallRecord& r = e.record;
  std::string tags;
  for (const auto& tag : r.tags) tags += tag + ";";
  return {std::string(r.request_id),
          std::to_string(r.received_us),
          std::to_string(r.finished_us),
          r.endpoint,
          r.api_shape,
          r.key_id,
          r.user,
          r.team,
          r.end_user,
          tags,
          r.metadata_json,
          r.requested_model,
          r.provider,
          r.provider_type,
          r.deployment,
          r.upstream_model,
          e.attempts_json,
          std::to_string(r.status),
          r.error_class,
          r.error_message,
          std::to_string(r.streamed),
          std::to_string(r.usage.prompt_tokens),
          std::to_string(r.usage.completion_tokens),
          std::to_string(r.usage.cached_tokens),
          std::to_string(r.usage.cache_write_tokens),
          std::to_string(r.usage.reasoning_tokens),
          std::to_string(r.usage_estimated),
          r.cost_usd ? std::to_string(*r.cost_usd) : "unknown",
          r.price_version,
          std::to_string(r.latency_us),
          std::to_string(r.ttft_us),
          std::to_string(r.upstream_us),
          std::to_string(r.overhead_us),
          std::to_string(r.cache_hit),
          r.prompt,
          r.completion,
          std::to_string(r.usage.present)};
}

std::vector<std::vector<std::string>> all_shown(store::sqlite::Database& db) {
  std::vector<std::vector<std::string>> out;
  for (const auto& e : query_logs(db, LogQuery{})) out.push_back(shown(e));
  return out;
}

// The same calls written by this version's writer, read back.
std::vector<std::vector<std::string>> as_written_now(const std::vector<CallRecord>& calls) {
  store::sqlite::Database db(":memory:");
  migrate(db);
  RecordWriter(db).write(test::refs(calls));
  return all_shown(db);
}

TEST(RecordSchema, VersionThreeKeepsEveryFieldOfAVersionTwoFile) {
  const auto calls = two_calls();
  store::sqlite::Database db(":memory:");
  migrate(db, 2);
  insert_v2_row(db, calls[0], "");
  insert_v2_row(
      db, calls[1],
      R"([{"provider":"p","deployment":"p/m","model":"m","outcome":"ok","latency_us":900}])");
  // A read-only reader (the CLI) meets the file before any server has migrated it.
  const auto before = all_shown(db);
  migrate(db);
  EXPECT_EQ(stored_schema_version(db), 3);
  EXPECT_EQ(all_shown(db), before);
  // And the rows read as this version writes the same calls.
  EXPECT_EQ(before, as_written_now(calls));
  auto plain = db.prepare("SELECT details IS NULL FROM records WHERE team = 'a'");
  ASSERT_TRUE(plain.step());
  EXPECT_EQ(plain.integer(0), 1);  // nothing set: no details at all
}

TEST(RecordSchema, EachRecordOfABatchKeepsItsOwnDetails) {
  auto calls = two_calls();
  CallRecord other_user = calls[0];
  other_user.end_user = "someone else";
  // Runs of equal details and changes both ways: the writer reuses a run's text.
  const std::vector<CallRecord> batch{calls[1], calls[1], calls[0], calls[0], other_user, calls[1]};
  std::vector<std::vector<std::string>> one_by_one;
  for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
    one_by_one.push_back(as_written_now({*it})[0]);  // newest first, as read
  }
  EXPECT_EQ(as_written_now(batch), one_by_one);
}

TEST(RecordSchema, MigrationTwoBuildsTheMinuteSpansOfExistingRecords) {
  store::sqlite::Database db(":memory:");
  migrate(db, 1);
  for (int64_t at : {10, 5, 10, 7})
    insert_v2_row(db, test::record("a", kDay0 + at * kMinute, 1, 1, 0.1), "");
  migrate(db);
  const int64_t m = kDay0 / kMinute;
  EXPECT_EQ(test::minute_rows(db), (std::vector<std::tuple<int64_t, int64_t, int64_t>>{
                                       {m + 5, 2, 2}, {m + 7, 4, 4}, {m + 10, 1, 3}}));
  auto index = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'records_by_time'");
  ASSERT_TRUE(index.step());
  EXPECT_EQ(index.integer(0), 0);
}

TEST(RecordSchema, AFileNotYetMigratedToMinuteSpansIsReadByTime) {
  store::sqlite::Database db(":memory:");
  migrate(db, 1);  // as a read-only CLI meets a version 1 file no upgraded server has opened
  for (int64_t at : {10, 5, 10, 7})
    insert_v2_row(db, test::record("a", kDay0 + at * kMinute, 1, 1, 0.1), "");
  LogQuery q;
  q.from_s = (kDay0 + 5 * kMinute) / 1'000'000;
  q.to_s = (kDay0 + 8 * kMinute) / 1'000'000;
  EXPECT_EQ(test::received_of(query_logs(db, q)),
            (std::vector<int64_t>{kDay0 + 7 * kMinute, kDay0 + 5 * kMinute}));
  EXPECT_EQ(oldest_received_us(db), kDay0 + 5 * kMinute);
}

}  // namespace
}  // namespace sluice::telemetry::sqlite
