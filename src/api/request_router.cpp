#include "api/request_router.h"

#include <array>

#include "api/admin/admin_endpoints.h"
#include "api/anthropic/endpoints.h"
#include "api/client_connection.h"
#include "api/openai/endpoints.h"
#include "api/ops_endpoints.h"
#include "util/async.h"

namespace sluice::api {
namespace http = boost::beast::http;

namespace {

using Handler = Awaitable<void> (*)(RequestContext&);

struct RouteEntry {
  std::string_view path;
  http::verb method;
  Handler handler;
};

// Every endpoint, once. Paths without /v1 are accepted too, as several SDKs and tools send them.
constexpr std::array<RouteEntry, 14> kRoutes{{
    {"/v1/chat/completions", http::verb::post, &openai::chat_completions},
    {"/chat/completions", http::verb::post, &openai::chat_completions},
    {"/v1/embeddings", http::verb::post, &openai::embeddings},
    {"/embeddings", http::verb::post, &openai::embeddings},
    {"/v1/messages", http::verb::post, &anthropic::messages},
    {"/v1/messages/count_tokens", http::verb::post, &anthropic::count_tokens},
    {"/v1/models", http::verb::get, &openai::list_models},
    {"/models", http::verb::get, &openai::list_models},
    {"/health/live", http::verb::get, &health_live},
    {"/health/ready", http::verb::get, &health_ready},
    {"/metrics", http::verb::get, &metrics},
    {"/admin/deployments", http::verb::get, &admin_deployments},
    {"/admin/spend", http::verb::get, &admin::spend},
    {"/admin/logs", http::verb::get, &admin::logs},
}};

}  // namespace

Awaitable<void> dispatch(RequestContext& ctx, http::verb method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  const RouteEntry* path_match = nullptr;
  for (const auto& route : kRoutes) {
    if (route.path != path) continue;
    if (route.method == method) {
      co_await route.handler(ctx);
      co_return;
    }
    path_match = &route;
  }
  if (path_match) {
    GatewayError error{ErrorClass::method_not_allowed,
                       "Method " + std::string(http::to_string(method)) + " is not allowed on " +
                           std::string(path) + "; use " +
                           std::string(http::to_string(path_match->method)) + "."};
    error.code = "method_not_allowed";
    HeaderList headers;
    headers.emplace_back("allow", std::string(http::to_string(path_match->method)));
    co_await ctx.client.send_error(error, std::move(headers));
    co_return;
  }
  GatewayError error{ErrorClass::not_found, "Unknown path: " + std::string(path)};
  error.code = "unknown_url";
  co_await ctx.client.send_error(error);
}

}  // namespace sluice::api
