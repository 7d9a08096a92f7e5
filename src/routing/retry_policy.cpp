#include "routing/retry_policy.h"

#include <algorithm>
#include <charconv>

namespace sluice::routing {

bool is_deployment_fault(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::rate_limited:
    case ErrorClass::overloaded:
    case ErrorClass::timeout:
    case ErrorClass::connection:
    case ErrorClass::server:
      return true;
    default:
      return false;
  }
}

bool is_retryable(ErrorClass cls, const config::RetryConfig& retry) {
  if (retry.retry_on.empty()) return is_deployment_fault(cls);
  const std::string_view name = error_class_name(cls);
  return std::find(retry.retry_on.begin(), retry.retry_on.end(), name) != retry.retry_on.end();
}

std::chrono::milliseconds backoff_delay(unsigned attempt, const config::RetryConfig& retry,
                                        uint64_t random) {
  if (attempt == 0 || retry.backoff_ms == 0) return std::chrono::milliseconds(0);
  const unsigned shift = std::min(attempt - 1, 20u);
  const uint64_t ceiling =
      std::min<uint64_t>(retry.max_backoff_ms, static_cast<uint64_t>(retry.backoff_ms) << shift);
  return std::chrono::milliseconds(random % (ceiling + 1));
}

std::chrono::milliseconds parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  double seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size() || seconds <= 0) {
    return std::chrono::milliseconds(0);
  }
  seconds =
      std::min(seconds, 3600.0);  // a provider asking for more than an hour is ignored past it
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
}

std::chrono::milliseconds requested_cooldown(const GatewayError& error) {
  auto cooldown = parse_retry_after(error.retry_after);
  const std::string_view ms = error.retry_after_ms;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(ms.data(), ms.data() + ms.size(), value);
  if (!ms.empty() && ec == std::errc{} && end == ms.data() + ms.size()) {
    cooldown = std::max(cooldown, std::chrono::milliseconds(std::min<uint64_t>(value, 3'600'000)));
  }
  return cooldown;
}

}  // namespace sluice::routing
