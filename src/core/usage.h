// Token usage of one call, in the canonical (OpenAI-like) breakdown.
#pragma once

#include <cstdint>

namespace sluice {

struct Usage {
  bool present = false;  // the provider reported usage
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t total_tokens = 0;
  int64_t cached_tokens = 0;       // prompt tokens read from the provider's cache
  int64_t cache_write_tokens = 0;  // prompt tokens written to the cache (priced higher)
  int64_t reasoning_tokens = 0;    // completion tokens spent thinking
};

// Usage from a provider that counts uncached input apart from cache reads and writes (Anthropic,
// Bedrock): the prompt is all three, and the cache parts are kept for pricing.
inline Usage usage_from_split_input(int64_t input, int64_t output, int64_t cache_read,
                                    int64_t cache_write) {
  Usage usage;
  usage.present = true;
  usage.prompt_tokens = input + cache_read + cache_write;
  usage.completion_tokens = output;
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  usage.cached_tokens = cache_read;
  usage.cache_write_tokens = cache_write;
  return usage;
}

}  // namespace sluice
