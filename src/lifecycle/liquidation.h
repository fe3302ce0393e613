// SPDX-License-Identifier: MulanPSL-2.0
// 一般注销 (ordinary deregistration after liquidation, 公司法 第二百三十二条～
// 第二百三十九条, 市场主体登记管理条例 第三十二条): one liquidation record per
// entity with the steps of data/lifecycle/liquidation_steps.json, in order:
//   group_filing       组成清算组, formed within 15 days of the dissolution cause
//                      (公司法 Art. 232; done on the formation date);
//   group_publication  清算组信息公示, within 10 days of the group's formation
//                      (the platform publishes it when the group is filed);
//   creditor_notice    known creditors notified, within 10 days of formation;
//   public_notice      债权人公告, within 60 days of formation; opens the
//                      claims period (30 days from a creditor's receipt of
//                      the notice, 45 days from the public notice);
//   report             清算报告, after the claims period;
//   tax_clearance      清税, recorded by an officer of the tax unit of the
//                      entity's region (department_queue.work);
//   application        注销登记申请, within 30 days after the report;
//   decision           the registrar's decision (registration.review), which
//                      ends the entity through DeregisterEntity (kind "ordinary").
// Periods come from periods.json (calendar or working days as it says). Each
// step with a known deadline has a timer "liquidation.step_overdue" that marks
// it overdue when it passes undone; a step done after its deadline is marked
// overdue too. A submission missing one of the step's documents is refused
// naming it.
//
// Writes check the caller with AuthorizeEntityAction (staff:
// registration.accept; applicants: the licence task "deregistration"), run in
// the caller's transaction and append an audit record.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "lifecycle/deregister.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

inline constexpr std::string_view kStepOverdueTimer = "liquidation.step_overdue";

struct LiquidationDocument {
  std::string code;
  std::string name;
};

struct LiquidationStepRule {
  std::string step;       // group_filing …
  std::string name;       // 清算组备案
  std::string period;     // a key of periods.json; "" = no statutory limit
  std::string from;       // cause_on | group_formed_on | an earlier step
  std::string from_text;  // what the period runs from, in words: "解散事由出现之日起"
  std::string note;       // for a step without a period: when it is done, in words
  std::string actor;      // applicant | platform | tax | registrar
  std::vector<LiquidationDocument> documents;
};
// DataDir()/lifecycle/liquidation_steps.json (aborts with a message if it
// cannot be read).
const std::vector<LiquidationStepRule>& LiquidationSteps();

struct LiquidationStep {
  std::string step;
  std::string name;
  std::string period;  // "15 日", "3 个工作日", "" when none
  std::optional<Date> due_on;
  std::optional<Date> done_on;
  bool overdue = false;  // passed its deadline undone, or done after it
  std::string state;     // pending | done | overdue | done_late
  std::vector<LiquidationDocument> required;
  std::vector<std::string> documents;  // codes submitted
  nlohmann::json detail = nlohmann::json::object();
  std::string done_by;
};

struct Liquidation {
  int64_t id = 0;
  std::string uscc;
  std::string entity_name;
  int64_t authority_org_unit_id = 0;
  std::string cause;
  Date cause_on = Date::FromSysDays({});
  Date group_formed_on = Date::FromSysDays({});
  std::vector<std::string> group_members;
  std::optional<Date> public_notice_on;
  std::optional<Date> claims_until;
  std::string state;  // liquidating | applied | deregistered | rejected
  std::string decision_reason;
  std::string form;  // LiquidationForm: whose periods apply
  int claims = 0;
  std::vector<LiquidationStep> steps;
  std::string created_at;
};

struct GroupFiling {
  std::string cause;
  Date cause_on = Date::FromSysDays({});
  Date group_formed_on = Date::FromSysDays({});
  std::vector<std::string> members;
  std::vector<std::string> documents;
};

struct StepSubmission {
  std::vector<std::string> documents;
  nlohmann::json detail = nlohmann::json::object();
};

struct ClaimRequest {
  std::string creditor_name;
  int64_t amount_fen = 0;
  std::string basis;
  std::optional<Date> notice_received_on;
};

struct Claim {
  int64_t id = 0;
  int64_t liquidation_id = 0;
  std::string creditor_name;
  int64_t amount_fen = 0;
  Date filed_on = Date::FromSysDays({});
  Date window_end = Date::FromSysDays({});
};

// Whose periods apply to an entity's liquidation: "company" (公司法), or
// "sole_proprietorship" (个人独资企业法 Art. 27), "partnership" (合伙企业法
// Arts. 86–88), "cooperative" (农民专业合作社法), each reading the section
// "liquidation_<form>" of periods.json first and "liquidation" for what it
// does not set.
std::string LiquidationForm(const registry::Entity& entity);

