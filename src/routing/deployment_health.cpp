#include "routing/deployment_health.h"

#include <algorithm>

namespace sluice::routing {
namespace {

// Weight of the newest sample in the latency average: recent enough to notice a slowdown within
// a few dozen requests, smooth enough to ignore one slow answer.
constexpr double kLatencySmoothing = 0.2;

}  // namespace

const char* breaker_state_name(BreakerState state) {
  switch (state) {
    case BreakerState::closed:
      return "closed";
    case BreakerState::open:
      return "open";
    case BreakerState::half_open:
      return "half_open";
  }
  return "closed";
}

BreakerState DeploymentHealth::state_at(Clock::time_point now) const {
  if (state_ == BreakerState::open && now >= open_until_) return BreakerState::half_open;
  return state_;
}

bool DeploymentHealth::available(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (now < cooldown_until_) return false;
  const BreakerState state = state_at(now);
  if (state == BreakerState::open) return false;
  return state == BreakerState::closed || !probe_in_flight_;
}

bool DeploymentHealth::admit(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (now < cooldown_until_) return false;
  state_ = state_at(now);
  if (state_ == BreakerState::open) return false;
  if (state_ == BreakerState::half_open) {
    if (probe_in_flight_) return false;
    probe_in_flight_ = true;
  }
  return true;
}

void DeploymentHealth::on_success(std::chrono::microseconds latency, Clock::time_point now) {
  (void)now;
  std::lock_guard lock(mutex_);
  const double ms = static_cast<double>(latency.count()) / 1000.0;
  latency_ms_ = successes_ == 0 ? ms : latency_ms_ + kLatencySmoothing * (ms - latency_ms_);
  ++successes_;
  consecutive_failures_ = 0;
  state_ = BreakerState::closed;
  probe_in_flight_ = false;
}

void DeploymentHealth::on_failure(Clock::time_point now, std::chrono::milliseconds retry_after) {
  std::lock_guard lock(mutex_);
  ++failures_;
  ++consecutive_failures_;
  if (retry_after.count() > 0) cooldown_until_ = std::max(cooldown_until_, now + retry_after);
  const BreakerState state = state_at(now);
  const bool trip = state == BreakerState::half_open ||
                    (state == BreakerState::closed && consecutive_failures_ >= breaker_.failures);
  if (trip) {
    state_ = BreakerState::open;
    open_until_ = now + std::chrono::milliseconds(breaker_.open_ms);
    ++opened_;
  }
  probe_in_flight_ = false;
}

void DeploymentHealth::on_abandoned() {
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
}

double DeploymentHealth::latency_ms() const {
  std::lock_guard lock(mutex_);
  return latency_ms_;
}

DeploymentHealth::Snapshot DeploymentHealth::snapshot(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  Snapshot out;
  out.state = state_at(now);
  out.consecutive_failures = consecutive_failures_;
  out.latency_ms = latency_ms_;
  out.in_flight = in_flight();
  auto until = cooldown_until_;
  if (out.state == BreakerState::open) until = std::max(until, open_until_);
  if (until > now) {
    out.cooldown_ms = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
  }
  out.successes = successes_;
  out.failures = failures_;
  out.opened = opened_;
  return out;
}

}  // namespace sluice::routing
