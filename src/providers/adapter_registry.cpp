#include "providers/adapter_registry.h"

#include "providers/anthropic/adapter.h"
#include "providers/bedrock/adapter.h"
#include "providers/gemini/adapter.h"
#include "providers/openai/adapter.h"

namespace sluice::providers {

const ProviderAdapter* adapter_for(std::string_view family) {
  // Immutable, stateless adapters: constants, not mutable singletons.
  static const anthropic::AnthropicAdapter kAnthropic;
  static const bedrock::BedrockAdapter kBedrock;
  static const openai::OpenAiAdapter kOpenAi;
  static const gemini::GeminiAdapter kGemini;
  if (family == "anthropic") return &kAnthropic;
  if (family == "bedrock") return &kBedrock;
  if (family == "openai") return &kOpenAi;
  if (family == "gemini") return &kGemini;
  return nullptr;
}

}  // namespace sluice::providers
