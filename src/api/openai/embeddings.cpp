#include "api/call_recording.h"
#include "api/client_connection.h"
#include "api/dispatcher.h"
#include "api/openai/endpoints.h"
#include "api/passthrough_proxy.h"
#include "api/request_traits.h"
#include "api/translated_call.h"
#include "providers/adapter_registry.h"
#include "providers/openai/embeddings_codec.h"
#include "providers/openai/endpoint_path.h"
#include "providers/openai/request_patch.h"
#include "util/async.h"

namespace sluice::api::openai {
namespace oai = providers::openai;

namespace {

// Embeddings from a family whose API is not OpenAI's: canonical request, the adapter's wire
// call, and OpenAI's list written by the gateway (base64 when the caller asks, as the openai
// SDKs do by default). Provider failures that `defer` names are returned unsent.
Awaitable<AttemptOutcome> embeddings_translated(RequestContext& ctx, const routing::Route& route,
                                                const DeferPolicy& defer) {
  AttemptOutcome outcome;
  const providers::ProviderAdapter* adapter = providers::adapter_for(route.provider->family);
  std::optional<GatewayError> error;
  std::string answer;
  if (adapter == nullptr) {
    error = GatewayError{ErrorClass::internal, "provider family '" + route.provider->family +
                                                   "' has no adapter in this build"};
  }
  auto request = oai::read_embeddings_request(ctx.body);
  if (!error && !request) error = request.error();
  Result<providers::EncodedRequest> encoded = GatewayError{};
  if (!error) {
    encoded = adapter->encode_embeddings(*request, route.upstream_model, *route.provider);
    if (!encoded) error = encoded.error();
  }
  if (!error) {
    const auto started = std::chrono::steady_clock::now();
    auto body = co_await call_translated_whole(ctx, route, *adapter, std::move(*encoded));
    outcome.head_latency = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    if (!body) {
      outcome.failure = body.error();
      if (defer.defers(body.error().cls)) co_return outcome;
      error = body.error();
    } else {
      auto decoded = adapter->decode_embeddings(*request, *body, *route.provider);
      if (!decoded) {
        error = decoded.error();
      } else {
        if (ctx.record) ctx.record->usage = decoded->usage;
        const bool base64 = request->encoding_format == "base64";
        answer = oai::write_embeddings_response(*decoded, request->model, base64);
      }
    }
  }
  outcome.sent = true;
  if (error) {
    outcome.failure = error;
    co_await ctx.client.send_error(*error);
  } else {
    co_await ctx.client.send(200, "application/json", std::move(answer));
  }
  co_return outcome;
}

}  // namespace

Awaitable<void> embeddings(RequestContext& ctx) {
  begin_call_record(ctx, "/v1/embeddings", "openai");
  auto view = oai::parse_embeddings_request(ctx.body);
  if (!view) {
    co_await ctx.client.send_error(view.error());
    co_return;
  }
  ctx.model_label = view->model;
  note_request(ctx, *view);
  const AttemptFn attempt = [&](const routing::Route& route,
                                const DeferPolicy& defer) -> Awaitable<AttemptOutcome> {
    if (route.provider->family != "openai") {
      const AttemptOutcome outcome = co_await embeddings_translated(ctx, route, defer);
      co_return outcome;
    }
    auto patched = oai::patch_request(ctx.body, *view, route.upstream_model);
    // A named ProxyCall: g++ 12 destroys some temporaries built inside a co_await twice.
    ProxyCall call{&route, oai::endpoint_path(*route.provider, "embeddings", route.upstream_model),
                   std::move(patched.body), false, false};
    call.defer = defer;
    const AttemptOutcome outcome = co_await proxy_passthrough(ctx, std::move(call));
    co_return outcome;
  };
  co_await dispatch_to_model(ctx, view->model, &estimate_traits, attempt);
}

}  // namespace sluice::api::openai
