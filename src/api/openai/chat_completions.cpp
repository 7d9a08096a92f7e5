#include "api/call_recording.h"
#include "api/client_connection.h"
#include "api/dispatcher.h"
#include "api/openai/endpoints.h"
#include "api/passthrough_proxy.h"
#include "api/request_traits.h"
#include "api/translated_proxy.h"
#include "providers/adapter_registry.h"
#include "providers/openai/chat_request_reader.h"
#include "providers/openai/endpoint_path.h"
#include "providers/openai/request_patch.h"
#include "util/async.h"

namespace sluice::api::openai {
namespace oai = providers::openai;
namespace asio = boost::asio;

namespace {

GatewayError no_adapter(const routing::Route& route) {
  return GatewayError{ErrorClass::internal, "provider family '" + route.provider->family +
                                                "' has no adapter in this build"};
}

}  // namespace

Awaitable<void> chat_completions(RequestContext& ctx) {
  begin_call_record(ctx, "/v1/chat/completions", "openai");
  auto view = oai::parse_chat_request(ctx.body);
  if (!view) {
    co_await ctx.client.send_error(view.error());
    co_return;
  }
  ctx.model_label = view->model;
  note_request(ctx, *view);
  // The canonical form is built once, only if some attempt goes to a translated family.
  std::optional<Result<ChatRequest>> canonical;
  // The lambda captures two references, which std::function keeps inline (three would be a
  // heap allocation per request).
  struct Parsed {
    Result<oai::RequestView>& view;
    std::optional<Result<ChatRequest>>& canonical;
  } parsed{view, canonical};
  const AttemptFn attempt = [&ctx, &parsed](const routing::Route& route,
                                            const DeferPolicy& defer) -> Awaitable<AttemptOutcome> {
    auto& view = parsed.view;
    auto& canonical = parsed.canonical;
    if (route.provider->family == "openai") {
      auto patched = oai::patch_request(ctx.body, *view, route.upstream_model);
      // A named ProxyCall: g++ 12 destroys some temporaries built inside a co_await twice.
      ProxyCall call{&route,
                     oai::endpoint_path(*route.provider, "chat/completions", route.upstream_model),
                     std::move(patched.body), view->stream, patched.injected_usage};
      call.defer = defer;
      const AttemptOutcome outcome = co_await proxy_passthrough(ctx, std::move(call));
      co_return outcome;
    }
    AttemptOutcome refused;
    refused.sent = true;
    const providers::ProviderAdapter* adapter = providers::adapter_for(route.provider->family);
    if (adapter == nullptr) {
      refused.failure = no_adapter(route);
      co_await ctx.client.send_error(*refused.failure);
      co_return refused;
    }
    if (!canonical) canonical = oai::read_chat_request(ctx.body);
    if (!*canonical) {
      refused.failure = canonical->error();
      co_await ctx.client.send_error(*refused.failure);
      co_return refused;
    }
    const AttemptOutcome outcome =
        co_await proxy_translated(ctx, route, *adapter, **canonical, openai_caller_shape(), defer);
    co_return outcome;
  };
  co_await dispatch_to_model(ctx, view->model, &estimate_traits, attempt);
}

}  // namespace sluice::api::openai
