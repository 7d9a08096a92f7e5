// PriceTable lookup: which section a provider type reads, and which listed model a release name
// (dated snapshot, region-prefixed Bedrock id, OpenRouter vendor/model) is a release of.
#include "telemetry/pricing/price_table.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

#include "telemetry/pricing/price_file_parser.h"

namespace sluice::telemetry {
namespace {

constexpr std::array<std::string_view, 3> kLocalTypes = {"ollama", "vllm", "llamacpp"};

// Bedrock cross-region inference profiles prefix the model id with a geography.
constexpr std::array<std::string_view, 8> kBedrockRegions = {"us", "eu", "apac", "global",
                                                             "jp", "au", "ca",   "us-gov"};

// OpenRouter's vendor prefixes, and the sections holding those vendors' own prices.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOpenRouterVendors = {{
    {"openai", "openai"},
    {"anthropic", "anthropic"},
    {"google", "gemini"},
    {"x-ai", "xai"},
    {"mistralai", "mistral"},
    {"deepseek", "deepseek"},
}};

// Hosts of another family's models are charged that family's list prices.
std::string_view section_for(std::string_view provider_type) {
  if (provider_type == "azure" || provider_type == "openai_compatible") return "openai";
  if (provider_type == "vertex") return "gemini";
  return provider_type;
}

bool all_digits(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One word of a release suffix. The first word must not be a short number, which names a
// sibling model rather than a release of this one ("claude-opus-4-5" is not a release of
// "claude-opus-4"); "0" is the x.0 release itself ("claude-opus-4-0").
bool is_release_word(std::string_view word, bool first) {
  if (word == "latest" || word == "preview" || word == "exp") return true;
  if (word.size() >= 2 && word[0] == 'v' && all_digits(word.substr(1))) return true;
  if (!all_digits(word)) return false;
  return !first || word.size() >= 3 || word == "0";
}

// True when what follows "<key>-" names a release of the key's model: a date or snapshot
// ("2024-08-06", "20250929-v1", "0709", "001"), "latest", or "preview-09-2025". A word like
// "mini", "pro" or "audio" makes it another model, whose price would be wrong, so it is unknown.
bool is_release_suffix(std::string_view rest) {
  for (bool first = true;; first = false) {
    const std::size_t dash = rest.find('-');
    if (!is_release_word(rest.substr(0, dash), first)) return false;
    if (dash == std::string_view::npos) return true;
    rest.remove_prefix(dash + 1);
  }
}

// A Bedrock model id without what prices don't depend on: an ARN's path, the region prefix and
// the ":0" version ("us.anthropic.claude-sonnet-4-5-20250929-v1:0" ->
// "anthropic.claude-sonnet-4-5-20250929-v1").
std::string_view bedrock_model(std::string_view model) {
  if (model.starts_with("arn:")) model.remove_prefix(model.rfind('/') + 1);
  model = model.substr(0, model.find(':'));
  const std::string_view region = model.substr(0, model.find('.'));
  if (region.size() < model.size() &&
      std::find(kBedrockRegions.begin(), kBedrockRegions.end(), region) != kBedrockRegions.end()) {
    model.remove_prefix(region.size() + 1);
  }
  return model;
}

}  // namespace

Result<PriceTable> PriceTable::parse(std::string_view yaml, std::string_view source_name) {
  return parse_price_file(yaml, source_name);
}

Result<PriceTable> PriceTable::load(const std::string& path) {
  auto fail = [&](const char* what) {
    return GatewayError{ErrorClass::internal, path + ": " + what + ": " + std::strerror(errno)};
  };
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return fail("cannot read");
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  // fopen succeeds on a directory on Linux; the read is what fails (EISDIR).
  if (std::ferror(file.get())) return fail("cannot read");
  return parse_price_file(text, path);
}

const ModelPrice* PriceTable::find(std::string_view provider_type, std::string_view model) const {
  static constexpr ModelPrice kFree{};
  if (std::find(kLocalTypes.begin(), kLocalTypes.end(), provider_type) != kLocalTypes.end()) {
    return &kFree;
  }
  if (provider_type == "bedrock") return find_in("bedrock", bedrock_model(model));
  if (provider_type != "openrouter") return find_in(section_for(provider_type), model);

  // OpenRouter: a deployer's own "openrouter" section first, then the vendor's list price.
  if (const ModelPrice* own = find_in("openrouter", model)) return own;
  const std::size_t slash = model.find('/');
  if (slash == std::string_view::npos) return nullptr;
  const std::string_view vendor = model.substr(0, slash);
  const std::string_view name = model.substr(slash + 1);
  for (const auto& [prefix, section] : kOpenRouterVendors) {
    if (prefix != vendor) continue;
    if (const ModelPrice* price = find_in(section, name)) return price;
    // OpenRouter writes versions with dots ("claude-sonnet-4.5") where Anthropic uses dashes.
    std::string dashed(name);
    std::replace(dashed.begin(), dashed.end(), '.', '-');
    return dashed == name ? nullptr : find_in(section, dashed);
  }
  return nullptr;
}

const ModelPrice* PriceTable::find_in(std::string_view section, std::string_view model) const {
  const auto found = sections_.find(section);
  if (found == sections_.end() || model.empty()) return nullptr;
  const Section& prices = found->second;
  if (const auto exact = prices.find(model); exact != prices.end()) return &exact->second;
  // The longest listed name that the model extends with a release suffix.
  for (std::size_t dash = model.rfind('-'); dash != std::string_view::npos && dash > 0;
       dash = model.rfind('-', dash - 1)) {
    const auto base = prices.find(model.substr(0, dash));
    if (base != prices.end() && is_release_suffix(model.substr(dash + 1))) return &base->second;
  }
  return nullptr;
}

std::string default_prices_file() {
  namespace fs = std::filesystem;
  const fs::path relative = fs::path("data") / "prices.yaml";
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build*/src/sluice inside the repository finds <repo>/data/prices.yaml two levels up.
    for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      const fs::path candidate = dir / relative;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
      if (dir == dir.root_path()) break;
    }
  }
  if (fs::is_regular_file(relative, ec)) {
    const fs::path absolute = fs::absolute(relative, ec);
    if (!ec) return absolute.string();
  }
  return relative.string();
}

}  // namespace sluice::telemetry
