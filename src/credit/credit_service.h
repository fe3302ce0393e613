// SPDX-License-Identifier: MulanPSL-2.0
// Annual reports and the 经营异常名录 (docs/credit.md), each step one
// transaction with its audit record:
//
//   CreditService credit(db, clock, calendar);
//   credit.FileReport(caller, report);             // 1 Jan – 30 Jun, or late
//   credit.RunNoReportListing(2025, as_of);        // the July batch
//   credit.CreditOf(uscc);                         // why, since when, how to leave
//   credit.ApplyForRemoval(caller, uscc, id);      // once cured
//
// Who: the entity's licence administrators, or an agent it authorises for the
// task annual_report (applicants holding credit.file); a window clerk of the
// entity's county enters a paper report (channel paper). The batch is the
// platform's (CLI, scheduler). The credit view is public.
//
// Thread-safety: thread-safe (the database and calendar are).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "credit/annual_report.h"
#include "credit/credit_rules.h"
#include "credit/credit_store.h"
#include "credit/listing.h"
#include "credit/repair_store.h"
#include "identity/caller.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

namespace amr::credit {

struct FiledReport {
  AnnualReport report;
  bool created = true;  // false: a retry of the latest version, nothing written
};

struct YearState {
  int year = 0;
  Date window_end = Date::FromSysDays({});
  enum class State { kFiled, kFiledLate, kWindowOpen, kNotFiled } state = State::kNotFiled;
};
std::string_view YearStateId(YearState::State s);  // filed | filed_late | window_open | not_filed
std::string_view YearStateName(YearState::State s);  // 已报送 | 逾期补报 | 报送期内未报 | 未报送

struct BatchResult {
  int64_t listed = 0;
  Date decision_date = Date::FromSysDays({});
};

// A listing as the public and the entity see it: why, since when, by whom,
// on what basis, and how and when it can leave.
struct ListingView {
  Listing listing;
  std::string reason_name, basis, cure;
  std::vector<RemovalCondition> conditions;
  // The earliest day an application to leave can succeed: today when every
  // condition is met, else none (the cure comes first).
  std::optional<Date> earliest_removal;
  std::optional<Date> escalation_on;  // proposed for the serious list then, if still listed
};

inline constexpr std::string_view kNoReportBatchTimer = "credit.no_report_batch";
// Reminders to entities that have not filed, on the days of the rules
// (outbox topic "credit.annual_report_reminder").
inline constexpr std::string_view kReportReminderTimer = "credit.report_reminder";
inline constexpr std::string_view kReportReminderTopic = "credit.annual_report_reminder";

struct NewListing {
  std::string uscc;
  ListingReason reason = ListingReason::kUnreachable;
  std::string found_on;  // YYYY-MM-DD
  std::string evidence;
  std::string source;  // "inspection_visit:ID" when it came from one; else ""
};

struct CreditFigures {
  int year = 0;
  Date window_end = Date::FromSysDays({});
  std::vector<KindFigures> kinds;
  ListingCounts listings;
  // The work year year + 1, when the report fell due (to date when it is
  // this year): repairs decided (repaired records, listings left on cure),
  // and listings decided and removed, by reason.
  RepairCounts repairs;
  std::vector<UnitKindFigures> units;  // the year's filing per registration authority
  std::vector<ReasonYear> listings_in_year;
};

struct FindingView {
  Finding finding;
  Date decision_due = Date::FromSysDays({});
  int64_t days_left = 0;         // working days; negative when overdue
  bool due_provisional = false;  // counted into a year whose holidays are not entered yet
};

class CreditService {
 public:
  CreditService(storage::Database& db, const Clock& clock, const codes::CalendarSource& calendar,
                const CreditRules& rules = CreditRules::Default());

  // Files the year's report (or, with `correction`, a new version of one
  // filed). InvalidArgument as ValidateReport; NotFound "uscc"; FailedPrecondition
  // "year" for a report already filed (a correction instead) or a correction
  // of none, "uscc" for an entity deregistered; PermissionDenied for a caller
  // who may not file for the entity. Audited "annual_report.file" /
  // ".correct".
  // A retry of the same filing (the same content and withheld fields as the
  // latest version) writes nothing and returns that version with `created`
  // false, whether sent as a filing or as a correction.
  StatusOr<FiledReport> FileReport(const identity::Caller& caller, NewReport report,
                                   bool correction);
  // The filing state of each year the entity must report, newest first
  // (at most the last five): filed, filed late, the window still open, or
  // not filed after it.
  StatusOr<std::vector<YearState>> FilingYears(const std::string& uscc);
  // The latest version of each year's report (public view).
  StatusOr<std::vector<AnnualReport>> Reports(const std::string& uscc);

