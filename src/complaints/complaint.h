// SPDX-License-Identifier: MulanPSL-2.0
// 12315 complaints, reports and enquiries (投诉、举报、咨询; docs/complaints.md):
// the record, its states and the transitions a decision may make. No SQL and
// no HTTP here: complaint_store.h keeps records, complaint_service.h runs each
// step in one transaction, routes.h translates.
//
// Rules (市场监督管理投诉举报处理暂行办法, data/complaints/rules.json): the
// accept / not-accept decision within 7 working days of receipt, told to the
// consumer; not accepted only on the reasons in the data.
//
// Thread-safety: values; ComplaintRules::Default() is read-only after loading.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/deadline.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::complaints {

enum class Kind { kComplaint, kReport, kEnquiry };
// Where it came from: the 12315 portal, a call or a visit taken by staff, or
// a transfer from the 12345 hotline or the petition (信访) platform.
enum class Channel { kPortal, kPhone, kWalkIn, kHotline12345, kPetition };
// with_business: at an enrolled ODR enterprise first (it settles or refuses
// within its limit); received: at the unit, for the accept decision.
enum class State { kWithBusiness, kReceived, kAccepted, kNotAccepted, kClosed };
// How mediation ended: an agreement (with the money recovered), none, the
// consumer withdrew, or ended by the time limit without an agreement.
// kOdrSettled: settled by the ODR enterprise itself, the unit not mediating.
enum class Outcome { kAgreement, kNoAgreement, kWithdrawn, kEnded, kOdrSettled };

std::string_view KindId(Kind kind);                   // "complaint"
std::string_view KindName(Kind kind);                 // "投诉"
std::string_view ChannelId(Channel c);                // "portal"
std::string_view ChannelName(Channel c);              // "12315 平台"
std::string_view StateId(State state);                // "received"
std::string_view StateName(State state);              // "待受理"
StatusOr<Kind> ParseKind(std::string_view id);        // InvalidArgument "kind"
StatusOr<Channel> ParseChannel(std::string_view id);  // InvalidArgument "channel"
StatusOr<State> ParseState(std::string_view id);      // InvalidArgument "state"
std::string_view OutcomeId(Outcome o);                // "agreement"
std::string_view OutcomeName(Outcome o);              // "达成调解协议"
StatusOr<Outcome> ParseOutcome(std::string_view id);  // InvalidArgument "outcome"

// A checked report's decision (举报核查): a case filed (立案, the report
// becomes a case lead), none, or transferred to the authority competent.
enum class ReportDecision { kCaseFiled, kNotFiled, kTransferred };
std::string_view ReportDecisionId(ReportDecision d);                // "case_filed"
std::string_view ReportDecisionName(ReportDecision d);              // "立案"
StatusOr<ReportDecision> ParseReportDecision(std::string_view id);  // InvalidArgument "decision"
// How the ODR enterprise answered: settled with the consumer, refused, or
// let its limit pass (the complaint then goes to the unit).
enum class OdrResult { kSettled, kRefused, kExpired };
std::string_view OdrResultId(OdrResult r);                // "settled"
std::string_view OdrResultName(OdrResult r);              // "企业已和解"
StatusOr<OdrResult> ParseOdrResult(std::string_view id);  // InvalidArgument "result"

// data/complaints/rules.json.
class ComplaintRules {
 public:
  struct Reason {
    std::string id, text, source;
  };
  static StatusOr<ComplaintRules> FromJson(const nlohmann::json& root);
  static const ComplaintRules& Default();  // aborts with the reason if unreadable

  const codes::PeriodRule& acceptance() const { return acceptance_; }            // 7 working days
  const codes::PeriodRule& mediation() const { return mediation_; }              // 45 working days
  const codes::PeriodRule& report_check() const { return report_check_; }        // 15 working days
  int report_check_extension() const { return report_check_extension_; }         // +15, approved
  const codes::PeriodRule& reporter_notice() const { return reporter_notice_; }  // 5 working days
  const codes::PeriodRule& odr() const { return odr_; }                          // 10 working days
  int reminder_days() const { return reminder_days_; }  // working days before a limit: 2
  const std::vector<Reason>& not_accept_reasons() const { return reasons_; }
  const Reason* FindReason(std::string_view id) const;  // nullptr if unknown
  // What complaints are about (价格, 质量, 售后服务 …): the hot spots' classes.
  struct ProblemKind {
    std::string id, name;
  };
  const std::vector<ProblemKind>& problem_kinds() const { return problem_kinds_; }
  const ProblemKind* FindProblemKind(std::string_view id) const;  // nullptr if unknown

 private:
  codes::PeriodRule acceptance_, mediation_, report_check_, reporter_notice_, odr_;
  int report_check_extension_ = 15;
  std::vector<ProblemKind> problem_kinds_;
  int reminder_days_ = 2;
  std::vector<Reason> reasons_;
};