// The rules of 一般注销 for an entity of `form` as the pages state them
// (GET /api/v1/entities/{uscc}/liquidation-rules): {form, form_name, steps:
// [{step, name, actor, from_text, note, period: {value, unit, text} | null,
// documents: [{code, name}]}], claims_notified, claims_public (each a period
// or null)}. A step whose period the form's section says has none has period
// null.
nlohmann::json LiquidationRulesJson(std::string_view form);
// The last day to file the 清算组 of an entity of `form` whose dissolution
// cause arose on `cause_on` (nullopt when the form has no such period).
StatusOr<std::optional<Date>> GroupFilingDue(std::string_view form, const Date& cause_on,
                                             const codes::WorkdayCalendar& calendar);

// Opens the liquidation of `uscc` with its 清算组 filed today and published.
// group_filing is done on the formation date (公司法 Art. 232: formed within
// 15 days of the cause); group_publication on the filing day.
// FailedPrecondition naming "uscc" for an entity not active/suspended or
// already in liquidation; InvalidArgument for dates in the future or a
// formation before the cause; missing documents name "documents".
StatusOr<Liquidation> FileLiquidationGroup(soci::session& sql, const identity::Caller& caller,
                                           std::string_view uscc, const GroupFiling& filing,
                                           const Clock& clock,
                                           const codes::WorkdayCalendar& calendar);

// The applicant's steps: creditor_notice, public_notice (detail "text"),
// report (after the claims period), application (after report and tax
// clearance).
StatusOr<Liquidation> SubmitLiquidationStep(soci::session& sql, const identity::Caller& caller,
                                            int64_t id, std::string_view step,
                                            const StepSubmission& submission, const Clock& clock,
                                            const codes::WorkdayCalendar& calendar);
// A tax officer whose department_queue.work covers the tax unit of the
// entity's region (or, without one, its registration authority).
StatusOr<Liquidation> RecordTaxClearance(soci::session& sql, const identity::Caller& caller,
                                         int64_t id, const StepSubmission& submission,
                                         const Clock& clock);
// The registrar's decision on an application: approve ends the entity.
StatusOr<Liquidation> DecideLiquidation(soci::session& sql, const identity::Caller& caller,
                                        int64_t id, bool approve, std::string_view reason,
                                        const DeregistrationHooks& hooks, const Clock& clock);

// A creditor's claim (anyone, no login) within the claims period:
// 30 days from notice_received_on when given, else 45 days from the public
// notice. FailedPrecondition naming "claims_period" outside it.
StatusOr<Claim> FileClaim(soci::session& sql, int64_t id, const ClaimRequest& request,
                          const Clock& clock, const codes::WorkdayCalendar& calendar);

// A step's statutory deadline on the calendar (calendar/deadline_store.h),
// subject "liquidation:<id>:<step>", and its DeadlineMover: the step's
// due_on and its overdue timer move with the calendar.
inline constexpr char kStepDeadlineKind[] = "liquidation.step";
std::string StepDeadlineSubject(int64_t liquidation_id, std::string_view step);
Status MoveLiquidationStepDeadline(soci::session& sql, std::string_view subject,
                                   const Date& new_due, const Clock& clock);

StatusOr<Liquidation> GetLiquidation(soci::session& sql, int64_t id, const Clock& clock);

// The open liquidations waiting for the caller: `awaiting` "tax_clearance"
// (still liquidating, not yet cleared, and the caller may record it for the
// entity's tax unit) or "decision" (applied, and the caller reviews for the
// registration authority). Oldest first, at most 500 looked at.
StatusOr<std::vector<Liquidation>> ListLiquidationsAwaiting(soci::session& sql,
                                                            const identity::Caller& caller,
                                                            std::string_view awaiting,
                                                            const Clock& clock);

struct LiquidationNotice {
  int64_t id = 0;
  int64_t liquidation_id = 0;
  std::string uscc;
  std::string entity_name;
  std::string kind;  // group | creditors | deregistered
  Date published_on = Date::FromSysDays({});
  std::string text;
};
// The notices, newest first; only those of `uscc` unless it is empty.
StatusOr<std::vector<LiquidationNotice>> ListLiquidationNotices(soci::session& sql,
                                                                std::string_view uscc, int limit,
                                                                int offset);

// Timer handler (payload {"liquidation_id", "step"}): marks the step overdue
// if it is still undone; returns the outcome.
StatusOr<std::string> MarkStepOverdue(soci::session& sql, int64_t id, std::string_view step,
                                      const Clock& clock);

nlohmann::json LiquidationJson(const Liquidation& l);
nlohmann::json LiquidationNoticeJson(const LiquidationNotice& n);
nlohmann::json ClaimJson(const Claim& c);

}  // namespace amr::lifecycle
