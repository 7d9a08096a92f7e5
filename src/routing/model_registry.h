// ModelRegistry: resolves the model a caller names (an alias or provider/model) to a route.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config.h"
#include "routing/model_group.h"
#include "routing/route.h"
#include "upstream/upstream_target.h"

namespace sluice::routing {

class ModelRegistry {
 public:
  // Builds every provider's upstream target (throws std::runtime_error on a bad CA file).
  explicit ModelRegistry(const config::Config& config);

  // The route for a configured alias (its first deployment), or for "provider/model" naming a
  // configured provider.
  std::optional<Route> resolve(std::string_view model) const;
  // The group of a configured alias, or null (then resolve() may still know "provider/model").
  ModelGroup* group(std::string_view model) const;
  // Calls f(group) for every configured model, in config order.
  template <class F>
  void for_each_group(F&& f) const {
    for (const auto& name : names_) f(*groups_.at(name));
  }
  // The configured aliases, in config order (GET /v1/models).
  const std::vector<std::string>& model_names() const { return names_; }

 private:
  const config::Config& config_;
  std::unordered_map<std::string, std::shared_ptr<const upstream::UpstreamTarget>> targets_;
  std::unordered_map<std::string, std::unique_ptr<ModelGroup>> groups_;
  std::vector<std::string> names_;
};

}  // namespace sluice::routing
