// ModelGroup: a model name callers use, its deployments' routes and their live health. Built once
// at start-up; the health parts change under their own locks, the rest is read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "routing/deployment_health.h"
#include "routing/route.h"

namespace sluice::routing {

// What a request needs from a deployment, read from the request before routing.
struct RequestTraits {
  bool tools = false;
  bool vision = false;
  bool json_schema = false;
  uint64_t prompt_tokens = 0;     // estimated
  uint64_t max_tokens = 0;        // what the caller asked for; 0: not given
  std::string_view affinity_key;  // the prompt's leading bytes, for cache_affinity
};

struct ModelGroup {
  const config::ModelConfig* config = nullptr;
  std::vector<Route> routes;                              // one per deployment, config order
  std::vector<std::unique_ptr<DeploymentHealth>> health;  // same order

  // Whether ranking reads the request's traits at all (capability limits on some deployment, or
  // the cost or cache_affinity strategy): when not, the request body is never scanned for them.
  bool uses_traits = false;

  // Smooth weighted round-robin state of the weighted strategy (exact splits, interleaved).
  std::mutex weighted_mutex;
  std::vector<int64_t> weighted_current;
};

// True when ranking the model's deployments depends on a request's traits.
bool group_uses_traits(const config::ModelConfig& model);

// True when deployment `i` of the group can serve a request with these traits.
bool deployment_fits(const config::DeploymentConfig& deployment, const RequestTraits& traits);

// The deployments to try for one request, best first: those that fit the request and are
// available now, ranked by the group's strategy. When none is available but some fit, those are
// returned in config order (a try beats a certain error). `random` is any 64-bit value.
std::vector<std::size_t> rank_deployments(ModelGroup& group, const RequestTraits& traits,
                                          uint64_t random, DeploymentHealth::Clock::time_point now);

}  // namespace sluice::routing
