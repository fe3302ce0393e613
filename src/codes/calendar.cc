// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/calendar.h"

#include <fmt/format.h>

#include <set>

#include "codes/data_dir.h"
#include "codes/data_file.h"

namespace amr::codes {

namespace {

std::string RangeText(int first_year, int last_year) {
  return fmt::format("工作日历数据范围（{}–{} 年）", first_year, last_year);
}

}  // namespace

StatusOr<WorkdayCalendar> WorkdayCalendar::LoadCsv(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::vector<internal::CsvRow> rows,
                   internal::ReadCsvTable(path, {"date", "kind", "name"}));
  std::optional<Date> first;
  std::optional<Date> last;
  std::map<Date, std::string> holidays;
  std::set<Date> makeup_workdays;
  std::vector<std::pair<Date, size_t>> listed;  // every holiday / make-up day and its line
  for (const internal::CsvRow& row : rows) {
    StatusOr<Date> date = Date::Parse(row.fields[0]);
    if (!date.ok()) return internal::DataError(path, row.line, date.status().message());
    const std::string& kind = row.fields[1];
    if (kind == "coverage_start" || kind == "coverage_end") {
      const bool start = kind == "coverage_start";
      std::optional<Date>& bound = start ? first : last;
      if (bound.has_value()) {
        return internal::DataError(path, row.line, fmt::format("{} 只能有一行", kind));
      }
      if (date->month() != (start ? 1 : 12) || date->day() != (start ? 1 : 31)) {
        return internal::DataError(
            path, row.line,
            fmt::format("数据须按整年覆盖：{} 应为某年的 {}", kind, start ? "01-01" : "12-31"));
      }
      bound = *date;
      continue;
    }
    const bool duplicate = holidays.contains(*date) || makeup_workdays.contains(*date);
    if (duplicate) {
      return internal::DataError(path, row.line, fmt::format("{} 重复出现", date->ToString()));
    }
    if (kind == "holiday") {
      holidays.emplace(*date, row.fields[2]);
    } else if (kind == "makeup_workday") {
      makeup_workdays.insert(*date);
    } else {
      return internal::DataError(
          path, row.line,
          fmt::format("类型应为 holiday、makeup_workday、coverage_start 或 coverage_end，"
                      "收到“{}”",
                      kind));
    }
    listed.emplace_back(*date, row.line);
  }
  if (!first.has_value() || !last.has_value() || *last < *first) {
    return internal::DataError(path, 1, "缺少 coverage_start / coverage_end 行，无法确定覆盖年份");
  }
  for (const auto& [date, line] : listed) {
    if (date < *first || date > *last) {
      return internal::DataError(path, line,
                                 fmt::format("{} 不在 coverage 所述的年份内", date.ToString()));
    }
  }

  WorkdayCalendar calendar(*first, *last);
  const int days = last->DaysSince(*first) + 1;
  calendar.workdays_before_.reserve(days + 1);
  calendar.workdays_before_.push_back(0);
  for (int i = 0; i < days; ++i) {
    const Date d = first->AddDays(i);
    const bool workday = makeup_workdays.contains(d) || (!d.IsWeekend() && !holidays.contains(d));
    if (workday) calendar.workday_index_.push_back(i);
    calendar.workdays_before_.push_back(static_cast<int32_t>(calendar.workday_index_.size()));
  }
  calendar.holiday_names_ = std::move(holidays);
  return calendar;
}

Status WorkdayCalendar::CheckCovered(const Date& date) const {
  if (date >= first_ && date <= last_) return OkStatus();
  return OutOfRangeError(fmt::format("{} 超出{}，无法计算期限；请管理员更新日历数据",
                                     date.ToString(), RangeText(first_year(), last_year())),
                         "date");
}

StatusOr<bool> WorkdayCalendar::IsWorkday(const Date& date) const {
  RETURN_IF_ERROR(CheckCovered(date));
  const int i = Index(date);
  return workdays_before_[i + 1] != workdays_before_[i];
}

std::optional<std::string> WorkdayCalendar::HolidayName(const Date& date) const {
  auto it = holiday_names_.find(date);
  if (it == holiday_names_.end()) return std::nullopt;
  return it->second;
}

StatusOr<Date> WorkdayCalendar::AddWorkdays(const Date& from, int n) const {
  RETURN_IF_ERROR(CheckCovered(from));
  if (n == 0) return from;
  const int i = Index(from);
  // Working days up to and including `from` (n > 0), or strictly before it (n < 0).
  const int64_t k =
      n > 0 ? int64_t{workdays_before_[i + 1]} + n - 1 : int64_t{workdays_before_[i]} + n;
  if (k < 0 || k >= static_cast<int64_t>(workday_index_.size())) {
    return OutOfRangeError(
        fmt::format("{} {}第 {} 个工作日超出{}，无法计算期限；请管理员更新日历数据",
                    from.ToString(), n > 0 ? "之后" : "之前", n > 0 ? n : -int64_t{n},
                    RangeText(first_year(), last_year())),
        "date");
  }
  return first_.AddDays(workday_index_[k]);
}

StatusOr<int> WorkdayCalendar::WorkdaysBetween(const Date& from, const Date& to) const {
  RETURN_IF_ERROR(CheckCovered(from));
  RETURN_IF_ERROR(CheckCovered(to));
  return workdays_before_[Index(to) + 1] - workdays_before_[Index(from) + 1];
}

const WorkdayCalendar& Calendar() {
  static const WorkdayCalendar* const calendar = [] {
    const std::filesystem::path path = DataDir() / "calendar.csv";
    StatusOr<WorkdayCalendar> loaded = WorkdayCalendar::LoadCsv(path);
    if (!loaded.ok()) internal::DieForMissingData(path, loaded.status());
    return new WorkdayCalendar(std::move(loaded).value());
  }();
  return *calendar;
}

}  // namespace amr::codes
