#include "telemetry/sqlite/rollup_batch.h"

#include "telemetry/sqlite/record_schema.h"
#include "telemetry/sqlite/record_writer.h"

namespace sluice::telemetry::sqlite {

const std::string_view RollupBatch::kUpsert = R"sql(
INSERT INTO rollups (dimension, value, hour, requests, errors, input_tokens, output_tokens,
  cached_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (dimension, hour, value) DO UPDATE SET
  requests = requests + excluded.requests, errors = errors + excluded.errors,
  input_tokens = input_tokens + excluded.input_tokens,
  output_tokens = output_tokens + excluded.output_tokens,
  cached_tokens = cached_tokens + excluded.cached_tokens,
  cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
  reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
  cost_usd = cost_usd + excluded.cost_usd, unpriced = unpriced + excluded.unpriced)sql";

// The dimensions before "tag" count a record once each; a record counts once per tag.
static_assert(std::string_view(kRollupDimensions[5]) == "tag");

void RollupBatch::Sums::add(const CallRecord& record) {
  ++requests;
  errors += record.error_class.empty() ? 0 : 1;
  input += record.usage.prompt_tokens;
  output += record.usage.completion_tokens;
  cached += record.usage.cached_tokens;
  cache_write += record.usage.cache_write_tokens;
  reasoning += record.usage.reasoning_tokens;
  if (record.cost_usd) {
    cost += *record.cost_usd;
  } else {
    ++unpriced;
  }
}

RollupBatch::Rows::iterator RollupBatch::row(std::string_view dimension, int64_t hour,
                                             std::string_view value) {
  const KeyView wanted{dimension, hour, value};
  auto it = rows_.lower_bound(wanted);
  if (it == rows_.end() || KeyLess()(wanted, it->first)) {
    it = rows_.emplace_hint(it, Key{dimension, hour, std::string(value)}, Sums{});
  }
  return it;
}

void RollupBatch::add(const CallRecord& record) {
  const int64_t hour = hour_of(record.received_us);
  const std::array<std::string_view, kFixedDimensions> values = {
      record.key_id, record.team, record.user, record.requested_model, record.provider};
  for (std::size_t i = 0; i < kFixedDimensions; ++i) {
    Previous& p = previous_[i];
    if (p.key == nullptr || p.key->hour != hour || p.key->value != values[i]) {
      const auto it = row(kRollupDimensions[i], hour, values[i]);
      p = {&it->first, &it->second};
    }
    p.sums->add(record);
  }
  for (const auto& tag : record.tags) row("tag", hour, tag)->second.add(record);
}

void RollupBatch::write(store::sqlite::Statement& s) {
  for (const auto& [key, sums] : rows_) {
    s.bind_static(1, key.dimension).bind_static(2, key.value).bind(3, key.hour);
    s.bind(4, sums.requests).bind(5, sums.errors).bind(6, sums.input).bind(7, sums.output);
    s.bind(8, sums.cached).bind(9, sums.cache_write).bind(10, sums.reasoning);
    s.bind(11, sums.cost).bind(12, sums.unpriced);
    s.run();
  }
  clear();
}

void RollupBatch::clear() {
  rows_.clear();
  previous_ = {};
}

}  // namespace sluice::telemetry::sqlite
