// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/timed_deadline.h"

#include "calendar/deadline_store.h"
#include "scheduler/scheduler.h"

namespace amr::lifecycle {

StatusOr<codes::CountedDate> ScheduleDeadline(soci::session& sql,
                                              const codes::WorkdayCalendar& calendar,
                                              const TimedDeadline& d, const Clock& clock) {
  ASSIGN_OR_RETURN(codes::CountedDate due,
                   calendar::Track(sql, calendar,
                                   calendar::TrackRequest{std::string(d.timer_kind), d.key, d.label,
                                                          d.org_unit_path, d.input},
                                   clock));
  RETURN_IF_ERROR(scheduler::Schedule(sql, d.timer_kind, d.key, ChinaMidnight(due.date.AddDays(1)),
                                      d.payload, clock));
  return due;
}

StatusOr<codes::CountedDate> RestartDeadline(soci::session& sql,
                                             const codes::WorkdayCalendar& calendar,
                                             const TimedDeadline& d, const Clock& clock) {
  ASSIGN_OR_RETURN(codes::CountedDate due,
                   calendar::Track(sql, calendar,
                                   calendar::TrackRequest{std::string(d.timer_kind), d.key, d.label,
                                                          d.org_unit_path, d.input},
                                   clock));
  RETURN_IF_ERROR(scheduler::Rearm(sql, d.timer_kind, d.key, ChinaMidnight(due.date.AddDays(1)),
                                   d.payload, clock));
  return due;
}

Status CancelDeadline(soci::session& sql, std::string_view timer_kind, std::string_view key,
                      const Clock& clock) {
  RETURN_IF_ERROR(calendar::Close(sql, timer_kind, key, clock));
  return scheduler::Cancel(sql, timer_kind, key, clock);
}

Status CloseFiredDeadline(soci::session& sql, std::string_view timer_kind, std::string_view key,
                          const Clock& clock) {
  return calendar::Close(sql, timer_kind, key, clock);
}

Status MoveTimedDeadline(soci::session& sql, std::string_view timer_kind, std::string_view key,
                         const Date& new_due, const Clock& clock) {
  ASSIGN_OR_RETURN(std::optional<scheduler::Timer> timer, scheduler::Find(sql, timer_kind, key));
  if (!timer.has_value() || timer->state != "pending") return OkStatus();
  return scheduler::Schedule(sql, timer_kind, key, ChinaMidnight(new_due.AddDays(1)),
                             timer->payload, clock);
}

}  // namespace amr::lifecycle
