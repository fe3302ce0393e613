// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar the whole server shares (calendar/calendar_service.h),
// with the DeadlineMover of every context whose deadlines are counted on it,
// so that entering a year moves each context's own copy of a due date (and
// the timer firing on it) in the same transaction.
//
// Thread-safety: call once at start, before serving.
#pragma once

#include <memory>

#include "calendar/calendar_service.h"
#include "common/clock.h"
#include "storage/database.h"

namespace amr::cli {

// `seed`: fill the store from data/calendar.csv where it lacks years (amr
// serve, amr migrate); otherwise only load it (commands that read).
StatusOr<std::shared_ptr<calendar::CalendarService>> StartCalendar(storage::Database& db,
                                                                   const Clock& clock, bool seed);

}  // namespace amr::cli
