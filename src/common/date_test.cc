// SPDX-License-Identifier: MulanPSL-2.0
#include "common/date.h"

#include <gtest/gtest.h>

namespace amr {
namespace {

TEST(DateTest, ParsesAndFormats) {
  auto d = Date::Parse("2026-02-13");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 13);
  EXPECT_EQ(d->IsoWeekday(), 5);  // A Friday.
  EXPECT_EQ(d->ToString(), "2026-02-13");
}

TEST(DateTest, RejectsDatesThatDoNotExist) {
  EXPECT_FALSE(Date::Parse("2023-02-29").ok());
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_FALSE(Date::Parse("1900-02-29").ok());
  EXPECT_TRUE(Date::Parse("2000-02-29").ok());
  EXPECT_FALSE(Date::Parse("2026-13-01").ok());
  EXPECT_FALSE(Date::Parse("2026-04-31").ok());
}

TEST(DateTest, RejectsBadFormatNamingTheField) {
  for (const char* s : {"2026-2-13", "20260213", "2026/02/13", "", "abcd-ef-gh", "2026-02-13 "}) {
    auto d = Date::Parse(s, "from");
    ASSERT_FALSE(d.ok()) << s;
    EXPECT_EQ(d.status().field(), "from");
  }
}

TEST(DateTest, CompactForm) {
  EXPECT_EQ(Date::ParseCompact("19491231")->ToString(), "1949-12-31");
  EXPECT_FALSE(Date::ParseCompact("19490231").ok());
  EXPECT_FALSE(Date::ParseCompact("1949123").ok());
}

TEST(DateTest, Arithmetic) {
  auto d = *Date::Parse("2026-12-31");
  EXPECT_EQ(d.AddDays(1).ToString(), "2027-01-01");
  EXPECT_EQ(d.AddDays(-365).ToString(), "2025-12-31");
  EXPECT_EQ(d.DaysSince(*Date::Parse("2026-01-01")), 364);
  EXPECT_TRUE(Date::Parse("2026-11-29")->IsWeekend());
  EXPECT_FALSE(Date::Parse("2026-11-30")->IsWeekend());
}

}  // namespace
}  // namespace amr
