#include "telemetry/time_text.h"

#include <gtest/gtest.h>

namespace sluice::telemetry {
namespace {

TEST(TimeText, ParsesDatesTimesUnixSecondsAndDurations) {
  EXPECT_EQ(parse_time("2026-11-24", 0), 1795478400);
  EXPECT_EQ(parse_time("2026-11-24T10:30:00Z", 0), 1795478400 + 10 * 3600 + 30 * 60);
  EXPECT_EQ(parse_time("2026-11-24T10:30:00", 0), 1795478400 + 10 * 3600 + 30 * 60);
  EXPECT_EQ(parse_time("1795478400", 0), 1795478400);
  EXPECT_EQ(parse_time("7d", 1'000'000), 1'000'000 - 7 * 86400);
  EXPECT_EQ(parse_time("24h", 100'000), 100'000 - 24 * 3600);
  EXPECT_EQ(parse_time("90m", 10'000), 10'000 - 5400);
  EXPECT_EQ(iso_time(1795478400), "2026-11-24T00:00:00Z");
  EXPECT_EQ(parse_time("253402300799", 0), 253402300799);  // 9999-12-31T23:59:59Z
  EXPECT_EQ(parse_time("100000d", 1'000'000), 0);          // before 1970: from the start
}

TEST(TimeText, RefusesWhatIsNotATime) {
  for (const char* bad :
       {"", "yesterday", "2026-13-01", "2026-11-24T25:00:00Z", "7w", "-5", "2026-11-24X", "d",
        // Beyond the year 9999 (the microseconds of such a time would overflow).
        "253402300800", "9223372036854775807", "2932897d", "153722867280912930m"}) {
    EXPECT_FALSE(parse_time(bad, 1000).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sluice::telemetry
