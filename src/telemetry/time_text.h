// Times as people write them in spend and log queries (API parameters and CLI flags).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::telemetry {

// Unix seconds of "2026-11-24" (UTC midnight), "2026-11-24T10:30:00Z" (or without Z, UTC), a
// plain Unix time in seconds, or a duration before `now` ("90m", "24h", "7d"); nullopt when
// the text is none of these, or a time after the year 9999. A duration reaching back before
// 1970 gives 0.
std::optional<int64_t> parse_time(std::string_view text, int64_t now_s);

// "2026-11-24T10:00:00Z" for Unix seconds.
std::string iso_time(int64_t unix_s);

// The current Unix time in seconds.
int64_t unix_now_s();

}  // namespace sluice::telemetry
