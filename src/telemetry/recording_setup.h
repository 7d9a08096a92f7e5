// Builds the call-recording pipeline from the config at start-up: the price table, the
// tokenizers, the finisher and the recorder. Every problem stops start-up with a reason.
#pragma once

#include <memory>
#include <string>

#include "config/config.h"
#include "telemetry/call_metrics.h"
#include "telemetry/record_finisher.h"
#include "telemetry/recorder.h"

namespace sluice::telemetry {

// The SQLite file records are kept in; throws std::runtime_error for other storage URLs.
std::string records_sqlite_path(const config::Config& config);

// The price table named by the config (or the bundled one); throws std::runtime_error.
PriceTable load_prices(const config::Config& config);

// The finisher for records of this config (prices and tokenizers loaded); throws.
std::shared_ptr<const RecordFinisher> make_finisher(const config::Config& config);

// The running recorder, or null when telemetry is off; throws std::runtime_error.
std::unique_ptr<Recorder> start_recording(const config::Config& config, CallMetrics& metrics);

}  // namespace sluice::telemetry
