// SPDX-License-Identifier: MulanPSL-2.0
// Elapsed working time of a step.
//
// Definition (docs/registration.md): the minutes between two instants that
// fall on a working day (the calendar in force: Mon–Fri except statutory
// holidays, plus make-up working days) inside the office hours of
// data/establishment/settings.csv, Beijing time (UTC+8). Nights, lunch
// breaks, weekends and holidays do not count. One working day is the sum of
// the office intervals (420 minutes for 09:00–12:00 and 13:30–17:30).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "establishment/rules.h"

namespace amr::establishment {

// Working minutes in [from, to); 0 if to <= from. OutOfRange (from the
// calendar) for a date beyond its provisional year.
StatusOr<int64_t> WorkingMinutes(Clock::TimePoint from, Clock::TimePoint to,
                                 const std::vector<OfficeInterval>& office_hours,
                                 const codes::WorkdayCalendar& calendar);

}  // namespace amr::establishment
