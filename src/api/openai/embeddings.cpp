#include "api/client_connection.h"
#include "api/openai/endpoints.h"
#include "api/openai/model_resolution.h"
#include "api/passthrough_proxy.h"
#include "api/translated_call.h"
#include "providers/adapter_registry.h"
#include "providers/openai/embeddings_codec.h"
#include "providers/openai/endpoint_path.h"
#include "providers/openai/request_patch.h"

namespace sluice::api::openai {
namespace oai = providers::openai;

namespace {

// Embeddings from a family whose API is not OpenAI's: canonical request, the adapter's wire
// call, and OpenAI's list written by the gateway (base64 when the caller asks, as the openai
// SDKs do by default).
boost::asio::awaitable<void> embeddings_translated(RequestContext& ctx,
                                                   const routing::Route& route) {
  const providers::ProviderAdapter* adapter = providers::adapter_for(route.provider->family);
  if (adapter == nullptr) {
    const GatewayError error{ErrorClass::internal, "provider family '" + route.provider->family +
                                                       "' has no adapter in this build"};
    co_await ctx.client.send_error(error);
    co_return;
  }
  auto request = oai::read_embeddings_request(ctx.body);
  if (!request) {
    co_await ctx.client.send_error(request.error());
    co_return;
  }
  auto encoded = adapter->encode_embeddings(*request, route.upstream_model, *route.provider);
  if (!encoded) {
    co_await ctx.client.send_error(encoded.error());
    co_return;
  }
  auto body = co_await call_translated_whole(ctx, route, *adapter, std::move(*encoded));
  if (!body) {
    co_await ctx.client.send_error(body.error());
    co_return;
  }
  auto decoded = adapter->decode_embeddings(*request, *body, *route.provider);
  if (!decoded) {
    co_await ctx.client.send_error(decoded.error());
    co_return;
  }
  const bool base64 = request->encoding_format == "base64";
  std::string answer = oai::write_embeddings_response(*decoded, request->model, base64);
  co_await ctx.client.send(200, "application/json", std::move(answer));
}

}  // namespace

boost::asio::awaitable<void> embeddings(RequestContext& ctx) {
  auto view = oai::parse_embeddings_request(ctx.body);
  if (!view) {
    co_await ctx.client.send_error(view.error());
    co_return;
  }
  ctx.model_label = view->model;
  auto route = resolve_model(ctx, view->model);
  if (!route) {
    co_await ctx.client.send_error(route.error());
    co_return;
  }
  if (route->provider->family != "openai") {
    co_await embeddings_translated(ctx, *route);
    co_return;
  }
  auto patched = oai::patch_request(ctx.body, *view, route->upstream_model);
  // A named ProxyCall: g++ 12 destroys some temporaries built inside a co_await twice.
  ProxyCall call{&*route, oai::endpoint_path(*route->provider, "embeddings", route->upstream_model),
                 std::move(patched.body), false, false};
  co_await proxy_passthrough(ctx, std::move(call));
}

}  // namespace sluice::api::openai
