// The SQLite record store: migrations, batched writes with rollups, spend and log queries,
// retention and reprice, on a real SQLite database (in memory).
#include <gtest/gtest.h>

#include "store/sqlite/database.h"
#include "telemetry/sqlite/log_query.h"
#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/record_writer.h"
#include "telemetry/sqlite/reprice.h"
#include "telemetry/sqlite/retention.h"
#include "telemetry/sqlite/spend_query.h"

namespace sluice::telemetry::sqlite {
namespace {

constexpr int64_t kHour = 3600LL * 1'000'000;
constexpr int64_t kDay0 = 1'795'000'000LL / 86400 * 86400 * 1'000'000;  // a UTC midnight, in µs

CallRecord record(std::string team, int64_t received_us, int64_t in, int64_t out,
                  std::optional<double> cost, std::vector<std::string> tags = {}) {
  CallRecord r;
  r.request_id = "req-" + std::to_string(received_us) + team;
  r.received_us = received_us;
  r.finished_us = received_us + 1000;
  r.endpoint = "/v1/chat/completions";
  r.api_shape = "openai";
  r.team = std::move(team);
  r.tags = std::move(tags);
  r.requested_model = "m";
  r.provider = "p";
  r.provider_type = "openai";
  r.status = 200;
  r.usage.present = true;
  r.usage.prompt_tokens = in;
  r.usage.completion_tokens = out;
  r.cost_usd = cost;
  r.attempts.push_back({"p", "p/m", "m", "ok", 900});
  return r;
}

class RecordStore : public ::testing::Test {
 protected:
  RecordStore() : db(":memory:") { migrate(db); }
  store::sqlite::Database db;
};

TEST_F(RecordStore, MigrationsAreIdempotentAndVersioned) {
  migrate(db);
  auto version = db.prepare("PRAGMA user_version");
  ASSERT_TRUE(version.step());
  EXPECT_EQ(version.integer(0), schema_version());
}

TEST_F(RecordStore, RollupsEqualTheSumOfTheRecords) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch{record("a", kDay0 + 10, 100, 10, 0.5, {"x", "y"}),
                                record("a", kDay0 + kHour + 5, 50, 5, 0.25, {"x"}),
                                record("b", kDay0 + 20, 7, 3, std::nullopt)};
  writer.write(batch);
  writer.write(std::vector<CallRecord>{record("a", kDay0 + 30, 1, 1, 1.0)});

  SpendQuery by_team{"team", kDay0 / 1'000'000, kDay0 / 1'000'000 + 86400, "total"};
  const auto rows = query_spend(db, by_team);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].group, "a");  // highest cost first
  EXPECT_EQ(rows[0].requests, 3);
  EXPECT_EQ(rows[0].input_tokens, 151);
  EXPECT_DOUBLE_EQ(rows[0].cost_usd, 1.75);
  EXPECT_EQ(rows[1].group, "b");
  EXPECT_EQ(rows[1].unpriced, 1);
  EXPECT_DOUBLE_EQ(rows[1].cost_usd, 0);

  SpendQuery hourly{"tag", kDay0 / 1'000'000, kDay0 / 1'000'000 + 86400, "hour"};
  const auto tags = query_spend(db, hourly);
  ASSERT_EQ(tags.size(), 3u);  // x in hour 0, y in hour 0, x in hour 1
  EXPECT_EQ(tags[0].period, kDay0 / 1'000'000);
  EXPECT_EQ(tags[2].group, "x");
  EXPECT_EQ(tags[2].period, kDay0 / 1'000'000 + 3600);

  SpendQuery outside{"team", kDay0 / 1'000'000 + 7200, kDay0 / 1'000'000 + 86400, "total"};
  EXPECT_TRUE(query_spend(db, outside).empty());
}

TEST_F(RecordStore, LogsAreNewestFirstFilteredAndPaged) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(record(i % 2 ? "odd" : "even", kDay0 + i, i, i, 0.1));
  batch[3].tags = {"t1", "t2"};
  batch[4].status = 503;
  batch[4].error_class = "overloaded";
  writer.write(batch);

  LogQuery all;
  all.limit = 2;
  auto page = query_logs(db, all);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].record.received_us, kDay0 + 4);
  EXPECT_EQ(page[0].record.error_class, "overloaded");
  EXPECT_EQ(page[0].attempts_json,
            R"([{"provider":"p","deployment":"p/m","model":"m","outcome":"ok","latency_us":900}])");
  all.before_id = page[1].id;
  page = query_logs(db, all);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].record.received_us, kDay0 + 2);

  LogQuery tagged;
  tagged.tag = "t2";
  page = query_logs(db, tagged);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].record.tags, (std::vector<std::string>{"t1", "t2"}));
  LogQuery part_of_a_tag;
  part_of_a_tag.tag = "t";  // a prefix of a tag is not the tag
  EXPECT_TRUE(query_logs(db, part_of_a_tag).empty());

  LogQuery failed;
  failed.status = 503;
  EXPECT_EQ(query_logs(db, failed).size(), 1u);
  LogQuery odd;
  odd.team = "odd";
  EXPECT_EQ(query_logs(db, odd).size(), 2u);
}

