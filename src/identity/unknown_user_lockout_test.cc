// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/unknown_user_lockout.h"

#include <gtest/gtest.h>

#include <string>

namespace amr::identity {
namespace {

TEST(UnknownUserLockoutTest, LocksAfterMaxFailuresLikeAnAccount) {
  UnknownUserLockout lockout(5, std::chrono::minutes(15));
  const Clock::TimePoint t0 = *ParseTime("2026-11-24T09:00:00+08:00");
  for (int i = 1; i < 5; ++i) {
    EXPECT_FALSE(lockout.RecordFailure("nobody", t0)) << i;
    EXPECT_FALSE(lockout.LockedUntil("nobody", t0));
  }
  auto until = lockout.RecordFailure("nobody", t0);
  ASSERT_TRUE(until);
  EXPECT_EQ(FormatChinaTime(*until), "2026-11-24T09:15:00+08:00");
  EXPECT_EQ(lockout.LockedUntil("nobody", t0 + std::chrono::minutes(14)), until);
  EXPECT_FALSE(lockout.LockedUntil("other", t0));
  // After the lock, counting starts afresh.
  EXPECT_FALSE(lockout.LockedUntil("nobody", t0 + std::chrono::minutes(15)));
  EXPECT_FALSE(lockout.RecordFailure("nobody", t0 + std::chrono::minutes(16)));
}

TEST(UnknownUserLockoutTest, MemoryIsBounded) {
  UnknownUserLockout lockout(2, std::chrono::minutes(15), /*max_names=*/100);
  const Clock::TimePoint t0 = *ParseTime("2026-11-24T09:00:00+08:00");
  for (int i = 0; i < 10000; ++i) (void)lockout.RecordFailure("name" + std::to_string(i), t0);
  EXPECT_EQ(lockout.SizeForTest(), 100u);
  // The most recent names are still counted.
  EXPECT_TRUE(lockout.RecordFailure("name9999", t0));
}

}  // namespace
}  // namespace amr::identity
