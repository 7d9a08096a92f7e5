#include "providers/error_attribution.h"

#include <string>

namespace sluice::providers {

void attribute_error(GatewayError& error, const config::ProviderConfig& provider) {
  const std::string named = "provider '" + provider.name + "'";
  if (error.message.find(named) != std::string::npos) return;
  const std::string family = "provider '" + provider.family + "'";
  if (error.message.starts_with(family)) {
    error.message.replace(0, family.size(), named);
  } else if (!error.message.starts_with("provider '")) {
    error.message.insert(0, named + ": ");
  }
}

}  // namespace sluice::providers
