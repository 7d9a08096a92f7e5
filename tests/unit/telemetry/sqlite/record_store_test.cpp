// The SQLite record store: migrations, batched writes with rollups, spend and log queries,
// retention and reprice, on a real SQLite database (in memory).
#include <gtest/gtest.h>

#include "../sample_record.h"
#include "store/sqlite/database.h"
#include "store_test_helpers.h"
#include "telemetry/sqlite/log_query.h"
#include "telemetry/sqlite/minute_spans.h"
#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/record_writer.h"
#include "telemetry/sqlite/reprice.h"
#include "telemetry/sqlite/retention.h"
#include "telemetry/sqlite/spend_query.h"

namespace sluice::telemetry::sqlite {
namespace {

using test::kDay0;
using test::kHour;
using test::kMinute;
using test::minute_rows;
using test::received_of;
using test::record;
using test::refs;

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

// Calls finish out of the order they arrived in: ids (finish order) and received times disagree.
std::vector<CallRecord> out_of_order_batch() {
  return {record("a", kDay0 + 10 * kMinute, 1, 1, 0.1),       // id 1
          record("a", kDay0 + 5 * kMinute, 1, 1, 0.1),        // id 2: a long call
          record("a", kDay0 + 10 * kMinute + 30, 1, 1, 0.1),  // id 3
          record("a", kDay0 + 7 * kMinute, 1, 1, 0.1)};       // id 4
}

TEST_F(RecordStore, EachMinuteKeepsTheIdSpanOfTheRecordsReceivedInIt) {
  RecordWriter writer(db);
  writer.write(refs(out_of_order_batch()));
  writer.write(refs({record("a", kDay0 + 5 * kMinute + 1, 1, 1, 0.1)}));  // id 5
  const int64_t m = minute_of(kDay0);
  using Row = std::tuple<int64_t, int64_t, int64_t>;
  EXPECT_EQ(minute_rows(db), (std::vector<Row>{{m + 5, 2, 5}, {m + 7, 4, 4}, {m + 10, 1, 3}}));
}

TEST_F(RecordStore, ChunksAddedToOneTransactionCommitTogetherOrNotAtAll) {
  RecordWriter writer(db);
  const auto count = [&] {
    auto n = db.prepare("SELECT COUNT(*) FROM records");
    return n.step() ? n.integer(0) : -1;
  };
  writer.begin();
  {
    // Each chunk may be freed once added: the rows hold their own copies.
    std::vector<CallRecord> chunk{record("a", kDay0 + 10 * kMinute, 1, 1, 0.1)};
    writer.add(refs(chunk));
  }
  writer.add(refs({record("a", kDay0 + 5 * kMinute, 1, 1, 0.1)}));
  writer.rollback();
  EXPECT_FALSE(writer.in_transaction());
  EXPECT_EQ(count(), 0);
  EXPECT_TRUE(minute_rows(db).empty());

  const auto batch = out_of_order_batch();
  writer.begin();
  writer.add(refs(std::span(batch).first(2)));
  writer.add(refs(std::span(batch).subspan(2)));
  writer.commit();
  EXPECT_EQ(count(), 4);
  // The same minute spans as one write of the whole batch (the test above).
  const int64_t m = minute_of(kDay0);
  using Row = std::tuple<int64_t, int64_t, int64_t>;
  EXPECT_EQ(minute_rows(db), (std::vector<Row>{{m + 5, 2, 2}, {m + 7, 4, 4}, {m + 10, 1, 3}}));
  const auto rows =
      query_spend(db, {"team", kDay0 / 1'000'000, kDay0 / 1'000'000 + 86400, "total"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].requests, 4);
}

TEST_F(RecordStore, ALongerStoredRequestIdIsReadCut) {
  RecordWriter(db).write(refs({record("a", kDay0, 1, 1, 0.1)}));
  db.exec("UPDATE records SET request_id = printf('%.200c', 'x')");
  const auto page = query_logs(db, LogQuery{});
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(std::string_view(page[0].record.request_id), std::string(128, 'x'));
}

TEST_F(RecordStore, TimeRangesFindRecordsWhateverOrderTheyFinishedIn) {
  RecordWriter(db).write(refs(out_of_order_batch()));
  LogQuery q;
  q.from_s = (kDay0 + 5 * kMinute) / 1'000'000;
  q.to_s = (kDay0 + 8 * kMinute) / 1'000'000;
  EXPECT_EQ(received_of(query_logs(db, q)),
            (std::vector<int64_t>{kDay0 + 7 * kMinute, kDay0 + 5 * kMinute}));
  q.from_s = (kDay0 + 10 * kMinute) / 1'000'000;
  q.to_s.reset();
  EXPECT_EQ(received_of(query_logs(db, q)),
            (std::vector<int64_t>{kDay0 + 10 * kMinute + 30, kDay0 + 10 * kMinute}));
  q.from_s = (kDay0 + 11 * kMinute) / 1'000'000;
  EXPECT_TRUE(query_logs(db, q).empty());
  q.from_s.reset();
  q.to_s = (kDay0 + 6 * kMinute) / 1'000'000;
  EXPECT_EQ(received_of(query_logs(db, q)), (std::vector<int64_t>{kDay0 + 5 * kMinute}));
  EXPECT_EQ(oldest_received_us(db), kDay0 + 5 * kMinute);
}

TEST_F(RecordStore, RetentionFindsOldRecordsWrittenAfterNewerOnesAndForgetsTheirMinutes) {
  RecordWriter(db).write(refs(out_of_order_batch()));
  EXPECT_EQ(delete_records_before(db, kDay0 + 8 * kMinute, 100), 2);  // ids 2 and 4
  EXPECT_EQ(received_of(query_logs(db, LogQuery{})),
            (std::vector<int64_t>{kDay0 + 10 * kMinute + 30, kDay0 + 10 * kMinute}));
  using Row = std::tuple<int64_t, int64_t, int64_t>;
  EXPECT_EQ(minute_rows(db), (std::vector<Row>{{minute_of(kDay0) + 10, 1, 3}}));
  EXPECT_EQ(oldest_received_us(db), kDay0 + 10 * kMinute);
}

TEST_F(RecordStore, RollupsEqualTheSumOfTheRecords) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch{record("a", kDay0 + 10, 100, 10, 0.5, {"x", "y"}),
                                record("a", kDay0 + kHour + 5, 50, 5, 0.25, {"x"}),
                                record("b", kDay0 + 20, 7, 3, std::nullopt)};
  writer.write(refs(batch));
  writer.write(refs({record("a", kDay0 + 30, 1, 1, 1.0)}));

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

TEST_F(RecordStore, RollupsCountEveryRecordOfABatchThatMixesTheirValues) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch{record("a", kDay0, 1, 0, 0.5), record("b", kDay0 + 1, 2, 0, 0.5),
                                record("a", kDay0 + 2, 4, 0, 0.5),
                                record("a", kDay0 + kHour, 8, 0, 0.5),
                                record("a", kDay0 + 3, 16, 0, 0.5)};
  batch[1].user = "u";
  batch[2].requested_model = "other";
  writer.write(refs(batch));
  auto sum = [this](const char* dimension, const char* value) {
    auto s =
        db.prepare("SELECT sum(input_tokens) FROM rollups WHERE dimension = ?1 AND value = ?2");
    s.bind(1, dimension).bind(2, value);
    return s.step() ? s.integer(0) : -1;
  };
  EXPECT_EQ(sum("team", "a"), 29);
  EXPECT_EQ(sum("team", "b"), 2);
  EXPECT_EQ(sum("user", "u"), 2);
  EXPECT_EQ(sum("user", ""), 29);
  EXPECT_EQ(sum("model", "m"), 27);
  EXPECT_EQ(sum("model", "other"), 4);
  auto hours = db.prepare("SELECT count(*) FROM rollups WHERE dimension = 'team' AND value = 'a'");
  ASSERT_TRUE(hours.step());
  EXPECT_EQ(hours.integer(0), 2);
}

TEST_F(RecordStore, LogsAreNewestFirstFilteredAndPaged) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(record(i % 2 ? "odd" : "even", kDay0 + i, i, i, 0.1));
  batch[3].tags = {"t1", "t2"};
  batch[4].status = 503;
  batch[4].error_class = "overloaded";
  writer.write(refs(batch));

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
  // As the gateway fills it: a lone success is left out of the list (CallRecord::attempts).
  CallRecord implicit = lone;
  implicit.received_us = kDay0 + 4;
  implicit.attempts.clear();
  writer.write(refs({lone, failed, none, implicit}));

