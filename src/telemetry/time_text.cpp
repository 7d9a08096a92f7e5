#include "telemetry/time_text.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace sluice::telemetry {

namespace {

// 9999-12-31T23:59:59Z: later times are refused, so that microseconds (x 1e6) never overflow.
constexpr int64_t kLatestUnixSeconds = 253'402'300'799;

bool read_int(std::string_view text, int64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int64_t> parse_date_time(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_int(text.substr(0, 4), year) || !read_int(text.substr(5, 2), month) ||
      !read_int(text.substr(8, 2), day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if (rest.back() == 'Z') rest.remove_suffix(1);
    if (rest.size() != 9 || (rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':' ||
        rest[6] != ':' || !read_int(rest.substr(1, 2), hour) ||
        !read_int(rest.substr(4, 2), minute) || !read_int(rest.substr(7, 2), second) || hour > 23 ||
        minute > 59 || second > 60) {
      return std::nullopt;
    }
  }
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

}  // namespace

std::optional<int64_t> parse_time(std::string_view text, int64_t now_s) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  if (read_int(text, value)) {
    if (value < 0 || value > kLatestUnixSeconds) return std::nullopt;
    return value;
  }
  const char unit = text.back();
  if ((unit == 'm' || unit == 'h' || unit == 'd') &&
      read_int(text.substr(0, text.size() - 1), value) && value >= 0) {
    const int64_t seconds = unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400;
    if (value > kLatestUnixSeconds / seconds) return std::nullopt;
    return std::max<int64_t>(0, now_s - value * seconds);  // before 1970: from the start
  }
  return parse_date_time(text);
}

std::string iso_time(int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

int64_t unix_now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace sluice::telemetry
