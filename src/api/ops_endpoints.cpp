#include "api/ops_endpoints.h"

#include "api/client_connection.h"
#include "routing/deployment_report.h"

namespace sluice::api {
namespace {

// Compares secrets without leaking where they first differ through timing.
bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

}  // namespace

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
  text += routing::deployments_prometheus(ctx.gateway.models);
  co_await ctx.client.send(200, "text/plain; version=0.0.4; charset=utf-8", std::move(text));
}

boost::asio::awaitable<void> admin_deployments(RequestContext& ctx) {
  const std::string& key = ctx.gateway.config.server.admin_key;
  if (key.empty()) {
    const GatewayError off{ErrorClass::permission,
                           "the admin API is off: set server.admin_key in the config"};
    co_await ctx.client.send_error(off);
    co_return;
  }
  const auto auth = ctx.headers[boost::beast::http::field::authorization];
  const std::string_view given(auth.data(), auth.size());
  if (!given.starts_with("Bearer ") || !constant_time_equal(given.substr(7), key)) {
    GatewayError denied{ErrorClass::auth,
                        "the admin API needs `Authorization: Bearer <admin_key>`"};
    denied.code = "invalid_admin_key";
    co_await ctx.client.send_error(denied);
    co_return;
  }
  std::string body = routing::deployments_json(ctx.gateway.models);
  co_await ctx.client.send(200, "application/json", std::move(body));
}

}  // namespace sluice::api
