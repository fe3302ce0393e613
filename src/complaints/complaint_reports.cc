// SPDX-License-Identifier: MulanPSL-2.0
// Reports (举报): the officers on a report, the reporter's protection, the
// check's extension and its decision, which may become a case lead
// (complaint_service.h, docs/complaints.md "Reports").
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "calendar/deadline_store.h"
#include "common/text.h"
#include "complaints/complaint_service.h"
#include "complaints/complaint_store.h"
#include "complaints/internal/service_support.h"
#include "complaints/register_store.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "leads/lead_store.h"
#include "outbox/outbox.h"

namespace amr::complaints {
namespace {

using internal::AuditJson;
using internal::Handles;
using internal::ReminderKey;
using internal::Subject;
using internal::WhoOf;
using nlohmann::json;
namespace perm = identity::perm;

Status RequireReport(const Complaint& c) {
  if (c.kind != Kind::kReport) {
    return FailedPreconditionError("只有举报有核查、承办人和举报人保护", "kind");
  }
  return OkStatus();
}

}  // namespace

StatusOr<Complaint> ComplaintService::AsSeenBy(soci::session& sql, const identity::Caller& caller,
                                               Complaint c) const {
  if (c.kind != Kind::kReport) return c;
  c.reporter_hidden = true;
  c.consumer_name.clear();
  c.consumer_phone.clear();
  ASSIGN_OR_RETURN(c.caller_on_report, IsHandler(sql, c.id, WhoOf(caller)));
  return c;
}

Status ComplaintService::Take(const identity::Caller& caller, int64_t id) {
  return db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (!Handles(caller, c.unit_path)) return identity::OutOfScopeError();
    RETURN_IF_ERROR(RequireReport(c));
    RETURN_IF_ERROR(AddHandler(sql, id, WhoOf(caller), FormatChinaTime(clock_.Now())));
    return audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsHandle, c.unit_path), "complaint.take",
         "complaint", std::to_string(id), nullptr, json{{"handler", WhoOf(caller)}}},
        clock_);
  });
}

