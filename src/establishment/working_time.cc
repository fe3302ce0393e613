// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/working_time.h"

#include <algorithm>
#include <chrono>

#include "codes/calendar.h"

namespace amr::establishment {

StatusOr<int64_t> WorkingMinutes(Clock::TimePoint from, Clock::TimePoint to,
                                 const std::vector<OfficeInterval>& office_hours,
                                 const codes::WorkdayCalendar& calendar) {
  using std::chrono::duration_cast;
  using std::chrono::minutes;
  if (to <= from) return int64_t{0};
  const Date first = ChinaDate(from);
  const Date last = ChinaDate(to);
  int64_t total_seconds = 0;
  for (Date day = first; day <= last; day = day.AddDays(1)) {
    ASSIGN_OR_RETURN(bool workday, calendar.IsWorkday(day));
    if (!workday) continue;
    // Midnight Beijing time of `day` as a system_clock instant.
    const Clock::TimePoint midnight = Clock::TimePoint(duration_cast<Clock::TimePoint::duration>(
        std::chrono::sys_days(day.sys_days()).time_since_epoch() - kChinaUtcOffset));
    for (const OfficeInterval& i : office_hours) {
      const auto start = std::max(from, midnight + minutes(i.start));
      const auto end = std::min(to, midnight + minutes(i.end));
      if (end > start) {
        total_seconds += duration_cast<std::chrono::seconds>(end - start).count();
      }
    }
  }
  return total_seconds / 60;
}

}  // namespace amr::establishment
