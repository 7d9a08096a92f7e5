// Call cost arithmetic: which price applies to each part of a call, and the sum.
#include "telemetry/pricing/call_cost.h"

#include <algorithm>

namespace sluice::telemetry {
namespace {

constexpr double kTokensPerUnit = 1e6;  // prices are per million tokens

// `configured` when set (>= 0), else `current`.
double pick(double configured, double current) { return configured >= 0 ? configured : current; }

}  // namespace

std::optional<ModelPrice> effective_price(const ModelPrice* table_price,
                                          const config::DeploymentConfig* deployment) {
  if (!deployment) return table_price ? std::optional<ModelPrice>(*table_price) : std::nullopt;
  const config::DeploymentConfig& d = *deployment;
  ModelPrice base;
  if (table_price) {
    base = *table_price;
  } else if (d.input_price >= 0 && d.output_price >= 0) {
    base = ModelPrice{d.input_price, d.output_price, d.input_price, d.input_price, d.output_price};
  } else {
    return std::nullopt;
  }
  ModelPrice price = base;
  price.input = pick(d.input_price, base.input);
  price.output = pick(d.output_price, base.output);
  // A part the table only defaulted moves with its base; one it prices apart keeps that price.
  const double cached = base.cached_input == base.input ? price.input : base.cached_input;
  const double write = base.cache_write == base.input ? price.input : base.cache_write;
  const double reasoning = base.reasoning == base.output ? price.output : base.reasoning;
  price.cached_input = pick(d.cached_input_price, cached);
  price.cache_write = pick(d.cache_write_price, write);
  price.reasoning = pick(d.reasoning_price, reasoning);
  price.request = pick(d.request_price, base.request);
  return price;
}

double cost_usd(const ModelPrice& price, const Usage& usage, bool batch) {
  // Clamped at zero: a provider reporting more cached than prompt tokens must not earn a refund.
  const auto tokens = [](int64_t n) { return static_cast<double>(std::max<int64_t>(n, 0)); };
  const double uncached =
      tokens(usage.prompt_tokens - usage.cached_tokens - usage.cache_write_tokens);
  const double visible = tokens(usage.completion_tokens - usage.reasoning_tokens);
  const double per_token =
      uncached * price.input + tokens(usage.cached_tokens) * price.cached_input +
      tokens(usage.cache_write_tokens) * price.cache_write + visible * price.output +
      tokens(usage.reasoning_tokens) * price.reasoning;
  const double cost = per_token / kTokensPerUnit + price.request;
  return batch ? cost * (1 - price.batch_discount) : cost;
}

std::optional<double> call_cost_usd(const ModelPrice* table_price,
                                    const config::DeploymentConfig* deployment, const Usage& usage,
                                    bool batch) {
  const std::optional<ModelPrice> price = effective_price(table_price, deployment);
  if (!price) return std::nullopt;
  return cost_usd(*price, usage, batch);
}

}  // namespace sluice::telemetry
