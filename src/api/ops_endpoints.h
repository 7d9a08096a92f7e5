// Operational endpoints: liveness, readiness and Prometheus metrics.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/gateway.h"

namespace sluice::api {

// GET /health/live: the process serves requests.
boost::asio::awaitable<void> health_live(RequestContext& ctx);
// GET /health/ready: 200 while accepting traffic, 503 while draining for shutdown.
boost::asio::awaitable<void> health_ready(RequestContext& ctx);
// GET /metrics: Prometheus text exposition.
boost::asio::awaitable<void> metrics(RequestContext& ctx);
// GET /admin/deployments: every model's deployments and their health (admin key required).
boost::asio::awaitable<void> admin_deployments(RequestContext& ctx);

}  // namespace sluice::api
