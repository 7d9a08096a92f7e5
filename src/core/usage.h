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

}  // namespace sluice
