#include "telemetry/call_record.h"

namespace sluice::telemetry {

namespace {

// A buffer larger than this is released rather than kept for the next record: a rare huge
// body must not stay allocated in every recycled record.
constexpr std::size_t kKeptCapacity = 16 * 1024;

void empty(std::string& s) {
  if (s.capacity() > kKeptCapacity) {
    std::string().swap(s);
  } else {
    s.clear();
  }
}

}  // namespace

// Field by field rather than `record = CallRecord()`: clearing keeps the buffers and costs a
// fraction of building and moving a whole new record (this runs once per call). A field added
// to CallRecord must be reset here too; the size check below fails the build until it is.
void reset_for_reuse(CallRecord& r) {
  static_assert(sizeof(CallRecord) == 1096, "a CallRecord field was added: reset it here");
  r.request_id.clear();
  r.received_us = r.finished_us = 0;
  empty(r.endpoint);
  empty(r.api_shape);
  empty(r.key_id);
  empty(r.user);
  empty(r.team);
  empty(r.end_user);
  r.tags.clear();
  empty(r.metadata_json);
  r.metadata_is_object = false;
  empty(r.requested_model);
  empty(r.provider);
  empty(r.deployment);
  empty(r.upstream_model);
  empty(r.provider_type);
  r.attempts.clear();
  r.status = 0;
  empty(r.error_class);
  empty(r.error_message);
  r.streamed = false;
  r.usage = Usage{};
  r.usage_estimated = false;
  std::string().swap(r.request_body);  // replaced by the next call's body, never appended to
  empty(r.answer);
  r.answer_form = AnswerForm::none;
  r.cost_usd.reset();
  empty(r.price_version);
  r.latency_us = r.ttft_us = r.upstream_us = r.overhead_us = 0;
  r.cache_hit = false;
  empty(r.prompt);
  empty(r.completion);
}

}  // namespace sluice::telemetry
