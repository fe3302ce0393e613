// SPDX-License-Identifier: MulanPSL-2.0
// ODR first and the registers (complaint_service.h, docs/complaints.md "ODR"
// and "Registers"): a complaint against an enrolled enterprise goes to it for
// 10 working days; it settles or refuses, or its limit passes and the unit
// takes the complaint with a fresh acceptance clock.
#include <fmt/format.h>

#include <algorithm>
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
#include "license/license_store.h"

namespace amr::complaints {
namespace {

using internal::AuditJson;
using internal::HandlesWithin;
using internal::Subject;
using internal::WhoOf;
using nlohmann::json;
namespace perm = identity::perm;

// The unit takes a complaint back from the enterprise on `today`: its
// acceptance clock starts then (the ODR time does not count against it).
Status ToUnit(soci::session& sql, Complaint& c, const Date& today, const Clock& clock,
              const codes::CalendarSource& calendar, const ComplaintRules& rules) {
  ASSIGN_OR_RETURN(c.accept_due,
                   calendar::Track(sql, *calendar.Current(),
                                   {std::string(kAcceptanceDeadline), Subject(c.id),
                                    fmt::format("投诉举报受理期限 · {}", c.business_name),
                                    c.unit_path, codes::DeadlineInput{today, rules.acceptance()}},
                                   clock));
  return OkStatus();
}

// The enterprises the caller answers for: those whose licence it administers
// or for which it holds an authorisation covering consumer disputes.
constexpr std::string_view kOdrTask = "consumer_disputes";

Status RequireApplicant(const identity::Caller& caller) {
  if (caller.principal == nullptr || !caller.principal->Can(perm::kComplaintsOdrAnswer)) {
    return PermissionDeniedError("只有被投诉企业的经办人可以处理本企业的 ODR 投诉");
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<Complaint>> ComplaintService::OdrQueue(const identity::Caller& caller,
                                                            int limit) {
  RETURN_IF_ERROR(RequireApplicant(caller));
  std::vector<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(
        std::vector<license::ManagedLicense> managed,
        license::ListManagedLicenses(sql, caller.principal->user_id, ChinaDate(clock_.Now())));
    json usccs = json::array();
    for (const license::ManagedLicense& m : managed) {
      if (!m.admin && std::find(m.tasks.begin(), m.tasks.end(), kOdrTask) == m.tasks.end()) {
        continue;
      }
      ASSIGN_OR_RETURN(std::vector<Complaint> part, ListSentToBusiness(sql, m.uscc, limit));
      for (Complaint& c : part) out.push_back(std::move(c));
      usccs.push_back(m.uscc);
    }
    std::stable_sort(out.begin(), out.end(), [](const Complaint& a, const Complaint& b) {
      const bool wa = a.state == State::kWithBusiness, wb = b.state == State::kWithBusiness;
      return wa != wb ? wa : a.id > b.id;
    });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    // The enterprise sees the consumers' phone numbers to settle with them.
    return audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsOdrAnswer), "complaint.read", "complaint",
         "odr", nullptr, json{{"count", out.size()}, {"usccs", usccs}}},
        clock_);
  }));
  return out;
}

