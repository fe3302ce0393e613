// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "codes/data_dir.h"
#include "codes/data_file.h"
#include "common/text.h"

namespace amr::codes {

namespace {

constexpr int kFirstYear = 1949;
constexpr int kLastYear = 2200;
constexpr size_t kMaxHolidayNameChars =
    40;  // 2015: 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日
// A year's notice lists some 40 days; a file of every year since 2004 about
// 800 lines. Anything far larger is not a calendar.
constexpr uintmax_t kMaxCalendarFileBytes = 1 << 20;

std::string RangeText(int first_year, int last_year) {
  return fmt::format("工作日历数据范围（{}–{} 年，其中 {} 年为暂定）", first_year, last_year,
                     last_year);
}

std::string_view WeekdayName(const Date& date) {
  static constexpr std::string_view kNames[] = {"",       "星期一", "星期二", "星期三",
                                                "星期四", "星期五", "星期六", "星期日"};
  return kNames[date.IsoWeekday()];
}

Status DayError(size_t index, std::string message) {
  return InvalidArgumentError(std::move(message), fmt::format("days[{}]", index));
}

}  // namespace

std::string_view DayKindName(DayKind kind) {
  return kind == DayKind::kHoliday ? "holiday" : "makeup_workday";
}

StatusOr<DayKind> ParseDayKind(std::string_view text, std::string_view field) {
  if (text == "holiday") return DayKind::kHoliday;
  if (text == "makeup_workday") return DayKind::kMakeupWorkday;
  return InvalidArgumentError(
      fmt::format("日期类型应为 holiday（放假）或 makeup_workday（调休上班），收到“{}”", text),
      std::string(field));
}

Status ValidateYear(const CalendarYear& year) {
  if (year.year < kFirstYear || year.year > kLastYear) {
    return InvalidArgumentError(
        fmt::format("年份应在 {}–{} 之间，收到 {}", kFirstYear, kLastYear, year.year), "year");
  }
  std::set<Date> seen;
  for (size_t i = 0; i < year.days.size(); ++i) {
    const CalendarDay& day = year.days[i];
    if (day.date.year() != year.year) {
      return DayError(i, fmt::format("{} 不在 {} 年内", day.date.ToString(), year.year));
    }
    if (!seen.insert(day.date).second) {
      return DayError(i, fmt::format("{} 重复出现", day.date.ToString()));
    }
    const size_t chars = Utf8Length(day.name);
    if (chars == 0 || chars > kMaxHolidayNameChars) {
      return DayError(
          i, fmt::format("{} 的节日名称应为 1–{} 个字", day.date.ToString(), kMaxHolidayNameChars));
    }
    if (day.kind == DayKind::kMakeupWorkday && !day.date.IsWeekend()) {
      return DayError(i, fmt::format("{} 是{}，本来就是工作日，不能作为调休上班日",
                                     day.date.ToString(), WeekdayName(day.date)));
    }
  }
  // A holiday on a Saturday or Sunday is allowed: it names the festival (2015's
  // 中秋 fell on a Sunday with no day added) and changes nothing in the count.
  return OkStatus();
}

namespace {

// Reads the rows of a calendar file; coverage rows go to `coverage` when it
// is given, else they are skipped.
struct ParsedRow {
  CalendarDay day;
  size_t line = 0;
};

StatusOr<std::vector<ParsedRow>> ReadRows(const std::filesystem::path& path,
                                          std::optional<Date>* coverage_start,
                                          std::optional<Date>* coverage_end) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxCalendarFileBytes) {
    return InvalidArgumentError(fmt::format("日历文件 {} 超过 {} KB，不像节假日安排",
                                            path.filename().string(), kMaxCalendarFileBytes / 1024),
                                "file");
  }
  ASSIGN_OR_RETURN(std::vector<internal::CsvRow> rows,
                   internal::ReadCsvTable(path, {"date", "kind", "name"}));
  std::vector<ParsedRow> parsed;
  for (const internal::CsvRow& row : rows) {
    StatusOr<Date> date = Date::Parse(row.fields[0]);
    if (!date.ok()) return internal::DataError(path, row.line, date.status().message());
    const std::string& kind = row.fields[1];
    if (kind == "coverage_start" || kind == "coverage_end") {
      if (coverage_start == nullptr) continue;
      const bool start = kind == "coverage_start";
      std::optional<Date>& bound = start ? *coverage_start : *coverage_end;
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
    StatusOr<DayKind> day_kind = ParseDayKind(kind);
    if (!day_kind.ok()) return internal::DataError(path, row.line, day_kind.status().message());
    parsed.push_back({CalendarDay{*date, *day_kind, row.fields[2]}, row.line});
  }
  return parsed;
}

// Groups rows into years and validates each; errors name the row's line.
StatusOr<std::vector<CalendarYear>> GroupYears(const std::filesystem::path& path,
                                               const std::vector<ParsedRow>& rows,
                                               const std::set<int>& years_wanted) {
  std::map<int, CalendarYear> by_year;
  std::map<int, std::vector<size_t>> lines;
  for (int y : years_wanted) by_year[y].year = y;
  for (const ParsedRow& row : rows) {
    const int y = row.day.date.year();
    by_year[y].year = y;
    by_year[y].days.push_back(row.day);
    lines[y].push_back(row.line);
  }
  std::vector<CalendarYear> years;
  for (auto& [y, year] : by_year) {
    Status valid = ValidateYear(year);
    if (!valid.ok()) {
      size_t line = 1;
      const std::string& field = valid.field();
      if (field.starts_with("days[")) {
        line = lines[y][std::stoul(field.substr(5))];
      }
      return internal::DataError(path, line, valid.message());
    }
    years.push_back(std::move(year));
  }
  return years;
}

}  // namespace

