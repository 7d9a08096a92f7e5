// Where an OpenAI-style endpoint lives below a provider's base URL. OpenAI-compatible services
// use "/chat/completions"; Azure OpenAI names the deployment in the path and wants api-version.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"

namespace sluice::providers::openai {

// The api-version Azure gets when the config names none (a GA version).
inline constexpr std::string_view kDefaultAzureApiVersion = "2024-10-21";

// `endpoint` is "chat/completions" or "embeddings"; `upstream_model` is Azure's deployment.
std::string endpoint_path(const config::ProviderConfig& provider, std::string_view endpoint,
                          std::string_view upstream_model);

}  // namespace sluice::providers::openai
