#include "api/passthrough_proxy.h"

#include <boost/beast/core/string.hpp>
#include <chrono>
#include <span>
#include <string_view>
#include <vector>

#include "api/call_recording.h"
#include "api/client_connection.h"
#include "api/disconnect_watch.h"
#include "providers/anthropic/usage_reader.h"
#include "providers/openai/classify_error.h"
#include "providers/openai/response_reader.h"
#include "providers/provider_headers.h"
#include "providers/stream_opening.h"
#include "upstream/sse_framer.h"
#include "upstream/upstream_call.h"
#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;
namespace oai = providers::openai;

namespace {

// Largest error or non-streamed body read from a provider.
constexpr std::size_t kMaxUpstreamBody = 64 * 1024 * 1024;
constexpr std::size_t kMaxErrorBody = 1024 * 1024;

upstream::UpstreamRequest upstream_request(ProxyCall& call) {
  const auto& provider = *call.route->provider;
  upstream::UpstreamRequest request;
  request.path = call.path;
  request.body = std::move(call.body);
  providers::append_provider_headers(provider, request.headers);
  for (auto& header : call.headers) request.headers.push_back(std::move(header));
  if (call.stream) request.headers.emplace_back("accept", "text/event-stream");
  return request;
}

// Provider headers a caller's SDK reads (rate-limit state, processing time) are passed on; the
// provider's own request id is kept under another name, since x-request-id is the gateway's.
HeaderList passthrough_headers(const upstream::UpstreamCall& upstream) {
  HeaderList headers;
  upstream.for_each_header([&](std::string_view name, std::string_view value) {
    if (boost::beast::iequals(name.substr(0, std::min<std::size_t>(name.size(), 12)),
                              "x-ratelimit-") ||
        boost::beast::iequals(name, "openai-processing-ms")) {
      headers.emplace_back(name, std::string(value));
    } else if (boost::beast::iequals(name, "x-request-id")) {
      headers.emplace_back("x-upstream-request-id", std::string(value));
    }
  });
  return headers;
}

// The head of a relayed stream: the provider's headers the caller's SDK reads, no caching.
HeaderList stream_headers(const upstream::UpstreamCall& upstream) {
  HeaderList headers = passthrough_headers(upstream);
  headers.emplace_back("cache-control", "no-cache");
  headers.emplace_back("x-accel-buffering", "no");
  return headers;
}

// Relays SSE events as they complete, dropping the usage chunk the gateway injected. The
// stream's opening (role chunk, message_start, pings) is held back until the first content:
// an error event or a failure before it is returned unsent when `call.defer` allows, so the
// dispatcher can still try another deployment and the caller never sees the failed start.
Awaitable<void> relay_stream(RequestContext& ctx, upstream::UpstreamCall& upstream,
                             const ProxyCall& call, Usage& usage, AttemptOutcome& outcome) {
  auto& client = ctx.client;
  upstream::SseFramer framer;
  std::string held;  // the opening, copied (a few hundred bytes) until content arrives
  bool started = false;
  bool saw_end = false;  // [DONE], message_stop or an error event: the answer ended
  // The events to forward, as runs of adjacent bytes: with nothing removed, a read's whole
  // events are one slice of the read buffer, written without a copy.
  std::vector<std::string_view> runs;
  providers::anthropic::UsageReader anthropic_usage;
  telemetry::CallRecord* record = ctx.record.get();
  if (record != nullptr) {
    record->answer.clear();  // an earlier attempt's opening is not this answer
    record->answer_form = telemetry::AnswerForm::sse_data;
  }
  while (!upstream.done()) {
    std::string_view piece;
    const bool read = co_await upstream.read_piece(piece);
    if (!read) break;
    runs.clear();
    bool failed_early = false;
    for (const auto& event : framer.feed(piece)) {
      Usage chunk_usage;
      if (call.anthropic_wire) {
        anthropic_usage.on_event(event.event, event.data);
      } else if (call.injected_usage && oai::is_usage_only_chunk(event.data, chunk_usage)) {
        usage = chunk_usage;
        continue;
      } else if (!call.injected_usage) {
        if (auto u = oai::read_usage(event.data); u.present) usage = u;
      }
      if (record != nullptr) keep_answer_line(*record, event.data);
      if (!saw_end) saw_end = providers::is_stream_end(event.event, event.data);
      if (!started && runs.empty()) {
        const auto kind = providers::classify_opening_event(event.event, event.data);
        if (kind == providers::OpeningEvent::error) {
          outcome.failure = providers::opening_error(call.route->provider->name, event.data);
          if (call.defer.defers(outcome.failure->cls)) {
            failed_early = true;
            break;
          }
        } else if (kind == providers::OpeningEvent::preamble) {
          held.append(event.raw);
          continue;
        }
      }
      if (!runs.empty() && runs.back().data() + runs.back().size() == event.raw.data()) {
        runs.back() = std::string_view(runs.back().data(), runs.back().size() + event.raw.size());
      } else {
        runs.push_back(event.raw);
      }
    }
    if (failed_early) {
      upstream.abort();
      co_return;
    }
    if (runs.empty()) continue;
    if (!started) {
      started = true;
      HeaderList headers = stream_headers(upstream);
      const bool begun = co_await client.begin_stream(200, "text/event-stream", headers);
      if (!begun) co_return;
      runs.insert(runs.begin(), std::string_view(held));
    }
    const std::span<const std::string_view> pieces(runs);
    // The answer's end event ([DONE], message_stop, an error) ends the caller's stream in the
    // same write; the provider's own end of body, usually the next read, is not waited for.
    const bool last = saw_end;
    const bool written = co_await client.write_chunk(pieces, last);
    if (!written) co_return;
  }
  if (anthropic_usage.present()) usage = anthropic_usage.usage();
  std::optional<GatewayError> error = upstream.error();
  if (!error && !saw_end) {
    error = GatewayError{ErrorClass::server, "provider '" + call.route->provider->name +
                                                 "' closed the stream before the answer finished"};
  }
  if (!started) {
    if (error) {
      outcome.failure = error;
      if (call.defer.defers(error->cls)) co_return;  // nothing reached the caller yet
    }
    HeaderList headers = stream_headers(upstream);
    const bool begun = co_await client.begin_stream(200, "text/event-stream", headers);
    if (!begun) co_return;
    if (!held.empty()) co_await client.write_chunk(held);
  }
  if (error) {
    outcome.failure = error;
    // Content may already have reached the caller: end the stream with an error event in the
    // shape OpenAI uses, rather than cutting it silently.
    std::string event = call.stream_error_event ? call.stream_error_event(*error)
                                                : "data: " + error->to_openai_json() + "\n\n";
    co_await client.write_chunk(event);
    client.close_after();
  }
  co_await client.end_stream();
}

Awaitable<void> relay_whole(RequestContext& ctx, upstream::UpstreamCall& upstream,
                            const ProxyCall& call, Usage& usage, AttemptOutcome& outcome) {
  std::string body;
  const bool complete = co_await upstream.read_all(body, kMaxUpstreamBody);
  if (!complete) {
    outcome.failure = *upstream.error();
    if (!call.defer.defers(outcome.failure->cls)) co_await ctx.client.send_error(*outcome.failure);
    co_return;
  }
  if (call.anthropic_wire) {
    providers::anthropic::UsageReader reader;
    reader.on_message(body);
    usage = reader.usage();
  } else {
    usage = oai::read_usage(body);
  }
  if (ctx.record && (!usage.present || ctx.gateway.config.telemetry.capture)) {
    ctx.record->answer_form = telemetry::AnswerForm::json;
    keep_answer(*ctx.record, body);
  }
  std::string content_type(upstream.header("content-type"));
  if (content_type.empty()) content_type = "application/json";
  const HeaderList headers = passthrough_headers(upstream);
  co_await ctx.client.send(200, content_type, std::move(body), headers);
}

// A provider's error answer: verbatim when caller and provider speak the same API (the caller's
// SDK and tools match on the provider's exact wording), else classified and re-shaped.
Awaitable<void> relay_error(RequestContext& ctx, upstream::UpstreamCall& upstream,
                            const ProxyCall& call, std::string body, AttemptOutcome& outcome) {
  GatewayError error = oai::classify_error(call.route->provider->name, upstream.status(),
                                           upstream.header("retry-after"), body);
  error.retry_after_ms = upstream.header("retry-after-ms");
  outcome.failure = error;
  if (call.defer.defers(error.cls)) co_return;
  if (call.verbatim_errors) {
    HeaderList headers = passthrough_headers(upstream);
    if (auto retry = upstream.header("retry-after"); !retry.empty()) {
      headers.emplace_back("retry-after", std::string(retry));
    }
    co_await ctx.client.send(upstream.status(), "application/json", std::move(body), headers);
    co_return;
  }
  co_await ctx.client.send_error(error);
}

}  // namespace

