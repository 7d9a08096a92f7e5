// Loads a YAML file into a validated Config, or explains precisely (file, line, key) why not.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "config/config.h"

namespace sluice::config {

// A load failure: one line a person can act on, e.g.
// "examples/x.yaml:12: providers.openai.api_key: environment variable OPENAI_API_KEY is not set".
struct ConfigError {
  std::string message;
};

// Looks up an environment variable; injectable so tests need not touch the process environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment.
EnvLookup process_env();

// Parses and validates YAML text; source_name is used in messages.
std::variant<Config, ConfigError> load_config_text(std::string_view yaml,
                                                   std::string_view source_name,
                                                   const EnvLookup& env);

// Reads and loads a file (with the process environment).
std::variant<Config, ConfigError> load_config_file(const std::string& path);

}  // namespace sluice::config
