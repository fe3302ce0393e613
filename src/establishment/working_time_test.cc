// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/working_time.h"

#include <gtest/gtest.h>

#include "codes/calendar.h"
#include "establishment/rules.h"

namespace amr::establishment {
namespace {

Clock::TimePoint At(const char* text) { return *ParseTime(text); }

int64_t Minutes(const char* from, const char* to) {
  auto m = WorkingMinutes(At(from), At(to), Rules::Default().office_hours(),
                          *codes::ShippedCalendar().Current());
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? *m : -1;
}

TEST(WorkingTimeTest, OneWorkingDayIsTheOfficeHours) {
  EXPECT_EQ(Rules::Default().WorkdayMinutes(), 420);
  EXPECT_EQ(Rules::Default().RegistrationSlaMinutes(), 210);
  EXPECT_EQ(Rules::Default().EstablishmentSlaMinutes(), 420);
  // Tuesday 2026-11-24, a whole working day and a night.
  EXPECT_EQ(Minutes("2026-11-24T08:00:00+08:00", "2026-11-24T20:00:00+08:00"), 420);
  EXPECT_EQ(Minutes("2026-11-24T08:00:00+08:00", "2026-11-25T08:00:00+08:00"), 420);
}

TEST(WorkingTimeTest, LunchBreakAndEveningDoNotCount) {
  EXPECT_EQ(Minutes("2026-11-24T11:30:00+08:00", "2026-11-24T14:00:00+08:00"), 60);
  EXPECT_EQ(Minutes("2026-11-24T17:00:00+08:00", "2026-11-25T09:30:00+08:00"), 60);
  // Given in UTC: 07:00Z is 15:00 in Beijing.
  EXPECT_EQ(Minutes("2026-11-24T07:00:00Z", "2026-11-24T08:00:00Z"), 60);
}

TEST(WorkingTimeTest, SpringFestival2026) {
  // Friday 2026-02-13 15:00 → Saturday 02-14 (a make-up working day) 10:00:
  // 150 + 60 minutes.
  EXPECT_EQ(Minutes("2026-02-13T15:00:00+08:00", "2026-02-14T10:00:00+08:00"), 210);
  // → Tuesday 02-24 11:00, after the holiday 02-15..02-23: 150 + 420 + 120.
  EXPECT_EQ(Minutes("2026-02-13T15:00:00+08:00", "2026-02-24T11:00:00+08:00"), 690);
  // The holiday itself counts nothing.
  EXPECT_EQ(Minutes("2026-02-15T09:00:00+08:00", "2026-02-23T17:30:00+08:00"), 0);
}

TEST(WorkingTimeTest, NothingBackwardsAndUncoveredYearsRefused) {
  EXPECT_EQ(Minutes("2026-11-24T12:00:00+08:00", "2026-11-24T10:00:00+08:00"), 0);
  auto m = WorkingMinutes(At("2031-01-06T09:00:00+08:00"), At("2031-01-06T10:00:00+08:00"),
                          Rules::Default().office_hours(), *codes::ShippedCalendar().Current());
  EXPECT_FALSE(m.ok());
}

// The provisional year (the one after the last entered) counts Monday–Friday:
// an application open across New Year 2027 keeps its clock running.
TEST(WorkingTimeTest, ProvisionalYearCountsWeekdays) {
  // Thursday 2026-12-31 17:00 → Monday 2027-01-04 10:00: 30 minutes on the
  // 31st, Friday 2027-01-01 counted (no notice entered yet: 420), the weekend
  // not, 60 on Monday.
  EXPECT_EQ(Minutes("2026-12-31T17:00:00+08:00", "2027-01-04T10:00:00+08:00"), 30 + 420 + 60);
}

}  // namespace
}  // namespace amr::establishment
