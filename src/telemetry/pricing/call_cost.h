// The USD cost of one call: list prices from the price table, with a deployment's own prices
// (negotiated rates, self-hosted models, models the table lacks) taking precedence part by part.
// Pure arithmetic, no I/O: the recorder's writer thread calls it for every record.
#pragma once

#include <optional>

#include "config/config.h"
#include "core/usage.h"
#include "telemetry/pricing/price_table.h"

namespace sluice::telemetry {

// The price a deployment is charged at. Each deployment price >= 0 replaces the table's part;
// a part the table only defaulted (cached_input or cache_write equal to input, reasoning equal to
// output) follows an overridden base. Without a table price, the deployment's input_price and
// output_price together are enough (the rest default as in the table). Empty: unknown.
std::optional<ModelPrice> effective_price(const ModelPrice* table_price,
                                          const config::DeploymentConfig* deployment);

// The cost of `usage` at `price`, in USD; `batch` applies the batch discount. Usage counts cached
// and cache-write tokens inside prompt_tokens and reasoning tokens inside completion_tokens, so
// each token is charged once, at its own part's price.
double cost_usd(const ModelPrice& price, const Usage& usage, bool batch);

// The cost of one call in USD, or empty when neither the table nor the deployment prices it
// (an unknown price is never reported as free). Either pointer may be null.
std::optional<double> call_cost_usd(const ModelPrice* table_price,
                                    const config::DeploymentConfig* deployment, const Usage& usage,
                                    bool batch);

}  // namespace sluice::telemetry
