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
}

TEST(TimeText, RefusesWhatIsNotATime) {
  for (const char* bad :
       {"", "yesterday", "2026-13-01", "2026-11-24T25:00:00Z", "7w", "-5", "2026-11-24X", "d"}) {
    EXPECT_FALSE(parse_time(bad, 1000).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sluice::telemetry
