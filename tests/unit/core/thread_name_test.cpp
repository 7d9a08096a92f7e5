// Thread names are what perf, top and bench/telemetry.sh tell the gateway's threads apart by.
#include "core/thread_name.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <array>
#include <thread>

namespace sluice {
namespace {

std::string name_of_this_thread() {
  std::array<char, 16> name{};
  pthread_getname_np(pthread_self(), name.data(), name.size());
  return name.data();
}

TEST(ThreadName, NamesTheCallingThreadAndCutsAtFifteenCharacters) {
  std::string short_name, long_name;
  std::thread([&] {
    name_this_thread("sluice-records");
    short_name = name_of_this_thread();
    name_this_thread("sluice-worker-123456789");
    long_name = name_of_this_thread();
  }).join();
  EXPECT_EQ(short_name, "sluice-records");
  EXPECT_EQ(long_name, "sluice-worker-1");
}

}  // namespace
}  // namespace sluice
