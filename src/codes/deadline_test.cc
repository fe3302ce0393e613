// SPDX-License-Identifier: MulanPSL-2.0
// The deadline clock on the shipped calendar (2004–2026 entered, 2027
// provisional): every rule of 民法典 Arts. 201–203 on real dates.
#include "codes/deadline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace amr::codes {
namespace {

using ::testing::HasSubstr;

Date D(std::string_view text) { return *Date::Parse(text); }

const WorkdayCalendar& Cal() { return *ShippedCalendar().Current(); }

CountedDate End(std::string_view start, PeriodRule rule) {
  StatusOr<CountedDate> end = PeriodEnd(Cal(), D(start), rule);
  EXPECT_TRUE(end.ok()) << end.status().ToString();
  return end.ok() ? *end : CountedDate{D("1970-01-01"), false};
}

PeriodRule Working(int n) { return {n, PeriodUnit::kWorkingDays}; }
PeriodRule Days(int n) { return {n, PeriodUnit::kCalendarDays}; }
PeriodRule Months(int n) { return {n, PeriodUnit::kMonths}; }

TEST(DeadlineTest, WorkingDaysSkipHolidaysAndCountMakeupDays) {
  // 12315: accept within 7 working days. Received Monday 2026-09-28: 09-29,
  // 09-30, then 10-01..10-07 off, 10-08, 10-09, 10-10 (make-up Saturday),
  // 10-12, 10-13.
  EXPECT_EQ(End("2026-09-28", Working(7)), (CountedDate{D("2026-10-13"), false}));
  // Across the Spring Festival 2026 (02-15..02-23 off; 02-14, 02-28 make-up).
  EXPECT_EQ(End("2026-02-12", Working(3)), (CountedDate{D("2026-02-24"), false}));
}

TEST(DeadlineTest, Art201StartDayNotCounted) {
  // 45 days from 2026-03-01 end on 04-15 (a Wednesday).
  EXPECT_EQ(End("2026-03-01", Days(45)).date, D("2026-04-15"));
  // Unless the rule counts it: a 20-day notice published on 03-01 ends 03-20.
  PeriodRule counted = Days(20);
  counted.first_day_counted = true;
  EXPECT_EQ(End("2026-03-01", counted).date, D("2026-03-20"));
}

TEST(DeadlineTest, Art202MonthsEndOnTheCorrespondingDayOrTheMonthsLast) {
  // A 2-month name reservation made 2026-03-16 ends 2026-05-18: the
  // corresponding day 05-16 is a Saturday (Art. 203 moves it to Monday).
  EXPECT_EQ(End("2026-03-16", Months(2)).date, D("2026-05-18"));
  // 2025-12-31 + 2 months: February 2026 has no 31st → 02-28, a make-up
  // working Saturday, so no shift.
  EXPECT_EQ(End("2025-12-31", Months(2)).date, D("2026-02-28"));
  PeriodRule exact = Months(1);
  exact.holiday_shift = false;
  EXPECT_EQ(End("2026-01-31", exact).date, D("2026-02-28"));
}

TEST(DeadlineTest, Art203LastDayOnAHolidayMovesToTheNextWorkingDay) {
  // A creditor-claim period of 45 days from 2026-08-17 would end on
  // 2026-10-01 (National Day): it ends on 10-08, the first working day after.
  EXPECT_EQ(End("2026-08-17", Days(45)).date, D("2026-10-08"));
  // Ending on an ordinary Sunday (2026-03-29) → Monday 03-30.
  EXPECT_EQ(End("2026-03-01", Days(28)).date, D("2026-03-30"));
  // Ending on a make-up Saturday (2026-10-10): a working day, no shift.
  EXPECT_EQ(End("2026-09-30", Days(10)).date, D("2026-10-10"));
  // A rule that means a fixed date does not move.
  PeriodRule fixed = Days(45);
  fixed.holiday_shift = false;
  EXPECT_EQ(End("2026-08-17", fixed).date, D("2026-10-01"));
}

TEST(DeadlineTest, ProvisionalYearIsMondayToFridayAndMarked) {
  // 20 working days after 2026-12-10 run into 2027, not yet entered:
  // 12-11..12-31 gives 15 working days, then Jan 1, 4, 5, 6, 7 (Mon–Fri).
  CountedDate due = End("2026-12-10", Working(20));
  EXPECT_EQ(due.date, D("2027-01-07"));
  EXPECT_TRUE(due.provisional);
  // Inside 2026 it is not provisional.
  EXPECT_FALSE(End("2026-12-01", Working(5)).provisional);
  // A calendar-day period ending in 2027: provisional (a holiday could move it).
  CountedDate days = End("2026-12-20", Days(20));
  EXPECT_EQ(days.date, D("2027-01-11"));  // 01-09 is a Saturday → Monday 01-11
  EXPECT_TRUE(days.provisional);
}

TEST(DeadlineTest, BeyondTheProvisionalYearWorkingDaysAreRefused) {
  StatusOr<CountedDate> far = PeriodEnd(Cal(), D("2027-12-20"), Working(20));
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(far.status().field(), "date");
  EXPECT_THAT(far.status().message(), HasSubstr("2027"));
  // Calendar days beyond it: weekends only, provisional (歇业 up to 3 years).
  StatusOr<CountedDate> years = PeriodEnd(Cal(), D("2026-06-06"), {3, PeriodUnit::kYears});
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->date, D("2029-06-06"));  // a Wednesday
  EXPECT_TRUE(years->provisional);
  StatusOr<CountedDate> weekend = PeriodEnd(Cal(), D("2026-06-09"), {3, PeriodUnit::kYears});
  EXPECT_EQ(weekend->date, D("2029-06-11"));  // 06-09 is a Saturday
}

