// TokenCache with a fake clock: when a token is used, refreshed early, fetched once for many
// callers, and what waiters get back.
#include "providers/vertex/token_cache.h"

#include <gtest/gtest.h>

namespace sluice::providers::vertex {
namespace {

using Clock = TokenCache::Clock;
using Kind = TokenCache::Step::Kind;
using std::chrono::minutes;
using std::chrono::seconds;

const Clock::time_point t0{std::chrono::hours(1)};

AccessToken token(std::string value, Clock::time_point expires_at) {
  return AccessToken{std::move(value), expires_at};
}

TEST(TokenCache, FirstCallerFetchesOthersWait) {
  TokenCache cache;
  TokenCache::Step first = cache.next(t0);
  EXPECT_EQ(first.kind, Kind::fetch);
  EXPECT_EQ(first.token, "");
  for (int i = 0; i < 100; ++i) {
    TokenCache::Step other = cache.next(t0);
    EXPECT_EQ(other.kind, Kind::wait);
  }
  const uint64_t generation = cache.next(t0).generation;
  EXPECT_FALSE(cache.outcome(generation, t0).has_value());  // still fetching
  int woken = 0;
  EXPECT_TRUE(cache.add_waiter(generation, [&] { ++woken; }));
  EXPECT_TRUE(cache.add_waiter(generation, [&] { ++woken; }));
  cache.store(token("A", t0 + minutes(60)), t0);
  EXPECT_EQ(woken, 2);
  auto outcome = cache.outcome(generation, t0);
  ASSERT_TRUE(outcome.has_value());
  ASSERT_TRUE(outcome->ok());
  EXPECT_EQ(outcome->value(), "A");
  // A waiter that registers after the fetch ended is told so and reads the outcome at once.
  EXPECT_FALSE(cache.add_waiter(generation, [&] { ++woken; }));
  EXPECT_EQ(woken, 2);
}

TEST(TokenCache, UsedUntilFiveMinutesBeforeExpiryThenOneRefresh) {
  TokenCache cache;
  ASSERT_EQ(cache.next(t0).kind, Kind::fetch);
  cache.store(token("A", t0 + minutes(60)), t0);
  TokenCache::Step fresh = cache.next(t0 + minutes(54));
  EXPECT_EQ(fresh.kind, Kind::use);
  EXPECT_EQ(fresh.token, "A");
  EXPECT_EQ(cache.next(t0 + minutes(55) - seconds(1)).kind, Kind::use);
  // Inside the margin: one caller refreshes (holding A as a fallback), the others keep using A.
  TokenCache::Step refresh = cache.next(t0 + minutes(55));
  EXPECT_EQ(refresh.kind, Kind::fetch);
  EXPECT_EQ(refresh.token, "A");
  TokenCache::Step meanwhile = cache.next(t0 + minutes(56));
  EXPECT_EQ(meanwhile.kind, Kind::use);
  EXPECT_EQ(meanwhile.token, "A");
  cache.store(token("B", t0 + minutes(116)), t0 + minutes(56));
  EXPECT_EQ(cache.next(t0 + minutes(57)).token, "B");
}

TEST(TokenCache, ExpiredTokenIsNeverSent) {
  TokenCache cache;
  ASSERT_EQ(cache.next(t0).kind, Kind::fetch);
  cache.store(token("A", t0 + minutes(60)), t0);
  EXPECT_EQ(cache.next(t0 + minutes(60)).kind, Kind::fetch);  // expired: no fallback
  TokenCache::Step other = cache.next(t0 + minutes(60));
  EXPECT_EQ(other.kind, Kind::wait);
  EXPECT_EQ(other.token, "");
}

TEST(TokenCache, ShortLivedTokensRefreshAtHalfLife) {
  TokenCache cache;
  ASSERT_EQ(cache.next(t0).kind, Kind::fetch);
  cache.store(token("A", t0 + seconds(10)), t0);
  EXPECT_EQ(cache.next(t0 + seconds(4)).kind, Kind::use);
  EXPECT_EQ(cache.next(t0 + seconds(5)).kind, Kind::fetch);
}

TEST(TokenCache, FailureReachesWaitersAndTheNextCallerTriesAgain) {
  TokenCache cache;
  ASSERT_EQ(cache.next(t0).kind, Kind::fetch);
  const uint64_t generation = cache.next(t0).generation;
  cache.fail(GatewayError{ErrorClass::auth, "provider 'v': refused"});
  auto outcome = cache.outcome(generation, t0);
  ASSERT_TRUE(outcome.has_value());
  ASSERT_FALSE(outcome->ok());
  EXPECT_EQ(outcome->error().cls, ErrorClass::auth);
  EXPECT_EQ(cache.next(t0 + seconds(1)).kind, Kind::fetch);
}

TEST(TokenCache, FailedRefreshKeepsTheValidToken) {
  TokenCache cache;
  ASSERT_EQ(cache.next(t0).kind, Kind::fetch);
  cache.store(token("A", t0 + minutes(60)), t0);
  ASSERT_EQ(cache.next(t0 + minutes(58)).kind, Kind::fetch);
  cache.fail(GatewayError{ErrorClass::server, "down"});
  // Still valid: used, and the next caller in the margin tries the refresh again.
  TokenCache::Step again = cache.next(t0 + minutes(59));
  EXPECT_EQ(again.kind, Kind::fetch);
  EXPECT_EQ(again.token, "A");
}

}  // namespace
}  // namespace sluice::providers::vertex
