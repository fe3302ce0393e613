// SPDX-License-Identifier: MulanPSL-2.0
// The time limit of a beneficial-owner filing after a change (受益所有人信息管理办法
// 2024: within `change_days` of the change, data/lifecycle/beneficial_owner.json,
// counted on the calendar with 民法典 Art. 203's shift).
//
// A change that may change who the beneficial owners are (the investors or
// the legal representative of an entity that files) starts it: tracked on
// the calendar with a timer at its end (timed_deadline.h), kind
// kBeneficialOwnerDueTimer, key "beneficial_owner:<USCC>", so that entering a
// year moves it. A filing or an exemption meets it. The timer, the day after
// the last day, checks: filed since the change → closed; nothing filed → it
// stays open, now overdue, and "beneficial_owner.overdue" is audited; the
// filing's reader sees the time limit and whether it has passed.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "codes/calendar.h"
#include "codes/deadline.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "registry/entity.h"
#include "scheduler/scheduler.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

inline constexpr std::string_view kBeneficialOwnerDueTimer = "beneficial_owner.filing_due";

// Starts (or restarts) the time limit of `entity`'s filing after a change
// effective on `changed_on`. `authority_path`: the county bureau whose staff
// it concerns.
Status TrackBeneficialOwnerFiling(soci::session& sql, const registry::Entity& entity,
                                  const Date& changed_on, std::string_view authority_path,
                                  const codes::WorkdayCalendar& calendar, const Clock& clock);
// A filing (or exemption) of `uscc` meets the time limit. OK when none is open.
Status MeetBeneficialOwnerFiling(soci::session& sql, std::string_view uscc, const Clock& clock);

// Where `uscc`'s time limit stands: none open, or its last day and whether
// `today` is past it.
struct BeneficialOwnerDue {
  codes::CountedDate due;
  bool overdue = false;
};
StatusOr<std::optional<BeneficialOwnerDue>> OpenBeneficialOwnerDue(soci::session& sql,
                                                                   std::string_view uscc,
                                                                   const Date& today);

// The timer handler (payload {"uscc", "changed_on"}), and its registration.
StatusOr<std::string> CheckBeneficialOwnerFilingDue(soci::session& sql, std::string_view uscc,
                                                    const Date& changed_on, const Clock& clock);
void RegisterBeneficialOwnerTimers(scheduler::Scheduler& scheduler, const Clock& clock);
// The DeadlineMover of kBeneficialOwnerDueTimer: the timer moves with the date.
Status MoveBeneficialOwnerDeadline(soci::session& sql, std::string_view key, const Date& new_due,
                                   const Clock& clock);

}  // namespace amr::lifecycle