Awaitable<AttemptOutcome> proxy_passthrough(RequestContext& ctx, ProxyCall call) {
  ctx.provider_label = call.route->provider->name;
  AttemptOutcome outcome;
  const auto started = std::chrono::steady_clock::now();
  upstream::UpstreamCall upstream(ctx.worker.pool, *call.route->target);
  upstream.set_deadline(ctx.deadline);
  upstream.set_first_byte_timeout(call.route->first_byte_timeout_ms);
  DisconnectWatch watch(ctx.client.socket(), [&upstream] { upstream.abort(); });
  watch.start();
  Usage usage;
  upstream::UpstreamRequest request = upstream_request(call);
  const std::optional<GatewayError> error = co_await upstream.start(std::move(request));
  outcome.head_latency = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  if (error) {
    outcome.failure = error;
    const bool deferred = call.defer.defers(error->cls) && !watch.client_gone();
    if (!deferred && !watch.client_gone()) co_await ctx.client.send_error(*error);
  } else if (upstream.status() != 200) {
    std::string body;
    co_await upstream.read_all(body, kMaxErrorBody);
    co_await relay_error(ctx, upstream, call, std::move(body), outcome);
  } else if (call.stream && upstream.header("content-type").starts_with("text/event-stream")) {
    co_await relay_stream(ctx, upstream, call, usage, outcome);
    if (upstream.error()) outcome.failure = upstream.error();
  } else {
    co_await relay_whole(ctx, upstream, call, usage, outcome);
  }
  co_await watch.stop();
  watch.settle(outcome.failure);
  if (watch.client_gone()) ctx.client.close_after();
  outcome.sent = ctx.client.response_started() || watch.client_gone();
  if (ctx.record && usage.present) ctx.record->usage = usage;
  co_return outcome;
}

}  // namespace sluice::api
