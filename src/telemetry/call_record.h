// CallRecord: everything the gateway knows about one call once it has ended. Handlers fill it
// on the hot path (plain stores, no I/O); the recorder hands it to a writer thread, which
// estimates missing usage, prices it and stores it.
#pragma once

#include <limits>  // before static_string.hpp, which needs it in standalone mode (Boost 1.74)
// clang-format off
#include <boost/container/small_vector.hpp>
#include <boost/static_string/static_string.hpp>
// clang-format on
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/usage.h"

namespace sluice::telemetry {

// The caller's metadata (header or body object) is kept up to this size; larger is dropped.
inline constexpr std::size_t kMaxMetadataBytes = 4096;

// How CallRecord::answer holds the answer.
enum class AnswerForm {
  none,
  json,      // a whole response body (OpenAI or Anthropic shape)
  sse_data,  // the data payloads of a relayed stream, one per line
  text,      // plain text (a translated stream's deltas, already extracted)
};

// A request id (server/request_id: at most 128 characters), held inside the record.
using RequestId = boost::static_string<128>;

// Sets `id` to `text`, cut to what it holds (a longer id comes only from elsewhere: a file
// written by other software).
inline void set_request_id(RequestId& id, std::string_view text) {
  id.assign(text.substr(0, id.max_size()));
}

// One attempt at one deployment, in the order the dispatcher made them.
struct AttemptRecord {
  std::string provider;        // the configured provider name
  std::string deployment;      // the deployment id
  std::string upstream_model;  // the model name sent upstream
  std::string outcome;         // "ok", or the error class that ended it (rate_limited, ...)
  int64_t latency_us = 0;      // request sent -> attempt ended
};

// A record is built on a worker and freed on the writer thread. What most calls fill in (the
// request id, one attempt, short names) lives inside the record rather than on the heap: memory
// allocated on one thread and freed on another goes through the allocator's shared lists, and
// the worker's next allocations come back cold (measured on the worker at c64).
using AttemptList = boost::container::small_vector<AttemptRecord, 1>;

struct CallRecord {
  RequestId request_id;
  int64_t received_us = 0;  // Unix time, microseconds
  int64_t finished_us = 0;
  std::string endpoint;   // "/v1/chat/completions", "/v1/messages", "/v1/embeddings"
  std::string api_shape;  // the caller's API: "openai" or "anthropic"

  // Who called. key_id, user and team come from the caller's identity; end_user is the
  // request's own `user` field (OpenAI) or metadata.user_id (Anthropic).
  std::string key_id;
  std::string user;
  std::string team;
  std::string end_user;
  std::vector<std::string> tags;  // x-sluice-tags: a, b
  std::string metadata_json;      // x-sluice-metadata or the body's metadata: a JSON object, or ""
  bool metadata_is_object = false;  // already checked (the body's, parsed by the endpoint)

  std::string requested_model;  // what the caller named
  std::string provider;         // the provider that answered (last attempt)
  std::string deployment;
  std::string upstream_model;
  std::string provider_type;  // the provider's configured type (openai, anthropic, ollama, ...)
  // Empty when the call's only attempt succeeded: that attempt is the route above, with
  // upstream_us as its latency (most calls; nothing to build or store for them).
  AttemptList attempts;

  int status = 0;           // HTTP status sent to the caller (0: the caller left before any)
  std::string error_class;  // empty on success
  std::string error_message;
  bool streamed = false;

  Usage usage;                   // as the provider reported it (usage.present), or estimated
  bool usage_estimated = false;  // counted by the gateway's tokenizer, not the provider

  // Raw material, kept only when the writer thread needs it (usage to estimate, or capture on):
  // it extracts text and counts tokens there, off the hot path.
  std::string request_body;  // the caller's request body (OpenAI or Anthropic shape)
  std::string answer;        // the answer, in the form below
  AnswerForm answer_form = AnswerForm::none;

  std::optional<double> cost_usd;  // empty: the price is unknown
  std::string price_version;       // the price table version that charged it

  int64_t latency_us = 0;   // received -> last byte to the caller
  int64_t ttft_us = 0;      // received -> first answer byte to the caller
  int64_t upstream_us = 0;  // time spent in attempts (all of them)
  int64_t overhead_us = 0;  // latency minus upstream: the gateway's own share
  bool cache_hit = false;

  // Captured only when telemetry.capture is on, truncated to its max_bytes.
  std::string prompt;
  std::string completion;
};

// Records travel by pointer from the worker that fills one to the writer that stores it, and
// back to a worker for reuse (see Recorder): a record is never moved or copied on its way, and
// its memory is reused rather than freed on one thread and allocated on another.
using RecordPtr = std::unique_ptr<CallRecord>;
// What the writer side reads: the records of one chunk.
using RecordRefs = std::span<const CallRecord* const>;

// Whether the record's one attempt is implied: none listed, but a route (see
// CallRecord::attempts).
inline bool implies_lone_success(const CallRecord& r) {
  return r.attempts.empty() && !r.provider.empty();
}

// How many attempts the call made.
inline std::size_t attempt_count(const CallRecord& r) {
  return implies_lone_success(r) ? 1 : r.attempts.size();
}

// Empties a record for reuse: every field as in a new record, keeping small buffers (a large
// request body or answer is released).
void reset_for_reuse(CallRecord& record);

}  // namespace sluice::telemetry
