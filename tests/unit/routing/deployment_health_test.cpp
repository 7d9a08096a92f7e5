#include "routing/deployment_health.h"

#include <gtest/gtest.h>

namespace sluice::routing {
namespace {

using namespace std::chrono_literals;
using Clock = DeploymentHealth::Clock;

config::BreakerConfig breaker(unsigned failures, unsigned open_ms) {
  config::BreakerConfig out;
  out.failures = failures;
  out.open_ms = open_ms;
  return out;
}

TEST(DeploymentHealth, OpensAfterConsecutiveFailuresThenHalfOpensOneProbe) {
  DeploymentHealth health(breaker(3, 1000));
  const Clock::time_point t0{};
  health.on_failure(t0, 0ms);
  health.on_failure(t0, 0ms);
  EXPECT_TRUE(health.available(t0));
  health.on_failure(t0, 0ms);
  EXPECT_FALSE(health.available(t0));
  EXPECT_FALSE(health.admit(t0 + 999ms));
  EXPECT_EQ(health.snapshot(t0).state, BreakerState::open);
  // Time is up: one probe is admitted, the next waits for its outcome.
  EXPECT_EQ(health.snapshot(t0 + 1000ms).state, BreakerState::half_open);
  EXPECT_TRUE(health.admit(t0 + 1000ms));
  EXPECT_FALSE(health.admit(t0 + 1001ms));
  health.on_success(5ms, t0 + 1002ms);
  EXPECT_EQ(health.snapshot(t0 + 1002ms).state, BreakerState::closed);
  EXPECT_TRUE(health.admit(t0 + 1002ms));
  EXPECT_EQ(health.snapshot(t0).opened, 1u);
}

TEST(DeploymentHealth, FailedProbeReopens) {
  DeploymentHealth health(breaker(1, 100));
  const Clock::time_point t0{};
  health.on_failure(t0, 0ms);
  ASSERT_TRUE(health.admit(t0 + 100ms));
  health.on_failure(t0 + 150ms, 0ms);
  EXPECT_FALSE(health.available(t0 + 200ms));
  EXPECT_TRUE(health.available(t0 + 250ms));
  EXPECT_EQ(health.snapshot(t0 + 250ms).opened, 2u);
}

TEST(DeploymentHealth, SuccessResetsTheFailureCount) {
  DeploymentHealth health(breaker(2, 100));
  const Clock::time_point t0{};
  health.on_failure(t0, 0ms);
  health.on_success(1ms, t0);
  health.on_failure(t0, 0ms);
  EXPECT_TRUE(health.available(t0));
}

TEST(DeploymentHealth, RetryAfterCoolsDownWithoutOpening) {
  DeploymentHealth health(breaker(5, 100));
  const Clock::time_point t0{};
  health.on_failure(t0, 2000ms);
  EXPECT_FALSE(health.available(t0 + 1999ms));
  EXPECT_TRUE(health.available(t0 + 2000ms));
  EXPECT_EQ(health.snapshot(t0).state, BreakerState::closed);
  EXPECT_EQ(health.snapshot(t0 + 500ms).cooldown_ms, 1500);
}

TEST(DeploymentHealth, LatencyIsSmoothed) {
  DeploymentHealth health(breaker(5, 100));
  const Clock::time_point t0{};
  health.on_success(10ms, t0);
  EXPECT_DOUBLE_EQ(health.latency_ms(), 10.0);
  health.on_success(110ms, t0);
  EXPECT_DOUBLE_EQ(health.latency_ms(), 30.0);  // 10 + 0.2 * (110 - 10)
}

TEST(DeploymentHealth, InFlightCounts) {
  DeploymentHealth health(breaker(5, 100));
  health.begin_request();
  health.begin_request();
  health.end_request();
  EXPECT_EQ(health.in_flight(), 1);
}

}  // namespace
}  // namespace sluice::routing
