#include "routing/model_registry.h"

namespace sluice::routing {

ModelRegistry::ModelRegistry(const config::Config& config) : config_(config) {
  for (const auto& [name, provider] : config.providers) {
    targets_.emplace(name, upstream::make_upstream_target(provider));
  }
  for (const auto& model : config.models) {
    aliases_.emplace(model.name, &model);
    names_.push_back(model.name);
  }
}

std::optional<Route> ModelRegistry::resolve(std::string_view model) const {
  if (auto alias = aliases_.find(std::string(model)); alias != aliases_.end()) {
    // Routing strategies across several deployments arrive with the routing module; until then
    // the first deployment serves the alias.
    const auto& deployment = alias->second->deployments.front();
    auto provider = config_.providers.find(deployment.provider);
    if (provider == config_.providers.end()) return std::nullopt;
    return Route{&provider->second, targets_.at(deployment.provider).get(), deployment.model};
  }
  const auto slash = model.find('/');
  if (slash == std::string_view::npos || slash + 1 == model.size()) return std::nullopt;
  auto provider = config_.providers.find(std::string(model.substr(0, slash)));
  if (provider == config_.providers.end()) return std::nullopt;
  return Route{&provider->second, targets_.at(provider->first).get(),
               std::string(model.substr(slash + 1))};
}

}  // namespace sluice::routing