StatusOr<std::vector<CalendarYear>> ReadCalendarCsv(const std::filesystem::path& path,
                                                    std::optional<int> only_year) {
  ASSIGN_OR_RETURN(std::vector<ParsedRow> rows, ReadRows(path, nullptr, nullptr));
  if (rows.empty()) return internal::DataError(path, 1, "没有任何放假或调休日期");
  if (only_year.has_value()) {
    for (const ParsedRow& row : rows) {
      if (row.day.date.year() != *only_year) {
        return internal::DataError(
            path, row.line, fmt::format("{} 不在 {} 年内", row.day.date.ToString(), *only_year));
      }
    }
  }
  return GroupYears(path, rows, {});
}

StatusOr<std::vector<CalendarYear>> WorkdayCalendar::ReadShippedYears(
    const std::filesystem::path& path) {
  std::optional<Date> first;
  std::optional<Date> last;
  ASSIGN_OR_RETURN(std::vector<ParsedRow> rows, ReadRows(path, &first, &last));
  if (!first.has_value() || !last.has_value() || *last < *first) {
    return internal::DataError(path, 1, "缺少 coverage_start / coverage_end 行，无法确定覆盖年份");
  }
  for (const ParsedRow& row : rows) {
    if (row.day.date < *first || row.day.date > *last) {
      return internal::DataError(
          path, row.line, fmt::format("{} 不在 coverage 所述的年份内", row.day.date.ToString()));
    }
  }
  std::set<int> covered;
  for (int y = first->year(); y <= last->year(); ++y) covered.insert(y);
  return GroupYears(path, rows, covered);
}

StatusOr<WorkdayCalendar> WorkdayCalendar::LoadCsv(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::vector<CalendarYear> years, ReadShippedYears(path));
  return FromYears(std::move(years));
}