StatusOr<Complaint> ComplaintService::OdrAnswer(const identity::Caller& caller, int64_t id,
                                                OdrResult result, int64_t amount,
                                                const std::string& note) {
  RETURN_IF_ERROR(RequireApplicant(caller));
  if (result == OdrResult::kExpired) {
    return InvalidArgumentError("逾期由系统记录；请选择已和解或未能和解", "result");
  }
  if (note.empty()) return InvalidArgumentError("请写明处理情况", "note");
  const Date today = ChinaDate(clock_.Now());
  std::optional<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    ASSIGN_OR_RETURN(bool answers,
                     license::IsAuthorized(sql, c.business_uscc, caller.principal->user_id,
                                           kOdrTask, clock_.Now()));
    if (c.business_uscc.empty() || !answers) {
      return PermissionDeniedError("这件投诉不是针对您管理的企业的");
    }
    const json before = AuditJson(c);
    RETURN_IF_ERROR(c.OdrAnswer(result, amount, today));
    if (c.state == State::kReceived) {
      RETURN_IF_ERROR(ToUnit(sql, c, today, clock_, calendar_, rules_));
    }
    RETURN_IF_ERROR(SaveComplaint(sql, c, FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(calendar::Close(sql, kOdrDeadline, Subject(id), clock_));
    RETURN_IF_ERROR(scheduler::Cancel(sql, kOdrDeadline, Subject(id), clock_));
    if (c.state == State::kReceived) {
      RETURN_IF_ERROR(ScheduleReminder(sql, c, "acceptance", c.accept_due.date));
    }
    json after = AuditJson(c);
    after["note"] = note;
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kComplaintsOdrAnswer),
                       "complaint.odr_answer", "complaint", std::to_string(id), before, after},
                      clock_));
    out = std::move(c);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::string> ComplaintService::ExpireOdr(soci::session& sql, int64_t id,
                                                  const Clock& clock,
                                                  const codes::CalendarSource& calendar,
                                                  const ComplaintRules& rules) {
  ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
  RETURN_IF_ERROR(calendar::Close(sql, kOdrDeadline, Subject(id), clock));
  if (c.state != State::kWithBusiness) {
    return fmt::format("第 {} 号已{}", id, StateName(c.state));
  }
  const Date today = ChinaDate(clock.Now());
  const json before = AuditJson(c);
  RETURN_IF_ERROR(c.OdrAnswer(OdrResult::kExpired, 0, today));
  RETURN_IF_ERROR(ToUnit(sql, c, today, clock, calendar, rules));
  RETURN_IF_ERROR(SaveComplaint(sql, c, FormatChinaTime(clock.Now())));
  audit::Actor scheduler_actor;
  scheduler_actor.username = "scheduler";
  RETURN_IF_ERROR(audit::Append(sql,
                                {scheduler_actor, "complaint.odr_expire", "complaint",
                                 std::to_string(id), before, AuditJson(c)},
                                clock));
  return fmt::format("第 {} 号企业逾期未处理，转 {} 受理（受理期限 {}）", id, c.unit_path,
                     c.accept_due.date.ToString());
}

StatusOr<RegisterEntry> ComplaintService::Enrol(const identity::Caller& caller, RegisterKind kind,
                                                const std::string& uscc, const std::string& note) {
  if (Utf8Length(note) > 2000) return InvalidArgumentError("说明不超过 2000 个字", "note");
  const Date today = ChinaDate(clock_.Now());
  std::optional<RegisterEntry> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::optional<RegisteredBusiness> business, FindBusiness(sql, uscc));
    if (!business) return NotFoundError("登记的市场主体中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Unit unit, UnitOfRegion(sql, business->region_code));
    if (!HandlesWithin(caller, unit.path)) return identity::OutOfScopeError();
    ASSIGN_OR_RETURN(std::optional<RegisterEntry> open, FindInForce(sql, uscc, kind));
    if (open) {
      return FailedPreconditionError(fmt::format("{}自 {} 起已在{}中", business->name,
                                                 open->from_on.ToString(), RegisterKindName(kind)),
                                     "uscc");
    }
    RegisterEntry e;
    e.kind = kind;
    e.uscc = uscc;
    e.business_name = business->name;
    e.unit_path = unit.path;
    e.from_on = today;
    e.note = note;
    e.recorded_by = WhoOf(caller);
    ASSIGN_OR_RETURN(e, InsertEntry(sql, std::move(e), FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsHandle, unit.path), "complaint.register.enrol",
         "consumer_register", std::to_string(e.id), nullptr,
         json{{"kind", RegisterKindId(kind)}, {"uscc", uscc}, {"from_on", today.ToString()}}},
        clock_));
    out = std::move(e);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<RegisterEntry> ComplaintService::EndEntry(const identity::Caller& caller, int64_t id) {
  const Date today = ChinaDate(clock_.Now());
  std::optional<RegisterEntry> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(RegisterEntry e, GetEntry(sql, id));
    if (!HandlesWithin(caller, e.unit_path)) return identity::OutOfScopeError();
    RETURN_IF_ERROR(e.End(today, WhoOf(caller)));
    RETURN_IF_ERROR(SaveEnded(sql, e));
    RETURN_IF_ERROR(audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsHandle, e.unit_path), "complaint.register.end",
         "consumer_register", std::to_string(id), nullptr,
         json{{"kind", RegisterKindId(e.kind)}, {"uscc", e.uscc}, {"ended_on", e.ended_on}}},
        clock_));
    out = std::move(e);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::vector<RegisterEntry>> ComplaintService::Register(RegisterKind kind,
                                                                bool include_ended,
                                                                const std::string& unit_path,
                                                                int limit) {
  std::vector<RegisterEntry> out;
  const std::optional<std::string> on =
      include_ended ? std::nullopt : std::optional<std::string>(ChinaDate(clock_.Now()).ToString());
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, ListEntries(sql, kind, on, unit_path, limit));
    return OkStatus();
  }));
  return out;
}

}  // namespace amr::complaints
