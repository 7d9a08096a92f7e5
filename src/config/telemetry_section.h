// Reads the `telemetry:` section of the config (internal to src/config).
#pragma once

#include "config/config.h"
#include "config/yaml_reader.h"

namespace sluice::config {

TelemetryConfig read_telemetry(const YamlReader& reader, const Located& section);

}  // namespace sluice::config
