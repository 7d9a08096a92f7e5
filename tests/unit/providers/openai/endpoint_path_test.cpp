#include "providers/openai/endpoint_path.h"

#include <gtest/gtest.h>

namespace sluice::providers::openai {
namespace {

TEST(OpenAiEndpointPath, OpenAiCompatibleServicesUseTheEndpointName) {
  config::ProviderConfig provider;
  provider.type = "groq";
  EXPECT_EQ(endpoint_path(provider, "chat/completions", "llama-3"), "/chat/completions");
  EXPECT_EQ(endpoint_path(provider, "embeddings", "e"), "/embeddings");
}

TEST(OpenAiEndpointPath, AzureNamesTheDeploymentAndVersion) {
  config::ProviderConfig provider;
  provider.type = "azure";
  EXPECT_EQ(endpoint_path(provider, "chat/completions", "gpt4o-prod"),
            "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
  provider.api_version = "2025-01-01-preview";
  EXPECT_EQ(endpoint_path(provider, "embeddings", "a b/c"),
            "/openai/deployments/a%20b%2Fc/embeddings?api-version=2025-01-01-preview");
}

}  // namespace
}  // namespace sluice::providers::openai
