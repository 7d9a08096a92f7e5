#include "routing/model_registry.h"

namespace sluice::routing {

ModelRegistry::ModelRegistry(const config::Config& config) : config_(config) {
  for (const auto& [name, provider] : config.providers) {
    targets_.emplace(name, upstream::make_upstream_target(provider));
  }
  for (const auto& model : config.models) {
    auto group = std::make_unique<ModelGroup>();
    group->config = &model;
    for (const auto& deployment : model.deployments) {
      // The config loader checked that every deployment names a configured provider.
      const auto& provider = config.providers.at(deployment.provider);
      const unsigned ttft = deployment.first_byte_timeout_ms != 0 ? deployment.first_byte_timeout_ms
                                                                  : model.first_byte_timeout_ms;
      group->routes.push_back(Route{&provider, targets_.at(deployment.provider).get(),
                                    deployment.model, deployment.id, ttft});
      group->health.push_back(std::make_unique<DeploymentHealth>(model.breaker));
    }
    group->weighted_current.assign(model.deployments.size(), 0);
    group->uses_traits = group_uses_traits(model);
    groups_.emplace(model.name, std::move(group));
    names_.push_back(model.name);
  }
}

ModelGroup* ModelRegistry::group(std::string_view model) const {
  auto found = groups_.find(std::string(model));
  return found == groups_.end() ? nullptr : found->second.get();
}

std::optional<Route> ModelRegistry::resolve(std::string_view model) const {
  if (ModelGroup* alias = group(model)) return alias->routes.front();
  const auto slash = model.find('/');
  if (slash == std::string_view::npos || slash + 1 == model.size()) return std::nullopt;
  auto provider = config_.providers.find(std::string(model.substr(0, slash)));
  if (provider == config_.providers.end()) return std::nullopt;
  return Route{&provider->second, targets_.at(provider->first).get(),
               std::string(model.substr(slash + 1)), std::string(model)};
}

}  // namespace sluice::routing
