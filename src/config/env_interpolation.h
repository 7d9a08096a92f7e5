// Expands ${ENV_VAR} references in configuration strings so secrets stay out of the file.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "config/config_loader.h"

namespace sluice::config {

// Why a string could not be expanded; never contains the value of any variable (secrets).
struct InterpolationError {
  std::string message;  // e.g. "environment variable OPENAI_API_KEY is not set"
};

// The expanded text, and whether any variable was substituted (such text may hold a secret and
// must not be echoed in messages).
struct Interpolated {
  std::string text;
  bool substituted = false;
};

// Replaces every ${NAME} with the variable's value; "$${" stands for a literal "${". Values are
// inserted verbatim and never expanded again, so a secret containing "${" stays intact.
std::variant<Interpolated, InterpolationError> interpolate_env(std::string_view text,
                                                               const EnvLookup& env);

}  // namespace sluice::config
