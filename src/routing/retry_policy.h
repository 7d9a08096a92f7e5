// RetryPolicy: which failures are worth another attempt, and how long to wait before it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "config/config.h"
#include "core/gateway_error.h"

namespace sluice::routing {

// True when a failure of this class may succeed on another attempt: the provider's trouble
// (rate_limited, overloaded, timeout, connection, server by default), never the caller's.
bool is_retryable(ErrorClass cls, const config::RetryConfig& retry);

// True when a failure says the deployment is unhealthy (it feeds the circuit breaker).
bool is_deployment_fault(ErrorClass cls);

// Exponential backoff with full jitter before attempt number `attempt` (1 = the first retry):
// uniform in [0, min(max_backoff, backoff * 2^(attempt-1))]. `random` is any 64-bit value.
std::chrono::milliseconds backoff_delay(unsigned attempt, const config::RetryConfig& retry,
                                        uint64_t random);

// A Retry-After value in seconds (integer or decimal); zero when absent or not a number.
// (HTTP-date values are rare from LLM providers and read as zero.)
std::chrono::milliseconds parse_retry_after(std::string_view value);

// How long a failed deployment asked to be left alone: the larger of its Retry-After (seconds)
// and retry-after-ms values; zero when it asked nothing.
std::chrono::milliseconds requested_cooldown(const GatewayError& error);

}  // namespace sluice::routing
