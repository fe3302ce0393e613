// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codes/test_files.h"
#include "common/random.h"

namespace amr::codes {
namespace {

using ::testing::HasSubstr;

Date D(std::string_view text) { return *Date::Parse(text); }

// The shipped calendar: 2004–2026 entered, 2027 provisional.
const WorkdayCalendar& Calendar() { return *ShippedCalendar().Current(); }

bool Workday(std::string_view text) {
  StatusOr<bool> w = Calendar().IsWorkday(D(text));
  EXPECT_TRUE(w.ok()) << text << ": " << w.status().ToString();
  return w.ok() && *w;
}

TEST(CalendarTest, CoversTheYearsOfTheData) {
  EXPECT_EQ(Calendar().first_year(), 2004);
  EXPECT_EQ(Calendar().last_year(), 2026);
}

// DOMAIN.md §1, from the State Council notice on the 2026 holidays.
TEST(CalendarTest, DaysOff2026) {
  const std::vector<std::pair<std::string, std::string>> kRanges = {
      {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
      {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
      {"2026-10-01", "2026-10-07"},
  };
  int days = 0;
  for (const auto& [first, last] : kRanges) {
    for (Date d = D(first); d <= D(last); d = d.AddDays(1)) {
      EXPECT_FALSE(Workday(d.ToString())) << d.ToString();
      EXPECT_TRUE(Calendar().HolidayName(d).has_value()) << d.ToString();
      ++days;
    }
  }
  EXPECT_EQ(days, 33);
  EXPECT_EQ(Calendar().HolidayName(D("2026-02-17")), "春节");
  EXPECT_EQ(Calendar().HolidayName(D("2026-10-01")), "国庆节");
  EXPECT_EQ(Calendar().HolidayName(D("2026-09-25")), "中秋");
  EXPECT_EQ(Calendar().HolidayName(D("2026-03-02")), std::nullopt);
}

TEST(CalendarTest, MakeupWorkdays2026) {
  for (const char* d :
       {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
    EXPECT_TRUE(D(d).IsWeekend()) << d;
    EXPECT_TRUE(Workday(d)) << d;
    EXPECT_EQ(Calendar().HolidayName(D(d)), std::nullopt) << d;
  }
  EXPECT_FALSE(Workday("2026-10-11"));  // An ordinary Sunday.
  EXPECT_TRUE(Workday("2026-10-08"));   // Thursday after 国庆.
  EXPECT_TRUE(Workday("2026-03-02"));   // An ordinary Monday.
}

TEST(CalendarTest, AddWorkdays) {
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-02-13"), 1), D("2026-02-14"));  // Make-up Saturday.
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-02-13"), 2), D("2026-02-24"));
  // 10-01..10-07 off; Thursday 10-08 is the first working day after.
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-09-30"), 1), D("2026-10-08"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-09-30"), 3), D("2026-10-10"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-09-24"), 1), D("2026-09-28"));
  // Starting on a day off: that day is not counted either way.
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-10-03"), 1), D("2026-10-08"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-10-03"), 0), D("2026-10-03"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-12-30"), 1), D("2026-12-31"));
}

TEST(CalendarTest, AddWorkdaysBackwards) {
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-10-08"), -1), D("2026-09-30"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-10-03"), -1), D("2026-09-30"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-02-24"), -1), D("2026-02-14"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-02-24"), -2), D("2026-02-13"));
}

TEST(CalendarTest, WorkdaysBetween) {
  // (02-13, 02-27]: 02-14 (make-up) and 02-24..02-27.
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2026-02-13"), D("2026-02-27")), 5);
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2026-09-30"), D("2026-10-10")), 3);
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2026-10-01"), D("2026-10-07")), 0);
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2026-03-02"), D("2026-03-02")), 0);
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2026-02-27"), D("2026-02-13")), -5);
  // 2026: 365 days - 104 weekend days - 19 holidays on weekdays + 6 make-up days.
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2025-12-31"), D("2026-12-31")), 248);
}

TEST(CalendarTest, Year2004) {
  EXPECT_FALSE(Workday("2004-01-01"));  // 元旦, a Thursday.
  EXPECT_TRUE(Workday("2004-01-02"));
  EXPECT_TRUE(Workday("2004-01-17"));   // Make-up Saturday before 春节.
  EXPECT_FALSE(Workday("2004-01-22"));  // 春节.
  EXPECT_EQ(*Calendar().AddWorkdays(D("2004-01-01"), 1), D("2004-01-02"));
  EXPECT_EQ(*Calendar().AddWorkdays(D("2004-01-21"), 1), D("2004-01-29"));
}

