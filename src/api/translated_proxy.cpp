#include "api/translated_proxy.h"

#include <chrono>
#include <optional>

#include "api/call_recording.h"
#include "api/client_connection.h"
#include "api/disconnect_watch.h"
#include "api/upstream_reply.h"
#include "providers/error_attribution.h"
#include "upstream/upstream_call.h"
#include "util/async.h"

namespace sluice::api {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxUpstreamBody = 64 * 1024 * 1024;
constexpr std::size_t kMaxErrorBody = 1024 * 1024;

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Records a failure before anything reached the caller; answers it unless the dispatcher may
// still try elsewhere.
Awaitable<void> fail(RequestContext& ctx, const DeferPolicy& defer, const GatewayError& error,
                     AttemptOutcome& outcome) {
  outcome.failure = error;
  if (!defer.defers(error.cls)) co_await ctx.client.send_error(error);
}

// Names the configured provider in the error events a decoder produced.
void attribute_errors(std::vector<StreamEvent>& events, const config::ProviderConfig& provider) {
  for (auto& event : events) {
    if (event.kind == StreamEvent::Kind::error) providers::attribute_error(event.error, provider);
  }
}

// Keeps what the call's record needs from decoded events: usage, and the answer's text (for a
// token estimate when the provider reports no usage, or for capture).
void note_events(RequestContext& ctx, const std::vector<StreamEvent>& events) {
  if (!ctx.record) return;
  for (const auto& event : events) {
    switch (event.kind) {
      case StreamEvent::Kind::usage:
        ctx.record->usage = event.usage;
        break;
      case StreamEvent::Kind::text_delta:
      case StreamEvent::Kind::reasoning_delta:
      case StreamEvent::Kind::tool_call_delta:
        keep_answer(*ctx.record, event.text);
        break;
      case StreamEvent::Kind::tool_call_start:
        keep_answer(*ctx.record, event.name);
        break;
      default:
        break;
    }
  }
}

// The first event that is neither preamble (start, usage) nor content: an error, or null.
const StreamEvent* first_error_before_content(const std::vector<StreamEvent>& events,
                                              bool& content) {
  for (const auto& event : events) {
    if (event.kind == StreamEvent::Kind::error) return &event;
    if (event.kind != StreamEvent::Kind::start && event.kind != StreamEvent::Kind::usage) {
      content = true;
      return nullptr;
    }
  }
  return nullptr;
}

// Decodes the provider's events as they arrive and writes them in the caller's shape. As for
// relayed streams, nothing is sent before the first content: a failure before it is returned
// unsent when `defer` allows (see the streaming contract in docs/ARCHITECTURE.md).
Awaitable<void> relay_translated_stream(RequestContext& ctx, upstream::UpstreamCall& upstream,
                                        const providers::ProviderAdapter& adapter,
                                        const ChatRequest& request, const routing::Route& route,
                                        const CallerShape& shape, const DeferPolicy& defer,
                                        AttemptOutcome& outcome) {
  auto& client = ctx.client;
  auto decoder = adapter.new_stream_decoder(request);
  auto framer = adapter.new_event_framer();
  auto writer = shape.new_stream_writer(client.request_id(), route.upstream_model, unix_now(),
                                        request.include_usage);
  std::vector<upstream::FramedEvent> framed;
  std::vector<StreamEvent> events, held;
  std::string piece, out;
  std::optional<GatewayError> failure;
  bool started = false;
  bool ended = false;
  if (ctx.record) {
    ctx.record->answer.clear();  // an earlier attempt's opening is not this answer
    ctx.record->answer_form = telemetry::AnswerForm::text;
  }
  for (bool more = true; more;) {
    events.clear();
    if (!upstream.done()) {
      piece.clear();
      const bool read = co_await upstream.read_some(piece);
      if (read) {
        framed.clear();
        const bool framed_ok = framer->feed(piece, framed);
        for (const auto& event : framed) decoder->on_event(event.event, event.data, events);
        if (!framed_ok) {
          failure = malformed_reply(route, framer->error());
          upstream.abort();
        }
      } else {
        failure = upstream.error();  // empty when the call was aborted (the caller left)
        ended = true;
      }
    }
    more = !ended && !upstream.done() && !failure;
    if (!more) {
      // The end (or a failure): what the decoder still owes, or the failure as an event.
      if (failure) {
        StreamEvent event;
        event.kind = StreamEvent::Kind::error;
        event.error = *failure;
        events.push_back(std::move(event));
      } else {
        decoder->finish(events);
      }
    }
    attribute_errors(events, *route.provider);
    note_events(ctx, events);
    if (!started) {
      bool content = false;
      const StreamEvent* early = first_error_before_content(events, content);
      if (early != nullptr && defer.defers(early->error.cls)) {
        outcome.failure = early->error;
        upstream.abort();
        co_return;  // nothing reached the caller: the dispatcher may try elsewhere
      }
      held.insert(held.end(), std::make_move_iterator(events.begin()),
                  std::make_move_iterator(events.end()));
      if (!content && early == nullptr && more) continue;
      HeaderList headers;
      headers.emplace_back("cache-control", "no-cache");
      headers.emplace_back("x-accel-buffering", "no");
      const bool begun = co_await client.begin_stream(200, "text/event-stream", headers);
      if (!begun) co_return;
      started = true;
      events.swap(held);
    }
    out.clear();
    for (const auto& event : events) writer->write(event, out);
    if (!more) writer->end(out);
    const bool written = co_await client.write_chunk(out, !more);
    if (!written) co_return;
  }
  if (failure) outcome.failure = failure;
  co_await client.end_stream();
}

Awaitable<void> relay_translated_whole(RequestContext& ctx, upstream::UpstreamCall& upstream,
                                       const providers::ProviderAdapter& adapter,
                                       const ChatRequest& request, const routing::Route& route,
                                       const CallerShape& shape, const DeferPolicy& defer,
                                       AttemptOutcome& outcome) {
  std::string body;
  const bool complete = co_await upstream.read_all(body, kMaxUpstreamBody);
  if (!complete) {
    co_await fail(ctx, defer, *upstream.error(), outcome);
    co_return;
  }
  auto decoded = adapter.decode_chat(request, body, *route.provider);
  if (!decoded) {
    GatewayError error = decoded.error();
    providers::attribute_error(error, *route.provider);
    co_await fail(ctx, defer, error, outcome);
    co_return;
  }
  if (decoded->created == 0) decoded->created = unix_now();
  std::string answer = shape.write_whole(*decoded);
  if (ctx.record) {
    if (decoded->usage.present) ctx.record->usage = decoded->usage;
    if (!decoded->usage.present || ctx.gateway.config.telemetry.capture) {
      ctx.record->answer_form = telemetry::AnswerForm::json;
      keep_answer(*ctx.record, answer);
    }
  }
  co_await ctx.client.send(200, "application/json", std::move(answer));
}

}  // namespace

