// The preset table: every default base URL parses, and lookups behave.
#include "config/provider_presets.h"

#include <gtest/gtest.h>

#include <set>

#include "config/upstream_url.h"

namespace sluice::config {
namespace {

TEST(ConfigProviderPresets, EveryDefaultBaseParses) {
  for (const ProviderPreset& preset : provider_presets()) {
    if (preset.default_api_base.empty()) continue;
    auto url = parse_upstream_url(preset.default_api_base);
    EXPECT_TRUE(std::holds_alternative<UpstreamUrl>(url)) << preset.type;
  }
}

TEST(ConfigProviderPresets, TypesAreUniqueAndHaveAFamily) {
  std::set<std::string_view> seen;
  for (const ProviderPreset& preset : provider_presets()) {
    EXPECT_TRUE(seen.insert(preset.type).second) << preset.type;
    EXPECT_FALSE(preset.family.empty()) << preset.type;
    EXPECT_FALSE(preset.default_auth_header.empty()) << preset.type;
  }
  EXPECT_EQ(seen.size(), 17u);
}

TEST(ConfigProviderPresets, Lookup) {
  const ProviderPreset* groq = find_provider_preset("groq");
  ASSERT_NE(groq, nullptr);
  EXPECT_EQ(groq->default_api_base, "https://api.groq.com/openai/v1");
  EXPECT_TRUE(groq->needs_api_key);
  const ProviderPreset* vllm = find_provider_preset("vllm");
  ASSERT_NE(vllm, nullptr);
  EXPECT_TRUE(vllm->default_api_base.empty());
  EXPECT_FALSE(vllm->needs_api_key);
  const ProviderPreset* gemini = find_provider_preset("gemini");
  ASSERT_NE(gemini, nullptr);
  EXPECT_EQ(gemini->family, "gemini");
  EXPECT_EQ(gemini->default_auth_header, "x-goog-api-key");
  EXPECT_EQ(find_provider_preset("OpenAI"), nullptr);
  EXPECT_EQ(find_provider_preset(""), nullptr);
}

TEST(ConfigProviderPresets, SupportedListNamesAll) {
  EXPECT_EQ(supported_provider_types(),
            "openai, xai, groq, mistral, deepseek, together, openrouter, fireworks, anthropic, "
            "gemini, azure, vertex, bedrock, ollama, vllm, "
            "llamacpp, openai_compatible");
}

}  // namespace
}  // namespace sluice::config
