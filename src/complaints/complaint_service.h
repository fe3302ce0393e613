// SPDX-License-Identifier: MulanPSL-2.0
// 12315 intake and acceptance (docs/complaints.md), each step one transaction
// with its audit record:
//
//   ComplaintService service(db, clock, calendar);
//   ASSIGN_OR_RETURN(Complaint c, service.File(caller, input, idempotency_key));
//   service.Track(c.id, c.query_code);               // the consumer, no account
//   service.Decide(staff, c.id, {Decision::kAccept}); // within 7 working days
//
// Who: anyone files through the portal (channel portal); staff holding
// complaints.handle also enter calls, visits and transfers from 12345 and the
// petition platform, list their units' complaints (every list is a read of
// personal data, audited) and decide within their scope.
//
// The acceptance clock (7 working days from receipt, data) is a deadline on
// the working-day calendar (calendar/deadline_store.h, kind
// "complaint.acceptance"): entering a year moves it; a decision closes it.
//
// Thread-safety: thread-safe (the database and calendar are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "complaints/complaint.h"
#include "complaints/complaint_store.h"
#include "identity/caller.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

namespace amr::complaints {

inline constexpr std::string_view kAcceptanceDeadline = "complaint.acceptance";
// Mediation's last day (45 working days from acceptance): a deadline on the
// calendar and a timer of the same kind that ends an unfinished mediation.
inline constexpr std::string_view kMediationDeadline = "complaint.mediation_end";
// A reminder to the unit a few working days before either limit (data:
// reminder_working_days_before), sent as the outbox event
// "complaint.deadline_near" {id, stage, due, unit_path} while the complaint
// is still at that stage.
inline constexpr std::string_view kReminderTimer = "complaint.reminder";

struct Decision {
  enum class Kind { kAccept, kNotAccept, kTransfer };
  Kind kind = Kind::kAccept;
  std::string reason_id;  // not accept: a reason of the data
  std::string unit_code;  // transfer: the unit it goes to
  std::string note;       // transfer: why (required), otherwise optional
};

// What the consumer sees: no phone, no name, no staff.
struct TrackView {
  Complaint complaint;
  std::string not_accept_reason_text;
};

// The DeadlineMover of kMediationDeadline: the record's copy and the timer
// move with the date (a year entered on the calendar).
Status MoveMediationDeadline(soci::session& sql, std::string_view subject,
                             const codes::CountedDate& due, const Clock& clock);
// Registers EndMediation for kMediationDeadline.
void RegisterComplaintTimers(scheduler::Scheduler& scheduler, const Clock& clock);

class ComplaintService {
 public:
  ComplaintService(storage::Database& db, const Clock& clock, const codes::CalendarSource& calendar,
                   const ComplaintRules& rules = ComplaintRules::Default());

  // Validates (InvalidArgument naming the field), matches the business to the
  // register (its county decides the unit that handles it), starts the
  // acceptance clock and audits "complaint.file". A channel other than portal
  // needs complaints.handle (PermissionDenied). The same non-empty
  // `idempotency_key` with the same submission returns the record it made,
  // nothing written; with another submission, FailedPrecondition.
  StatusOr<Complaint> File(const identity::Caller& caller, NewComplaint input,
                           std::string_view idempotency_key);
  // The record `id` when `query_code` is its code; NotFound otherwise (the
  // same answer whether or not the record exists).
  StatusOr<TrackView> Track(int64_t id, std::string_view query_code);
  // The complaints of the caller's units (complaints.handle), newest first.
  StatusOr<std::vector<Complaint>> Queue(const identity::Caller& caller, std::optional<State> state,
                                         int limit);
  // Accept, not accept (with a reason of the data) or transfer (to a unit, with
  // a note): FailedPrecondition "state" once decided; NotFound "id";
  // PermissionDenied outside the caller's scope; InvalidArgument "reason" or
  // "unit_code". A decision after the last day is allowed and marked late.
  StatusOr<Complaint> Decide(const identity::Caller& caller, int64_t id, const Decision& decision);

  // Mediation (第二十一条): sessions on an accepted complaint (held_on not in
  // the future nor before acceptance, a note), then the outcome: agreement
  // (with the yuan recovered), no agreement, or withdrawn. Errors as Decide,
  // and Complaint::Close's. Audited ("complaint.session", "complaint.close").
  Status AddSession(const identity::Caller& caller, int64_t id, const Date& held_on,
                    const std::string& note);
  StatusOr<Complaint> Close(const identity::Caller& caller, int64_t id, Outcome outcome,
                            int64_t amount_recovered, const std::string& note);
  // The consumer rates a closed complaint once, with its query code
  // (NotFound as Track for a wrong code).
  Status Rate(int64_t id, std::string_view query_code, int stars);

  // The figures of the caller's units (complaints.handle) over received
  // dates [from, to]; InvalidArgument "from" when from is after to. Not
  // personal data: not audited.
  StatusOr<Figures> FiguresFor(const identity::Caller& caller, const Date& from, const Date& to);

  const ComplaintRules& rules() const { return rules_; }

  // The timer of kMediationDeadline: a mediation still open the day after
  // its last day ends without agreement (outcome ended), audited as the
  // scheduler's. Returns what it did, for the timer's record.
  static StatusOr<std::string> EndMediation(soci::session& sql, int64_t id, const Clock& clock);
  // The timer of kReminderTimer (`stage` "acceptance" or "mediation").
  static StatusOr<std::string> Remind(soci::session& sql, int64_t id, std::string_view stage,
                                      const std::string& due, const Clock& clock);

 private:
  // Schedules the reminder of `stage` for a limit ending on `due` (none when
  // that day has passed).
  Status ScheduleReminder(soci::session& sql, const Complaint& c, std::string_view stage,
                          const Date& due);

  storage::Database& db_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  const ComplaintRules& rules_;
};

}  // namespace amr::complaints
