#include "providers/vertex/token_cache.h"

#include <algorithm>

namespace sluice::providers::vertex {

TokenCache::Step TokenCache::next(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Step step;
  if (valid(now) && (now < refresh_at_ || fetching_)) {
    step.token = token_;  // fresh, or someone is already refreshing it
    return step;
  }
  if (fetching_) {
    step.kind = Step::Kind::wait;
    step.generation = generation_;
    return step;
  }
  fetching_ = true;
  step.kind = Step::Kind::fetch;
  if (valid(now)) step.token = token_;
  return step;
}

std::vector<std::function<void()>> TokenCache::finish_locked() {
  fetching_ = false;
  ++generation_;
  std::vector<std::function<void()>> woken;
  woken.swap(waiters_);
  return woken;
}

void TokenCache::store(AccessToken token, Clock::time_point now) {
  std::vector<std::function<void()>> woken;
  {
    std::lock_guard lock(mutex_);
    const auto lifetime = std::max(token.expires_at - now, Clock::duration::zero());
    const auto margin = std::min<Clock::duration>(kRefreshMargin, lifetime / 2);
    token_ = std::move(token.value);
    expires_at_ = token.expires_at;
    refresh_at_ = token.expires_at - margin;
    last_error_.reset();
    woken = finish_locked();
  }
  for (auto& wake : woken) wake();
}

void TokenCache::fail(GatewayError error) {
  std::vector<std::function<void()>> woken;
  {
    std::lock_guard lock(mutex_);
    last_error_ = std::move(error);
    woken = finish_locked();
  }
  for (auto& wake : woken) wake();
}

bool TokenCache::add_waiter(uint64_t generation, std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  if (generation != generation_) return false;
  waiters_.push_back(std::move(wake));
  return true;
}

std::optional<Result<std::string>> TokenCache::outcome(uint64_t generation,
                                                       Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (generation == generation_) return std::nullopt;
  if (valid(now)) return Result<std::string>(token_);
  if (last_error_) return Result<std::string>(*last_error_);
  return Result<std::string>(GatewayError{ErrorClass::internal, "access token expired"});
}

}  // namespace sluice::providers::vertex
