// Loads config text in tests with a fake environment, so no test touches the process environment.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "config/config_loader.h"

namespace sluice::config::testing {

// A fixed environment for interpolation tests.
inline EnvLookup fake_env(std::map<std::string, std::string> vars = {}) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// Loads text that must be valid; fails the test with the loader's message otherwise.
inline Config load_ok(const std::string& yaml, const EnvLookup& env = fake_env()) {
  auto result = load_config_text(yaml, "t.yaml", env);
  if (auto* error = std::get_if<ConfigError>(&result)) {
    ADD_FAILURE() << "unexpected error: " << error->message;
    return Config{};
  }
  return std::get<Config>(result);
}

// Loads text that must be rejected and returns the message ("" fails the test).
inline std::string load_error(const std::string& yaml, const EnvLookup& env = fake_env()) {
  auto result = load_config_text(yaml, "t.yaml", env);
  if (auto* error = std::get_if<ConfigError>(&result)) return error->message;
  ADD_FAILURE() << "expected an error, the config loaded";
  return "";
}

}  // namespace sluice::config::testing
