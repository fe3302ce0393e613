// SPDX-License-Identifier: MulanPSL-2.0
#include "common/clock.h"

#include <fmt/format.h>

#include <cctype>

namespace amr {

namespace {
class RealClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}
int Num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}
}  // namespace

const Clock& Clock::Real() {
  static const RealClock clock;
  return clock;
}

Date ChinaDate(Clock::TimePoint t) {
  auto local = std::chrono::floor<std::chrono::days>(t + kChinaUtcOffset);
  return Date::FromSysDays(std::chrono::sys_days(local));
}

Clock::TimePoint ChinaMidnight(const Date& day) {
  return Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(
      std::chrono::sys_days(day.sys_days()).time_since_epoch() - kChinaUtcOffset));
}

std::string FormatChinaTime(Clock::TimePoint t) {
  auto local = std::chrono::floor<std::chrono::seconds>(t + kChinaUtcOffset);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::hh_mm_ss hms(local - day);
  return fmt::format("{}T{:02d}:{:02d}:{:02d}+08:00", Date::FromSysDays(day).ToString(),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

StatusOr<Clock::TimePoint> ParseTime(std::string_view s, std::string_view field) {
  auto bad = [&] {
    return InvalidArgumentError(
        fmt::format("时间格式应为 RFC 3339（如 2026-02-13T15:30:00+08:00），收到“{}”", s),
        std::string(field));
  };
  if (s.size() < 20 || s[10] != 'T' || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) ||
      s[16] != ':' || !Digits(s, 17, 2)) {
    return bad();
  }
  auto date = Date::Parse(s.substr(0, 10), field);
  if (!date.ok()) return date.status();
  // Clock::TimePoint counts nanoseconds in 64 bits (1677–2262): a later year
  // overflowed (found by tests/fuzz). No time this platform keeps is outside
  // 1900–2199.
  if (date->year() < 1900 || date->year() > 2199) {
    return InvalidArgumentError(fmt::format("时间超出可处理的范围（1900 至 2199 年），收到“{}”", s),
                                std::string(field));
  }
  int h = Num(s, 11, 2), m = Num(s, 14, 2), sec = Num(s, 17, 2);
  if (h > 23 || m > 59 || sec > 59) return bad();
  size_t pos = 19;
  std::chrono::nanoseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    long long scale = 100000000, ns = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (scale > 0) ns += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return bad();
    frac = std::chrono::nanoseconds(ns);
  }
  std::chrono::minutes offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && Digits(s, pos + 1, 2) &&
             s[pos + 3] == ':' && Digits(s, pos + 4, 2)) {
    offset = std::chrono::hours(Num(s, pos + 1, 2)) + std::chrono::minutes(Num(s, pos + 4, 2));
    if (s[pos] == '-') offset = -offset;
  } else {
    return bad();
  }
  auto local = date->sys_days() + std::chrono::hours(h) + std::chrono::minutes(m) +
               std::chrono::seconds(sec);
  auto utc = local - offset;
  return Clock::TimePoint(
      std::chrono::duration_cast<Clock::TimePoint::duration>(utc.time_since_epoch() + frac));
}

}  // namespace amr
