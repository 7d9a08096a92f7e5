// Filling a call's record on the hot path: plain stores and small copies, no parsing beyond the
// caller's attribution headers. The writer thread does the expensive parts (see Recorder).
#pragma once

#include <chrono>
#include <string_view>

#include "api/attempt.h"
#include "api/gateway.h"
#include "providers/openai/request_view.h"
#include "routing/route.h"

namespace sluice::api {

// Starts the record of a call to `endpoint` in the caller's `api_shape` (openai, anthropic):
// request id, time, and the caller's attribution (x-sluice-user, -team, -tags, -metadata).
void begin_call_record(RequestContext& ctx, std::string_view endpoint, std::string_view api_shape);

// Notes what the caller asked for, from the endpoint's parse of the body: the model, streaming,
// the end user (`user`) and the body's `metadata` object.
void note_request(RequestContext& ctx, const providers::openai::RequestView& view);

// Notes one attempt of the dispatcher, and the deployment it went to.
void record_attempt(RequestContext& ctx, const routing::Route& route, const AttemptOutcome& outcome,
                    std::chrono::steady_clock::duration took);

// Completes the record once the response is done and hands it to the recorder.
void submit_call_record(RequestContext& ctx);

// The answer text kept for a record is cut here: enough to count tokens or capture it, and a
// bound on what one stream holds in memory.
inline constexpr std::size_t kMaxRecordedAnswer = 1 << 20;

// Appends an answer piece to the record (up to kMaxRecordedAnswer).
void keep_answer(telemetry::CallRecord& record, std::string_view piece);
// Appends a relayed stream's data payload and the newline that ends it (AnswerForm::sse_data):
// one call per event on the relay's path.
void keep_answer_line(telemetry::CallRecord& record, std::string_view data);

}  // namespace sluice::api
