#include "gemini_embeddings.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <vector>

namespace mock {

namespace {

// The same derivation as the OpenAI mode's vectors (embeddings.cpp): FNV-1a of the text seeds
// SplitMix64, one value per dimension, scaled to unit length, so one text gives one vector.
uint64_t fnv1a(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

void append_values(std::string& out, std::string_view text, unsigned dimensions) {
  std::vector<float> v(dimensions);
  const uint64_t seed = fnv1a(text);
  double norm = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double u = static_cast<double>(splitmix64(seed + i) >> 11) * 0x1.0p-53;
    v[i] = static_cast<float>(2 * u - 1);
    norm += static_cast<double>(v[i]) * v[i];
  }
  const double scale = norm > 0 ? 1 / std::sqrt(norm) : 0;
  out.append(R"({"values":[)");
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.push_back(',');
    fmt::format_to(std::back_inserter(out), "{}", static_cast<float>(v[i] * scale));
  }
  out.append("]}");
}

}  // namespace

void append_gemini_embeddings(std::string& out, const GeminiInput& in, bool batch) {
  if (!batch) {
    out.append(R"({"embedding":)");
    append_values(out, in.embed_texts.empty() ? "" : in.embed_texts[0], in.dimensions);
    out.push_back('}');
    return;
  }
  out.append(R"({"embeddings":[)");
  for (size_t i = 0; i < in.embed_texts.size(); ++i) {
    if (i) out.push_back(',');
    append_values(out, in.embed_texts[i], in.dimensions);
  }
  out.append("]}");
}

}  // namespace mock
