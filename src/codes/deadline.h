// SPDX-License-Identifier: MulanPSL-2.0
// The deadline clock: the one place a statutory period (期间) is counted.
//
// Every context's time limit — a complaint's 7 working days, a case's 90
// days, a notice's 20 days, a reservation's 2 months — is a PeriodRule read
// from data, counted from a start date with the working-day calendar in force:
//
//   民法典 第二百零一条: a period counted in days, months or years does not
//     count the day it starts (unless the rule says the first day counts, as
//     a public notice of "20 days from publication" does); it starts the next day.
//   民法典 第二百零二条: a period in months or years ends on the corresponding
//     day of the last month; where that month has no such day, on its last day.
//   民法典 第二百零三条: when the last day is a statutory day off (法定休假日:
//     a holiday or a weekend not made a working day), the period ends on the
//     first working day after it.
//   Working days (工作日) are counted on the calendar: n working days from D end
//     on the n-th working day after D (D itself never counts).
//
// Calendar-dependence and provisional dates: a working-day count into the
// provisional year, or an Art. 203 shift decided in it, is marked provisional
// and recomputed when the year is entered. A working-day count past the
// provisional year is refused (OutOfRange). A calendar-day period whose last
// day lies beyond the provisional year shifts over weekends only and is marked
// provisional, since no notice for that year can exist yet.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::codes {

enum class PeriodUnit { kWorkingDays, kCalendarDays, kMonths, kYears };

// "working_days" | "calendar_days" | "months" | "years".
std::string_view PeriodUnitName(PeriodUnit unit);
StatusOr<PeriodUnit> ParsePeriodUnit(std::string_view text, std::string_view field = "unit");

struct PeriodRule {
  int amount = 0;
  PeriodUnit unit = PeriodUnit::kWorkingDays;
  // 民法典 Art. 201: false — the start day is not counted. True for rules that
  // count it ("公示期 20 日，自公示之日起计算").
  bool first_day_counted = false;
  // 民法典 Art. 203 (calendar days, months, years; working days always end
  // on a working day). False only where a rule says a fixed date is meant.
  bool holiday_shift = true;

  friend bool operator==(const PeriodRule&, const PeriodRule&) = default;
};

// "20 个工作日", "45 日", "2 个月", "3 年" (and "（含当日）" when the first day counts).
std::string DescribePeriod(const PeriodRule& rule);

// {"value": 20, "unit": "working_days", "first_day_counted": false,
//  "holiday_shift": true} (the two flags optional, defaults as above).
// InvalidArgument naming `field` + ".value" / ".unit" for a bad entry;
// value must be 1..3650 (0..3650 with allow_zero).
StatusOr<PeriodRule> PeriodRuleFromJson(const nlohmann::json& json, std::string_view field);
nlohmann::json PeriodRuleToJson(const PeriodRule& rule);

// A counted date: when `provisional`, it depends on a year not yet entered.
struct CountedDate {
  Date date = Date::FromSysDays({});
  bool provisional = false;

  friend bool operator==(const CountedDate&, const CountedDate&) = default;
};

// Days (of the rule's unit: working days for working-day rules, else calendar
// days) during which the clock stood still: 中止, a hearing, testing.
struct Suspension {
  Date from = Date::FromSysDays({});  // first day stopped
  Date to = Date::FromSysDays({});    // last day stopped (inclusive)
};

struct DeadlineInput {
  Date start = Date::FromSysDays({});  // the day of the event that starts the period
  PeriodRule rule;
  // Granted extensions (延长), in the rule's unit, added to the amount.
  int extension = 0;
  std::vector<Suspension> suspensions = {};
};

// The last day of the period. OutOfRange (field "date") as described above;
// InvalidArgument for a negative amount or extension.
StatusOr<CountedDate> PeriodEnd(const WorkdayCalendar& calendar, const DeadlineInput& input);
// The end of a period that does not depend on the calendar (calendar days,
// months or years without the Art. 203 shift: a cap, a window);
// FailedPrecondition (field "period") for one that does.
StatusOr<Date> FixedPeriodEnd(const Date& start, const PeriodRule& rule);
// The same for a rule alone, with neither extension nor suspension.
StatusOr<CountedDate> PeriodEnd(const WorkdayCalendar& calendar, const Date& start,
                                const PeriodRule& rule);

// Where a running clock stands on `today`.
struct ClockReading {
  CountedDate due;
  // Days (working days for working-day rules, else calendar days) in
  // (today, due]: 0 on the due date itself (still in time), negative (minus
  // the days in (due, today]) once overdue.
  int left = 0;
  bool overdue = false;  // today is after the due date
};

StatusOr<ClockReading> ReadClock(const WorkdayCalendar& calendar, const DeadlineInput& input,
                                 const Date& today);

// The JSON every API answer gives a deadline: {"due": "2027-01-12",
// "provisional": true, "provisional_reason": "2027 年节假日安排尚未录入，暂按周一至周五计算"}
// (the reason only when provisional).
nlohmann::json CountedDateJson(const CountedDate& date);
// The Chinese reason a date is provisional, shown beside "暂定".
std::string ProvisionalReason(int year);

}  // namespace amr::codes
