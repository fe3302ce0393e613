// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace amr::identity {
namespace {

const Clock::TimePoint kStart = *ParseTime("2026-11-24T09:00:00+08:00");

TEST(RateLimiterTest, BurstThenRefillAtTheRate) {
  FakeClock clock(kStart);
  RateLimiter limiter({.burst = 3, .per_second = 0.5, .max_keys = 10}, clock);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("10.0.0.1").allowed) << i;
  RateLimiter::Decision refused = limiter.Take("10.0.0.1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, std::chrono::seconds(2));
  // Another client is not affected.
  EXPECT_TRUE(limiter.Take("10.0.0.2").allowed);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(limiter.Take("10.0.0.1").allowed);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(limiter.Take("10.0.0.1").allowed);
  EXPECT_FALSE(limiter.Take("10.0.0.1").allowed);
  // A long pause refills to the burst, no further.
  clock.Advance(std::chrono::hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("10.0.0.1").allowed);
  EXPECT_FALSE(limiter.Take("10.0.0.1").allowed);
  // A clock set back grants nothing.
  clock.Advance(-std::chrono::minutes(5));
  EXPECT_FALSE(limiter.Take("10.0.0.1").allowed);
}

TEST(RateLimiterTest, MemoryIsBoundedByDroppingTheLeastRecentlyUsed) {
  FakeClock clock(kStart);
  RateLimiter limiter({.burst = 1, .per_second = 0.001, .max_keys = 100}, clock);
  EXPECT_TRUE(limiter.Take("victim").allowed);
  EXPECT_FALSE(limiter.Take("victim").allowed);
  for (int i = 0; i < 99; ++i) limiter.Take("other" + std::to_string(i));
  EXPECT_EQ(limiter.SizeForTest(), 100u);
  EXPECT_FALSE(limiter.Take("victim").allowed);  // recently used: kept
  for (int i = 0; i < 10'000; ++i) limiter.Take("flood" + std::to_string(i));
  EXPECT_EQ(limiter.SizeForTest(), 100u);
}

TEST(RateLimiterTest, ConcurrentTakesNeverExceedTheBurst) {
  FakeClock clock(kStart);
  RateLimiter limiter({.burst = 500, .per_second = 0, .max_keys = 10}, clock);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (limiter.Take("one client").allowed) ++allowed;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 500);
}

TEST(RateLimiterTest, ClientKeys) {
  EXPECT_EQ(ClientKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientKey("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientKey("2001:db8:1:2:3:4:5:6"), ClientKey("2001:db8:1:2:ffff::1"));
  EXPECT_NE(ClientKey("2001:db8:1:2::1"), ClientKey("2001:db8:1:3::1"));
  EXPECT_EQ(ClientKey("[2001:db8:1:2::1]"), ClientKey("2001:db8:1:2::9"));
  EXPECT_EQ(ClientKey("not an address"), "not an address");
}

}  // namespace
}  // namespace amr::identity
