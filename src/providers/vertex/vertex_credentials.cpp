#include "providers/vertex/vertex_credentials.h"

#include "util/async.h"

namespace sluice::providers::vertex {

VertexCredentials::VertexCredentials(const config::Config& config) {
  for (const auto& [name, provider] : config.providers) {
    if (provider.type == "vertex") sources_.emplace(name, std::make_unique<TokenSource>(provider));
  }
}

TokenSource* VertexCredentials::source_for(const config::ProviderConfig& provider) const {
  if (provider.type != "vertex") return nullptr;
  auto it = sources_.find(provider.name);
  return it == sources_.end() ? nullptr : it->second.get();
}

Awaitable<std::optional<GatewayError>> VertexCredentials::authorize(
    const config::ProviderConfig& provider, upstream::ConnectionPool& pool,
    std::vector<std::pair<std::string, std::string>>& headers) const {
  TokenSource* source = source_for(provider);
  if (source == nullptr) co_return std::nullopt;
  Result<std::string> token = co_await source->access_token(pool);
  if (!token) co_return token.error();
  // Replaces any authorization header the encoder may have set.
  std::erase_if(headers, [](const auto& header) {
    return header.first.size() == 13 &&
           (header.first == "authorization" || header.first == "Authorization");
  });
  headers.emplace_back("authorization", "Bearer " + *token);
  co_return std::nullopt;
}

}  // namespace sluice::providers::vertex
