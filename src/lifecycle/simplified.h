// SPDX-License-Identifier: MulanPSL-2.0
// 简易注销 and 个体工商户一屏注销 (市场主体登记管理条例 Art. 33; 实施细则
// Arts. 47–49; DOMAIN.md §3; docs/lifecycle.md section "simplified").
//
// 简易注销 (enterprises and cooperatives):
//   eligibility — every failed condition named (each restriction in force,
//   the entity's status and kind, an unfinished application);
//   apply — the investors' commitment (全体投资人承诺书) covering every recorded
//   investor, and the declarations (debts settled, taxes, wages, social
//   insurance cleared); eligibility is re-checked in the transaction; the
//   20-day public notice starts at once (timer "simplified.notice_end");
//   objection — by anyone (creditor, department, other) during the notice:
//   the application stops (objected) with the reason on the notice;
//   notice ends without objection — ready; the applicant completes within
//   20 days (timer "simplified.completion_expired" lapses it otherwise);
//   complete — restrictions re-checked, then lifecycle::DeregisterEntity
//   (kind "simplified") decides at once, without a registrar.
// 一屏注销 (individual businesses): no notice; pushed to tax and the other
//   departments (one task per department, an outbox event each); any
//   objection stops it; none within the window (timer "one_screen.window_end")
//   — DeregisterEntity (kind "one_screen").
// The periods are data (data/lifecycle/periods.json).
//
// Callers: applicants act on entities whose e-licence they administer or
// whose authorisation covers "deregistration" (lifecycle::AuthorizeEntityAction);
// staff (the platform and CLI without a principal) as each function says.
// Every function runs in the caller's transaction and audits each change.
//
// Thread-safety: a DeregistrationService is immutable and may be shared.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "codes/deadline.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "lifecycle/deregister.h"
#include "lifecycle/restriction.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

// data/lifecycle/periods.json, keys "simplified" and "one_screen".
class DeregistrationPeriods {
 public:
  static StatusOr<DeregistrationPeriods> LoadJson(const std::filesystem::path& path);
  static StatusOr<DeregistrationPeriods> FromJson(const nlohmann::json& root);
  static const DeregistrationPeriods& Default();  // aborts if unreadable

  // Counted on `calendar` by the deadline clock (codes/deadline.h: 民法典
  // Arts. 201–203, a last day off moves to the next working day).
  // The last day of a notice published on `published` (inclusive).
  StatusOr<Date> NoticeEnd(const Date& published, const codes::WorkdayCalendar& calendar) const;
  // The last day to complete after a notice ending on `notice_end`.
  StatusOr<Date> CompletionDue(const Date& notice_end,
                               const codes::WorkdayCalendar& calendar) const;
  // The last day departments may object to a one-screen application filed on `filed`.
  StatusOr<Date> WindowEnd(const Date& filed, const codes::WorkdayCalendar& calendar) const;
  // The rules themselves, as the deadline clock counts them.
  codes::PeriodRule NoticeRule() const;
  codes::PeriodRule CompletionRule() const;
  codes::PeriodRule WindowRule() const;
  const std::vector<std::string>& departments() const { return departments_; }
  int notice_days() const { return notice_days_; }
  int completion_days() const { return completion_days_; }
  int window_days() const { return window_days_; }
  // Whether each period counts working days (else calendar days).
  bool notice_workdays() const { return notice_workdays_; }
  bool completion_workdays() const { return completion_workdays_; }
  bool window_workdays() const { return window_workdays_; }

 private:
  int notice_days_ = 20;
  bool notice_workdays_ = false;
  bool notice_counts_first_ = true;
  int completion_days_ = 20;
  bool completion_workdays_ = false;
  int window_days_ = 10;
  bool window_workdays_ = false;
  bool window_counts_first_ = true;
  std::vector<std::string> departments_;
};

// data/lifecycle/simplified_exclusions.json: what excludes an enterprise from
// 简易注销 beyond the recorded restrictions (实施细则 Art. 48 (五), (七)).
class SimplifiedExclusions {
 public:
  static StatusOr<SimplifiedExclusions> FromJson(const nlohmann::json& root);
  static const SimplifiedExclusions& Default();  // aborts if unreadable

  // A branch not yet deregistered (Art. 48 (五)).
  bool branches_exclude() const { return branches_exclude_; }
  // A lasting investment in another market entity (setting, unverified).
  bool investments_exclude() const { return investments_exclude_; }
  // Whether an entity of `industry_code` needs approval before deregistration
  // (Art. 48 (七)): a prefix of the list matches.
  bool NeedsApproval(std::string_view industry_code) const;

 private:
  bool branches_exclude_ = true;
  bool investments_exclude_ = true;
  std::vector<std::string> approval_industries_;
};

// One failed condition of eligibility: a restriction kind
// (data/lifecycle/restrictions.csv), or status, kind, open_application,
// branch, investment, approval_required.
struct FailedCondition {
  std::string condition;
  std::string name;    // Chinese
  std::string detail;  // the document, the state …
};

