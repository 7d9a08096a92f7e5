// VertexCredentials: the token sources of every `type: vertex` provider, built once at start-up
// and shared by all workers (each source locks only its own small cache).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "providers/vertex/token_source.h"
#include "upstream/connection_pool.h"
#include "util/async.h"

namespace sluice::providers::vertex {

class VertexCredentials {
 public:
  // One TokenSource per vertex provider of `config` (throws std::runtime_error, like the
  // upstream targets, if one cannot be built).
  explicit VertexCredentials(const config::Config& config);

  // The source for `provider`, or null when it is not a vertex provider.
  TokenSource* source_for(const config::ProviderConfig& provider) const;

  // Adds `authorization: Bearer <token>` for a vertex provider (nothing for other types).
  // Fetches on the calling worker's `pool` when no valid token is cached.
  Awaitable<std::optional<GatewayError>> authorize(
      const config::ProviderConfig& provider, upstream::ConnectionPool& pool,
      std::vector<std::pair<std::string, std::string>>& headers) const;

 private:
  std::map<std::string, std::unique_ptr<TokenSource>, std::less<>> sources_;
};

}  // namespace sluice::providers::vertex
