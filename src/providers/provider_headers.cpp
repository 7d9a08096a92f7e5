#include "providers/provider_headers.h"

namespace sluice::providers {

void append_provider_headers(const config::ProviderConfig& provider,
                             std::vector<std::pair<std::string, std::string>>& out) {
  if (!provider.api_key.empty()) {
    if (provider.auth_header.empty() || provider.auth_header == "authorization") {
      out.emplace_back("authorization", "Bearer " + provider.api_key);
    } else {
      out.emplace_back(provider.auth_header, provider.api_key);
    }
  }
  for (const auto& [name, value] : provider.headers) out.emplace_back(name, value);
}

}  // namespace sluice::providers
