#include "upstream/sse_framer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sluice::upstream {
namespace {

// Collects (event, data, raw) of every event produced when `input` is fed in pieces.
struct Collected {
  std::vector<std::string> data, raw, names;
};

Collected feed_split(const std::string& input, std::vector<std::size_t> cuts) {
  SseFramer framer;
  Collected out;
  std::size_t pos = 0;
  cuts.push_back(input.size());
  for (std::size_t cut : cuts) {
    for (const auto& e : framer.feed(std::string_view(input).substr(pos, cut - pos))) {
      out.data.emplace_back(e.data);
      out.raw.emplace_back(e.raw);
      out.names.emplace_back(e.event);
    }
    pos = cut;
  }
  return out;
}

const std::string kStream =
    "data: {\"a\":1}\n\n"
    ": keep-alive comment\n\n"
    "event: message_start\r\ndata: {\"b\":2}\r\n\r\n"
    "data: line1\ndata: line2\n\n"
    "data: [DONE]\n\n";

TEST(SseFramer, SplitsWholeStream) {
  auto got = feed_split(kStream, {});
  ASSERT_EQ(got.data.size(), 4u);
  EXPECT_EQ(got.data[0], "{\"a\":1}");
  EXPECT_EQ(got.names[1], "message_start");
  EXPECT_EQ(got.data[1], "{\"b\":2}");
  EXPECT_EQ(got.data[2], "line1\nline2");
  EXPECT_EQ(got.data[3], "[DONE]");
  EXPECT_EQ(got.raw[0], "data: {\"a\":1}\n\n");
}

// Every single split point, and every pair of split points, gives the same events.
TEST(SseFramer, SameEventsAtEverySplitPoint) {
  const auto whole = feed_split(kStream, {});
  for (std::size_t i = 1; i < kStream.size(); ++i) {
    auto got = feed_split(kStream, {i});
    EXPECT_EQ(got.data, whole.data) << "split at " << i;
    EXPECT_EQ(got.raw, whole.raw) << "split at " << i;
    for (std::size_t j = i + 1; j < kStream.size(); j += 7) {
      EXPECT_EQ(feed_split(kStream, {i, j}).data, whole.data) << "split at " << i << "," << j;
    }
  }
}

TEST(SseFramer, ByteByByte) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < kStream.size(); ++i) cuts.push_back(i);
  EXPECT_EQ(feed_split(kStream, cuts).data, feed_split(kStream, {}).data);
}

TEST(SseFramer, KeepsIncompleteEventPending) {
  SseFramer framer;
  EXPECT_TRUE(framer.feed("data: {\"x\"").empty());
  EXPECT_EQ(framer.pending_bytes(), 10u);
  const auto& events = framer.feed(":1}\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "{\"x\":1}");
  EXPECT_EQ(framer.pending_bytes(), 0u);
}

// Whole events are parsed in place: their raw views point into the bytes fed, one after the
// other, so a relay can forward them as one slice.
TEST(SseFramer, WholeEventsAreViewsOfTheInput) {
  SseFramer framer;
  const std::string input = "data: 1\n\ndata: 2\r\n\r\ndata: 3\n\ndata: 4";
  const auto& events = framer.feed(input);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].raw.data(), input.data());
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_EQ(events[i - 1].raw.data() + events[i - 1].raw.size(), events[i].raw.data());
  }
  EXPECT_EQ(framer.pending_bytes(), 7u);
  const std::string rest = "\n\n";
  const auto& last = framer.feed(rest);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].raw, "data: 4\n\n");
}

// Line endings of every kind, cut at every point: a blank line split across feeds (\r | \r,
// \n | \r\n) still ends the event, and never twice.
TEST(SseFramer, MixedLineEndingsAtEverySplitPoint) {
  const std::string input = "data: a\r\rdata: b\n\r\n\ndata: c\r\n\r\n: x\r\rdata: d\n\n";
  const auto whole = feed_split(input, {});
  ASSERT_EQ(whole.data, (std::vector<std::string>{"a", "b", "c", "d"}));
  for (std::size_t i = 1; i < input.size(); ++i) {
    for (std::size_t j = i; j < input.size(); ++j) {
      auto got = feed_split(input, {i, j});
      EXPECT_EQ(got.data, whole.data) << "split at " << i << "," << j;
      EXPECT_EQ(got.raw, whole.raw) << "split at " << i << "," << j;
    }
  }
}

}  // namespace
}  // namespace sluice::upstream
