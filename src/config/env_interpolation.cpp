// ${ENV_VAR} expansion: a single left-to-right scan, no recursion, no shell-like defaults.
#include "config/env_interpolation.h"

namespace sluice::config {
namespace {

// Portable variable names only, so typos such as "${ OPENAI_KEY}" are reported, not looked up.
bool valid_variable_name(std::string_view name) {
  if (name.empty()) return false;
  auto is_alpha = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!is_alpha(name.front())) return false;
  for (char c : name) {
    if (!is_alpha(c) && !is_digit(c)) return false;
  }
  return true;
}

}  // namespace

std::variant<Interpolated, InterpolationError> interpolate_env(std::string_view text,
                                                               const EnvLookup& env) {
  Interpolated out;
  out.text.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {  // escape: "$${" is a literal "${"
      out.text += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out.text += text[i++];
      continue;
    }
    std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return InterpolationError{"unterminated '${' (write '$${' for a literal '${')"};
    }
    std::string_view name = text.substr(i + 2, close - i - 2);
    if (!valid_variable_name(name)) {
      return InterpolationError{"invalid environment variable name '" + std::string(name) +
                                "' (use letters, digits and '_')"};
    }
    std::optional<std::string> value = env(name);
    if (!value) {
      return InterpolationError{"environment variable " + std::string(name) + " is not set"};
    }
    out.text += *value;
    out.substituted = true;
    i = close + 1;
  }
  return out;
}

}  // namespace sluice::config
