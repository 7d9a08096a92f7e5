// The models: section. References (deployment providers, fallbacks) are checked here so a typo
// fails at start-up instead of on the first request that needs it.
#include "config/model_section.h"

#include <algorithm>
#include <array>
#include <set>

namespace sluice::config {
namespace {

constexpr std::array<std::string_view, 6> kStrategies = {
    "weighted", "priority", "latency", "cost", "least_busy", "cache_affinity"};

std::string strategy_list() {
  std::string out;
  for (std::string_view name : kStrategies) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string read_strategy(const YamlReader& reader, const Located& at) {
  ScalarText value = reader.text(at);
  if (std::find(kStrategies.begin(), kStrategies.end(), value.text) == kStrategies.end()) {
    reader.fail(at, "unknown strategy " + quoted(value) + " (supported: " + strategy_list() + ")");
  }
  return value.text;
}

// A non-empty scalar, keeping whether ${...} supplied it (then it is never echoed).
ScalarText read_name(const YamlReader& reader, const Located& at) {
  ScalarText value = reader.text(at);
  if (value.text.empty()) reader.fail(at, "is empty");
  return value;
}

DeploymentConfig read_deployment(const YamlReader& reader, const Located& at,
                                 const std::map<std::string, ProviderConfig>& providers) {
  DeploymentConfig out;
  bool has_provider = false;
  bool has_model = false;
  for (const Located& entry :
       reader.entries(at, {"provider", "model", "weight", "id", "tools", "vision", "json_schema",
                           "context_window", "max_output_tokens", "input_price", "output_price",
                           "cached_input_price", "cache_write_price", "reasoning_price",
                           "request_price", "first_byte_timeout_ms"})) {
    if (entry.key == "provider") {
      ScalarText name = read_name(reader, entry);
      if (providers.count(name.text) == 0) reader.fail(entry, "unknown provider " + quoted(name));
      out.provider = std::move(name.text);
      has_provider = true;
    } else if (entry.key == "model") {
      out.model = reader.non_empty(entry);
      has_model = true;
    } else if (entry.key == "weight") {
      out.weight = reader.number<unsigned>(entry, 0, 1'000'000);
    } else if (entry.key == "id") {
      out.id = reader.non_empty(entry);
    } else if (entry.key == "first_byte_timeout_ms") {
      out.first_byte_timeout_ms = reader.number<unsigned>(entry, 1, 86'400'000);
    } else if (entry.key == "tools") {
      out.tools = reader.boolean(entry);
    } else if (entry.key == "vision") {
      out.vision = reader.boolean(entry);
    } else if (entry.key == "json_schema") {
      out.json_schema = reader.boolean(entry);
    } else if (entry.key == "context_window") {
      out.context_window = reader.number<uint64_t>(entry, 1);
    } else if (entry.key == "max_output_tokens") {
      out.max_output_tokens = reader.number<uint64_t>(entry, 1);
    } else if (entry.key == "input_price") {
      out.input_price = reader.real(entry, 0.0, 1e6);
    } else if (entry.key == "output_price") {
      out.output_price = reader.real(entry, 0.0, 1e6);
    } else if (entry.key == "cached_input_price") {
      out.cached_input_price = reader.real(entry, 0.0, 1e6);
    } else if (entry.key == "cache_write_price") {
      out.cache_write_price = reader.real(entry, 0.0, 1e6);
    } else if (entry.key == "reasoning_price") {
      out.reasoning_price = reader.real(entry, 0.0, 1e6);
    } else if (entry.key == "request_price") {
      out.request_price = reader.real(entry, 0.0, 1e6);
    }
  }
  if (!has_provider) reader.fail_missing(at, "provider");
  if (!has_model) reader.fail_missing(at, "model");
  if (out.id.empty()) out.id = out.provider + "/" + out.model;
  return out;
}

constexpr std::array<std::string_view, 11> kErrorClasses = {
    "rate_limited", "overloaded",     "timeout",        "connection", "server",    "auth",
    "bad_request",  "content_filter", "context_length", "not_found",  "permission"};

RetryConfig read_retry(const YamlReader& reader, const Located& at) {
  RetryConfig out;
  for (const Located& entry :
       reader.entries(at, {"max_attempts", "backoff_ms", "max_backoff_ms", "retry_on"})) {
    if (entry.key == "max_attempts") {
      out.max_attempts = reader.number<unsigned>(entry, 1, 20);
    } else if (entry.key == "backoff_ms") {
      out.backoff_ms = reader.number<unsigned>(entry, 0, 60'000);
    } else if (entry.key == "max_backoff_ms") {
      out.max_backoff_ms = reader.number<unsigned>(entry, 0, 600'000);
    } else if (entry.key == "retry_on") {
      for (const Located& item : reader.items(entry)) {
        ScalarText name = reader.text(item);
        if (std::find(kErrorClasses.begin(), kErrorClasses.end(), name.text) ==
            kErrorClasses.end()) {
          reader.fail(item, "unknown error class " + quoted(name));
        }
        out.retry_on.push_back(std::move(name.text));
      }
    }
  }
  return out;
}

BreakerConfig read_breaker(const YamlReader& reader, const Located& at) {
  BreakerConfig out;
  for (const Located& entry : reader.entries(at, {"failures", "open_ms"})) {
    if (entry.key == "failures") {
      out.failures = reader.number<unsigned>(entry, 1, 1'000'000);
    } else if (entry.key == "open_ms") {
      out.open_ms = reader.number<unsigned>(entry, 1, 86'400'000);
    }
  }
  return out;
}

// Where a model's name and fallbacks were written (and whether ${...} supplied them), for checks
// that need every model first: a fallback may name a model defined further down.
struct ModelRefs {
  Located name_at;
  ScalarText name;
  std::vector<std::pair<Located, ScalarText>> fallbacks;
};

ModelConfig read_model(const YamlReader& reader, const Located& at,
                       const std::map<std::string, ProviderConfig>& providers, ModelRefs& refs) {
  ModelConfig out;
  bool has_name = false;
  for (const Located& entry : reader.entries(
           at, {"name", "strategy", "deployments", "fallbacks", "content_filter_fallbacks",
                "context_length_fallbacks", "retry", "breaker", "timeout_ms",
                "first_byte_timeout_ms", "latency_exploration", "allow_overrides"})) {
    if (entry.key == "name") {
      refs.name_at = entry;
      refs.name = read_name(reader, entry);
      out.name = refs.name.text;
      has_name = true;
    } else if (entry.key == "strategy") {
      out.strategy = read_strategy(reader, entry);
    } else if (entry.key == "deployments") {
      for (const Located& item : reader.items(entry)) {
        out.deployments.push_back(read_deployment(reader, item, providers));
      }
      if (out.deployments.empty()) reader.fail(entry, "needs at least one deployment");
    } else if (entry.key == "fallbacks" || entry.key == "content_filter_fallbacks" ||
               entry.key == "context_length_fallbacks") {
      auto& list = entry.key == "fallbacks"                  ? out.fallbacks
                   : entry.key == "content_filter_fallbacks" ? out.content_filter_fallbacks
                                                             : out.context_length_fallbacks;
      for (const Located& item : reader.items(entry)) {
        refs.fallbacks.emplace_back(item, read_name(reader, item));
        list.push_back(refs.fallbacks.back().second.text);
      }
    } else if (entry.key == "retry") {
      out.retry = read_retry(reader, entry);
    } else if (entry.key == "breaker") {
      out.breaker = read_breaker(reader, entry);
    } else if (entry.key == "timeout_ms") {
      out.timeout_ms = reader.number<unsigned>(entry, 1, 86'400'000);
    } else if (entry.key == "first_byte_timeout_ms") {
      out.first_byte_timeout_ms = reader.number<unsigned>(entry, 1, 86'400'000);
    } else if (entry.key == "latency_exploration") {
      out.latency_exploration = reader.real(entry, 0.0, 1.0);
    } else if (entry.key == "allow_overrides") {
      out.allow_overrides = reader.boolean(entry);
    }
  }
  if (!has_name) reader.fail_missing(at, "name");
  if (out.deployments.empty()) reader.fail_missing(at, "deployments", "at least one deployment");
  std::set<std::string> ids;
  for (const auto& deployment : out.deployments) {
    if (!ids.insert(deployment.id).second) {
      reader.fail(at,
                  "two deployments share the id '" + deployment.id + "': give them distinct `id`s");
    }
  }
  return out;
}

// Fallbacks must name another configured model; cycles are left to the dispatcher, which never
// tries a model twice in one request.
void check_fallbacks(const YamlReader& reader, const std::set<std::string>& names,
                     const ModelRefs& refs) {
  for (const auto& [at, target] : refs.fallbacks) {
    if (target.text == refs.name.text) reader.fail(at, "a model cannot fall back to itself");
    if (names.count(target.text) == 0) reader.fail(at, "unknown model " + quoted(target));
  }
}

}  // namespace

std::vector<ModelConfig> read_models(const YamlReader& reader, const Located& section,
                                     const std::map<std::string, ProviderConfig>& providers) {
  std::vector<ModelConfig> out;
  std::vector<ModelRefs> refs;
  std::set<std::string> names;
  for (const Located& item : reader.items(section)) {
    refs.emplace_back();
    out.push_back(read_model(reader, item, providers, refs.back()));
    if (!names.insert(out.back().name).second) {
      reader.fail(refs.back().name_at, "duplicate model name " + quoted(refs.back().name));
    }
  }
  for (const ModelRefs& model : refs) check_fallbacks(reader, names, model);
  return out;
}

}  // namespace sluice::config
