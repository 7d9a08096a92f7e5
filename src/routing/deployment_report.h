// The routing state an operator looks at: every model's deployments and their health, as the
// JSON of GET /admin/deployments and as Prometheus gauges appended to /metrics.
#pragma once

#include <string>

#include "routing/model_registry.h"

namespace sluice::routing {

// {"models":[{"name","strategy","deployments":[{"id","provider","model","state",...}]}]}
std::string deployments_json(const ModelRegistry& models);

// sluice_deployment_breaker_state (0 closed, 1 half_open, 2 open), _in_flight, _latency_ms,
// _breaker_opened_total, _failures_total, labelled by model and deployment.
std::string deployments_prometheus(const ModelRegistry& models);

}  // namespace sluice::routing