StatusOr<Reporter> ComplaintService::RevealReporter(const identity::Caller& caller, int64_t id) {
  std::optional<Reporter> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (!Handles(caller, c.unit_path)) return identity::OutOfScopeError();
    RETURN_IF_ERROR(RequireReport(c));
    ASSIGN_OR_RETURN(bool on_it, IsHandler(sql, id, WhoOf(caller)));
    if (!on_it) {
      return PermissionDeniedError("举报人信息只对承办该举报的人员可见；请先承办");
    }
    RETURN_IF_ERROR(audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsHandle, c.unit_path),
         "complaint.reporter.read", "complaint", std::to_string(id), nullptr, nullptr},
        clock_));
    out = Reporter{c.consumer_name, c.consumer_phone};
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<Complaint> ComplaintService::DecideReport(const identity::Caller& caller, int64_t id,
                                                   const ReportOutcome& in) {
  if (in.evidence.size() > 49) return InvalidArgumentError("证据至多 49 项", "evidence");
  for (size_t i = 0; i < in.evidence.size(); ++i) {
    const ReportOutcome::Evidence& e = in.evidence[i];
    if (e.title.empty() || Utf8Length(e.title) > 400 || e.ref.empty() || Utf8Length(e.ref) > 400) {
      return InvalidArgumentError("每项证据须有名称和出处（各不超过 400 个字）",
                                  fmt::format("evidence[{}]", i));
    }
  }
  const Date today = ChinaDate(clock_.Now());
  const std::string now = FormatChinaTime(clock_.Now());
  std::optional<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (!Handles(caller, c.unit_path)) return identity::OutOfScopeError();
    RETURN_IF_ERROR(RequireReport(c));
    // Whoever decides is on the report from then on.
    RETURN_IF_ERROR(AddHandler(sql, id, WhoOf(caller), now));
    const json before = AuditJson(c);
    RETURN_IF_ERROR(c.DecideReport(in.decision, in.note, in.transferred_to, today));
    if (in.decision == ReportDecision::kCaseFiled) {
      // The lead carries the report itself, the findings and the evidence.
      leads::NewLead lead;
      lead.source = leads::Source::kComplaintReport;
      lead.source_ref = Subject(id);
      lead.uscc = c.business_uscc;
      lead.business_name = c.business_name;
      lead.unit_id = c.unit_id;
      lead.description = fmt::format("举报：{}\n核查情况：{}", c.summary, in.note);
      lead.evidence.push_back({"举报记录", Subject(id)});
      for (const ReportOutcome::Evidence& e : in.evidence)
        lead.evidence.push_back({e.title, e.ref});
      lead.created_by = caller.principal != nullptr ? caller.principal->user_id : 0;
      ASSIGN_OR_RETURN(leads::Lead stored, leads::InsertLead(sql, lead, now));
      c.lead_id = stored.id;
    }
    if (c.named_reporter()) {
      // 第三十一条: the named reporter is told of the decision; sent with it,
      // so well within the rules' working days.
      std::string text = fmt::format("您举报的{}一事，经核查，{}。", c.business_name,
                                     ReportDecisionName(*c.report_decision));
      if (!c.transferred_to.empty()) text += fmt::format("已移送{}。", c.transferred_to);
      RETURN_IF_ERROR(outbox::Enqueue(sql, "complaint.reporter_notice",
                                      json{{"id", id}, {"phone", c.consumer_phone}, {"text", text}},
                                      fmt::format("complaint.reporter_notice:{}", id), clock_));
      c.reporter_told_on = today.ToString();
    }
    RETURN_IF_ERROR(SaveComplaint(sql, c, now));
    RETURN_IF_ERROR(calendar::Close(sql, kCheckDeadline, Subject(id), clock_));
    RETURN_IF_ERROR(scheduler::Cancel(sql, kReminderTimer, ReminderKey(id, "check"), clock_));
    json after = AuditJson(c);
    after["note"] = in.note;
    after["late"] = c.check_due.date < today;
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kComplaintsHandle, c.unit_path),
                       "complaint.report_decide", "complaint", std::to_string(id), before, after},
                      clock_));
    ASSIGN_OR_RETURN(c, AsSeenBy(sql, caller, std::move(c)));
    out = std::move(c);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<Complaint> ComplaintService::ExtendCheck(const identity::Caller& caller, int64_t id,
                                                  const std::string& reason) {
  if (reason.empty()) return InvalidArgumentError("延长核查期限须写明理由", "reason");
  std::optional<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (caller.principal == nullptr ||
        !caller.principal->InScope(perm::kComplaintsApprove, c.unit_path)) {
      return identity::OutOfScopeError();
    }
    RETURN_IF_ERROR(RequireReport(c));
    const json before = AuditJson(c);
    ASSIGN_OR_RETURN(
        codes::CountedDate due,
        calendar::Track(sql, *calendar_.Current(),
                        {std::string(kCheckDeadline), Subject(id),
                         fmt::format("举报核查期限（已延长） · {}", c.business_name), c.unit_path,
                         codes::DeadlineInput{c.received_on, rules_.report_check(),
                                              rules_.report_check_extension()}},
                        clock_));
    RETURN_IF_ERROR(c.ExtendCheck(WhoOf(caller), due));
    RETURN_IF_ERROR(SaveComplaint(sql, c, FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(ScheduleReminder(sql, c, "check", c.check_due.date));
    json after = AuditJson(c);
    after["reason"] = reason;
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kComplaintsApprove, c.unit_path),
                       "complaint.check_extend", "complaint", std::to_string(id), before, after},
                      clock_));
    ASSIGN_OR_RETURN(c, AsSeenBy(sql, caller, std::move(c)));
    out = std::move(c);
    return OkStatus();
  }));
  return *std::move(out);
}

}  // namespace amr::complaints