StatusOr<WorkdayCalendar> WorkdayCalendar::FromYears(std::vector<CalendarYear> years,
                                                     int64_t revision) {
  if (years.empty()) return InvalidArgumentError("工作日历没有任何已录入的年份", "years");
  std::sort(years.begin(), years.end(),
            [](const CalendarYear& a, const CalendarYear& b) { return a.year < b.year; });
  for (size_t i = 0; i < years.size(); ++i) {
    RETURN_IF_ERROR(ValidateYear(years[i]));
    if (i > 0 && years[i].year != years[i - 1].year + 1) {
      return InvalidArgumentError(fmt::format("工作日历的年份须连续：{} 年之后缺少 {} 年",
                                              years[i - 1].year, years[i - 1].year + 1),
                                  "years");
    }
  }
  const Date first = *Date::FromYmd(years.front().year, 1, 1);
  const Date last_entered = *Date::FromYmd(years.back().year, 12, 31);
  const Date last = *Date::FromYmd(years.back().year + 1, 12, 31);
  std::map<Date, std::string> holidays;
  std::set<Date> makeup_workdays;
  for (const CalendarYear& year : years) {
    for (const CalendarDay& day : year.days) {
      if (day.kind == DayKind::kHoliday) {
        holidays.emplace(day.date, day.name);
      } else {
        makeup_workdays.insert(day.date);
      }
    }
  }
  WorkdayCalendar calendar(first, last_entered, last);
  const int days = last.DaysSince(first) + 1;
  calendar.workdays_before_.reserve(days + 1);
  calendar.workdays_before_.push_back(0);
  for (int i = 0; i < days; ++i) {
    const Date d = first.AddDays(i);
    // The provisional year has no listed days: Monday–Friday.
    const bool workday = makeup_workdays.contains(d) || (!d.IsWeekend() && !holidays.contains(d));
    if (workday) calendar.workday_index_.push_back(i);
    calendar.workdays_before_.push_back(static_cast<int32_t>(calendar.workday_index_.size()));
  }
  calendar.holiday_names_ = std::move(holidays);
  calendar.years_ = std::move(years);
  calendar.revision_ = revision;
  return calendar;
}

Status WorkdayCalendar::CheckCovered(const Date& date) const {
  if (date >= first_ && date <= last_) return OkStatus();
  return OutOfRangeError(fmt::format("{} 超出{}，无法计算期限；请管理员录入该年的节假日安排",
                                     date.ToString(), RangeText(first_year(), provisional_year())),
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
        fmt::format("{} {}第 {} 个工作日超出{}，无法计算期限；请管理员录入该年的节假日安排",
                    from.ToString(), n > 0 ? "之后" : "之前", n > 0 ? n : -int64_t{n},
                    RangeText(first_year(), provisional_year())),
        "date");
  }
  return first_.AddDays(workday_index_[k]);
}

StatusOr<int> WorkdayCalendar::WorkdaysBetween(const Date& from, const Date& to) const {
  RETURN_IF_ERROR(CheckCovered(from));
  RETURN_IF_ERROR(CheckCovered(to));
  return workdays_before_[Index(to) + 1] - workdays_before_[Index(from) + 1];
}

StatusOr<Date> WorkdayCalendar::WorkdayOnOrAfter(const Date& date) const {
  ASSIGN_OR_RETURN(bool workday, IsWorkday(date));
  if (workday) return date;
  return AddWorkdays(date, 1);
}

StatusOr<std::shared_ptr<const WorkdayCalendar>> LoadShippedCalendar() {
  ASSIGN_OR_RETURN(WorkdayCalendar calendar, WorkdayCalendar::LoadCsv(DataDir() / "calendar.csv"));
  return std::make_shared<const WorkdayCalendar>(std::move(calendar));
}

const CalendarSource& ShippedCalendar() {
  static const FixedCalendar* const source = [] {
    const std::filesystem::path path = DataDir() / "calendar.csv";
    StatusOr<std::shared_ptr<const WorkdayCalendar>> loaded = LoadShippedCalendar();
    if (!loaded.ok()) internal::DieForMissingData(path, loaded.status());
    return new FixedCalendar(*std::move(loaded));
  }();
  return *source;
}

}  // namespace amr::codes