struct Eligibility {
  std::string uscc;
  std::string entity_name;
  std::string procedure;  // simplified | one_screen
  std::vector<FailedCondition> failed;
  bool eligible() const { return failed.empty(); }
};

// The investors' commitment and the declarations.
struct Commitment {
  struct Investor {
    std::string name;
    std::string id;  // citizen ID (natural person) or USCC (organisation); "" if none recorded
  };
  std::vector<Investor> investors;
  bool debts_settled = false;
  bool taxes_cleared = false;
  bool wages_paid = false;
  bool social_insurance_cleared = false;
  // 条例 Art. 33: 法定补偿金 and 清偿费用 are settled too.
  bool compensation_paid = false;
  bool fees_paid = false;
};
// From {"investors": [{"name", "citizen_id"|"uscc"}], "debts_settled": true, …};
// InvalidArgument naming "commitments.…" (each declaration must be true).
StatusOr<Commitment> ParseCommitment(const nlohmann::json& value);
nlohmann::json CommitmentJson(const Commitment& c, bool with_ids);

struct Objection {
  int64_t id = 0;
  std::string objector_kind;  // creditor | department | other
  std::string objector_name;
  std::string objector_contact;
  int64_t org_unit_id = 0;  // a department officer's unit
  std::string reason;
  std::string filed_on;
  std::string filed_at;
  // Set aside by a registrar as plainly not an objection (spam): no longer
  // stops the application; the reason is shown with it.
  std::string set_aside_reason = {};
  std::string set_aside_at = {};
  std::string set_aside_by = {};
  bool standing() const { return set_aside_at.empty(); }
};

struct NewObjection {
  std::string objector_kind;
  std::string objector_name;
  std::string objector_contact;
  std::string reason;
};

struct SimplifiedApplication {
  int64_t id = 0;
  std::string uscc;
  std::string entity_name;
  std::string region_code;
  int64_t authority_org_unit_id = 0;
  std::string authority_path;
  int64_t applicant_user_id = 0;
  std::string submitted_by;
  Commitment commitment;
  std::string state;  // notice | objected | ready | completed | lapsed
  std::string applied_on;
  std::string notice_start_on;
  std::string notice_end_on;
  std::string completion_due_on;  // once ready
  std::string closed_reason;
  std::string submitted_at;
  std::string closed_at;
  std::vector<Objection> objections;
};

struct OneScreenTask {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string department;
  int64_t org_unit_id = 0;
  std::string org_unit_name;
  std::string org_unit_path;
  std::string state;  // pending | cleared | objected | closed
  std::string reason;
  std::string handled_at;
  std::string created_at;
  // The application, for the department's queue.
  std::string uscc;
  std::string entity_name;
  std::string window_end_on;
};

struct OneScreenApplication {
  int64_t id = 0;
  std::string uscc;
  std::string entity_name;
  std::string region_code;
  int64_t authority_org_unit_id = 0;
  std::string authority_path;
  int64_t applicant_user_id = 0;
  std::string submitted_by;
  nlohmann::json declarations = nlohmann::json::object();
  std::string state;  // pending | objected | granted
  std::string applied_on;
  std::string window_end_on;
  std::string closed_reason;
  std::string submitted_at;
  std::string closed_at;
  std::vector<OneScreenTask> departments;
};

struct ListFilter {
  std::string state;  // "" = all; notices: "current" | "closed" | a state
  std::string uscc;   // "" = all
  int limit = 50;
  int offset = 0;
};

// The application-side figures beside ComputeDeregistrationStats.
struct ApplicationFigures {
  int64_t simplified_applications = 0;  // applied in the period
  int64_t notices_published = 0;        // notices started in the period
  int64_t objections = 0;               // objections filed in the period
  int64_t objected = 0;                 // applications stopped by an objection (closed in period)
  int64_t lapsed = 0;                   // closed in the period for want of completion
  int64_t one_screen_applications = 0;
  int64_t one_screen_objected = 0;
};

// Timer kinds.
inline constexpr std::string_view kNoticeEndTimer = "simplified.notice_end";
inline constexpr std::string_view kCompletionExpiredTimer = "simplified.completion_expired";
inline constexpr std::string_view kOneScreenWindowTimer = "one_screen.window_end";

// The DeadlineMovers of the three timers' deadlines (lifecycle/timed_deadline.h):
// the application's copy of the date and the timer move with the calendar.
// `timer_kind` is one of the three above; `key` "simplified:<id>" or "one_screen:<id>".
Status MoveDeregistrationDeadline(soci::session& sql, std::string_view timer_kind,
                                  std::string_view key, const Date& new_due, const Clock& clock);

class DeregistrationService {
 public:
  // `calendar` (the working-day calendar in force) must outlive the service.
  DeregistrationService(const DeregistrationPeriods& periods, const RestrictionKinds& kinds,
                        const Clock& clock, const codes::CalendarSource& calendar,
                        DeregistrationHooks hooks = {});

  // The entity's applicant, or staff holding `staff_permission` for it.
  StatusOr<Eligibility> CheckEligibility(soci::session& sql, const identity::Caller& caller,
                                         std::string_view uscc, std::string_view procedure,
                                         std::string_view staff_permission) const;