// The year after the last entered one counts Monday–Friday, marked provisional.
TEST(CalendarTest, TheNextYearIsProvisionalMondayToFriday) {
  EXPECT_EQ(Calendar().provisional_year(), 2027);
  EXPECT_TRUE(*Calendar().IsWorkday(D("2027-01-01")));  // A Friday; 元旦 not yet entered.
  EXPECT_FALSE(*Calendar().IsWorkday(D("2027-01-02")));
  EXPECT_TRUE(*Calendar().IsWorkday(D("2027-10-01")));
  EXPECT_TRUE(Calendar().IsProvisional(D("2027-01-01")));
  EXPECT_FALSE(Calendar().IsProvisional(D("2026-12-31")));
  // Thursday 2026-12-30 + 5: 12-31, then 2027-01-01, 04, 05, 06.
  EXPECT_EQ(*Calendar().AddWorkdays(D("2026-12-30"), 5), D("2027-01-06"));
  EXPECT_EQ(*Calendar().WorkdaysBetween(D("2026-12-31"), D("2027-12-31")), 261);
  EXPECT_EQ(Calendar().HolidayName(D("2027-01-01")), std::nullopt);
}

TEST(CalendarTest, OutsideTheDataIsRefused) {
  StatusOr<bool> far = Calendar().IsWorkday(D("2028-01-04"));
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(far.status().field(), "date");
  EXPECT_EQ(far.status().message(),
            "2028-01-04 超出工作日历数据范围（2004–2027 年，其中 2027 年为暂定），无法计算期限；"
            "请管理员录入该年的节假日安排");
  EXPECT_EQ(Calendar().IsWorkday(D("2028-01-01")).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Calendar().IsWorkday(D("2003-12-31")).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Calendar().AddWorkdays(D("2028-01-04"), 0).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Calendar().WorkdaysBetween(D("2027-12-01"), D("2028-01-04")).status().code(),
            StatusCode::kOutOfRange);

  // Counting past the end of the provisional year.
  StatusOr<Date> past_end = Calendar().AddWorkdays(D("2027-12-30"), 5);
  ASSERT_FALSE(past_end.ok());
  EXPECT_EQ(past_end.status().code(), StatusCode::kOutOfRange);
  EXPECT_THAT(past_end.status().message(), HasSubstr("2027-12-30 之后第 5 个工作日"));
  EXPECT_THAT(past_end.status().message(), HasSubstr("2004–2027 年"));
  EXPECT_EQ(Calendar().AddWorkdays(D("2027-12-31"), 1).status().code(), StatusCode::kOutOfRange);
  // And before its start: 2004-01-01 is a holiday, so nothing precedes 01-02.
  EXPECT_EQ(Calendar().AddWorkdays(D("2004-01-02"), -1).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Calendar().AddWorkdays(D("2026-01-05"), 2000000000).status().code(),
            StatusCode::kOutOfRange);
  EXPECT_EQ(Calendar().AddWorkdays(D("2026-01-05"), -2000000000).status().code(),
            StatusCode::kOutOfRange);
  EXPECT_EQ(Calendar().HolidayName(D("2028-01-01")), std::nullopt);
}

// The O(1) answers agree with walking day by day over the rule itself.
TEST(CalendarTest, AgreesWithADayByDayWalk) {
  Random random(20260101);
  const Date first = D("2004-01-01");
  const int span = D("2027-12-31").DaysSince(first) + 1;
  for (int trial = 0; trial < 300; ++trial) {
    const Date from = first.AddDays(static_cast<int>(random.Uniform(span)));
    const int n = static_cast<int>(random.UniformInRange(-40, 40));
    StatusOr<Date> fast = Calendar().AddWorkdays(from, n);
    // Walk.
    Date d = from;
    int left = n > 0 ? n : -n;
    bool out = false;
    while (left > 0) {
      d = d.AddDays(n > 0 ? 1 : -1);
      StatusOr<bool> w = Calendar().IsWorkday(d);
      if (!w.ok()) {
        out = true;
        break;
      }
      if (*w) --left;
    }
    if (out) {
      EXPECT_EQ(fast.status().code(), StatusCode::kOutOfRange) << from.ToString() << " " << n;
      continue;
    }
    ASSERT_TRUE(fast.ok()) << from.ToString() << " " << n;
    EXPECT_EQ(*fast, d) << from.ToString() << " " << n;
    if (n >= 0) {
      EXPECT_EQ(*Calendar().WorkdaysBetween(from, *fast), n) << from.ToString() << " " << n;
    }
  }
}

constexpr char kHeader[] = "date,kind,name\n";
constexpr char kCoverage[] = "2030-01-01,coverage_start,\n2030-12-31,coverage_end,\n";

TEST(CalendarTest, LoadCsvSmallCalendar) {
  // A make-up day wins over everything; a listed holiday on a weekday is off.
  TempFile file("calendar.csv", std::string(kHeader) + kCoverage +
                                    "2030-01-01,holiday,元旦\n2030-01-05,makeup_workday,元旦\n");
  StatusOr<WorkdayCalendar> calendar = WorkdayCalendar::LoadCsv(file.path());
  ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
  EXPECT_EQ(calendar->first_year(), 2030);
  EXPECT_EQ(calendar->last_year(), 2030);
  EXPECT_FALSE(*calendar->IsWorkday(D("2030-01-01")));  // Tuesday, holiday.
  EXPECT_TRUE(*calendar->IsWorkday(D("2030-01-02")));
  EXPECT_TRUE(*calendar->IsWorkday(D("2030-01-05")));   // Saturday, make-up.
  EXPECT_FALSE(*calendar->IsWorkday(D("2030-01-06")));  // Sunday.
  EXPECT_EQ(calendar->HolidayName(D("2030-01-01")), "元旦");
  EXPECT_TRUE(calendar->IsProvisional(D("2031-01-01")));
  EXPECT_THAT(calendar->IsWorkday(D("2032-01-01")).status().message(), HasSubstr("2030–2031 年"));
}