struct NewComplaint {
  Kind kind = Kind::kComplaint;
  Channel channel = Channel::kPortal;
  // The business complained about: its USCC, or its name and the county
  // (region_code) where it is when it is not found in the register.
  std::string business_uscc;
  std::string business_name;
  std::string region_code;
  std::string consumer_name;
  std::string consumer_phone;
  std::string summary;
  std::optional<Date> occurred_on;
  std::string problem_kind;  // an id of the data's problem kinds, or ""
  // The consumer's choice of the unit (a station or the bureau of the
  // business's county), or "" for the one its address decides.
  std::string unit_code;
};

// InvalidArgument naming the field: no business (neither uscc nor name), a
// malformed USCC or region code, no phone or one that is not a mainland
// mobile or landline number, a name over 50 or a summary outside 10–2000
// characters, a date after `today`.
Status Validate(const NewComplaint& c, const Date& today);

struct Complaint {
  int64_t id = 0;
  std::string query_code;  // what the consumer quotes to follow it
  Kind kind = Kind::kComplaint;
  Channel channel = Channel::kPortal;
  State state = State::kReceived;
  std::string business_uscc, business_name, region_code;
  std::string consumer_name, consumer_phone, summary;
  std::optional<Date> occurred_on;
  std::string received_at;  // RFC 3339
  Date received_on = Date::FromSysDays({});
  int64_t unit_id = 0;  // the unit handling it
  std::string unit_path, unit_name;
  codes::CountedDate accept_due;  // the decision's last day
  std::string decided_on;         // YYYY-MM-DD, "" while received
  std::string decided_by;
  std::string not_accept_reason;  // a reason id, when not accepted
  bool decided_late = false;      // decided after accept_due (allowed, counted)
  // Mediation, once accepted.
  codes::CountedDate mediation_due;  // its last day (unset before acceptance)
  std::optional<Outcome> outcome;
  int64_t amount_recovered = 0;  // yuan, for the consumer
  std::string closed_on;         // YYYY-MM-DD
  int rating = 0;                // the consumer's 1–5, 0 before
  std::string problem_kind;      // data/complaints/rules.json problem_kinds, or ""
  std::string industry_code;     // the business's GB/T 4754 division from the register, or ""
  // Reports: the check's last day (from receipt), who approved its extension,
  // the decision, its note (核查情况), where it went, the case lead it became
  // and the day a named reporter was told.
  codes::CountedDate check_due;
  std::string check_extended_by;
  std::optional<ReportDecision> report_decision;
  std::string report_note, transferred_to;
  int64_t lead_id = 0;
  std::string reporter_told_on;
  // ODR: the enterprise's last day (unset when it did not go there first),
  // its answer and the day of it.
  codes::CountedDate odr_due;
  std::optional<OdrResult> odr_result;
  std::string odr_replied_on;

  // A view flag: this reader is not on the report, so its reporter's name
  // and phone were withheld (ComplaintService::AsSeenBy).
  bool reporter_hidden = false;
  bool caller_on_report = false;  // a view flag: this reader is on the report

  bool went_to_business() const { return odr_due.date != Date::FromSysDays({}); }
  bool named_reporter() const { return kind == Kind::kReport && !consumer_name.empty(); }

  // Guarded transitions. FailedPrecondition (field "state") from any state
  // but received.
  Status Accept(const Date& today, std::string_view by);
  Status NotAccept(const ComplaintRules::Reason& reason, const Date& today, std::string_view by);
  // Accepted → closed with `outcome` (kEnded only when the mediation's last
  // day has passed). InvalidArgument "amount_recovered" for money with any
  // outcome but an agreement, or a negative amount; FailedPrecondition
  // "state" unless accepted, "outcome" for kEnded before the time limit.
  Status Close(Outcome outcome, int64_t amount, const Date& today);
  // The consumer rates a closed complaint once: 1–5. InvalidArgument
  // "rating", FailedPrecondition "state" (not closed, or rated already).
  Status Rate(int stars);
  // Report only (FailedPrecondition "kind" otherwise), accepted: checked
  // and decided. InvalidArgument "note" without the check's findings,
  // "transferred_to" for a transfer naming no authority. The state becomes
  // closed on `today`.
  Status DecideReport(ReportDecision decision, std::string note, std::string to, const Date& today);
  // Report only, before its decision, once: the check's limit is extended
  // (with the approval of `by`) to `due`. FailedPrecondition "state" when
  // decided or extended already.
  Status ExtendCheck(std::string_view by, const codes::CountedDate& due);
  // With the business (FailedPrecondition "state" otherwise): settled closes
  // it as an agreement with `amount` yuan recovered; refused or expired sends
  // it to the unit (state received; the caller sets accept_due from today).
  Status OdrAnswer(OdrResult result, int64_t amount, const Date& today);
  // To another unit (while received); the clock keeps running from receipt.
  // InvalidArgument "unit_code" for the unit it is already with.
  Status TransferTo(int64_t unit_id, std::string unit_path, std::string unit_name);
};

// A fresh query code: 10 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), from the system's random source.
std::string NewQueryCode();

// "138****5678": what the public side of a record shows of a phone number.
std::string MaskPhone(std::string_view phone);

}  // namespace amr::complaints
