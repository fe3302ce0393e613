// SPDX-License-Identifier: MulanPSL-2.0
#include "common/date.h"

#include <fmt/format.h>

namespace amr {

namespace {
bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

StatusOr<Date> Date::FromYmd(int year, int month, int day) {
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (year < 1 || year > 9999 || !ymd.ok()) {
    return InvalidArgumentError(fmt::format("日期不存在：{:04d}-{:02d}-{:02d}", year, month, day));
  }
  return Date(std::chrono::sys_days(ymd));
}

StatusOr<Date> Date::Parse(std::string_view text, std::string_view field) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return InvalidArgumentError(fmt::format("日期格式应为 YYYY-MM-DD，收到“{}”", text),
                                std::string(field));
  }
  auto d = FromYmd(ToInt(text.substr(0, 4)), ToInt(text.substr(5, 2)), ToInt(text.substr(8, 2)));
  if (!d.ok()) return d.status().WithField(std::string(field));
  return d;
}

StatusOr<Date> Date::ParseCompact(std::string_view text, std::string_view field) {
  if (text.size() != 8 || !AllDigits(text)) {
    return InvalidArgumentError(fmt::format("日期格式应为 YYYYMMDD，收到“{}”", text),
                                std::string(field));
  }
  auto d = FromYmd(ToInt(text.substr(0, 4)), ToInt(text.substr(4, 2)), ToInt(text.substr(6, 2)));
  if (!d.ok()) return d.status().WithField(std::string(field));
  return d;
}

int Date::year() const { return int(std::chrono::year_month_day(days_).year()); }
int Date::month() const { return int(unsigned(std::chrono::year_month_day(days_).month())); }
int Date::day() const { return int(unsigned(std::chrono::year_month_day(days_).day())); }
int Date::IsoWeekday() const { return int(std::chrono::weekday(days_).iso_encoding()); }

std::string Date::ToString() const {
  return fmt::format("{:04d}-{:02d}-{:02d}", year(), month(), day());
}

}  // namespace amr
