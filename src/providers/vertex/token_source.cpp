#include "providers/vertex/token_source.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <stdexcept>

#include "upstream/upstream_call.h"
#include "util/async.h"

namespace sluice::providers::vertex {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxTokenResponse = 64 * 1024;
// Google's token endpoint answers in well under a second; a stuck one should not hold requests
// for the provider's long first-byte timeout (sized for models that think).
constexpr unsigned kTokenTimeoutMs = 30'000;

// The token endpoint as an upstream: the key file's token_uri, the provider's TLS settings.
std::shared_ptr<const upstream::UpstreamTarget> token_target(
    const config::ProviderConfig& provider) {
  config::ProviderConfig origin = provider;
  origin.api_base = provider.service_account.token_url;
  origin.first_byte_timeout_ms = std::min(provider.first_byte_timeout_ms, kTokenTimeoutMs);
  origin.idle_timeout_ms = std::min(provider.idle_timeout_ms, kTokenTimeoutMs);
  return upstream::make_upstream_target(origin);
}

int64_t unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Ends the cache's fetch with an error if the fetching coroutine is destroyed before it reports
// (e.g. its worker stops), so waiters are not left waiting for a fetch that will never end.
class FetchGuard {
 public:
  explicit FetchGuard(TokenCache& cache) : cache_(cache) {}
  ~FetchGuard() {
    if (!done_) cache_.fail(GatewayError{ErrorClass::internal, "token fetch abandoned"});
  }
  void done() { done_ = true; }

 private:
  TokenCache& cache_;
  bool done_ = false;
};

}  // namespace

TokenSource::TokenSource(const config::ProviderConfig& provider,
                         std::function<Clock::time_point()> clock)
    : provider_(provider),
      clock_(std::move(clock)),
      signer_(RsaSigner::from_pem(provider.service_account.private_key)),
      target_(token_target(provider)) {
  if (!signer_) {
    throw std::runtime_error("provider '" + provider.name +
                             "': the service account's private_key is not an RSA key");
  }
  // A fetch may retry a stale connection once: two connects and two first bytes, then a body.
  max_wait_ =
      std::chrono::milliseconds(2 * (target_->connect_timeout_ms + target_->first_byte_timeout_ms) +
                                target_->idle_timeout_ms + 1'000);
}

TokenSource::~TokenSource() = default;

Awaitable<Result<std::string>> TokenSource::access_token(upstream::ConnectionPool& pool) {
  TokenCache::Step step = cache_.next(clock_());
  if (step.kind == TokenCache::Step::Kind::use) co_return std::move(step.token);
  if (step.kind == TokenCache::Step::Kind::wait) {
    Result<std::string> waited = co_await wait_for_fetch(step.generation);
    co_return waited;
  }
  std::string still_valid = std::move(step.token);
  Result<std::string> fetched = co_await fetch(pool, std::move(still_valid));
  co_return fetched;
}

Awaitable<Result<std::string>> TokenSource::fetch(upstream::ConnectionPool& pool,
                                                  std::string still_valid) {
  FetchGuard guard(cache_);
  Result<AccessToken> token = co_await exchange(pool);
  guard.done();
  if (!token) {
    const GatewayError error = token.error();
    cache_.fail(error);
    if (still_valid.empty()) co_return error;
    // The cached token has a few minutes left: serve with it, the next request tries again.
    spdlog::warn("{} (the current token is still valid and stays in use)", error.message);
    co_return std::move(still_valid);
  }
  std::string value = token->value;
  cache_.store(std::move(*token), clock_());
  co_return value;
}

Awaitable<Result<AccessToken>> TokenSource::exchange(upstream::ConnectionPool& pool) {
  const auto assertion = make_jwt_assertion(provider_.service_account, *signer_, unix_seconds());
  if (!assertion) {
    GatewayError error{ErrorClass::internal,
                       "provider '" + provider_.name + "': cannot sign the service account JWT"};
    co_return error;
  }
  upstream::UpstreamRequest request;
  request.path = "";  // the target's base path is token_uri's path
  request.body = token_request_body(*assertion);
  request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("accept", "application/json");
  const Clock::time_point sent = clock_();
  upstream::UpstreamCall call(pool, *target_);
  std::optional<GatewayError> error = co_await call.start(std::move(request));
  std::string body;
  if (!error) {
    const bool complete = co_await call.read_all(body, kMaxTokenResponse);
    if (!complete) error = call.error();
  }
  if (error) {
    error->message += " (fetching an OAuth2 access token)";
    co_return std::move(*error);
  }
  co_return read_token_response(provider_.name, call.status(), body, sent);
}

Awaitable<Result<std::string>> TokenSource::wait_for_fetch(uint64_t generation) {
  auto executor = co_await asio::this_coro::executor;
  auto timer = std::make_shared<SteadyTimer>(executor);
  timer->expires_after(max_wait_);
  // Weak: a waiter whose worker is gone must not be kept alive (or touched) by the fetcher.
  std::weak_ptr<SteadyTimer> weak = timer;
  auto wake = [weak] {
    if (auto alive = weak.lock()) {
      asio::post(alive->get_executor(), [weak] {
        if (auto t = weak.lock()) t->cancel();
      });
    }
  };
  const bool registered = cache_.add_waiter(generation, std::move(wake));
  if (registered) {
    boost::system::error_code ec;
    co_await timer->async_wait(asio::redirect_error(use_awaitable, ec));
  }
  std::optional<Result<std::string>> outcome = cache_.outcome(generation, clock_());
  if (outcome) co_return std::move(*outcome);
  GatewayError timeout{ErrorClass::timeout, "provider '" + provider_.name +
                                                "': timed out waiting for an OAuth2 access token"};
  co_return timeout;
}

}  // namespace sluice::providers::vertex