  auto stored = db.prepare("SELECT attempts FROM records ORDER BY id");
  std::vector<std::string> column;
  while (stored.step()) column.emplace_back(stored.text(0));
  ASSERT_EQ(column.size(), 4u);
  EXPECT_EQ(column[0], "");  // rebuilt from the record's fields when read
  EXPECT_EQ(
      column[1],
      R"([{"provider":"p","deployment":"p/m","model":"m","outcome":"server","latency_us":900}])");
  EXPECT_EQ(column[2], "[]");
  EXPECT_EQ(column[3], "");

  const auto page = query_logs(db, LogQuery{});
  ASSERT_EQ(page.size(), 4u);  // newest first
  const std::string lone_json =
      R"([{"provider":"p","deployment":"p/m","model":"m","outcome":"ok","latency_us":900}])";
  EXPECT_EQ(page[3].attempts_json, lone_json);
  EXPECT_EQ(page[2].attempts_json, column[1]);
  EXPECT_EQ(page[1].attempts_json, "[]");
  EXPECT_EQ(page[0].attempts_json, lone_json);
}

TEST_F(RecordStore, RetentionDeletesOldRecordsInBoundedBatchesAndKeepsRollups) {
  RecordWriter writer(db);
  std::vector<CallRecord> batch;
  for (int i = 0; i < 7; ++i) batch.push_back(record("a", kDay0 + i, 1, 1, 0.1));
  batch.push_back(record("a", kDay0 + 2 * kHour, 1, 1, 0.1));
  writer.write(refs(batch));
  EXPECT_EQ(delete_records_before(db, kDay0 + kHour, 5), 5);
  EXPECT_EQ(delete_records_before(db, kDay0 + kHour, 5), 2);
  EXPECT_EQ(delete_records_before(db, kDay0 + kHour, 5), 0);
  EXPECT_EQ(query_logs(db, LogQuery{}).size(), 1u);
  SpendQuery q{"team", kDay0 / 1'000'000, kDay0 / 1'000'000 + 86400, "total"};
  EXPECT_EQ(query_spend(db, q)[0].requests, 8);  // spend history outlives the raw log
}

TEST_F(RecordStore, RepriceRecomputesCostsAndRebuildsRollups) {
  RecordWriter writer(db);
  writer.write(refs({record("a", kDay0 + 1, 1000, 100, 0.0),
                     record("a", kDay0 + kHour, 2000, 0, std::nullopt),
                     record("b", kDay0 + 2 * kHour, 10, 10, 9.0)}));
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
  writer.write(refs({record("a", kDay0, 1, 1, 0.1), record("a", kDay0 + 3 * kHour, 1, 1, 0.1)}));
  delete_records_before(db, kDay0 + kHour, 100);
  EXPECT_THROW(reprice_since(db, kDay0 / 1'000'000, [](CallRecord&) {}), std::runtime_error);
  EXPECT_NO_THROW(reprice_since(db, kDay0 / 1'000'000 + 3 * 3600, [](CallRecord&) {}));
}

}  // namespace
}  // namespace sluice::telemetry::sqlite
