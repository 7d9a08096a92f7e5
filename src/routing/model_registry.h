// ModelRegistry: resolves the model a caller names (an alias or provider/model) to a route.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config.h"
#include "upstream/upstream_target.h"

namespace sluice::routing {

// Where one request goes: the provider, its origin, and the model name the provider expects.
struct Route {
  const config::ProviderConfig* provider = nullptr;
  const upstream::UpstreamTarget* target = nullptr;
  std::string upstream_model;
};

class ModelRegistry {
 public:
  // Builds every provider's upstream target (throws std::runtime_error on a bad CA file).
  explicit ModelRegistry(const config::Config& config);

  // The route for a configured alias, or for "provider/model" naming a configured provider.
  std::optional<Route> resolve(std::string_view model) const;
  // The configured aliases, in config order (GET /v1/models).
  const std::vector<std::string>& model_names() const { return names_; }

 private:
  const config::Config& config_;
  std::unordered_map<std::string, std::shared_ptr<const upstream::UpstreamTarget>> targets_;
  std::unordered_map<std::string, const config::ModelConfig*> aliases_;
  std::vector<std::string> names_;
};

}  // namespace sluice::routing
