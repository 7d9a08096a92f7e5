#include "api/ops_endpoints.h"

#include "api/client_connection.h"

namespace sluice::api {

boost::asio::awaitable<void> health_live(RequestContext& ctx) {
  co_await ctx.client.send(200, "application/json", R"({"status":"ok"})");
}

boost::asio::awaitable<void> health_ready(RequestContext& ctx) {
  if (ctx.gateway.draining.load()) {
    co_await ctx.client.send(503, "application/json", R"({"status":"draining"})");
  } else {
    co_await ctx.client.send(200, "application/json", R"({"status":"ready"})");
  }
}

boost::asio::awaitable<void> metrics(RequestContext& ctx) {
  std::string text = ctx.gateway.metrics.render();
  co_await ctx.client.send(200, "text/plain; version=0.0.4; charset=utf-8", std::move(text));
}

}  // namespace sluice::api
