// Operational endpoints: liveness, readiness and Prometheus metrics.
#pragma once

#include "api/gateway.h"
#include "util/async.h"

namespace sluice::api {

// GET /health/live: the process serves requests.
Awaitable<void> health_live(RequestContext& ctx);
// GET /health/ready: 200 while accepting traffic, 503 while draining for shutdown.
Awaitable<void> health_ready(RequestContext& ctx);
// GET /metrics: Prometheus text exposition.
Awaitable<void> metrics(RequestContext& ctx);
// GET /admin/deployments: every model's deployments and their health (admin key required).
Awaitable<void> admin_deployments(RequestContext& ctx);

}  // namespace sluice::api
