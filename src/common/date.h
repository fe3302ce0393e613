// SPDX-License-Identifier: MulanPSL-2.0
// A civil calendar date (proleptic Gregorian), the unit of every statutory
// deadline. Dates are local to China (UTC+8, no daylight saving).
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr {

class Date {
 public:
  // Returns InvalidArgument for a date that does not exist (2023-02-29).
  static StatusOr<Date> FromYmd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD". `field` names the input in the error.
  static StatusOr<Date> Parse(std::string_view text, std::string_view field = "date");
  // Parses "YYYYMMDD" as used inside citizen ID numbers.
  static StatusOr<Date> ParseCompact(std::string_view text, std::string_view field = "date");
  static Date FromSysDays(std::chrono::sys_days days) { return Date(days); }

  int year() const;
  int month() const;
  int day() const;
  // 1 = Monday … 7 = Sunday (ISO 8601).
  int IsoWeekday() const;
  bool IsWeekend() const { return IsoWeekday() >= 6; }

  Date AddDays(int days) const { return Date(days_ + std::chrono::days(days)); }
  // Days from `other` to this date (negative if this is earlier).
  int DaysSince(const Date& other) const { return (days_ - other.days_).count(); }
  std::chrono::sys_days sys_days() const { return days_; }

  std::string ToString() const;  // "YYYY-MM-DD"

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  explicit Date(std::chrono::sys_days days) : days_(days) {}
  std::chrono::sys_days days_;
};

}  // namespace amr