TEST(DeadlineTest, ExtensionsAndSuspensionsLengthenTheClock) {
  // A report's lead: 15 working days, +15 with approval.
  DeadlineInput input{D("2026-03-02"), Working(15), 15, {}};
  EXPECT_EQ(PeriodEnd(Cal(), input)->date, *Cal().AddWorkdays(D("2026-03-02"), 30));
  // A case of 90 days, suspended 2026-04-01..04-10 (10 days): 100 days.
  DeadlineInput cased{D("2026-03-02"), Days(90), 0, {{D("2026-04-01"), D("2026-04-10")}}};
  EXPECT_EQ(PeriodEnd(Cal(), cased)->date, D("2026-06-10"));
  DeadlineInput bad{D("2026-03-02"), Days(90), 0, {{D("2026-04-10"), D("2026-04-01")}}};
  EXPECT_EQ(PeriodEnd(Cal(), bad).status().code(), StatusCode::kInvalidArgument);
}

TEST(DeadlineTest, ClockReadingCountsWhatIsLeft) {
  DeadlineInput input{D("2026-09-28"), Working(7), 0, {}};  // due 2026-10-13
  StatusOr<ClockReading> before = ReadClock(Cal(), input, D("2026-09-30"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->left, 5);  // 10-08, 10-09, 10-10, 10-12, 10-13
  EXPECT_FALSE(before->overdue);
  EXPECT_EQ(ReadClock(Cal(), input, D("2026-10-13"))->left, 0);
  EXPECT_FALSE(ReadClock(Cal(), input, D("2026-10-13"))->overdue);
  StatusOr<ClockReading> late = ReadClock(Cal(), input, D("2026-10-15"));
  EXPECT_TRUE(late->overdue);
  EXPECT_EQ(late->left, -2);
}

TEST(DeadlineTest, RulesFromData) {
  auto rule = PeriodRuleFromJson(
      nlohmann::json{{"value", 20}, {"unit", "calendar_days"}, {"first_day_counted", true}},
      "notice");
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(rule->amount, 20);
  EXPECT_TRUE(rule->first_day_counted);
  EXPECT_TRUE(rule->holiday_shift);
  EXPECT_EQ(DescribePeriod(*rule), "20 日（含当日）");
  EXPECT_EQ(
      PeriodRuleFromJson(nlohmann::json{{"value", 0}, {"unit", "months"}}, "p").status().field(),
      "p.value");
  EXPECT_EQ(
      PeriodRuleFromJson(nlohmann::json{{"value", 3}, {"unit", "weeks"}}, "p").status().field(),
      "p.unit");
  EXPECT_EQ(*PeriodRuleFromJson(PeriodRuleToJson(*rule), "x"), *rule);
}

TEST(DeadlineTest, JsonMarksProvisionalDates) {
  nlohmann::json j = CountedDateJson({D("2027-01-07"), true});
  EXPECT_EQ(j["due"], "2027-01-07");
  EXPECT_EQ(j["provisional"], true);
  EXPECT_THAT(j["provisional_reason"].get<std::string>(), HasSubstr("2027 年节假日安排尚未录入"));
  EXPECT_FALSE(CountedDateJson({D("2026-10-12"), false}).contains("provisional_reason"));
}

}  // namespace
}  // namespace amr::codes
