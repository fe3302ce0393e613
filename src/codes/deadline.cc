// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/deadline.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace amr::codes {

namespace {

constexpr int kMaxAmount = 3650;

Date LastDayOfMonth(int year, int month) {
  const int next_year = month == 12 ? year + 1 : year;
  const int next_month = month == 12 ? 1 : month + 1;
  return Date::FromYmd(next_year, next_month, 1)->AddDays(-1);
}

// 民法典 Art. 202: the corresponding day `months` later, else that month's last day.
Date AddMonths(const Date& date, int months) {
  const int index = date.year() * 12 + (date.month() - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const Date last = LastDayOfMonth(year, month);
  if (date.day() > last.day()) return last;
  return *Date::FromYmd(year, month, date.day());
}

// Art. 203 beyond the provisional year: weekends only, provisional.
Date NextWeekday(Date date) {
  while (date.IsWeekend()) date = date.AddDays(1);
  return date;
}

StatusOr<CountedDate> ShiftToWorkday(const WorkdayCalendar& calendar, const Date& raw) {
  const Date provisional_end = *Date::FromYmd(calendar.provisional_year(), 12, 31);
  if (raw <= provisional_end) {
    StatusOr<Date> shifted = calendar.WorkdayOnOrAfter(raw);
    if (shifted.ok()) return CountedDate{*shifted, calendar.IsProvisional(*shifted)};
    if (raw.year() < calendar.first_year()) return shifted.status();
    // The provisional year's last days are off and the next working day lies
    // beyond it: fall through to the weekend-only rule.
  }
  return CountedDate{NextWeekday(raw), true};
}

}  // namespace

std::string_view PeriodUnitName(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kWorkingDays:
      return "working_days";
    case PeriodUnit::kCalendarDays:
      return "calendar_days";
    case PeriodUnit::kMonths:
      return "months";
    case PeriodUnit::kYears:
      return "years";
  }
  return "working_days";
}

StatusOr<PeriodUnit> ParsePeriodUnit(std::string_view text, std::string_view field) {
  for (PeriodUnit unit : {PeriodUnit::kWorkingDays, PeriodUnit::kCalendarDays, PeriodUnit::kMonths,
                          PeriodUnit::kYears}) {
    if (text == PeriodUnitName(unit)) return unit;
  }
  return InvalidArgumentError(
      fmt::format("期间单位应为 working_days、calendar_days、months 或 years，收到“{}”", text),
      std::string(field));
}

std::string DescribePeriod(const PeriodRule& rule) {
  std::string text;
  switch (rule.unit) {
    case PeriodUnit::kWorkingDays:
      text = fmt::format("{} 个工作日", rule.amount);
      break;
    case PeriodUnit::kCalendarDays:
      text = fmt::format("{} 日", rule.amount);
      break;
    case PeriodUnit::kMonths:
      text = fmt::format("{} 个月", rule.amount);
      break;
    case PeriodUnit::kYears:
      text = fmt::format("{} 年", rule.amount);
      break;
  }
  if (rule.first_day_counted) text += "（含当日）";
  return text;
}

StatusOr<PeriodRule> PeriodRuleFromJson(const nlohmann::json& json, std::string_view field) {
  if (!json.is_object()) {
    return InvalidArgumentError("期间应为对象 {value, unit}", std::string(field));
  }
  PeriodRule rule;
  auto value = json.find("value");
  if (value == json.end() || !value->is_number_integer() || value->get<int64_t>() < 1 ||
      value->get<int64_t>() > kMaxAmount) {
    return InvalidArgumentError(fmt::format("期间长度应为 1–{} 的整数", kMaxAmount),
                                fmt::format("{}.value", field));
  }
  rule.amount = value->get<int>();
  auto unit = json.find("unit");
  if (unit == json.end() || !unit->is_string()) {
    return InvalidArgumentError("缺少期间单位", fmt::format("{}.unit", field));
  }
  ASSIGN_OR_RETURN(rule.unit,
                   ParsePeriodUnit(unit->get<std::string>(), fmt::format("{}.unit", field)));
  for (auto [key, target] : {std::pair{"first_day_counted", &rule.first_day_counted},
                             std::pair{"holiday_shift", &rule.holiday_shift}}) {
    auto it = json.find(key);
    if (it == json.end()) continue;
    if (!it->is_boolean()) {
      return InvalidArgumentError("应为 true 或 false", fmt::format("{}.{}", field, key));
    }
    *target = it->get<bool>();
  }
  return rule;
}

