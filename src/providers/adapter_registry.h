// Finds the translating adapter for a provider family ("anthropic", ...). The OpenAI family has
// none: its requests are forwarded as bytes (providers/openai/request_patch.h).
#pragma once

#include <string_view>

#include "providers/adapter.h"

namespace sluice::providers {

// The adapter of a family, or nullptr for pass-through families and unknown names. Adapters are
// stateless and immutable, so one instance serves every worker.
const ProviderAdapter* adapter_for(std::string_view family);

}  // namespace sluice::providers
