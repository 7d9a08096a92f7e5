// TokenCache: one provider's access token, shared by every worker thread, and the decision of
// who fetches the next one. Pure logic behind one mutex, with the time passed in (so refresh
// timing is tested with a fake clock); the I/O lives in TokenSource.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "providers/vertex/token_exchange.h"

namespace sluice::providers::vertex {

class TokenCache {
 public:
  using Clock = std::chrono::steady_clock;
  // A token is refreshed when less than this is left (or less than half its lifetime, for
  // tokens shorter than twice this).
  static constexpr std::chrono::seconds kRefreshMargin{300};

  // What one caller should do now.
  struct Step {
    enum class Kind {
      use,    // send `token`
      fetch,  // fetch a token, then report it with store() or fail(); `token`, if not empty, is
              // still valid and may be sent if the fetch fails
      wait,   // another caller is fetching: add_waiter(generation, ...) then outcome(generation)
    };
    Kind kind = Kind::use;
    std::string token;
    uint64_t generation = 0;
  };

  Step next(Clock::time_point now);
  // The fetcher's report. Wakes every waiter (their callbacks run outside the lock).
  void store(AccessToken token, Clock::time_point now);
  void fail(GatewayError error);

  // Registers `wake`, called once the fetch running in `generation` ends. False (and `wake` is
  // dropped) when it has already ended: the caller goes straight to outcome().
  bool add_waiter(uint64_t generation, std::function<void()> wake);
  // After the fetch of `generation` ended: the token, or that fetch's error. Nullopt while
  // that fetch is still running.
  std::optional<Result<std::string>> outcome(uint64_t generation, Clock::time_point now) const;

 private:
  bool valid(Clock::time_point now) const { return !token_.empty() && now < expires_at_; }
  std::vector<std::function<void()>> finish_locked();

  mutable std::mutex mutex_;
  std::string token_;
  Clock::time_point expires_at_{};
  Clock::time_point refresh_at_{};
  bool fetching_ = false;
  uint64_t generation_ = 0;  // counts finished fetches
  std::optional<GatewayError> last_error_;
  std::vector<std::function<void()>> waiters_;
};

}  // namespace sluice::providers::vertex
