// Price-file parsing: strict, because a typo in a price silently misstates every bill after it.
#include "telemetry/pricing/price_file_parser.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

namespace sluice::telemetry {
namespace {

// Stops the parse at the first problem; parse_price_file turns it into a GatewayError, so it
// never leaves this file.
class PriceFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sections a table may hold: the families data/prices.yaml fills, plus the OpenAI-compatible
// hosts whose prices a deployer may add.
constexpr std::array<std::string_view, 11> kSections = {
    "openai",  "anthropic", "gemini",   "xai",        "mistral",  "deepseek",
    "bedrock", "groq",      "together", "openrouter", "fireworks"};

// One price field and where it lands in ModelPrice.
struct Field {
  std::string_view name;
  double ModelPrice::*member;
};
constexpr std::array<Field, 7> kFields = {{
    {"input", &ModelPrice::input},
    {"output", &ModelPrice::output},
    {"cached_input", &ModelPrice::cached_input},
    {"cache_write", &ModelPrice::cache_write},
    {"reasoning", &ModelPrice::reasoning},
    {"request", &ModelPrice::request},
    {"batch_discount", &ModelPrice::batch_discount},
}};

// A map entry with what messages need: its key path and the 0-based line of its key.
struct Entry {
  std::string key;
  std::string path;
  YAML::Node value;
  int line = 0;
};

template <std::size_t N>
std::string join(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// Formats and throws every message, so they all read "<source>:<line>: <path>: <what>".
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(const Entry& at, std::string_view what) const {
    std::string message = source_ + ":" + std::to_string(std::max(at.line, 0) + 1) + ": ";
    if (!at.path.empty()) message += at.path + ": ";
    throw PriceFileError(message + std::string(what));
  }

  [[noreturn]] void fail_missing(const Entry& parent, std::string_view key) const {
    std::string path(key);
    if (!parent.path.empty()) path = parent.path + "." + path;
    fail(Entry{std::string(key), path, {}, parent.line}, "is required");
  }

  // The entries of a map in file order (none for "key:" alone), rejecting duplicate keys.
  std::vector<Entry> entries(const Entry& map) const {
    std::vector<Entry> out;
    if (map.value.IsNull()) return out;
    if (!map.value.IsMap()) fail(map, "expected a map");
    std::set<std::string, std::less<>> seen;
    for (auto it = map.value.begin(); it != map.value.end(); ++it) {
      Entry entry{"", map.path, it->second, it->first.Mark().line};
      if (!it->first.IsScalar()) fail(entry, "keys must be plain strings");
      entry.key = it->first.Scalar();
      entry.path = map.path.empty() ? entry.key : map.path + "." + entry.key;
      if (!seen.insert(entry.key).second) fail(entry, "duplicate key '" + entry.key + "'");
      out.push_back(std::move(entry));
    }
    return out;
  }

  std::string text(const Entry& at) const {
    if (!at.value.IsScalar() || at.value.Scalar().empty()) fail(at, "expected a non-empty string");
    return at.value.Scalar();
  }

  // A price: a plain decimal number, finite and not negative.
  double price(const Entry& at) const {
    const std::string value = at.value.IsScalar() ? at.value.Scalar() : std::string();
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || ec != std::errc{} || end != value.data() + value.size() ||
        !std::isfinite(number)) {
      fail(at, "must be a number");
    }
    if (number < 0) fail(at, "must not be negative");
    return number;
  }

 private:
  std::string source_;
};

ModelPrice read_model(const Reader& reader, const Entry& model) {
  ModelPrice price;
  std::array<bool, kFields.size()> seen{};
  for (const Entry& entry : reader.entries(model)) {
    auto field = std::find_if(kFields.begin(), kFields.end(),
                              [&](const Field& f) { return f.name == entry.key; });
    if (field == kFields.end()) {
      std::array<std::string_view, kFields.size()> names;
      std::transform(kFields.begin(), kFields.end(), names.begin(),
                     [](const Field& f) { return f.name; });
      reader.fail(entry, "unknown key '" + entry.key + "' (expected one of: " + join(names) + ")");
    }
    price.*(field->member) = reader.price(entry);
    seen[static_cast<std::size_t>(field - kFields.begin())] = true;
  }
  if (!seen[0]) reader.fail_missing(model, "input");
  if (!seen[1]) reader.fail_missing(model, "output");
  // Parts without a price of their own are billed like their base part.
  if (!seen[2]) price.cached_input = price.input;
  if (!seen[3]) price.cache_write = price.input;
  if (!seen[4]) price.reasoning = price.output;
  return price;
}

PriceTable::Section read_section(const Reader& reader, const Entry& section) {
  PriceTable::Section out;
  for (const Entry& model : reader.entries(section)) {
    ModelPrice price = read_model(reader, model);
    if (price.batch_discount >= 1) {
      reader.fail(Entry{"", model.path + ".batch_discount", {}, model.line},
                  "must be below 1 (a fraction of the price)");
    }
    out.emplace(model.key, price);
  }
  return out;
}

PriceTable read_root(const Reader& reader, const YAML::Node& document) {
  const Entry root{"", "", document, 0};
  std::optional<std::string> version;
  std::map<std::string, PriceTable::Section, std::less<>> sections;
  for (const Entry& entry : reader.entries(root)) {
    if (entry.key == "version") {
      version = reader.text(entry);
    } else if (entry.key == "currency") {
      if (reader.text(entry) != "USD") reader.fail(entry, "must be USD (the only currency)");
    } else if (std::find(kSections.begin(), kSections.end(), entry.key) != kSections.end()) {
      sections.emplace(entry.key, read_section(reader, entry));
    } else {
      reader.fail(entry, "unknown key '" + entry.key +
                             "' (expected version, currency or one of: " + join(kSections) + ")");
    }
  }
  if (!version) reader.fail_missing(root, "version");
  return PriceTable(std::move(*version), std::move(sections));
}

}  // namespace

Result<PriceTable> parse_price_file(std::string_view yaml, std::string_view source_name) {
  const std::string source(source_name);
  auto error = [&](std::string message) {
    return GatewayError{ErrorClass::internal, std::move(message)};
  };
  try {
    return read_root(Reader(source), YAML::Load(std::string(yaml)));
  } catch (const PriceFileError& e) {
    return error(e.what());
  } catch (const YAML::ParserException& e) {
    return error(source + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  } catch (const std::exception& e) {  // YAML::Exception, bad_alloc: still a value
    return error(source + ": cannot load prices: " + e.what());
  }
}

}  // namespace sluice::telemetry
