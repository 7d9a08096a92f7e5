// DeploymentHealth: what the router knows about one deployment right now, shared by every worker
// of the instance: requests in flight, smoothed latency, a circuit breaker and a Retry-After
// cooldown. Each update is a few field writes under one mutex, never held across I/O.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "config/config.h"

namespace sluice::routing {

enum class BreakerState { closed, open, half_open };

// Short stable name of a breaker state (metrics, admin API).
const char* breaker_state_name(BreakerState state);

class DeploymentHealth {
 public:
  using Clock = std::chrono::steady_clock;

  explicit DeploymentHealth(config::BreakerConfig breaker) : breaker_(breaker) {}
  DeploymentHealth(const DeploymentHealth&) = delete;
  DeploymentHealth& operator=(const DeploymentHealth&) = delete;

  // True when an attempt may go here now (breaker not open, no cooldown), without reserving.
  bool available(Clock::time_point now) const;
  // Like available(), but a half-open breaker admits one probe at a time: this reserves it.
  bool admit(Clock::time_point now);

  // The outcome of an attempt. `latency` is the time to the response head (a stream's first
  // byte). Failures that say nothing about the deployment's health (the caller's own errors)
  // must not be reported here.
  void on_success(std::chrono::microseconds latency, Clock::time_point now);
  // `retry_after`: how long the provider asked us to stay away (zero: no ask).
  void on_failure(Clock::time_point now, std::chrono::milliseconds retry_after);
  // An admitted attempt that ended without an outcome for the deployment (e.g. the client left).
  void on_abandoned();

  void begin_request() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void end_request() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  int in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  // Smoothed latency in ms; 0 before the first success.
  double latency_ms() const;

  struct Snapshot {
    BreakerState state = BreakerState::closed;
    unsigned consecutive_failures = 0;
    double latency_ms = 0;
    int in_flight = 0;
    int64_t cooldown_ms = 0;  // left of a Retry-After cooldown, or of an open breaker
    uint64_t successes = 0;
    uint64_t failures = 0;
    uint64_t opened = 0;  // times the breaker opened
  };
  Snapshot snapshot(Clock::time_point now) const;

 private:
  BreakerState state_at(Clock::time_point now) const;  // open turns half-open when its time is up

  const config::BreakerConfig breaker_;
  mutable std::mutex mutex_;
  BreakerState state_ = BreakerState::closed;
  bool probe_in_flight_ = false;
  unsigned consecutive_failures_ = 0;
  Clock::time_point open_until_{};
  Clock::time_point cooldown_until_{};
  double latency_ms_ = 0;
  uint64_t successes_ = 0;
  uint64_t failures_ = 0;
  uint64_t opened_ = 0;
  std::atomic<int> in_flight_{0};
};

}  // namespace sluice::routing
