// Turns price-file YAML into a PriceTable (internal to src/telemetry/pricing; use PriceTable).
#pragma once

#include <string_view>

#include "core/result.h"
#include "telemetry/pricing/price_table.h"

namespace sluice::telemetry {

// Parses and validates the whole file; errors read "<source>:<line>: <key path>: <what>".
Result<PriceTable> parse_price_file(std::string_view yaml, std::string_view source_name);

}  // namespace sluice::telemetry