Awaitable<AttemptOutcome> proxy_translated(RequestContext& ctx, const routing::Route& route,
                                           const providers::ProviderAdapter& adapter,
                                           const ChatRequest& request, const CallerShape& shape,
                                           DeferPolicy defer) {
  ctx.provider_label = route.provider->name;
  AttemptOutcome outcome;
  auto encoded = adapter.encode_chat(request, route.upstream_model, *route.provider);
  if (!encoded) {
    co_await ctx.client.send_error(encoded.error());  // the caller's request: no retry helps
    outcome.failure = encoded.error();
    outcome.sent = true;
    co_return outcome;
  }
  const std::optional<GatewayError> auth_error =
      co_await authorize_upstream_request(ctx, route, adapter, *encoded);
  if (auth_error) {
    co_await fail(ctx, defer, *auth_error, outcome);
    co_return outcome;
  }
  upstream::UpstreamRequest wire;
  wire.path = std::move(encoded->path);
  wire.body = std::move(encoded->body);
  wire.headers = std::move(encoded->headers);
  upstream::UpstreamCall upstream(ctx.worker.pool, *route.target);
  upstream.set_deadline(ctx.deadline);
  upstream.set_first_byte_timeout(route.first_byte_timeout_ms);
  DisconnectWatch watch(ctx.client.socket(), [&upstream] { upstream.abort(); });
  watch.start();
  const auto started = std::chrono::steady_clock::now();
  const std::optional<GatewayError> error = co_await upstream.start(std::move(wire));
  outcome.head_latency = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  if (error) {
    if (!watch.client_gone()) co_await fail(ctx, defer, *error, outcome);
  } else if (upstream.status() != 200) {
    std::string body;
    co_await upstream.read_all(body, kMaxErrorBody);
    GatewayError classified = adapter.classify_error(*route.provider, upstream.status(),
                                                     upstream.header("retry-after"), body);
    providers::attribute_error(classified, *route.provider);
    classified.retry_after_ms = upstream.header("retry-after-ms");
    co_await fail(ctx, defer, classified, outcome);
  } else if (const std::string_view expected =
                 request.stream ? adapter.stream_content_type() : "application/json";
             !content_type_is(upstream.header("content-type"), expected)) {
    const std::string why = "expected Content-Type " + std::string(expected) + ", got '" +
                            std::string(upstream.header("content-type")) + "'";
    const GatewayError malformed = malformed_reply(route, why);
    upstream.abort();
    co_await fail(ctx, defer, malformed, outcome);
  } else if (request.stream) {
    co_await relay_translated_stream(ctx, upstream, adapter, request, route, shape, defer, outcome);
    if (upstream.error() && !outcome.failure) outcome.failure = upstream.error();
  } else {
    co_await relay_translated_whole(ctx, upstream, adapter, request, route, shape, defer, outcome);
  }
  co_await watch.stop();
  watch.settle(outcome.failure);
  if (watch.client_gone()) ctx.client.close_after();
  outcome.sent = ctx.client.response_started() || watch.client_gone();
  co_return outcome;
}

}  // namespace sluice::api
