#include "telemetry/record_json.h"

#include "telemetry/time_text.h"

namespace sluice::telemetry {

void write_record_json(JsonWriter& json, const sqlite::LogEntry& entry) {
  const CallRecord& r = entry.record;
  json.begin_object().field("id", entry.id).field("request_id", r.request_id);
  json.field("received_at", iso_time(r.received_us / 1'000'000))
      .field("received_us", r.received_us)
      .field("finished_us", r.finished_us)
      .field("endpoint", r.endpoint)
      .field("api_shape", r.api_shape);
  json.field("key_id", r.key_id).field("user", r.user).field("team", r.team);
  json.field("end_user", r.end_user).key("tags").begin_array();
  for (const auto& tag : r.tags) json.string(tag);
  json.end_array().key("metadata");
  if (r.metadata_json.empty()) {
    json.null();
  } else {
    json.raw(r.metadata_json);
  }
  json.field("requested_model", r.requested_model)
      .field("provider", r.provider)
      .field("provider_type", r.provider_type)
      .field("deployment", r.deployment)
      .field("upstream_model", r.upstream_model);
  json.key("attempts").raw(entry.attempts_json.empty() ? "[]" : entry.attempts_json);
  json.field("status", int64_t{r.status});
  json.key("error_class");
  r.error_class.empty() ? json.null() : json.string(r.error_class);
  json.key("error_message");
  r.error_message.empty() ? json.null() : json.string(r.error_message);
  json.key("streamed").boolean(r.streamed);
  json.key("usage").begin_object();
  json.field("input_tokens", r.usage.prompt_tokens)
      .field("output_tokens", r.usage.completion_tokens)
      .field("cached_input_tokens", r.usage.cached_tokens)
      .field("cache_write_tokens", r.usage.cache_write_tokens)
      .field("reasoning_tokens", r.usage.reasoning_tokens)
      .key("estimated")
      .boolean(r.usage_estimated)
      .end_object();
  json.key("cost_usd");
  r.cost_usd ? json.number(*r.cost_usd) : json.null();
  json.field("price_version", r.price_version)
      .field("latency_us", r.latency_us)
      .field("ttft_us", r.ttft_us)
      .field("upstream_us", r.upstream_us)
      .field("gateway_overhead_us", r.overhead_us);
  json.key("cache_hit").boolean(r.cache_hit);
  if (!r.prompt.empty()) json.field("prompt", r.prompt);
  if (!r.completion.empty()) json.field("completion", r.completion);
  json.end_object();
}

}  // namespace sluice::telemetry
