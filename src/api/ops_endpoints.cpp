#include "api/ops_endpoints.h"

#include "api/admin/admin_auth.h"
#include "api/client_connection.h"
#include "routing/deployment_report.h"
#include "telemetry/call_metrics.h"
#include "util/async.h"

namespace sluice::api {

Awaitable<void> health_live(RequestContext& ctx) {
  co_await ctx.client.send(200, "application/json", R"({"status":"ok"})");
}

Awaitable<void> health_ready(RequestContext& ctx) {
  if (ctx.gateway.draining.load()) {
    co_await ctx.client.send(503, "application/json", R"({"status":"draining"})");
  } else {
    co_await ctx.client.send(200, "application/json", R"({"status":"ready"})");
  }
}

Awaitable<void> metrics(RequestContext& ctx) {
  std::string text = ctx.gateway.metrics.render();
  text += routing::deployments_prometheus(ctx.gateway.models);
  if (ctx.gateway.call_metrics != nullptr) text += ctx.gateway.call_metrics->render();
  co_await ctx.client.send(200, "text/plain; version=0.0.4; charset=utf-8", std::move(text));
}

Awaitable<void> admin_deployments(RequestContext& ctx) {
  const bool admitted = co_await admin::admit_admin(ctx);
  if (!admitted) co_return;
  std::string body = routing::deployments_json(ctx.gateway.models);
  co_await ctx.client.send(200, "application/json", std::move(body));
}

}  // namespace sluice::api
