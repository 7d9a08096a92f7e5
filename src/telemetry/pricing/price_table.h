// PriceTable: providers' list prices per model (data/prices.yaml), so calls can be charged and
// deployments ranked by cost without every deployment repeating prices that are public anyway.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sluice::telemetry {

// A model's price in USD per million tokens (request: USD per call). Parts a provider does not
// price apart hold what they are billed at, so arithmetic needs no defaults: cached_input and
// cache_write default to input, reasoning to output, request and batch_discount to 0.
struct ModelPrice {
  double input = 0;
  double output = 0;
  double cached_input = 0;    // prompt tokens read from the provider's cache
  double cache_write = 0;     // prompt tokens written to the cache (Anthropic: 1.25x input)
  double reasoning = 0;       // thinking tokens
  double request = 0;         // USD per request
  double batch_discount = 0;  // fraction off on the provider's batch API (0.5: half price)
};

// The loaded table: one section of model prices per provider family, immutable once loaded.
class PriceTable {
 public:
  // Model name -> price; std::less<> so lookups take string_views without copying.
  using Section = std::map<std::string, ModelPrice, std::less<>>;

  PriceTable() = default;
  PriceTable(std::string version, std::map<std::string, Section, std::less<>> sections)
      : version_(std::move(version)), sections_(std::move(sections)) {}

  // Reads a price file; every problem (unreadable, bad YAML, unknown key, negative price) is an
  // error naming the file, line and key.
  static Result<PriceTable> load(const std::string& path);
  // Parses price-file text; source_name stands for the file in messages.
  static Result<PriceTable> parse(std::string_view yaml, std::string_view source_name);

  // The date the prices were taken, stored with every charged call so old costs stay explained.
  const std::string& version() const { return version_; }

  // The list price of `model` served by a provider of type `provider_type` (openai, azure,
  // bedrock, ...), or nullptr when unknown: a missing price is never taken to be zero. Local
  // servers (ollama, vllm, llamacpp) are free unless their deployment sets a price.
  const ModelPrice* find(std::string_view provider_type, std::string_view model) const;

 private:
  const ModelPrice* find_in(std::string_view section, std::string_view model) const;

  std::string version_;
  std::map<std::string, Section, std::less<>> sections_;
};

// Where data/prices.yaml is when no prices_file is configured: next to the running binary or in
// one of its parent directories (a build directory inside the repository), else in the current
// directory. Returns "data/prices.yaml" when found nowhere, so the load error names it.
std::string default_prices_file();

}  // namespace sluice::telemetry
