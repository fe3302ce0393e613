// SPDX-License-Identifier: MulanPSL-2.0
// The calendar's HTTP API (docs/api.md, docs/operations.md):
//   GET  /api/v1/calendar/years                   public: entered years, the provisional
//                                                 year, and the administrators' reminder
//   GET  /api/v1/calendar/years/{year}            public: a year's days (or the provisional year)
//   GET  /api/v1/calendar/years/{year}/versions   calendar.write: every version of the year
//   PUT  /api/v1/calendar/years/{year}            calendar.write at the root unit: enter or
//                                                 correct a year; recomputes open deadlines
//   GET  /api/v1/calendar/moved-deadlines         signed in: deadlines in the caller's
//                                                 scope that a calendar change moved
// Routes translate only; the use cases are CalendarService's.
#pragma once

#include <memory>

#include "calendar/calendar_service.h"
#include "common/clock.h"
#include "http/router.h"

namespace amr::calendar {

void AddCalendarRoutes(http::Router& router, std::shared_ptr<CalendarService> service,
                       const Clock& clock);

// The reminder administrators see while the next year is missing: from
// 1 October of the last entered year, and (more urgently) once the year in
// progress is itself provisional. nullopt when there is nothing to do.
std::optional<std::string> CalendarReminder(const codes::WorkdayCalendar& calendar,
                                            const Date& today);

}  // namespace amr::calendar
