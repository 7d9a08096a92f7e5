// A stored call record as JSON (the /admin/logs entries and `sluice logs --json`).
#pragma once

#include <string>

#include "core/json_writer.h"
#include "telemetry/sqlite/log_query.h"

namespace sluice::telemetry {

// Writes one record as an object; absent cost is null ("unknown"), never 0.
void write_record_json(JsonWriter& json, const sqlite::LogEntry& entry);

}  // namespace sluice::telemetry
