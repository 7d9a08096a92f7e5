// Provider presets. OpenAI-compatible services share one adapter and differ only in base URL.
#include "config/provider_presets.h"

#include <array>

namespace sluice::config {
namespace {

constexpr std::array kPresets = {
    ProviderPreset{"openai", "openai", "https://api.openai.com/v1", true},
    ProviderPreset{"xai", "openai", "https://api.x.ai/v1", true},
    ProviderPreset{"groq", "openai", "https://api.groq.com/openai/v1", true},
    ProviderPreset{"mistral", "openai", "https://api.mistral.ai/v1", true},
    ProviderPreset{"deepseek", "openai", "https://api.deepseek.com/v1", true},
    ProviderPreset{"together", "openai", "https://api.together.xyz/v1", true},
    ProviderPreset{"openrouter", "openai", "https://openrouter.ai/api/v1", true},
    ProviderPreset{"fireworks", "openai", "https://api.fireworks.ai/inference/v1", true},
    // Families that translate through canonical types (providers/<family>/).
    ProviderPreset{"anthropic", "anthropic", "https://api.anthropic.com/v1", true, "x-api-key"},
    // Google AI Studio (Gemini API): models under /models/{model}:generateContent.
    ProviderPreset{"gemini", "gemini", "https://generativelanguage.googleapis.com/v1beta", true,
                   "x-goog-api-key"},
    // Azure OpenAI: the OpenAI wire format at https://RESOURCE.openai.azure.com, deployment in
    // the path (providers/openai/endpoint_path), key in api-key (or an Entra token as bearer).
    ProviderPreset{"azure", "openai", "", true, "api-key"},
    // Google Vertex AI: the Gemini wire format; api_base is derived from region and project, and
    // requests carry an OAuth2 token from a service account (providers/vertex), not an api_key.
    ProviderPreset{"vertex", "gemini", "", false},
    // AWS Bedrock: the Converse API; api_base is derived from region, and requests are signed
    // with AWS SigV4 (providers/bedrock) from aws_access_key_id / aws_secret_access_key.
    ProviderPreset{"bedrock", "bedrock", "", false},
    // Local servers usually run without authentication, so api_key is optional.
    ProviderPreset{"ollama", "openai", "http://127.0.0.1:11434/v1", false},
    ProviderPreset{"vllm", "openai", "", false},
    ProviderPreset{"llamacpp", "openai", "", false},
    ProviderPreset{"openai_compatible", "openai", "", false},
};

}  // namespace

std::span<const ProviderPreset> provider_presets() { return kPresets; }

const ProviderPreset* find_provider_preset(std::string_view type) {
  for (const ProviderPreset& preset : kPresets) {
    if (preset.type == type) return &preset;
  }
  return nullptr;
}

std::string supported_provider_types() {
  std::string out;
  for (const ProviderPreset& preset : kPresets) {
    if (!out.empty()) out += ", ";
    out += preset.type;
  }
  return out;
}

}  // namespace sluice::config
