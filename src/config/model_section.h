// Reads the `models:` section of the config (internal to src/config).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace sluice::config {

// Every model under `section`, checked against the configured providers and each other.
std::vector<ModelConfig> read_models(const YamlReader& reader, const Located& section,
                                     const std::map<std::string, ProviderConfig>& providers);

}  // namespace sluice::config
