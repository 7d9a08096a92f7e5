// Reads the `providers:` section of the config (internal to src/config).
#pragma once

#include <map>
#include <string>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace sluice::config {

// Every provider under `section`, validated and with its preset's defaults applied.
std::map<std::string, ProviderConfig> read_providers(const YamlReader& reader,
                                                     const Located& section);

// A map of static HTTP headers (names are tokens; values carry no CR, LF or NUL).
std::map<std::string, std::string> read_headers(const YamlReader& reader, const Located& at);

}  // namespace sluice::config
