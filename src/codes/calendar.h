// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar for statutory deadlines (工作日).
//
// A day is a working day if the State Council's holiday notice (国务院办公厅
// 关于部分节假日安排的通知) makes it a make-up working day (调休上班), or if it is
// Monday–Friday and not a holiday:
//   workday(d) = d ∈ makeup_workdays OR (Mon–Fri AND d ∉ holidays).
// The notices are published a year at a time, so the data covers whole years
// stated in data/calendar.csv. A date outside them is refused with OutOfRange,
// never computed as plain Mon–Fri: a deadline counted wrongly is worse than
// none.
//
// Thread-safety: immutable after loading; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace amr::codes {

class WorkdayCalendar {
 public:
  // Loads a CSV with the header "date,kind,name", kind = holiday |
  // makeup_workday | coverage_start | coverage_end. The single coverage_start
  // row (a 1 January) and coverage_end row (a 31 December) state the years
  // covered; every other date must lie within them and appear once.
  // Returns NotFound for a missing file, InvalidArgument for a malformed one.
  static StatusOr<WorkdayCalendar> LoadCsv(const std::filesystem::path& path);

  int first_year() const { return first_.year(); }
  int last_year() const { return last_.year(); }

  // OutOfRange (field "date") outside the covered years.
  StatusOr<bool> IsWorkday(const Date& date) const;
  // The holiday `date` falls in ("春节"); nullopt on other days and outside coverage.
  std::optional<std::string> HolidayName(const Date& date) const;
  // The n-th working day after `from`, not counting `from` itself; n = 0
  // returns `from`; negative n counts backwards (the |n|-th working day before).
  // OutOfRange (field "date") if `from` or the result lies outside the covered years.
  // O(1).
  StatusOr<Date> AddWorkdays(const Date& from, int n) const;
  // The number of working days in (from, to]; negative (minus those in
  // (to, from]) if `to` is earlier. OutOfRange if either date is outside. O(1).
  StatusOr<int> WorkdaysBetween(const Date& from, const Date& to) const;

 private:
  WorkdayCalendar(Date first, Date last) : first_(first), last_(last) {}
  Status CheckCovered(const Date& date) const;
  int Index(const Date& date) const { return date.DaysSince(first_); }

  Date first_;  // 1 January of the first covered year
  Date last_;   // 31 December of the last covered year
  // workdays_before_[i]: working days among days [0, i) of the covered range.
  std::vector<int32_t> workdays_before_;
  // workday_index_[k]: the day index of the k-th (0-based) working day.
  std::vector<int32_t> workday_index_;
  std::map<Date, std::string> holiday_names_;
};

// The process-wide calendar from DataDir()/"calendar.csv", loaded on first use
// (thread-safe). Prints the reason to stderr and aborts if it cannot be loaded.
const WorkdayCalendar& Calendar();

}  // namespace amr::codes
