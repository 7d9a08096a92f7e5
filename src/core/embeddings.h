// Canonical embeddings types: what the OpenAI-shaped /v1/embeddings request is read into for a
// provider family that needs translation, and what its answer is decoded into.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/usage.h"

namespace sluice {

// An embeddings request in canonical form.
struct EmbeddingsRequest {
  std::string model;
  std::vector<std::string> input;     // one text per vector wanted
  std::optional<int64_t> dimensions;  // output size, when the caller asks for a shorter one
  std::string encoding_format;        // "float" (default) or "base64"
  std::string user;
};

// The vectors, in input order, and the usage the provider reported (if any).
struct EmbeddingsResponse {
  std::string model;
  std::vector<std::vector<float>> vectors;
  Usage usage;
};

}  // namespace sluice
