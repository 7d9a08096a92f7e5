#include "api/client_connection.h"
#include "api/openai/endpoints.h"
#include "api/openai/model_resolution.h"
#include "api/passthrough_proxy.h"
#include "api/translated_proxy.h"
#include "providers/adapter_registry.h"
#include "providers/openai/chat_request_reader.h"
#include "providers/openai/endpoint_path.h"
#include "providers/openai/request_patch.h"

namespace sluice::api::openai {
namespace oai = providers::openai;

boost::asio::awaitable<void> chat_completions(RequestContext& ctx) {
  auto view = oai::parse_chat_request(ctx.body);
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
  if (route->provider->family == "openai") {
    auto patched = oai::patch_request(ctx.body, *view, route->upstream_model);
    // A named ProxyCall: g++ 12 destroys some temporaries built inside a co_await twice.
    ProxyCall call{&*route,
                   oai::endpoint_path(*route->provider, "chat/completions", route->upstream_model),
                   std::move(patched.body), view->stream, patched.injected_usage};
    co_await proxy_passthrough(ctx, std::move(call));
    co_return;
  }
  const providers::ProviderAdapter* adapter = providers::adapter_for(route->provider->family);
  if (adapter == nullptr) {
    const GatewayError error{ErrorClass::internal, "provider family '" + route->provider->family +
                                                       "' has no adapter in this build"};
    co_await ctx.client.send_error(error);
    co_return;
  }
  auto request = oai::read_chat_request(ctx.body);
  if (!request) {
    co_await ctx.client.send_error(request.error());
    co_return;
  }
  co_await proxy_translated(ctx, *route, *adapter, std::move(*request), openai_caller_shape());
}

}  // namespace sluice::api::openai
