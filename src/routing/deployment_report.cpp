#include "routing/deployment_report.h"

#include <fmt/format.h>

#include "core/json_writer.h"

namespace sluice::routing {
namespace {

int state_gauge(BreakerState state) {
  switch (state) {
    case BreakerState::closed:
      return 0;
    case BreakerState::half_open:
      return 1;
    case BreakerState::open:
      return 2;
  }
  return 0;
}

// Prometheus label values escape backslash, quote and newline.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string deployments_json(const ModelRegistry& models) {
  const auto now = DeploymentHealth::Clock::now();
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("models").begin_array();
  models.for_each_group([&](const ModelGroup& group) {
    json.begin_object()
        .field("name", group.config->name)
        .field("strategy", group.config->strategy)
        .key("deployments")
        .begin_array();
    for (std::size_t i = 0; i < group.routes.size(); ++i) {
      const auto snapshot = group.health[i]->snapshot(now);
      const auto& route = group.routes[i];
      json.begin_object()
          .field("id", route.deployment_id)
          .field("provider", route.provider->name)
          .field("model", route.upstream_model)
          .field("weight", static_cast<int64_t>(group.config->deployments[i].weight))
          .field("state", breaker_state_name(snapshot.state))
          .field("consecutive_failures", static_cast<int64_t>(snapshot.consecutive_failures))
          .field("cooldown_ms", snapshot.cooldown_ms)
          .field("in_flight", static_cast<int64_t>(snapshot.in_flight))
          .key("latency_ms")
          .number(snapshot.latency_ms)
          .field("successes", static_cast<int64_t>(snapshot.successes))
          .field("failures", static_cast<int64_t>(snapshot.failures))
          .field("breaker_opened", static_cast<int64_t>(snapshot.opened))
          .end_object();
    }
    json.end_array().end_object();
  });
  json.end_array().end_object();
  return out;
}

std::string deployments_prometheus(const ModelRegistry& models) {
  const auto now = DeploymentHealth::Clock::now();
  std::string state, in_flight, latency, opened, failures;
  models.for_each_group([&](const ModelGroup& group) {
    for (std::size_t i = 0; i < group.routes.size(); ++i) {
      const auto s = group.health[i]->snapshot(now);
      const std::string labels =
          fmt::format(R"({{model="{}",deployment="{}"}})", label(group.config->name),
                      label(group.routes[i].deployment_id));
      state += fmt::format("sluice_deployment_breaker_state{} {}\n", labels, state_gauge(s.state));
      in_flight += fmt::format("sluice_deployment_in_flight{} {}\n", labels, s.in_flight);
      latency += fmt::format("sluice_deployment_latency_ms{} {}\n", labels, s.latency_ms);
      opened += fmt::format("sluice_deployment_breaker_opened_total{} {}\n", labels, s.opened);
      failures += fmt::format("sluice_deployment_failures_total{} {}\n", labels, s.failures);
    }
  });
  std::string out;
  out += "# HELP sluice_deployment_breaker_state Circuit breaker: 0 closed, 1 half-open, 2 open.\n";
  out += "# TYPE sluice_deployment_breaker_state gauge\n" + state;
  out += "# HELP sluice_deployment_in_flight Requests in flight to the deployment.\n";
  out += "# TYPE sluice_deployment_in_flight gauge\n" + in_flight;
  out += "# HELP sluice_deployment_latency_ms Smoothed time to the response head.\n";
  out += "# TYPE sluice_deployment_latency_ms gauge\n" + latency;
  out += "# HELP sluice_deployment_breaker_opened_total Times the breaker opened.\n";
  out += "# TYPE sluice_deployment_breaker_opened_total counter\n" + opened;
  out += "# HELP sluice_deployment_failures_total Failed attempts (deployment faults).\n";
  out += "# TYPE sluice_deployment_failures_total counter\n" + failures;
  return out;
}

}  // namespace sluice::routing
