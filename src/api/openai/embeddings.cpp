#include "api/client_connection.h"
#include "api/openai/endpoints.h"
#include "api/openai/model_resolution.h"
#include "api/passthrough_proxy.h"
#include "providers/openai/endpoint_path.h"
#include "providers/openai/request_patch.h"

namespace sluice::api::openai {
namespace oai = providers::openai;

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
  auto patched = oai::patch_request(ctx.body, *view, route->upstream_model);
  // A named ProxyCall: g++ 12 destroys some temporaries built inside a co_await twice.
  ProxyCall call{&*route, oai::endpoint_path(*route->provider, "embeddings", route->upstream_model),
                 std::move(patched.body), false, false};
  co_await proxy_passthrough(ctx, std::move(call));
}

}  // namespace sluice::api::openai
