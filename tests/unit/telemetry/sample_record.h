// A finished call record for tests of the record store and the recorder: a successful
// non-streamed call by `team`, one attempt, the given usage and cost.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "telemetry/call_record.h"

namespace sluice::telemetry::test {

inline CallRecord record(std::string team, int64_t received_us, int64_t in, int64_t out,
                         std::optional<double> cost, std::vector<std::string> tags = {}) {
  CallRecord r;
  r.request_id = "req-" + std::to_string(received_us) + team;
  r.received_us = received_us;
  r.finished_us = received_us + 1000;
  r.latency_us = 1000;
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

// Pointers to `records`, as the recorder hands a chunk to the writer and the metrics.
inline std::vector<const CallRecord*> refs(std::span<const CallRecord> records) {
  std::vector<const CallRecord*> out;
  for (const auto& r : records) out.push_back(&r);
  return out;
}
inline std::vector<const CallRecord*> refs(const std::vector<CallRecord>& records) {
  return refs(std::span<const CallRecord>(records));
}

}  // namespace sluice::telemetry::test
