// YamlReader: the one place that knows how YAML nodes, lines and key paths turn into messages.
#include "config/yaml_reader.h"

#include <fmt/format.h>

#include <charconv>

#include <algorithm>
#include <set>

#include "config/env_interpolation.h"

namespace sluice::config {
namespace {

// How a node's kind is named in "expected X, got Y" messages.
std::string_view kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "nothing";
  }
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string join(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

void YamlReader::fail(const Located& at, std::string_view what) const {
  std::string message = source_ + ":" + std::to_string(std::max(at.line, 0) + 1) + ": ";
  if (!at.path.empty()) message += at.path + ": ";
  message += what;
  throw LoadFailure(message);
}

void YamlReader::fail_missing(const Located& parent, std::string_view key,
                              std::string_view hint) const {
  Located missing{YAML::Node(), std::string(key), child_path(parent.path, key), parent.line};
  std::string what = "is required";
  if (!hint.empty()) what += " (" + std::string(hint) + ")";
  fail(missing, what);
}

std::vector<Located> YamlReader::entries(const Located& map,
                                         std::initializer_list<std::string_view> allowed) const {
  std::vector<Located> out;
  if (map.node.IsNull()) return out;
  if (!map.node.IsMap()) fail(map, "expected a map, got " + std::string(kind_name(map.node)));
  std::set<std::string> seen;
  for (auto it = map.node.begin(); it != map.node.end(); ++it) {
    Located entry{it->second, "", "", it->first.Mark().line};
    if (!it->first.IsScalar()) {
      entry.path = map.path;
      fail(entry, "keys must be plain strings");
    }
    entry.key = it->first.Scalar();
    entry.path = child_path(map.path, entry.key);
    if (!seen.insert(entry.key).second) fail(entry, "duplicate key '" + entry.key + "'");
    bool known = allowed.size() == 0 ||
                 std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end();
    if (!known) {
      fail(entry, "unknown key '" + entry.key + "' (expected one of: " + join(allowed) + ")");
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<Located> YamlReader::items(const Located& list) const {
  std::vector<Located> out;
  if (list.node.IsNull()) return out;
  if (!list.node.IsSequence()) {
    fail(list, "expected a list, got " + std::string(kind_name(list.node)));
  }
  for (const YAML::Node& item : list.node) {
    std::string key = "[" + std::to_string(out.size()) + "]";
    out.push_back(Located{item, key, list.path + key, item.Mark().line});
  }
  return out;
}

ScalarText YamlReader::text(const Located& at) const {
  if (at.node.IsNull()) return ScalarText{};  // "key:" with no value reads as empty
  if (!at.node.IsScalar()) {
    fail(at, "expected a string, got " + std::string(kind_name(at.node)));
  }
  auto expanded = interpolate_env(at.node.Scalar(), env_);
  if (auto* error = std::get_if<InterpolationError>(&expanded)) fail(at, error->message);
  Interpolated& value = std::get<Interpolated>(expanded);
  return ScalarText{std::move(value.text), value.substituted};
}

std::string YamlReader::non_empty(const Located& at) const {
  ScalarText value = text(at);
  if (value.text.empty())
    fail(at, value.from_env ? "is empty (after ${...} expansion)" : "is empty");
  return std::move(value.text);
}

bool YamlReader::boolean(const Located& at) const {
  std::string value = text(at).text;
  if (value == "true") return true;
  if (value == "false") return false;
  fail(at, "must be true or false");
}

uint64_t YamlReader::integer(const Located& at, uint64_t min, uint64_t max) const {
  std::string value = text(at).text;
  bool digits =
      !value.empty() && value.size() <= 19 &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) fail(at, "must be a non-negative integer");
  uint64_t number = std::stoull(value);
  if (number < min || number > max) {
    fail(at, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return number;
}

double YamlReader::real(const Located& at, double min, double max) const {
  const std::string value = text(at).text;
  double number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size()) {
    fail(at, "must be a number");
  }
  if (number < min || number > max) {
    fail(at, "must be between " + fmt::format("{}", min) + " and " + fmt::format("{}", max));
  }
  return number;
}

std::string quoted(const ScalarText& value) {
  return value.from_env ? "from the environment" : "'" + value.text + "'";
}

Located root_of(const YAML::Node& document) { return Located{document, "", "", 0}; }

}  // namespace sluice::config
