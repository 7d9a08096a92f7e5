#include "routing/model_group.h"

#include <algorithm>
#include <numeric>

namespace sluice::routing {
namespace {

using Clock = DeploymentHealth::Clock;
using Order = std::vector<std::size_t>;

// FNV-1a, 64-bit: stable across runs and machines, so the same prefix keeps its deployment.
uint64_t fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// Picks one of `order` by smooth weighted round-robin and moves it to the front: every pick adds
// each candidate's weight to its credit and charges the winner the total, so an 80/20 split is
// exact over every 100 requests and interleaved rather than in runs.
void weighted_first(ModelGroup& group, Order& order) {
  const auto& deployments = group.config->deployments;
  int64_t total = 0;
  for (std::size_t i : order) total += deployments[i].weight;
  if (total == 0) return;
  std::size_t best = order.front();
  {
    std::lock_guard lock(group.weighted_mutex);
    for (std::size_t i : order) {
      group.weighted_current[i] += deployments[i].weight;
      if (group.weighted_current[i] > group.weighted_current[best]) best = i;
    }
    group.weighted_current[best] -= total;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if ((a == best) != (b == best)) return a == best;
    return deployments[a].weight > deployments[b].weight;
  });
}

double estimated_cost(const config::DeploymentConfig& d, const RequestTraits& traits) {
  if (d.input_price < 0 || d.output_price < 0) return -1;
  const double output = traits.max_tokens > 0 ? static_cast<double>(traits.max_tokens) : 256.0;
  return static_cast<double>(traits.prompt_tokens) * d.input_price + output * d.output_price;
}

void rank(ModelGroup& group, const RequestTraits& traits, uint64_t random, Order& order) {
  const auto& config = *group.config;
  const auto& deployments = config.deployments;
  const std::string& strategy = config.strategy;
  if (order.size() < 2 || strategy == "priority") return;
  if (strategy == "weighted" || (strategy == "cache_affinity" && traits.affinity_key.empty())) {
    weighted_first(group, order);
  } else if (strategy == "least_busy") {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return group.health[a]->in_flight() < group.health[b]->in_flight();
    });
  } else if (strategy == "latency") {
    std::vector<double> latency(deployments.size());
    for (std::size_t i : order) latency[i] = group.health[i]->latency_ms();
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return latency[a] < latency[b]; });
    // Exploration: a slow deployment that recovered is only noticed if it gets some traffic.
    const double draw = static_cast<double>(random % 1'000'000) / 1'000'000.0;
    if (draw < config.latency_exploration) {
      const std::size_t pick = 1 + (random >> 20) % (order.size() - 1);
      std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(pick),
                  order.begin() + static_cast<std::ptrdiff_t>(pick) + 1);
    }
  } else if (strategy == "cost") {
    std::vector<double> cost(deployments.size());
    for (std::size_t i : order) cost[i] = estimated_cost(deployments[i], traits);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if ((cost[a] < 0) != (cost[b] < 0)) return cost[b] < 0;  // unknown prices last
      return cost[a] < cost[b];
    });
  } else if (strategy == "cache_affinity") {
    // Rendezvous hashing: each deployment scores the prefix; the order is stable for a prefix
    // and only the prefixes of a removed deployment move when one becomes unavailable.
    const uint64_t key = fnv1a(traits.affinity_key);
    std::vector<uint64_t> score(deployments.size());
    for (std::size_t i : order) score[i] = fnv1a(deployments[i].id, key);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  }
}

}  // namespace

bool group_uses_traits(const config::ModelConfig& model) {
  if (model.strategy == "cost" || model.strategy == "cache_affinity") return true;
  for (const auto& d : model.deployments) {
    if (!d.tools || !d.vision || !d.json_schema || d.context_window > 0 ||
        d.max_output_tokens > 0) {
      return true;
    }
  }
  return false;
}

bool deployment_fits(const config::DeploymentConfig& d, const RequestTraits& traits) {
  if (traits.tools && !d.tools) return false;
  if (traits.vision && !d.vision) return false;
  if (traits.json_schema && !d.json_schema) return false;
  if (d.max_output_tokens > 0 && traits.max_tokens > d.max_output_tokens) return false;
  if (d.context_window > 0 && traits.prompt_tokens + traits.max_tokens > d.context_window) {
    return false;
  }
  return true;
}

std::vector<std::size_t> rank_deployments(ModelGroup& group, const RequestTraits& traits,
                                          uint64_t random, Clock::time_point now) {
  const auto& deployments = group.config->deployments;
  // One vector: the fitting deployments, narrowed in place to the available ones when there
  // are any (the order is kept); a second list would be a second allocation per request.
  Order order;
  order.reserve(deployments.size());
  std::size_t available = 0;
  for (std::size_t i = 0; i < deployments.size(); ++i) {
    if (!deployment_fits(deployments[i], traits)) continue;
    if (group.health[i]->available(now)) {
      order.insert(order.begin() + static_cast<std::ptrdiff_t>(available++), i);
    } else {
      order.push_back(i);
    }
  }
  if (available == 0) return order;
  order.resize(available);
  rank(group, traits, random, order);
  return order;
}

}  // namespace sluice::routing
