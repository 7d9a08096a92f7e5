#include "api/anthropic/endpoints.h"
#include "api/anthropic/gemini_count_tokens.h"
#include "api/call_recording.h"
#include "api/caller_shape.h"
#include "api/client_connection.h"
#include "api/dispatcher.h"
#include "api/openai/model_resolution.h"
#include "api/passthrough_proxy.h"
#include "api/request_traits.h"
#include "api/translated_proxy.h"
#include "providers/adapter_registry.h"
#include "providers/anthropic/inbound/message_writer.h"
#include "providers/anthropic/inbound/request_reader.h"
#include "providers/openai/request_patch.h"
#include "util/async.h"

namespace sluice::api::anthropic {
namespace oai = providers::openai;
namespace inbound = providers::anthropic::inbound;

namespace {

// The API version Anthropic's own SDKs sent for years; used when the caller names none.
constexpr std::string_view kDefaultVersion = "2023-06-01";

// The caller's Anthropic headers the provider must see (the beta list decides which request
// fields the provider accepts, so Claude Code's betas must reach it intact).
std::vector<std::pair<std::string, std::string>> anthropic_headers(const RequestContext& ctx) {
  std::vector<std::pair<std::string, std::string>> headers;
  const auto version = ctx.headers["anthropic-version"];
  headers.emplace_back("anthropic-version",
                       version.empty() ? std::string(kDefaultVersion) : std::string(version));
  const auto beta = ctx.headers["anthropic-beta"];
  if (!beta.empty()) headers.emplace_back("anthropic-beta", std::string(beta));
  return headers;
}

// The caller's query string (Claude Code sends ?beta=true), kept on the upstream path.
std::string with_query(std::string path, std::string_view target) {
  const auto query = target.find('?');
  if (query != std::string_view::npos) path.append(target.substr(query));
  return path;
}

// Relays the caller's body to an Anthropic-family provider with only the model changed.
Awaitable<AttemptOutcome> relay_to_anthropic(RequestContext& ctx, const routing::Route& route,
                                             const oai::RequestView& view, std::string path,
                                             const DeferPolicy& defer = {}) {
  ProxyCall call;
  call.route = &route;
  call.path = with_query(std::move(path), ctx.target);
  call.body = oai::replace_model(ctx.body, view, route.upstream_model);
  call.stream = view.stream;
  call.headers = anthropic_headers(ctx);
  call.verbatim_errors = true;
  call.anthropic_wire = true;
  call.stream_error_event = anthropic_caller_shape().stream_error_event;
  call.defer = defer;
  const AttemptOutcome outcome = co_await proxy_passthrough(ctx, std::move(call));
  co_return outcome;
}

}  // namespace

Awaitable<void> messages(RequestContext& ctx) {
  ctx.client.set_error_writer(&inbound::write_error);
  begin_call_record(ctx, "/v1/messages", "anthropic");
  auto view = oai::parse_chat_request(ctx.body);
  if (!view) {
    co_await ctx.client.send_error(view.error());
    co_return;
  }
  ctx.model_label = view->model;
  note_request(ctx, *view);
  // The canonical form is built once, only if some attempt goes to a translated family.
  std::optional<Result<ChatRequest>> canonical;
  const AttemptFn attempt = [&](const routing::Route& route,
                                const DeferPolicy& defer) -> Awaitable<AttemptOutcome> {
    if (route.provider->family == "anthropic") {
      std::string path = "/messages";  // named: no temporaries inside co_await (g++ 12)
      const AttemptOutcome outcome =
          co_await relay_to_anthropic(ctx, route, *view, std::move(path), defer);
      co_return outcome;
    }
    AttemptOutcome refused;
    refused.sent = true;
    if (!canonical) canonical = inbound::read_messages_request(ctx.body);
    if (!*canonical) {
      refused.failure = canonical->error();
      co_await ctx.client.send_error(*refused.failure);
      co_return refused;
    }
    const providers::ProviderAdapter* adapter = providers::adapter_for(route.provider->family);
    if (adapter == nullptr) {
      refused.failure =
          GatewayError{ErrorClass::internal, "provider family '" + route.provider->family +
                                                 "' has no adapter in this build"};
      co_await ctx.client.send_error(*refused.failure);
      co_return refused;
    }
    const AttemptOutcome outcome = co_await proxy_translated(ctx, route, *adapter, **canonical,
                                                             anthropic_caller_shape(), defer);
    co_return outcome;
  };
  co_await dispatch_to_model(ctx, view->model, &estimate_traits, attempt);
}

Awaitable<void> count_tokens(RequestContext& ctx) {
  ctx.client.set_error_writer(&inbound::write_error);
  auto view = oai::parse_chat_request(ctx.body);
  if (!view) {
    co_await ctx.client.send_error(view.error());
    co_return;
  }
  ctx.model_label = view->model;
  auto route = openai::resolve_model(ctx, view->model);
  if (!route) {
    co_await ctx.client.send_error(route.error());
    co_return;
  }
  if (route->provider->family == "gemini") {
    co_await gemini_count_tokens(ctx, *route);
    co_return;
  }
  if (route->provider->family != "anthropic") {
    const GatewayError error{ErrorClass::bad_request,
                             "token counting is not supported for model '" + view->model +
                                 "': its provider '" + route->provider->name +
                                 "' has no count_tokens endpoint",
                             "model"};
    co_await ctx.client.send_error(error);
    co_return;
  }
  std::string path = "/messages/count_tokens";  // named: no temporaries inside co_await (g++ 12)
  const DeferPolicy none;
  co_await relay_to_anthropic(ctx, *route, *view, std::move(path), none);
}

}  // namespace sluice::api::anthropic
