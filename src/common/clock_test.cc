// SPDX-License-Identifier: MulanPSL-2.0
#include "common/clock.h"

#include <gtest/gtest.h>

namespace amr {
namespace {

TEST(ClockTest, ChinaDateRollsOverAtSixteenUtc) {
  auto t = *ParseTime("2026-02-13T15:59:59Z");
  EXPECT_EQ(ChinaDate(t).ToString(), "2026-02-13");
  EXPECT_EQ(ChinaDate(t + std::chrono::seconds(1)).ToString(), "2026-02-14");
}

TEST(ClockTest, FormatsWithChinaOffset) {
  auto t = *ParseTime("2026-02-13T07:30:00Z");
  EXPECT_EQ(FormatChinaTime(t), "2026-02-13T15:30:00+08:00");
  EXPECT_EQ(*ParseTime("2026-02-13T15:30:00+08:00"), t);
  EXPECT_EQ(*ParseTime("2026-02-13T15:30:00.250+08:00"), t + std::chrono::milliseconds(250));
}

TEST(ClockTest, RejectsMalformedTimes) {
  for (const char* s : {"2026-02-13", "2026-02-13T25:00:00Z", "2026-02-13T10:00:00",
                        "2026-02-13T10:00:00+0800", "2026-02-30T10:00:00Z"}) {
    EXPECT_FALSE(ParseTime(s, "at").ok()) << s;
  }
}

// Found by tests/fuzz (date): a year past 2262 overflowed the nanosecond
// count of a time point (undefined behaviour).
TEST(ClockTest, RefusesTimesOutsideTheClocksRange) {
  for (const char* s : {"6026-11-24T09:00:00+08:00", "2262-04-12T00:00:00Z", "1677-09-21T00:00:00Z",
                        "0001-01-01T00:00:00Z"}) {
    auto t = ParseTime(s, "at");
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << s;
    EXPECT_EQ(t.status().field(), "at");
  }
  EXPECT_TRUE(ParseTime("2199-12-31T23:59:59+08:00").ok());
  EXPECT_TRUE(ParseTime("1900-01-01T00:00:00Z").ok());
}

TEST(ClockTest, FakeClockIsSetAndAdvanced) {
  FakeClock clock(*ParseTime("2026-09-30T16:00:00Z"));
  EXPECT_EQ(ChinaDate(clock.Now()).ToString(), "2026-10-01");
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(ChinaDate(clock.Now()).ToString(), "2026-10-02");
}

}  // namespace
}  // namespace amr
