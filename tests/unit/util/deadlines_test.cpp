#include "util/deadlines.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace sluice {
namespace {

using namespace std::chrono_literals;
using Clock = Deadlines::Clock;

TEST(Deadlines, FiresWhatIsDueInOrderAndNothingElse) {
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor());
  std::string fired;
  Deadlines::Entry late([&] { fired += "late "; });
  Deadlines::Entry early([&] { fired += "early "; });
  Deadlines::Entry never([&] { fired += "never "; });
  deadlines.arm_after(late, 40ms);
  deadlines.arm_after(early, 10ms);  // earlier than the timer's wait: moves it
  deadlines.arm_after(never, 1h);
  io.run_for(300ms);
  EXPECT_EQ(fired, "early late ");
  EXPECT_FALSE(early.armed());
  EXPECT_TRUE(never.armed());
}

TEST(Deadlines, ArmAfterIsNeverEarlyOnThePreciseClock) {
  // (A coarse clock would be cheaper to read, but CLOCK_MONOTONIC_COARSE was seen lagging
  // the precise clock by more than its reported tick, making deadlines early.)
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor());
  std::vector<Clock::duration> waited;
  std::vector<std::unique_ptr<Deadlines::Entry>> entries;
  for (int i = 0; i < 20; ++i) {
    const auto armed = Clock::now();
    entries.push_back(std::make_unique<Deadlines::Entry>(
        [&waited, armed] { waited.push_back(Clock::now() - armed); }));
    deadlines.arm_after(*entries.back(), 3ms);
    io.run_for(1ms);  // spread the arming over the coarse clock's ticks
  }
  io.run_for(200ms);
  ASSERT_EQ(waited.size(), 20u);
  for (const auto w : waited) EXPECT_GE(w, 3ms);
}

TEST(Deadlines, RearmingMovesADeadlineLater) {
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor());
  int fired = 0;
  Deadlines::Entry entry([&] { ++fired; });
  Deadlines::Entry probe([&] { EXPECT_EQ(fired, 0) << "the entry fired at its first deadline"; });
  deadlines.arm_after(entry, 10ms);
  deadlines.arm_after(probe, 30ms);
  deadlines.arm_after(entry, 1h);  // as a read that completed and waits again
  io.run_for(100ms);
  EXPECT_EQ(fired, 0);
  deadlines.arm(entry, Clock::now());
  io.restart();
  io.run_for(100ms);
  EXPECT_EQ(fired, 1);
}

TEST(Deadlines, DisarmedAndDestroyedEntriesNeverFire) {
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor());
  int fired = 0;
  Deadlines::Entry disarmed([&] { ++fired; });
  auto destroyed = std::make_unique<Deadlines::Entry>([&] { ++fired; });
  deadlines.arm_after(disarmed, 5ms);
  deadlines.arm_after(*destroyed, 5ms);
  deadlines.disarm(disarmed);
  destroyed.reset();
  io.run_for(100ms);
  EXPECT_EQ(fired, 0);
}

TEST(Deadlines, StoppedWhenIdleTheLoopRunsOutOfWork) {
  // The OTLP client runs its io_context until it has no work: a disarmed deadline must not
  // keep it waiting for the timer.
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor(), Deadlines::WhenIdle::stop);
  Deadlines::Entry entry([] {});
  deadlines.arm_after(entry, 1h);
  deadlines.disarm(entry);
  io.run_for(2s);
  EXPECT_TRUE(io.stopped());  // ran out of work, rather than running until the time was up
}

TEST(Deadlines, KeptWaitingWhenIdleTheTimerFiresOnceAndFindsNothing) {
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor());  // WhenIdle::keep_waiting
  int fired = 0;
  Deadlines::Entry entry([&] { ++fired; });
  deadlines.arm_after(entry, 20ms);
  deadlines.disarm(entry);
  io.run_for(2s);
  EXPECT_TRUE(io.stopped());  // the stale wait ran and nothing re-armed the timer
  EXPECT_EQ(fired, 0);
}

TEST(Deadlines, AHandlerMayDestroyOrRearmAnotherDueEntry) {
  boost::asio::io_context io;
  Deadlines deadlines(io.get_executor());
  int second_fired = 0, third_fired = 0;
  auto second = std::make_unique<Deadlines::Entry>([&] { ++second_fired; });
  Deadlines::Entry third([&] { ++third_fired; });
  Deadlines::Entry first([&] {
    second.reset();
    deadlines.arm_after(third, 1h);
  });
  const auto at = Clock::now() + 5ms;
  deadlines.arm(first, at);
  deadlines.arm(*second, at);
  deadlines.arm(third, at);
  io.run_for(100ms);
  EXPECT_EQ(second_fired, 0);
  EXPECT_EQ(third_fired, 0);
  EXPECT_TRUE(third.armed());
}

}  // namespace
}  // namespace sluice