nlohmann::json PeriodRuleToJson(const PeriodRule& rule) {
  return {{"value", rule.amount},
          {"unit", PeriodUnitName(rule.unit)},
          {"first_day_counted", rule.first_day_counted},
          {"holiday_shift", rule.holiday_shift},
          {"text", DescribePeriod(rule)}};
}

StatusOr<CountedDate> PeriodEnd(const WorkdayCalendar& calendar, const DeadlineInput& input) {
  const PeriodRule& rule = input.rule;
  if (rule.amount < 0 || input.extension < 0) {
    return InvalidArgumentError("期间长度和延长天数不能为负", "period");
  }
  // Art. 201: the count starts the day after `start`, or on it when the rule
  // counts the first day.
  const Date before_first = rule.first_day_counted ? input.start.AddDays(-1) : input.start;
  const int amount = rule.amount + input.extension;
  int stopped = 0;  // days the clock stood still, in the rule's unit
  for (const Suspension& s : input.suspensions) {
    if (s.to < s.from) return InvalidArgumentError("中止期间的结束日早于开始日", "suspensions");
    if (rule.unit == PeriodUnit::kWorkingDays) {
      ASSIGN_OR_RETURN(int n, calendar.WorkdaysBetween(s.from.AddDays(-1), s.to));
      stopped += n;
    } else {
      stopped += s.to.DaysSince(s.from) + 1;
    }
  }
  if (rule.unit == PeriodUnit::kWorkingDays) {
    ASSIGN_OR_RETURN(Date end, calendar.AddWorkdays(before_first, amount + stopped));
    return CountedDate{end, calendar.IsProvisional(end)};
  }
  Date raw = before_first;
  switch (rule.unit) {
    case PeriodUnit::kCalendarDays:
      raw = before_first.AddDays(amount);
      break;
    case PeriodUnit::kMonths:
      raw = AddMonths(before_first, amount);
      break;
    case PeriodUnit::kYears:
      raw = AddMonths(before_first, 12 * amount);
      break;
    case PeriodUnit::kWorkingDays:
      break;
  }
  raw = raw.AddDays(stopped);
  if (!rule.holiday_shift) return CountedDate{raw, false};
  return ShiftToWorkday(calendar, raw);
}

StatusOr<Date> FixedPeriodEnd(const Date& start, const PeriodRule& rule) {
  if (rule.unit == PeriodUnit::kWorkingDays || rule.holiday_shift) {
    return FailedPreconditionError(
        fmt::format("期间“{}”按工作日历计算，须提供工作日历", DescribePeriod(rule)), "period");
  }
  const Date before_first = rule.first_day_counted ? start.AddDays(-1) : start;
  switch (rule.unit) {
    case PeriodUnit::kMonths:
      return AddMonths(before_first, rule.amount);
    case PeriodUnit::kYears:
      return AddMonths(before_first, 12 * rule.amount);
    default:
      return before_first.AddDays(rule.amount);
  }
}

StatusOr<CountedDate> PeriodEnd(const WorkdayCalendar& calendar, const Date& start,
                                const PeriodRule& rule) {
  return PeriodEnd(calendar, DeadlineInput{start, rule, 0, {}});
}

StatusOr<ClockReading> ReadClock(const WorkdayCalendar& calendar, const DeadlineInput& input,
                                 const Date& today) {
  ClockReading reading;
  ASSIGN_OR_RETURN(reading.due, PeriodEnd(calendar, input));
  const Date& due = reading.due.date;
  reading.overdue = today > due;
  if (input.rule.unit == PeriodUnit::kWorkingDays) {
    if (reading.overdue) {
      ASSIGN_OR_RETURN(int late, calendar.WorkdaysBetween(due, today));
      reading.left = -late;
    } else {
      ASSIGN_OR_RETURN(reading.left, calendar.WorkdaysBetween(today, due));
    }
  } else {
    reading.left = due.DaysSince(today);
  }
  return reading;
}

std::string ProvisionalReason(int year) {
  return fmt::format("{} 年节假日安排尚未录入，暂按周一至周五计算；录入后自动重算", year);
}

nlohmann::json CountedDateJson(const CountedDate& date) {
  nlohmann::json json = {{"due", date.date.ToString()}, {"provisional", date.provisional}};
  if (date.provisional) json["provisional_reason"] = ProvisionalReason(date.date.year());
  return json;
}

}  // namespace amr::codes
