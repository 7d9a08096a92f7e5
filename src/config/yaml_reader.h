// Typed, located access to a parsed YAML tree for the config loader (internal to src/config).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_loader.h"

namespace sluice::config {

// Thrown only inside the loader to stop at the first problem without threading a status through
// every field; load_config_text turns it into a ConfigError, so it never crosses the module border.
class LoadFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A YAML node and where it came from, for messages.
struct Located {
  YAML::Node node;
  std::string key;   // the map key or "[i]" that introduced the node
  std::string path;  // dotted path from the root, e.g. "models[0].deployments[1].provider"
  int line = 0;  // 0-based line of that key or list item (a null value's own mark is unreliable)
};

// A string scalar after ${ENV} expansion.
struct ScalarText {
  std::string text;
  bool from_env = false;  // true: may hold a secret, never echo it
};

// Reads typed values out of YAML, expanding ${ENV} in every scalar; every problem throws a
// LoadFailure formatted "<source>:<line>: <path>: <what>".
class YamlReader {
 public:
  YamlReader(std::string_view source, const EnvLookup& env) : source_(source), env_(env) {}

  // Throws a LoadFailure about `at`.
  [[noreturn]] void fail(const Located& at, std::string_view what) const;
  // Throws a LoadFailure saying that `parent` lacks the required key `key`.
  [[noreturn]] void fail_missing(const Located& parent, std::string_view key,
                                 std::string_view hint = "") const;

  // The entries of a map in file order (none for a null node, so "server:" alone means
  // defaults), rejecting duplicate keys and, unless `allowed` is empty, keys outside it.
  std::vector<Located> entries(const Located& map,
                               std::initializer_list<std::string_view> allowed) const;
  // The items of a list (or nothing for a null node).
  std::vector<Located> items(const Located& list) const;

  // A scalar as text, with ${ENV} expanded; a null value ("key:" alone) reads as "".
  ScalarText text(const Located& at) const;
  // A scalar as text, rejecting empty values.
  std::string non_empty(const Located& at) const;
  // A scalar that must be "true" or "false".
  bool boolean(const Located& at) const;
  // A scalar that must be a decimal integer in [min, max].
  uint64_t integer(const Located& at, uint64_t min, uint64_t max) const;

  // A scalar that must be a decimal number (integer or fraction) in [min, max].
  double real(const Located& at, double min, double max) const;

  // integer() narrowed to the field's type; max defaults to the type's own limit.
  template <class T>
  T number(const Located& at, T min = 0, T max = std::numeric_limits<T>::max()) const {
    return static_cast<T>(integer(at, min, max));
  }

 private:
  std::string source_;
  const EnvLookup& env_;
};

// A value as messages may show it: quoted, or "from the environment" when ${...} supplied it (it
// may be a secret).
std::string quoted(const ScalarText& value);

// The root of a document, for reading top-level keys.
Located root_of(const YAML::Node& document);

}  // namespace sluice::config
