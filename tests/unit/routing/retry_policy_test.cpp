#include "routing/retry_policy.h"

#include <gtest/gtest.h>

namespace sluice::routing {
namespace {

using namespace std::chrono_literals;

TEST(RetryPolicy, DefaultRetriesOnlyProviderTrouble) {
  const config::RetryConfig retry;
  for (auto cls : {ErrorClass::rate_limited, ErrorClass::overloaded, ErrorClass::timeout,
                   ErrorClass::connection, ErrorClass::server}) {
    EXPECT_TRUE(is_retryable(cls, retry)) << error_class_name(cls);
  }
  for (auto cls : {ErrorClass::bad_request, ErrorClass::auth, ErrorClass::not_found,
                   ErrorClass::content_filter, ErrorClass::context_length}) {
    EXPECT_FALSE(is_retryable(cls, retry)) << error_class_name(cls);
  }
}

TEST(RetryPolicy, ConfiguredClassesReplaceTheDefault) {
  config::RetryConfig retry;
  retry.retry_on = {"timeout"};
  EXPECT_TRUE(is_retryable(ErrorClass::timeout, retry));
  EXPECT_FALSE(is_retryable(ErrorClass::server, retry));
}

TEST(RetryPolicy, BackoffIsFullJitterUnderAnExponentialCap) {
  config::RetryConfig retry;
  retry.backoff_ms = 100;
  retry.max_backoff_ms = 1000;
  EXPECT_EQ(backoff_delay(0, retry, 12345), 0ms);
  EXPECT_EQ(backoff_delay(1, retry, 100), 100ms);  // cap 100: 100 % 101
  EXPECT_EQ(backoff_delay(1, retry, 101), 0ms);
  EXPECT_EQ(backoff_delay(3, retry, 400), 400ms);  // cap 400
  EXPECT_EQ(backoff_delay(3, retry, 401), 0ms);
  EXPECT_EQ(backoff_delay(10, retry, 1000), 1000ms);  // capped by max_backoff_ms
  for (uint64_t r = 0; r < 5000; r += 7) EXPECT_LE(backoff_delay(2, retry, r), 200ms);
}

TEST(RetryPolicy, RetryAfterSeconds) {
  EXPECT_EQ(parse_retry_after("2"), 2000ms);
  EXPECT_EQ(parse_retry_after(" 0.5 "), 500ms);
  EXPECT_EQ(parse_retry_after(""), 0ms);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0ms);
  EXPECT_EQ(parse_retry_after("-3"), 0ms);
}

TEST(RetryPolicy, RequestedCooldownTakesTheLongerAsk) {
  GatewayError error{ErrorClass::rate_limited, "slow down"};
  EXPECT_EQ(requested_cooldown(error), 0ms);
  error.retry_after = "1";
  EXPECT_EQ(requested_cooldown(error), 1000ms);
  error.retry_after_ms = "2500";
  EXPECT_EQ(requested_cooldown(error), 2500ms);
  error.retry_after_ms = "oops";
  EXPECT_EQ(requested_cooldown(error), 1000ms);
}

}  // namespace
}  // namespace sluice::routing
