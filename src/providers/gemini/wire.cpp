#include "providers/gemini/wire.h"

#include <array>

namespace sluice::providers::gemini {

bool is_vertex(const config::ProviderConfig& provider) {
  return provider.type == "vertex" || provider.family == "vertex";
}

std::string_view bare_model(std::string_view model) {
  if (model.starts_with("models/")) model.remove_prefix(7);
  return model;
}

std::string model_path(const config::ProviderConfig& provider, std::string_view model,
                       std::string_view method) {
  std::string path = is_vertex(provider) ? "/publishers/google/models/" : "/models/";
  path.append(bare_model(model));
  path.push_back(':');
  path.append(method);
  return path;
}

std::string provider_label(const config::ProviderConfig& provider) {
  if (!provider.name.empty()) return provider.name;
  return is_vertex(provider) ? "vertex" : "gemini";
}

simdjson::error_code read_wire_usage(json::od::value value, WireUsage& usage) {
  json::od::object object;
  if (auto err = value.get_object().get(object)) return err;
  usage.present = true;
  for (auto field : object) {
    std::string_view key;
    json::od::value item;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (auto err = field.value().get(item)) return err;
    int64_t* target = key == "promptTokenCount"          ? &usage.prompt
                      : key == "candidatesTokenCount"    ? &usage.candidates
                      : key == "cachedContentTokenCount" ? &usage.cached
                      : key == "thoughtsTokenCount"      ? &usage.thoughts
                      : key == "toolUsePromptTokenCount" ? &usage.tool_prompt
                      : key == "totalTokenCount"         ? &usage.total
                                                         : nullptr;
    if (target == nullptr || json::is_null(item)) continue;
    if (auto err = item.get_int64().get(*target)) return err;
  }
  return simdjson::SUCCESS;
}

Usage to_usage(const WireUsage& wire) {
  Usage usage;
  usage.present = wire.present;
  usage.prompt_tokens = wire.prompt + wire.tool_prompt;
  usage.completion_tokens = wire.candidates + wire.thoughts;
  usage.total_tokens = wire.total > 0 ? wire.total : usage.prompt_tokens + usage.completion_tokens;
  usage.cached_tokens = wire.cached;
  usage.reasoning_tokens = wire.thoughts;
  return usage;
}

std::string_view finish_reason_for(std::string_view finish_reason, bool called_functions) {
  static constexpr std::array<std::string_view, 6> kFiltered{
      "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"};
  if (finish_reason == "MAX_TOKENS") return "length";
  for (std::string_view filtered : kFiltered) {
    if (finish_reason == filtered) return "content_filter";
  }
  return called_functions ? "tool_calls" : "stop";
}

}  // namespace sluice::providers::gemini
