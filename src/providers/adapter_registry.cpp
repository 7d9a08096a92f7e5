#include "providers/adapter_registry.h"

#include "providers/anthropic/adapter.h"

namespace sluice::providers {

const ProviderAdapter* adapter_for(std::string_view family) {
  // Immutable, stateless adapters: constants, not mutable singletons.
  static const anthropic::AnthropicAdapter kAnthropic;
  if (family == "anthropic") return &kAnthropic;
  return nullptr;
}

}  // namespace sluice::providers
