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
#include "complaints/complaint_figures.h"
#include "complaints/complaint_store.h"
#include "complaints/consumer_register.h"
#include "complaints/station_areas.h"
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
// A report's check (15 working days from receipt, +15 with approval): a
// deadline on the calendar closed by the decision.
inline constexpr std::string_view kCheckDeadline = "complaint.report_check";
// An ODR enterprise's limit (10 working days from receipt): a deadline and a
// timer of the same kind that sends an unanswered complaint to the unit.
inline constexpr std::string_view kOdrDeadline = "complaint.odr";

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

// A report's check decision (举报核查): with the findings and, for a case
// filed, the evidence the lead carries beside the report itself.
struct ReportOutcome {
  ReportDecision decision = ReportDecision::kNotFiled;
  std::string note;            // 核查情况
  std::string transferred_to;  // the authority, for a transfer
  struct Evidence {
    std::string title, ref;
  };
  std::vector<Evidence> evidence;
};

// The reporter's identity, for the officers on the report only.
struct Reporter {
  std::string name, phone;
};

// The DeadlineMover of kOdrDeadline: the record's copy and the timer.
Status MoveOdrDeadline(soci::session& sql, std::string_view subject, const codes::CountedDate& due,
                       const Clock& clock);
// The DeadlineMover of kMediationDeadline: the record's copy and the timer
// move with the date (a year entered on the calendar).
Status MoveMediationDeadline(soci::session& sql, std::string_view subject,
                             const codes::CountedDate& due, const Clock& clock);
// Registers the timers: EndMediation, Remind and ExpireOdr.
void RegisterComplaintTimers(scheduler::Scheduler& scheduler, const Clock& clock,
                             const codes::CalendarSource& calendar,
                             const ComplaintRules& rules = ComplaintRules::Default());

class ComplaintService {
 public:
  ComplaintService(storage::Database& db, const Clock& clock, const codes::CalendarSource& calendar,
                   const ComplaintRules& rules = ComplaintRules::Default(),
                   const StationAreas& areas = StationAreas::Default());

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
  // The hot spots of the caller's units over [from, to], at most `limit`
  // (1–50) of each, the problem kinds named from the data. Errors as
  // FiguresFor, and InvalidArgument "limit".
  StatusOr<HotSpots> HotSpotsFor(const identity::Caller& caller, const Date& from, const Date& to,
                                 int limit);

  // Reports (docs/complaints.md, "Reports"). An officer of the unit takes
  // the report (complaint.take): only the officers on it see the reporter's
  // name and phone, through RevealReporter (audited
  // "complaint.reporter.read" on every reading); every list and answer shows
  // them hidden. FailedPrecondition "kind" for a complaint.
  Status Take(const identity::Caller& caller, int64_t id);
  StatusOr<Reporter> RevealReporter(const identity::Caller& caller, int64_t id);
  // An officer on the accepted report decides after the check: a case filed
  // becomes a case lead (leads/) with the report and `evidence`; a named
  // reporter is told of the decision at once (outbox "complaint.reporter_notice",
  // within the 5 working days of the rules). A decision after the check's
  // last day is allowed and counted late. Audited "complaint.report_decide".
  StatusOr<Complaint> DecideReport(const identity::Caller& caller, int64_t id,
                                   const ReportOutcome& outcome);
  // A leader (complaints.approve in the unit's scope) extends the check by
  // the rules' working days, once, with a reason. Audited.
  StatusOr<Complaint> ExtendCheck(const identity::Caller& caller, int64_t id,
                                  const std::string& reason);

  // ODR: the complaints sent first to the enterprises the caller answers for
  // (complaints.odr_answer: the licence's administrators, or an agent
  // authorised for the task consumer_disputes), those waiting first;
  // audited as a read of personal data. The enterprise settles (closed as an
  // agreement, with the yuan recovered) or refuses (to the unit, whose
  // acceptance clock starts that day). PermissionDenied for another
  // enterprise's complaint.
  StatusOr<std::vector<Complaint>> OdrQueue(const identity::Caller& caller, int limit);
  StatusOr<Complaint> OdrAnswer(const identity::Caller& caller, int64_t id, OdrResult result,
                                int64_t amount_recovered, const std::string& note);

  // The registers (consumer_register.h). Enrol: a business of the register
  // (NotFound "uscc" otherwise) by an officer of its county's unit; one entry
  // in force per business and register (FailedPrecondition "uscc"). Audited
  // "complaint.register.enrol" / ".end". The list is public.
  StatusOr<RegisterEntry> Enrol(const identity::Caller& caller, RegisterKind kind,
                                const std::string& uscc, const std::string& note);
  StatusOr<RegisterEntry> EndEntry(const identity::Caller& caller, int64_t id);
  StatusOr<std::vector<RegisterEntry>> Register(RegisterKind kind, bool include_ended,
                                                const std::string& unit_path, int limit);

  // After an import (complaint_import.h): the open records made under
  // `client_keys` get their clocks (acceptance; a report's check) and
  // reminders as if filed on the day received; one audit record
  // "complaint.import" counts the file's `rows`.
  Status TrackImported(const std::vector<std::string>& client_keys, int64_t rows);

  // The units a consumer may choose for a business of `region_code`: the
  // county's bureau and its stations (public). NotFound "region_code" when
  // the platform has no bureau there.
  StatusOr<std::vector<Unit>> UnitsFor(const std::string& region_code);

  const ComplaintRules& rules() const { return rules_; }

  // The timer of kMediationDeadline: a mediation still open the day after
  // its last day ends without agreement (outcome ended), audited as the
  // scheduler's. Returns what it did, for the timer's record.
  static StatusOr<std::string> EndMediation(soci::session& sql, int64_t id, const Clock& clock);
  // The timer of kReminderTimer (`stage` "acceptance" or "mediation").
  static StatusOr<std::string> Remind(soci::session& sql, int64_t id, std::string_view stage,
                                      const std::string& due, const Clock& clock);
  // The timer of kOdrDeadline: a complaint still with the enterprise the day
  // after its limit goes to the unit (odr_result expired; the acceptance
  // clock starts that day).
  static StatusOr<std::string> ExpireOdr(soci::session& sql, int64_t id, const Clock& clock,
                                         const codes::CalendarSource& calendar,
                                         const ComplaintRules& rules);

 private:
  // Schedules the reminder of `stage` for a limit ending on `due` (none when
  // that day has passed).
  Status ScheduleReminder(soci::session& sql, const Complaint& c, std::string_view stage,
                          const Date& due);
  // The record as lists and answers show it to `caller`: a report's reporter
  // is hidden (only RevealReporter shows it, to the officers on it, audited),
  // with whether the caller is on the report.
  StatusOr<Complaint> AsSeenBy(soci::session& sql, const identity::Caller& caller,
                               Complaint c) const;

  storage::Database& db_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  const ComplaintRules& rules_;
  const StationAreas& areas_;
};

}  // namespace amr::complaints
