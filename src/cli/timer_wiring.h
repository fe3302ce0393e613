// SPDX-License-Identifier: MulanPSL-2.0
// Where every context registers the handlers of its persistent timers
// (scheduler/scheduler.h): `amr serve` and `amr scheduler run-due` call
// RegisterTimerHandlers on their Scheduler before running it.
//
// Thread-safety: call before Scheduler::Start.
#pragma once

#include "codes/calendar.h"
#include "common/clock.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

namespace amr::cli {

// `calendar` (the calendar in force) must outlive the scheduler.
void RegisterTimerHandlers(scheduler::Scheduler& scheduler, storage::Database& db,
                           const Clock& clock, const codes::CalendarSource& calendar);

// The recurring timers that are not set by a business fact: the July
// no-report batch, the annual-report reminders and the monthly risk
// classification, each scheduling its next run when it fires; `amr serve`
// puts the next of each on the timetable at start (idempotent). Failures are
// logged, not fatal.
void ScheduleRecurringTimers(storage::Database& db, const Clock& clock,
                             const codes::CalendarSource& calendar);

}  // namespace amr::cli
