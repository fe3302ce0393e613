// SPDX-License-Identifier: MulanPSL-2.0
// Injected time. Code that reads the time takes a `const Clock&`, so rules
// with deadlines are tested on chosen dates (absl::Clock, envoy TimeSource).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "common/date.h"

namespace amr {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;

  // The process-wide real clock. Thread-safe.
  static const Clock& Real();
};

// China has one time zone, UTC+8, with no daylight saving.
inline constexpr std::chrono::hours kChinaUtcOffset{8};

// The calendar date in China at `t`.
Date ChinaDate(Clock::TimePoint t);
// 00:00 China time of `day` (a timer due at the start of the day after a
// time limit's last day).
Clock::TimePoint ChinaMidnight(const Date& day);
// RFC 3339 with the +08:00 offset, seconds precision: "2026-02-13T15:30:00+08:00".
std::string FormatChinaTime(Clock::TimePoint t);
// Parses RFC 3339 ("…Z" or "…+08:00" style offsets, optional fractional seconds).
StatusOr<Clock::TimePoint> ParseTime(std::string_view text, std::string_view field = "time");

// A clock the test sets. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Set(TimePoint t) { now_.store(t.time_since_epoch().count()); }
  void Advance(std::chrono::nanoseconds d) {
    now_.fetch_add(std::chrono::duration_cast<TimePoint::duration>(d).count());
  }

 private:
  std::atomic<TimePoint::rep> now_;
};

}  // namespace amr
