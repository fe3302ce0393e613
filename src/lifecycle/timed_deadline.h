// SPDX-License-Identifier: MulanPSL-2.0
// A statutory deadline with a persistent timer firing at the start of the
// day after it (a notice period ending, a window for objections closing):
// tracked on the calendar (calendar/deadline_store.h) under the timer's own
// kind and key, so that entering a year moves the due date, the context's
// copy of it and the timer together (MoveTimedDeadline in a DeadlineMover).
//
// Functions take the caller's session. Thread-safety: stateless.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "codes/calendar.h"
#include "codes/deadline.h"
#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::lifecycle {

struct TimedDeadline {
  std::string_view timer_kind;  // also the deadline's kind
  std::string key;              // also the deadline's subject
  std::string label;            // for people: "简易注销公示期 · 某某公司"
  std::string org_unit_path;    // the authority whose staff it concerns
  codes::DeadlineInput input;
  nlohmann::json payload;  // the timer's payload
};

// Counts the due date on `calendar`, tracks it and schedules the timer at
// 00:00 of the following day. Returns the due date.
StatusOr<codes::CountedDate> ScheduleDeadline(soci::session& sql,
                                              const codes::WorkdayCalendar& calendar,
                                              const TimedDeadline& deadline, const Clock& clock);
// The same, for a time limit that starts again when its fact recurs (a second
// change): the deadline is replaced and the timer armed again whatever its state.
StatusOr<codes::CountedDate> RestartDeadline(soci::session& sql,
                                             const codes::WorkdayCalendar& calendar,
                                             const TimedDeadline& deadline, const Clock& clock);
// The deadline is moot (an objection, a withdrawal, completion): the timer is
// cancelled and the deadline closed.
Status CancelDeadline(soci::session& sql, std::string_view timer_kind, std::string_view key,
                      const Clock& clock);
// The timer fired: the deadline is closed (it cannot move any more).
Status CloseFiredDeadline(soci::session& sql, std::string_view timer_kind, std::string_view key,
                          const Clock& clock);
// Reschedules the pending timer (kind, key) to the day after `new_due`,
// keeping its payload. OK when it is no longer pending.
Status MoveTimedDeadline(soci::session& sql, std::string_view timer_kind, std::string_view key,
                         const Date& new_due, const Clock& clock);

}  // namespace amr::lifecycle