  // The no-report listing of `year` as run on `as_of`: FailedPrecondition
  // "as_of" on or before the window's last day. The decision is dated the
  // first working day after the window (or `as_of`, if later, moved to a
  // working day). Idempotent: an entity is listed once per year. Audited
  // "credit.abnormal_batch".
  StatusOr<BatchResult> RunNoReportListing(int year, const Date& as_of);
  // The same inside the caller's transaction (the scheduler's firing one);
  // `actor` names who ran it in the audit record.
  static StatusOr<BatchResult> RunNoReportListingIn(soci::session& sql, int year, const Date& as_of,
                                                    const std::string& actor, const Clock& clock,
                                                    const codes::CalendarSource& calendar,
                                                    const CreditRules& rules);

  // Every listing of the entity, the current first (public).
  StatusOr<std::vector<ListingView>> CreditOf(const std::string& uscc);
  // The entity applies to leave. For a reason the platform verifies itself
  // (the annual report): removed at once (audited "credit.abnormal_remove")
  // when every condition is met, else FailedPrecondition "conditions" naming
  // each unmet one, nothing written. For a finding: the application with the
  // entity's `statement` (InvalidArgument "statement" when empty) waits for
  // the authority, the decision due within the rules' working days (audited
  // "credit.removal_apply").
  StatusOr<ListingView> ApplyForRemoval(const identity::Caller& caller, const std::string& uscc,
                                        int64_t listing_id, std::string statement = "");

  // The registration authority (credit.decide over the entity's county)
  // lists the entity on a finding: reason (not the annual report, which is
  // the batch's), the day found (not in the future, not before the entity
  // existed), the evidence (5–2000 characters), where it came from. Decided
  // today; its last day is 10 working days after the finding — a later
  // decision is allowed and marked late. FailedPrecondition "reason" when the
  // entity is listed for it already, "uscc" when it is not 存续 or 歇业.
  // Audited "credit.abnormal_list".
  StatusOr<ListingView> DecideListing(const identity::Caller& caller, const NewListing& listing);
  // The authority's answer to an application to leave: removed, or kept with
  // the reason (required). Audited "credit.removal_decide".
  StatusOr<ListingView> DecideRemoval(const identity::Caller& caller, const std::string& uscc,
                                      int64_t listing_id, bool approve, std::string reason);
  // The annual-report rates of `year` by kind and the listings now, over the
  // caller's stats.read scope. InvalidArgument "year" outside 2000..this
  // year - 1.
  StatusOr<CreditFigures> Figures(const identity::Caller& caller, int year);
  // Applications to leave awaiting the caller (credit.decide scope), oldest
  // due first, with the entity's statement.
  StatusOr<std::vector<ListingView>> RemovalQueue(const identity::Caller& caller);
  // Inspection results 通过登记的住所无法联系 in the caller's scope not yet
  // decided on, oldest first, each with the last day of the decision.
  StatusOr<std::vector<FindingView>> Findings(const identity::Caller& caller);

  const CreditRules& rules() const { return rules_; }
  Date Today() const { return ChinaDate(clock_.Now()); }

  // The no-report batch of the report year whose window is open (or next)
  // on `today`, as a persistent timer (kNoReportBatchTimer, key
  // "no_annual_report:YEAR") due on the first working day after the window
  // at 00:30. Idempotent; a batch already run is left as it is.
  Status ScheduleNoReportBatch(const Date& today);
  // The next reminder day after `today` (key "YEAR:MM-DD", due 09:00), from
  // the rules of that day. Idempotent.
  Status ScheduleReminder(const Date& today);
  // Sends the reminders of `on` (a day of the window) to every entity that
  // has not filed the previous year's report: one outbox event each
  // ({"uscc", "name", "year", "window_end"}; deduplicated per entity, year
  // and day). Returns how many.
  static StatusOr<int64_t> RemindIn(soci::session& sql, const Date& on, const Clock& clock,
                                    const CreditRules& rules);

 private:
  StatusOr<ListingView> View(soci::session& sql, Listing listing, const Date& today);
  // The channel the caller files by (online for the entity's own people,
  // paper for the window), or why they may not.
  StatusOr<ReportChannel> MayFileFor(soci::session& sql, const identity::Caller& caller,
                                     const std::string& uscc, const std::string& region_code);

  storage::Database& db_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  const CreditRules& rules_;
};

// Inside the deregistration's transaction: every current listing of `uscc`
// is removed on `on` ("主体已注销"), audited "credit.abnormal_remove" as the
// platform. OK when there is none.
Status EndListingsOfDeregistered(soci::session& sql, const std::string& uscc, const Date& on,
                                 const Clock& clock);

// The handler of kNoReportBatchTimer: runs the year's batch (payload
// {"year"}) and schedules the next year's. The references must outlive the
// scheduler.
void RegisterCreditTimers(scheduler::Scheduler& scheduler, const Clock& clock,
                          const codes::CalendarSource& calendar,
                          const CreditRules& rules = CreditRules::Default());

}  // namespace amr::credit
