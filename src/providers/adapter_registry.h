// Finds the translating adapter for a provider family ("anthropic", "openai"). OpenAI-shaped
// callers reach OpenAI-family providers without it (bytes forwarded with minimal patches);
// the OpenAI adapter serves callers of other API shapes (Anthropic's /v1/messages).
#pragma once

#include <string_view>

#include "providers/adapter.h"

namespace sluice::providers {

// The adapter of a family, or nullptr for unknown names. Adapters are stateless and immutable,
// so one instance serves every worker.
const ProviderAdapter* adapter_for(std::string_view family);

}  // namespace sluice::providers
