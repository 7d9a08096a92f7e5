// TokenSource: OAuth2 access tokens for one Vertex AI provider, from its service account.
// Shared by all workers: the token is cached process-wide and refreshed before it expires; when
// no valid token is cached, one request fetches it and the others wait for that one fetch.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "core/result.h"
#include "providers/vertex/jwt_assertion.h"
#include "providers/vertex/token_cache.h"
#include "upstream/connection_pool.h"
#include "upstream/upstream_target.h"
#include "util/async.h"

namespace sluice::providers::vertex {

class TokenSource {
 public:
  using Clock = TokenCache::Clock;

  // Loads the key and builds the token endpoint's target (origin from the key file, never from
  // a request). Throws std::runtime_error, at start-up only, if either fails. `provider` must
  // outlive the source.
  explicit TokenSource(const config::ProviderConfig& provider,
                       std::function<Clock::time_point()> clock = &Clock::now);
  ~TokenSource();
  TokenSource(const TokenSource&) = delete;
  TokenSource& operator=(const TokenSource&) = delete;

  // A valid access token for `Authorization: Bearer`. A fetch runs on the calling worker's
  // `pool`. Errors name the provider: auth (the key was refused), connection, timeout, server.
  Awaitable<Result<std::string>> access_token(upstream::ConnectionPool& pool);

 private:
  Awaitable<Result<std::string>> fetch(upstream::ConnectionPool& pool, std::string still_valid);
  Awaitable<Result<AccessToken>> exchange(upstream::ConnectionPool& pool);
  Awaitable<Result<std::string>> wait_for_fetch(uint64_t generation);

  const config::ProviderConfig& provider_;
  std::function<Clock::time_point()> clock_;
  std::unique_ptr<RsaSigner> signer_;
  std::shared_ptr<const upstream::UpstreamTarget> target_;
  std::chrono::milliseconds max_wait_;  // longest a waiter waits for another request's fetch
  TokenCache cache_;
};

}  // namespace sluice::providers::vertex
