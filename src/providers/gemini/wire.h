// Gemini API wire facts shared by the encoder and the decoders: paths (AI Studio and Vertex AI),
// finish reasons and the usageMetadata block.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/json_reader.h"
#include "core/usage.h"

namespace sluice::providers::gemini {

// Default base URL of the AI Studio (Gemini Developer) API; the key goes in x-goog-api-key.
inline constexpr std::string_view kDefaultApiBase =
    "https://generativelanguage.googleapis.com/v1beta";

// Methods of a model resource: `/models/{model}:{method}` below the base URL.
inline constexpr std::string_view kGenerate = "generateContent";
inline constexpr std::string_view kStreamGenerate = "streamGenerateContent?alt=sse";
inline constexpr std::string_view kCountTokens = "countTokens";
inline constexpr std::string_view kBatchEmbed = "batchEmbedContents";

// True for a Vertex AI provider: its models live under /publishers/google/models/.
bool is_vertex(const config::ProviderConfig& provider);

// The model name without a leading "models/" (callers may write either form).
std::string_view bare_model(std::string_view model);

// `/models/{model}:{method}` (AI Studio) or `/publishers/google/models/{model}:{method}` (Vertex).
std::string model_path(const config::ProviderConfig& provider, std::string_view model,
                       std::string_view method);

// The name a provider is called by in error messages.
std::string provider_label(const config::ProviderConfig& provider);

// Gemini's usageMetadata. candidatesTokenCount excludes thoughtsTokenCount; promptTokenCount
// includes cachedContentTokenCount.
struct WireUsage {
  bool present = false;
  int64_t prompt = 0;
  int64_t candidates = 0;
  int64_t cached = 0;
  int64_t thoughts = 0;
  int64_t tool_prompt = 0;
  int64_t total = 0;
};

// Reads a usageMetadata object (unknown fields such as promptTokensDetails are skipped).
simdjson::error_code read_wire_usage(json::od::value value, WireUsage& usage);

// OpenAI's breakdown: completion_tokens counts the thinking too, as OpenAI's does.
Usage to_usage(const WireUsage& wire);

// OpenAI's finish_reason for a finishReason; `tool_calls` when the answer called functions
// (Gemini says STOP then).
std::string_view finish_reason_for(std::string_view finish_reason, bool called_functions);

}  // namespace sluice::providers::gemini
