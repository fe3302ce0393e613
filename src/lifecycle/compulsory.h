// SPDX-License-Identifier: MulanPSL-2.0
// 强制注销 (公司法（2023） Art. 241): a company whose business licence was
// revoked (吊销), which was ordered to close (责令关闭) or whose registration
// was cancelled (撤销), and which has not deregistered within three years of
// that decision, may be deregistered by the registration authority after a
// public notice of at least 60 days, if no one objects.
//
//   start     — staff (registration.review for the entity) with the decision
//               it rests on (document number and date); refused before the
//               three years have passed (periods.json "compulsory.dormancy")
//               or while another procedure is open. The notice starts at once
//               and runs "compulsory.notice" (60 calendar days from the day
//               after publication); timer "compulsory.notice_end" fires the
//               day after its last day.
//   objection — anyone (creditor, department, other) during the notice: the
//               procedure stops (objected) with the reason on the notice.
//   notice ends without objection — ready: the registrar decides.
//   decision  — deregister (lifecycle::DeregisterEntity, kind "compulsory",
//               证照并销 included) or withdraw with a reason.
// Every change is audited in the caller's transaction.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "lifecycle/deregister.h"
#include "scheduler/scheduler.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

inline constexpr std::string_view kCompulsoryNoticeTimer = "compulsory.notice_end";

struct CompulsoryObjection {
  int64_t id = 0;
  std::string objector_kind;  // creditor | department | other
  std::string objector_name;
  std::string objector_contact;  // never public
  std::string reason;
  std::string filed_on;
};

struct CompulsoryDeregistration {
  int64_t id = 0;
  std::string uscc;
  std::string entity_name;
  std::string region_code;
  int64_t authority_org_unit_id = 0;
  std::string basis;  // revoked (吊销) | ordered_closed (责令关闭) | cancelled (撤销)
  std::string basis_document;
  std::string basis_on;  // the decision's date
  std::string state;     // notice | objected | ready | deregistered | withdrawn
  std::string notice_start_on;
  std::string notice_end_on;
  std::string started_by;
  std::string closed_reason;
  std::string created_at;
  std::string closed_at;
  std::vector<CompulsoryObjection> objections;
};

struct CompulsoryStart {
  std::string basis;
  std::string basis_document;
  Date basis_on = Date::FromSysDays({});
};

// InvalidArgument naming basis, basis_document or basis_on (in the future);
// FailedPrecondition naming "basis_on" before three years have passed, or
// "uscc" for a deregistered entity, an active one on basis "revoked", or an
// open procedure; PermissionDenied outside the caller's scope.
StatusOr<CompulsoryDeregistration> StartCompulsoryDeregistration(
    soci::session& sql, const identity::Caller& caller, std::string_view uscc,
    const CompulsoryStart& start, const Clock& clock, const codes::WorkdayCalendar& calendar);

struct CompulsoryObjectionInput {
  std::string objector_kind;
  std::string objector_name;
  std::string objector_contact;
  std::string reason;
};
// Anyone, during the notice. FailedPrecondition naming "id" outside it.
StatusOr<CompulsoryDeregistration> ObjectToCompulsory(soci::session& sql, int64_t id,
                                                      const CompulsoryObjectionInput& objection,
                                                      const Clock& clock);

// The registrar (registration.review for the entity), once ready.
// FailedPrecondition naming "id" in any other state; InvalidArgument "reason"
// for a withdrawal without one.
StatusOr<CompulsoryDeregistration> DecideCompulsory(soci::session& sql,
                                                    const identity::Caller& caller, int64_t id,
                                                    bool deregister, std::string_view reason,
                                                    const DeregistrationHooks& hooks,
                                                    const Clock& clock);

// Timer handler: the notice ended without objection → ready.
StatusOr<std::string> EndCompulsoryNotice(soci::session& sql, int64_t id, const Clock& clock);
void RegisterCompulsoryTimers(scheduler::Scheduler& scheduler, const Clock& clock);
// The DeadlineMover of kCompulsoryNoticeTimer (lifecycle/timed_deadline.h):
// entering a year moves the notice's last day, its record and its timer
// together. `key` is "compulsory:<id>".
Status MoveCompulsoryNoticeDeadline(soci::session& sql, std::string_view key, const Date& new_due,
                                    const Clock& clock);

StatusOr<CompulsoryDeregistration> GetCompulsory(soci::session& sql, int64_t id);
// Newest first; `state` "" = all, "current" = in notice.
StatusOr<std::vector<CompulsoryDeregistration>> ListCompulsory(soci::session& sql,
                                                               std::string_view state,
                                                               std::string_view uscc, int limit,
                                                               int offset);

// `with_private`: objectors' names and contacts (staff); the public notice
// shows a department's name only.
nlohmann::json CompulsoryJson(const CompulsoryDeregistration& c, bool with_private);

}  // namespace amr::lifecycle
