#include "telemetry/sqlite/record_schema.h"

#include <array>
#include <string>

#include "telemetry/sqlite/record_details.h"

namespace sluice::telemetry::sqlite {

namespace {

// Append only: a released migration is never edited, a change is a new entry.
const std::array<std::string, 3>& migrations() {
  static const std::array<std::string, 3> all = {
      // 1: records, one row per call; rollups, per hour and dimension value.
      R"sql(
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  received_us INTEGER NOT NULL,
  finished_us INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  api_shape TEXT NOT NULL,
  key_id TEXT NOT NULL,
  user TEXT NOT NULL,
  team TEXT NOT NULL,
  end_user TEXT NOT NULL,
  tags TEXT NOT NULL,            -- comma list
  metadata TEXT NOT NULL,        -- JSON object or ''
  requested_model TEXT NOT NULL,
  provider TEXT NOT NULL,
  provider_type TEXT NOT NULL,
  deployment TEXT NOT NULL,
  upstream_model TEXT NOT NULL,
  attempts TEXT NOT NULL,        -- JSON array
  status INTEGER NOT NULL,
  error_class TEXT NOT NULL,
  error_message TEXT NOT NULL,
  streamed INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  usage_estimated INTEGER NOT NULL,
  cost_usd REAL,                 -- NULL: the price is unknown
  price_version TEXT NOT NULL,
  latency_us INTEGER NOT NULL,
  ttft_us INTEGER NOT NULL,
  upstream_us INTEGER NOT NULL,
  overhead_us INTEGER NOT NULL,
  cache_hit INTEGER NOT NULL,
  prompt TEXT,
  completion TEXT,
  usage_known INTEGER NOT NULL   -- 0: neither reported nor estimated (cost unknown if answered)
);
CREATE INDEX records_by_time ON records (received_us);
CREATE TABLE rollups (
  dimension TEXT NOT NULL,       -- key, team, user, model, provider, tag
  value TEXT NOT NULL,
  hour INTEGER NOT NULL,         -- Unix seconds at the start of the hour
  requests INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,        -- priced requests only
  unpriced INTEGER NOT NULL,     -- requests whose price is unknown
  PRIMARY KEY (dimension, hour, value)
) WITHOUT ROWID;
)sql",
      // 2: time ranges through per-minute id spans instead of an index on received_us (the
      // index was the largest cost of an insert; see telemetry/sqlite/minute_spans.h).
      R"sql(
DROP INDEX records_by_time;
CREATE TABLE record_minutes (
  minute INTEGER PRIMARY KEY,    -- Unix minutes of received_us
  first_id INTEGER NOT NULL,     -- lowest and highest records.id received in that minute
  last_id INTEGER NOT NULL
);
INSERT INTO record_minutes (minute, first_id, last_id)
  SELECT received_us / 60000000, min(id), max(id) FROM records GROUP BY received_us / 60000000;
)sql",
      // 3: a narrower row, as every column costs the writer time on every insert (BENCHMARKS.md):
      // finished_us and overhead_us are computed when read; what most calls leave empty (end user,
      // metadata, error message, usage_estimated, cache_hit, captured prompt and completion) is
      // one JSON object, `details`, NULL when all are empty (telemetry/sqlite/record_details);
      // and no NOT NULL checks (one per column per insert: the writer is the only one to write).
      R"sql(
CREATE TABLE records_v3 (
  id INTEGER PRIMARY KEY,
  request_id TEXT,
  received_us INTEGER,
  endpoint TEXT,
  api_shape TEXT,
  key_id TEXT,
  user TEXT,
  team TEXT,
  tags TEXT,               -- comma list
  requested_model TEXT,
  provider TEXT,
  provider_type TEXT,
  deployment TEXT,
  upstream_model TEXT,
  attempts TEXT,           -- JSON array, or '' for one successful attempt: the route above
  status INTEGER,
  error_class TEXT,
  streamed INTEGER,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cached_tokens INTEGER,
  cache_write_tokens INTEGER,
  reasoning_tokens INTEGER,
  usage_known INTEGER,     -- 0: neither reported nor estimated (cost unknown if answered)
  cost_usd REAL,           -- NULL: the price is unknown
  price_version TEXT,
  latency_us INTEGER,      -- finished_us = received_us + latency_us
  ttft_us INTEGER,
  upstream_us INTEGER,     -- overhead_us = max(0, latency_us - upstream_us)
  details TEXT             -- JSON object, or NULL
);
INSERT INTO records_v3 SELECT id, request_id, received_us, endpoint, api_shape, key_id, user,
  team, tags, requested_model, provider, provider_type, deployment, upstream_model, attempts,
  status, error_class, streamed, input_tokens, output_tokens, cached_tokens, cache_write_tokens,
  reasoning_tokens, usage_known, cost_usd, price_version, latency_us, ttft_us, upstream_us,
  )sql" + std::string(details_of_v2_row()) +
          R"sql(
  FROM records;
DROP TABLE records;
ALTER TABLE records_v3 RENAME TO records;
)sql",
  };
  return all;
}

}  // namespace

int stored_schema_version(store::sqlite::Database& db) {
  auto statement = db.prepare("PRAGMA user_version");
  return statement.step() ? static_cast<int>(statement.integer(0)) : 0;
}

int schema_version() { return static_cast<int>(migrations().size()); }

void migrate(store::sqlite::Database& db, int to_version) {
  int version = stored_schema_version(db);
  if (version > schema_version()) {
    throw store::sqlite::SqliteError("the database schema is version " + std::to_string(version) +
                                     ", newer than this build's " +
                                     std::to_string(schema_version()));
  }
  for (; version < to_version; ++version) {
    store::sqlite::Transaction transaction(db);
    db.exec(migrations()[static_cast<std::size_t>(version)]);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    transaction.commit();
  }
}

}  // namespace sluice::telemetry::sqlite