  // 简易注销. FailedPrecondition naming "uscc" with every failed condition
  // (the JSON error lists them: ConditionsError), InvalidArgument naming the
  // commitment field, "commitments.investors" for an investor not covered.
  StatusOr<SimplifiedApplication> ApplySimplified(soci::session& sql,
                                                  const identity::Caller& caller,
                                                  std::string_view uscc,
                                                  const Commitment& commitment) const;
  // The applicant (their entity) or staff (registration.review in scope).
  StatusOr<SimplifiedApplication> GetSimplified(soci::session& sql, const identity::Caller& caller,
                                                int64_t id) const;
  StatusOr<std::vector<SimplifiedApplication>> ListSimplified(soci::session& sql,
                                                              const identity::Caller& caller,
                                                              const ListFilter& filter) const;
  // Public: notices without private data.
  StatusOr<std::vector<SimplifiedApplication>> ListNotices(soci::session& sql,
                                                           const ListFilter& filter) const;
  StatusOr<SimplifiedApplication> GetNotice(soci::session& sql, int64_t id) const;
  // Anyone (no principal: the public) or a department officer
  // (department_queue.work covering the entity; objector kind "department").
  // FailedPrecondition naming "id" outside the notice period.
  StatusOr<SimplifiedApplication> Object(soci::session& sql, const identity::Caller& caller,
                                         int64_t id, const NewObjection& objection) const;
  // A registrar of the authority (registration.review) sets aside an
  // objection that is plainly not one (spam, abuse), with a reason: audited
  // "deregistration.simplified.objection_set_aside" and shown on the notice.
  // With no other objection standing, the application returns to its notice
  // (the notice-end timer armed again; a notice already ended ends at once).
  // InvalidArgument "reason"; NotFound "objection_id"; FailedPrecondition
  // when already set aside or the application is no longer stopped by it.
  StatusOr<SimplifiedApplication> SetAsideObjection(soci::session& sql,
                                                    const identity::Caller& caller, int64_t id,
                                                    int64_t objection_id,
                                                    const std::string& reason) const;
  StatusOr<SimplifiedApplication> CompleteSimplified(soci::session& sql,
                                                     const identity::Caller& caller,
                                                     int64_t id) const;

  // 一屏注销.
  StatusOr<OneScreenApplication> ApplyOneScreen(soci::session& sql, const identity::Caller& caller,
                                                std::string_view uscc,
                                                const nlohmann::json& declarations) const;
  StatusOr<OneScreenApplication> GetOneScreen(soci::session& sql, const identity::Caller& caller,
                                              int64_t id) const;
  StatusOr<std::vector<OneScreenApplication>> ListOneScreen(soci::session& sql,
                                                            const identity::Caller& caller,
                                                            const ListFilter& filter) const;
  // Department officers (department_queue.work): tasks of units in scope.
  StatusOr<std::vector<OneScreenTask>> ListDepartmentTasks(soci::session& sql,
                                                           const identity::Caller& caller,
                                                           const ListFilter& filter) const;
  // object: the application stops with `reason`; else the department clears it.
  StatusOr<OneScreenTask> AnswerTask(soci::session& sql, const identity::Caller& caller,
                                     int64_t task_id, bool object, std::string_view reason) const;

  // Timer handlers (the scheduler's firing transaction); the outcome in Chinese.
  StatusOr<std::string> EndNotice(soci::session& sql, int64_t id) const;
  StatusOr<std::string> ExpireCompletion(soci::session& sql, int64_t id) const;
  StatusOr<std::string> EndOneScreenWindow(soci::session& sql, int64_t id) const;

  // Over [from, to] (China dates), entities whose region starts with one of
  // `region_prefixes` ("" = all).
  StatusOr<ApplicationFigures> ComputeFigures(
      soci::session& sql, const Date& from, const Date& to,
      const std::vector<std::string>& region_prefixes) const;

  const DeregistrationPeriods& periods() const { return periods_; }
  const RestrictionKinds& kinds() const { return kinds_; }
  const Clock& clock() const { return clock_; }
  const codes::CalendarSource& calendar() const { return calendar_; }
  const DeregistrationHooks& hooks() const { return hooks_; }

 private:
  const DeregistrationPeriods& periods_;
  const RestrictionKinds& kinds_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  DeregistrationHooks hooks_;
};

// The refusal for failed conditions: FailedPrecondition naming "uscc" whose
// message names every condition ("不符合简易注销条件：股权被冻结（…）；…").
Status ConditionsError(const Eligibility& e);

// JSON for the API. Public notices carry no private data (no citizen IDs,
// no objector contact).
nlohmann::json EligibilityJson(const Eligibility& e);
nlohmann::json SimplifiedJson(const SimplifiedApplication& a);
nlohmann::json NoticeJson(const SimplifiedApplication& a);
nlohmann::json OneScreenJson(const OneScreenApplication& a);
nlohmann::json OneScreenTaskJson(const OneScreenTask& t);

}  // namespace amr::lifecycle