TEST_F(RecordStore, ALoneSuccessfulAttemptIsStoredAsNothingAndReadBackWhole) {
  RecordWriter writer(db);
  CallRecord lone = record("a", kDay0 + 1, 1, 1, 0.1);
  lone.deployment = "p/m";
  lone.upstream_model = "m";
  lone.upstream_us = 900;  // the attempt is the record's own route and upstream time
  CallRecord failed = lone;
  failed.received_us = kDay0 + 2;
  failed.attempts[0].outcome = "server";
  CallRecord none = record("a", kDay0 + 3, 0, 0, 0.0);
  none.provider.clear();
  none.attempts.clear();
  writer.write(std::vector<CallRecord>{lone, failed, none});

  auto stored = db.prepare("SELECT attempts FROM records ORDER BY id");
  std::vector<std::string> column;
  while (stored.step()) column.emplace_back(stored.text(0));
  ASSERT_EQ(column.size(), 3u);
  EXPECT_EQ(column[0], "");  // rebuilt from the record's fields when read
  EXPECT_EQ(
      column[1],
      R"([{"provider":"p","deployment":"p/m","model":"m","outcome":"server","latency_us":900}])");
  EXPECT_EQ(column[2], "[]");

  const auto page = query_logs(db, LogQuery{});
  ASSERT_EQ(page.size(), 3u);  // newest first
  EXPECT_EQ(page[2].attempts_json,
            R"([{"provider":"p","deployment":"p/m","model":"m","outcome":"ok","latency_us":900}])");
  EXPECT_EQ(page[1].attempts_json, column[1]);
  EXPECT_EQ(page[0].attempts_json, "[]");
}

TEST_F(RecordStore, RetentionDeletesOldRecordsInBoundedBatchesAndKeepsRollups) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch;
  for (int i = 0; i < 7; ++i) batch.push_back(record("a", kDay0 + i, 1, 1, 0.1));
  batch.push_back(record("a", kDay0 + 2 * kHour, 1, 1, 0.1));
  writer.write(batch);
  EXPECT_EQ(delete_records_before(db, kDay0 + kHour, 5), 5);
  EXPECT_EQ(delete_records_before(db, kDay0 + kHour, 5), 2);
  EXPECT_EQ(delete_records_before(db, kDay0 + kHour, 5), 0);
  EXPECT_EQ(query_logs(db, LogQuery{}).size(), 1u);
  SpendQuery q{"team", kDay0 / 1'000'000, kDay0 / 1'000'000 + 86400, "total"};
  EXPECT_EQ(query_spend(db, q)[0].requests, 8);  // spend history outlives the raw log
}

TEST_F(RecordStore, RepriceRecomputesCostsAndRebuildsRollups) {
  RecordWriter writer(db);
  writer.write(std::vector<CallRecord>{record("a", kDay0 + 1, 1000, 100, 0.0),
                                       record("a", kDay0 + kHour, 2000, 0, std::nullopt),
                                       record("b", kDay0 + 2 * kHour, 10, 10, 9.0)});
  const auto result = reprice_since(db, kDay0 / 1'000'000 + 3600, [](CallRecord& r) {
    r.cost_usd = static_cast<double>(r.usage.prompt_tokens) * 1e-6;
    r.price_version = "v2";
  });
  EXPECT_EQ(result.records, 2);
  EXPECT_DOUBLE_EQ(result.old_cost, 9.0);
  EXPECT_DOUBLE_EQ(result.new_cost, 0.00201);
  SpendQuery q{"team", kDay0 / 1'000'000, kDay0 / 1'000'000 + 86400, "total"};
  const auto rows = query_spend(db, q);
  ASSERT_EQ(rows.size(), 2u);
  const auto& a = rows[0].group == "a" ? rows[0] : rows[1];
  EXPECT_DOUBLE_EQ(a.cost_usd, 0.002);  // hour 0 untouched (0.0) + repriced hour 1
  EXPECT_EQ(a.unpriced, 0);
  LogQuery newest;
  newest.limit = 1;
  EXPECT_EQ(query_logs(db, newest)[0].record.price_version, "v2");
}

TEST_F(RecordStore, RepriceRefusesHoursWhoseRecordsRetentionDeleted) {
  RecordWriter writer(db);
  writer.write(std::vector<CallRecord>{record("a", kDay0, 1, 1, 0.1),
                                       record("a", kDay0 + 3 * kHour, 1, 1, 0.1)});
  delete_records_before(db, kDay0 + kHour, 100);
  EXPECT_THROW(reprice_since(db, kDay0 / 1'000'000, [](CallRecord&) {}), std::runtime_error);
  EXPECT_NO_THROW(reprice_since(db, kDay0 / 1'000'000 + 3 * 3600, [](CallRecord&) {}));
}

}  // namespace
}  // namespace sluice::telemetry::sqlite
