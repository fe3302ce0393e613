// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar for statutory deadlines (工作日).
//
// A day is a working day if the State Council's holiday notice (国务院办公厅
// 关于部分节假日安排的通知) makes it a make-up working day (调休上班), or if it is
// Monday–Friday and not a holiday:
//   workday(d) = d ∈ makeup_workdays OR (Mon–Fri AND d ∉ holidays).
// The notices are published a year at a time (around November), and an
// administrator enters each one (calendar/). A calendar therefore covers a
// run of *entered* years, plus:
//   - the provisional year, the one right after the last entered year: its
//     working days are Monday–Friday, and every date computed from it is
//     marked provisional (IsProvisional) until the year is entered, when the
//     deadlines computed from it are recomputed (calendar/deadline_store.h);
//   - nothing further: a date beyond the provisional year is refused with
//     OutOfRange, never computed as plain Mon–Fri.
//
// Thread-safety: immutable after construction; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace amr::codes {

enum class DayKind { kHoliday, kMakeupWorkday };

// "holiday" / "makeup_workday", as in data/calendar.csv and the API.
std::string_view DayKindName(DayKind kind);
// InvalidArgument naming `field` for any other text.
StatusOr<DayKind> ParseDayKind(std::string_view text, std::string_view field = "kind");

struct CalendarDay {
  Date date = Date::FromSysDays({});
  DayKind kind = DayKind::kHoliday;
  std::string name;  // the holiday's name ("春节"); for a make-up day, the holiday it serves
};

// One year of a State Council notice: its holidays (放假, including the weekend
// days inside a 放假 run) and make-up working days (调休上班).
struct CalendarYear {
  int year = 0;
  std::vector<CalendarDay> days;  // any order
};

// The checks a year must pass before it is stored, in the order of `days`:
// every date inside the year, no date twice, a make-up working day on a
// Saturday or Sunday, a holiday name of 1–40 characters. (A holiday on a
// weekend is allowed: it names the festival and changes nothing.)
// InvalidArgument with field "days[i]" (the first bad entry) and a Chinese
// message naming the date; field "year" for a year outside 1949–2200.
Status ValidateYear(const CalendarYear& year);

// Reads a CSV file "date,kind,name" (kind holiday | makeup_workday; the
// coverage_start / coverage_end rows of the shipped file are skipped) into
// years, sorted. With `only_year`, every date must lie in it. Every year is
// validated whole (ValidateYear). InvalidArgument "第 N 行：…" naming the line
// for the first error; NotFound when the file cannot be opened.
StatusOr<std::vector<CalendarYear>> ReadCalendarCsv(const std::filesystem::path& path,
                                                    std::optional<int> only_year = std::nullopt);

class WorkdayCalendar {
 public:
  // A calendar over consecutive entered years (any order in `years`; each is
  // validated). InvalidArgument if empty, not consecutive or invalid.
  // `revision` names this state of the calendar in the store (0 for the
  // shipped file); deadlines remember the revision they were counted on.
  static StatusOr<WorkdayCalendar> FromYears(std::vector<CalendarYear> years, int64_t revision = 0);
  // The shipped file format: "date,kind,name", kind = holiday |
  // makeup_workday | coverage_start | coverage_end. The single coverage_start
  // row (a 1 January) and coverage_end row (a 31 December) state the years
  // covered; every other date must lie within them and appear once.
  // Returns NotFound for a missing file, InvalidArgument for a malformed one.
  static StatusOr<WorkdayCalendar> LoadCsv(const std::filesystem::path& path);
  // The years of the shipped file, coverage rows expanded (a year without
  // listed days still counts as entered). Errors as LoadCsv.
  static StatusOr<std::vector<CalendarYear>> ReadShippedYears(const std::filesystem::path& path);

  int first_year() const { return first_.year(); }
  // The last entered year.
  int last_year() const { return last_entered_.year(); }
  // The year counted Monday–Friday until it is entered (last_year() + 1).
  int provisional_year() const { return last_year() + 1; }
  // True for a date in the provisional year: a deadline on it was computed
  // from days not yet entered.
  bool IsProvisional(const Date& date) const { return date > last_entered_; }
  int64_t revision() const { return revision_; }
  // The years entered, with their days (as given to FromYears).
  const std::vector<CalendarYear>& years() const { return years_; }

  // OutOfRange (field "date") outside the entered and provisional years.
  StatusOr<bool> IsWorkday(const Date& date) const;
  // The holiday `date` falls in ("春节"); nullopt on other days and outside
  // the entered years.
  std::optional<std::string> HolidayName(const Date& date) const;
  // The n-th working day after `from`, not counting `from` itself; n = 0
  // returns `from`; negative n counts backwards (the |n|-th working day before).
  // OutOfRange (field "date") if `from` or the result lies outside the covered
  // years (entered + provisional). O(1).
  StatusOr<Date> AddWorkdays(const Date& from, int n) const;
  // The number of working days in (from, to]; negative (minus those in
  // (to, from]) if `to` is earlier. OutOfRange if either date is outside. O(1).
  StatusOr<int> WorkdaysBetween(const Date& from, const Date& to) const;
  // `date` if it is a working day, else the first working day after it
  // (民法典 Art. 203). OutOfRange past the provisional year.
  StatusOr<Date> WorkdayOnOrAfter(const Date& date) const;

 private:
  WorkdayCalendar(Date first, Date last_entered, Date last)
      : first_(first), last_entered_(last_entered), last_(last) {}
  Status CheckCovered(const Date& date) const;
  int Index(const Date& date) const { return date.DaysSince(first_); }

  Date first_;         // 1 January of the first entered year
  Date last_entered_;  // 31 December of the last entered year
  Date last_;          // 31 December of the provisional year
  int64_t revision_ = 0;
  std::vector<CalendarYear> years_;
  // workdays_before_[i]: working days among days [0, i) of the covered range.
  std::vector<int32_t> workdays_before_;
  // workday_index_[k]: the day index of the k-th (0-based) working day.
  std::vector<int32_t> workday_index_;
  std::map<Date, std::string> holiday_names_;
};

// Where code that counts deadlines gets the calendar in force: the store's
// (calendar/calendar_provider.h, refreshed when an administrator enters a
// year), or a fixed one (tests, the CLI without --db).
//
// Thread-safety: implementations are thread-safe; a returned calendar stays
// valid as long as the caller holds it.
class CalendarSource {
 public:
  virtual ~CalendarSource() = default;
  virtual std::shared_ptr<const WorkdayCalendar> Current() const = 0;
};

class FixedCalendar final : public CalendarSource {
 public:
  explicit FixedCalendar(std::shared_ptr<const WorkdayCalendar> calendar)
      : calendar_(std::move(calendar)) {}
  std::shared_ptr<const WorkdayCalendar> Current() const override { return calendar_; }

 private:
  std::shared_ptr<const WorkdayCalendar> calendar_;
};

// The shipped default, DataDir()/"calendar.csv" (the store is seeded from it).
StatusOr<std::shared_ptr<const WorkdayCalendar>> LoadShippedCalendar();
// The same as a source for tests and for commands run without a store: loaded
// once; aborts with the reason if the shipped file cannot be read.
const CalendarSource& ShippedCalendar();

}  // namespace amr::codes