// The file an administrator imports (amr calendar import): one or more years,
// each validated whole, the first error named by its line.
TEST(CalendarTest, ReadCalendarCsvForImport) {
  TempFile good("2027.csv", std::string(kHeader) +
                                "2027-01-01,holiday,元旦\n"
                                "2027-10-01,holiday,国庆节\n2027-10-02,holiday,国庆节\n"
                                "2027-10-03,holiday,国庆节\n2027-09-26,makeup_workday,国庆节\n");
  auto years = ReadCalendarCsv(good.path());
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  ASSERT_EQ(years->size(), 1u);
  EXPECT_EQ((*years)[0].year, 2027);
  EXPECT_EQ((*years)[0].days.size(), 5u);
  EXPECT_TRUE(ReadCalendarCsv(good.path(), 2027).ok());

  TempFile weekday("bad.csv", std::string(kHeader) +
                                  "2027-01-01,holiday,元旦\n2027-01-04,makeup_workday,元旦\n");
  auto w = ReadCalendarCsv(weekday.path());
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(w.status().message(), HasSubstr("第 3 行"));
  EXPECT_THAT(w.status().message(), HasSubstr("星期一"));
  TempFile twice("bad.csv",
                 std::string(kHeader) + "2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n");
  EXPECT_THAT(ReadCalendarCsv(twice.path()).status().message(), HasSubstr("第 3 行"));
  // A name too long for a holiday.
  TempFile long_name("bad.csv",
                     std::string(kHeader) + "2027-01-01,holiday," + std::string(41, 'x') + "\n");
  EXPECT_THAT(ReadCalendarCsv(long_name.path()).status().message(), HasSubstr("1–40 个字"));
  // Outside the year asked for.
  EXPECT_THAT(ReadCalendarCsv(good.path(), 2028).status().message(), HasSubstr("不在 2028 年内"));
  TempFile empty("empty.csv", std::string(kHeader));
  EXPECT_EQ(ReadCalendarCsv(empty.path()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadCalendarCsv("/nonexistent/x.csv").status().code(), StatusCode::kNotFound);
}

// Every year of the shipped data passes the checks an administrator's entry
// must pass (the store is seeded through them).
TEST(CalendarTest, TheShippedYearsPassTheEntryChecks) {
  for (const CalendarYear& year : Calendar().years()) {
    EXPECT_TRUE(ValidateYear(year).ok()) << year.year << ": " << ValidateYear(year).ToString();
  }
  EXPECT_EQ(Calendar().years().size(), 23u);
}

TEST(CalendarTest, LoadCsvRejectsMalformedFiles) {
  EXPECT_EQ(WorkdayCalendar::LoadCsv("/nonexistent/calendar.csv").status().code(),
            StatusCode::kNotFound);
  TempFile no_coverage("calendar.csv", std::string(kHeader) + "2030-01-01,holiday,元旦\n");
  EXPECT_THAT(WorkdayCalendar::LoadCsv(no_coverage.path()).status().message(),
              HasSubstr("coverage"));
  TempFile outside("calendar.csv", std::string(kHeader) + kCoverage + "2031-01-01,holiday,元旦\n");
  EXPECT_THAT(WorkdayCalendar::LoadCsv(outside.path()).status().message(), HasSubstr("第 4 行"));
  TempFile bad_kind("calendar.csv", std::string(kHeader) + kCoverage + "2030-01-01,day_off,元旦\n");
  EXPECT_THAT(WorkdayCalendar::LoadCsv(bad_kind.path()).status().message(), HasSubstr("day_off"));
  TempFile twice("calendar.csv", std::string(kHeader) + kCoverage +
                                     "2030-01-01,holiday,元旦\n2030-01-01,makeup_workday,元旦\n");
  EXPECT_THAT(WorkdayCalendar::LoadCsv(twice.path()).status().message(), HasSubstr("重复"));
  TempFile partial_year(
      "calendar.csv",
      std::string(kHeader) + "2030-02-01,coverage_start,\n2030-12-31,coverage_end,\n");
  EXPECT_THAT(WorkdayCalendar::LoadCsv(partial_year.path()).status().message(), HasSubstr("整年"));
  TempFile bad_date("calendar.csv", std::string(kHeader) + kCoverage + "2030-02-30,holiday,x\n");
  EXPECT_EQ(WorkdayCalendar::LoadCsv(bad_date.path()).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace amr::codes
