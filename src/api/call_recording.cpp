#include "api/call_recording.h"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <cstring>

#include "api/client_connection.h"
#include "api/disconnect_watch.h"
#include "telemetry/recorder.h"

namespace sluice::api {

namespace {

using Clock = std::chrono::steady_clock;

int64_t micros(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

// Unix time in microseconds at a steady-clock time point. The offset between the two clocks is
// read once a second per thread rather than twice per call; a step of the wall clock shows
// within a second. `t` stands in for the time now: a request received a little before the last
// reading (one waiting behind others) uses the same offset rather than reading it again.
int64_t unix_us_at(Clock::time_point t) {
  thread_local Clock::time_point offset_read_at{};
  thread_local int64_t offset_us = 0;  // wall clock minus steady clock
  const auto since = t - offset_read_at;
  if (since >= std::chrono::seconds(1) || since <= -std::chrono::seconds(1)) {
    offset_read_at = Clock::now();
    offset_us = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count() -
                micros(offset_read_at.time_since_epoch());
  }
  return micros(t.time_since_epoch()) + offset_us;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Tags are short labels: a comma list, trimmed, empty items dropped, at most 32 of 64 bytes.
std::vector<std::string> read_tags(std::string_view list) {
  std::vector<std::string> tags;
  while (!list.empty() && tags.size() < 32) {
    const auto comma = list.find(',');
    const std::string_view item = trimmed(list.substr(0, comma));
    if (!item.empty()) tags.emplace_back(item.substr(0, 64));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

// The caller's attribution headers (x-sluice-user, -team, -tags, -metadata), in one pass over
// the request's headers rather than one lookup each.
void read_attribution(const HeaderBlock& headers, telemetry::CallRecord& r) {
  static constexpr std::string_view kPrefix = "x-sluice-";
  headers.for_each([&r](std::string_view name, std::string_view value) {
    // Most headers are not ours: the first character rules them out before a whole comparison.
    if (name.size() <= kPrefix.size() || (name[0] | 0x20) != 'x' ||
        !boost::beast::iequals(name.substr(0, kPrefix.size()), kPrefix))
      return;
    const std::string_view which = name.substr(kPrefix.size());
    if (boost::beast::iequals(which, "user")) {
      r.user.assign(value.substr(0, 128));
    } else if (boost::beast::iequals(which, "team")) {
      r.team.assign(value.substr(0, 128));
    } else if (boost::beast::iequals(which, "tags")) {
      r.tags = read_tags(value);
    } else if (boost::beast::iequals(which, "metadata")) {
      r.metadata_json.assign(
          value.substr(0, telemetry::kMaxMetadataBytes));  // checked as JSON later
    }
  });
}

// A record to fill: one of the worker's spares, recycled by the writer, when there is one.
telemetry::RecordPtr spare_record(RequestContext& ctx) {
  auto& spares = ctx.worker.spare_records;
  if (spares.empty()) ctx.gateway.recorder->take_spares(spares);
  if (spares.empty()) return std::make_unique<telemetry::CallRecord>();
  telemetry::RecordPtr record = std::move(spares.back());
  spares.pop_back();
  return record;
}

}  // namespace

void begin_call_record(RequestContext& ctx, std::string_view endpoint, std::string_view api_shape) {
  if (ctx.gateway.recorder == nullptr) return;
  ctx.record = spare_record(ctx);
  auto& r = *ctx.record;
  telemetry::set_request_id(r.request_id, ctx.client.request_id());
  r.received_us = unix_us_at(ctx.received);
  r.endpoint.assign(endpoint);
  r.api_shape.assign(api_shape);
  // Until virtual keys exist, callers attribute themselves (see docs/configuration.md).
  read_attribution(ctx.headers, r);
}

void note_request(RequestContext& ctx, const providers::openai::RequestView& view) {
  if (!ctx.record) return;
  auto& r = *ctx.record;
  r.requested_model = view.model;
  r.streamed = view.stream;
  r.end_user = view.user;
  // The x-sluice-metadata header wins over the body's; too large a body object is not kept.
  const auto& span = view.metadata_value;
  if (r.metadata_json.empty() && span.length > 0 && span.length <= telemetry::kMaxMetadataBytes) {
    r.metadata_json.assign(ctx.body, span.offset, span.length);
    r.metadata_is_object = true;  // the view keeps only an object's span
  }
}

void record_attempt(RequestContext& ctx, const routing::Route& route, const AttemptOutcome& outcome,
                    Clock::duration took) {
  if (!ctx.record) return;
  auto& r = *ctx.record;
  // A first attempt that succeeds, most calls' only one, stays in the route fields alone (see
  // CallRecord::attempts); a later attempt lists it first.
  if (telemetry::implies_lone_success(r)) {
    r.attempts.push_back({r.provider, r.deployment, r.upstream_model, "ok", r.upstream_us});
  }
  r.provider = route.provider->name;
  r.provider_type = route.provider->type;
  r.deployment = route.deployment_id;
  r.upstream_model = route.upstream_model;
  r.upstream_us += micros(took);
  const bool lone_success = r.attempts.empty() && !outcome.failure;
  if (!lone_success) {
    telemetry::AttemptRecord attempt;
    attempt.provider = route.provider->name;
    attempt.deployment = route.deployment_id;
    attempt.upstream_model = route.upstream_model;
    attempt.outcome = outcome.failure ? error_class_name(outcome.failure->cls) : "ok";
    attempt.latency_us = micros(took);
    r.attempts.push_back(std::move(attempt));
  }
  if (outcome.failure) {
    r.error_class.assign(error_class_name(outcome.failure->cls));
    r.error_message = outcome.failure->message;
  } else {
    r.error_class.clear();
    r.error_message.clear();
  }
}

void keep_answer(telemetry::CallRecord& record, std::string_view piece) {
  if (record.answer.size() >= kMaxRecordedAnswer) return;
  record.answer.append(piece.substr(0, kMaxRecordedAnswer - record.answer.size()));
}

void keep_answer_line(telemetry::CallRecord& record, std::string_view data) {
  keep_answer(record, data);
  if (record.answer.size() < kMaxRecordedAnswer) record.answer.push_back('\n');
}

void submit_call_record(RequestContext& ctx) {
  if (!ctx.record) return;
  auto& r = *ctx.record;
  const auto now = Clock::now();
  r.latency_us = micros(now - ctx.received);
  r.finished_us = r.received_us + r.latency_us;
  r.status = ctx.client.status();
  if (ctx.client.response_started()) r.ttft_us = micros(ctx.client.head_sent_at() - ctx.received);
  r.overhead_us = std::max<int64_t>(0, r.latency_us - r.upstream_us);
  if (const auto& error = ctx.client.sent_error()) {
    r.error_class.assign(error_class_name(error->cls));
    r.error_message = error->message;
  } else if (r.status == 0 && r.error_class.empty()) {
    const GatewayError gone = caller_gone_error();
    r.error_class.assign(error_class_name(gone.cls));
    r.error_message = gone.message;
  }
  // The request body is needed on the writer thread only to estimate usage or to capture the
  // prompt; moving it costs nothing.
  const bool estimate = !r.usage.present && r.status == 200;
  if (estimate || ctx.gateway.config.telemetry.capture) {
    r.request_body = std::move(ctx.body);
  }
  if (!estimate && !ctx.gateway.config.telemetry.capture) {
    r.answer.clear();
    r.answer_form = telemetry::AnswerForm::none;
  }
  ctx.gateway.recorder->submit(std::move(ctx.record));
}

}  // namespace sluice::api
