// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/complaint_service.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "calendar/deadline_store.h"
#include "complaints/complaint_store.h"
#include "complaints/internal/service_support.h"
#include "complaints/register_store.h"
#include "identity/org_unit_store.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "identity/user_store.h"
#include "messages/messages.h"
#include "outbox/outbox.h"

namespace amr::complaints {
using nlohmann::json;
namespace perm = identity::perm;
using internal::AuditJson;
using internal::Handles;
using internal::ReminderKey;
using internal::Subject;
using internal::WhoOf;

Status ComplaintService::ScheduleReminder(soci::session& sql, const Complaint& c,
                                          std::string_view stage, const Date& due) {
  StatusOr<Date> on = calendar_.Current()->AddWorkdays(due, -rules_.reminder_days());
  if (!on.ok()) return OkStatus();  // before the calendar's first year: no reminder
  const Date today = ChinaDate(clock_.Now());
  if (due < today) return OkStatus();
  const Date remind_on = *on < today ? today : *on;
  // 09:00 of that day, or now when that is later.
  Clock::TimePoint at = ChinaMidnight(remind_on) + std::chrono::hours(9);
  if (at < clock_.Now()) at = clock_.Now();
  return scheduler::Rearm(sql, kReminderTimer, ReminderKey(c.id, stage), at,
                          json{{"id", c.id}, {"stage", stage}, {"due", due.ToString()}}, clock_);
}

StatusOr<std::string> ComplaintService::Remind(soci::session& sql, int64_t id,
                                               std::string_view stage, const std::string& due,
                                               const Clock& clock) {
  ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
  const bool still =
      (stage == "acceptance" && c.state == State::kReceived) ||
      (stage == "mediation" && c.state == State::kAccepted && c.kind == Kind::kComplaint) ||
      (stage == "check" && (c.state == State::kReceived || c.state == State::kAccepted));
  if (!still) return fmt::format("第 {} 号已{}，不再提醒", id, StateName(c.state));
  RETURN_IF_ERROR(outbox::Enqueue(sql, "complaint.deadline_near",
                                  json{{"id", id},
                                       {"stage", stage},
                                       {"due", due},
                                       {"unit_path", c.unit_path},
                                       {"business_name", c.business_name}},
                                  fmt::format("complaint.reminder:{}:{}:{}", id, stage, due),
                                  clock));
  const char* what = stage == "acceptance" ? "受理" : stage == "check" ? "核查" : "调解";
  // The handlers of the unit that holds it (消息中心; by SMS where they have a phone).
  if (c.unit_id != 0) {
    ASSIGN_OR_RETURN(std::vector<int64_t> staff,
                     identity::UsersServingUnit(sql, c.unit_id, perm::kComplaintsHandle));
    RETURN_IF_ERROR(messages::PostToEach(
        sql, staff, messages::Kind::kComplaintDeadlineNear,
        json{{"id", id},
             {"business_name",
              c.business_name.empty() ? std::string("被投诉方未写明") : c.business_name},
             {"stage_name", what},
             {"due", due}},
        "/workbench/complaints", fmt::format("complaint.reminder:{}:{}:{}", id, stage, due),
        clock));
  }
  return fmt::format("已提醒第 {} 号的{}期限 {}", id, what, due);
}

ComplaintService::ComplaintService(storage::Database& db, const Clock& clock,
                                   const codes::CalendarSource& calendar,
                                   const ComplaintRules& rules, const StationAreas& areas)
    : db_(db), clock_(clock), calendar_(calendar), rules_(rules), areas_(areas) {}

StatusOr<Complaint> ComplaintService::File(const identity::Caller& caller, NewComplaint input,
                                           std::string_view idempotency_key) {
  if (idempotency_key.size() > 100) {
    return InvalidArgumentError("Idempotency-Key 不超过 100 个字符", "Idempotency-Key");
  }
  const bool staff = caller.principal != nullptr && caller.principal->Can(perm::kComplaintsHandle);
  if (input.channel != Channel::kPortal && !staff) {
    return PermissionDeniedError("只有办理投诉举报的工作人员可以登记电话、来访和转办件");
  }
  const Date today = ChinaDate(clock_.Now());
  RETURN_IF_ERROR(Validate(input, today));
  if (!input.problem_kind.empty() && rules_.FindProblemKind(input.problem_kind) == nullptr) {
    return InvalidArgumentError("投诉问题类别不在规定的分类中", "problem_kind");
  }
  const std::string key(idempotency_key);
  std::optional<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    if (!key.empty()) {
      ASSIGN_OR_RETURN(std::optional<Complaint> before, FindByClientKey(sql, key));
      if (before) {
        // The same submission again: its record. Another one under the same
        // key is refused (it would be answered with someone else's record).
        if (before->consumer_phone != input.consumer_phone || before->summary != input.summary ||
            before->kind != input.kind) {
          return FailedPreconditionError("这个 Idempotency-Key 已用于另一份提交",
                                         "Idempotency-Key");
        }
        out = std::move(before);
        return OkStatus();
      }
    }
    Complaint c;
    c.kind = input.kind;
    c.channel = input.channel;
    c.business_uscc = input.business_uscc;
    c.business_name = input.business_name;
    c.region_code = input.region_code;
    // The register decides the business's name and county when it knows it.
    std::optional<RegisterEntry> odr;
    std::string address;  // the registered one decides the station
    if (!c.business_uscc.empty()) {
      ASSIGN_OR_RETURN(std::optional<RegisteredBusiness> known, FindBusiness(sql, c.business_uscc));
      if (known) {
        c.business_name = known->name;
        c.region_code = known->region_code;
        c.industry_code = known->industry_division;
        address = known->address;
      }
      // A consumer's complaint against an ODR enterprise goes to it first.
      if (c.kind == Kind::kComplaint) {
        ASSIGN_OR_RETURN(odr, FindInForce(sql, c.business_uscc, RegisterKind::kOdr));
      }
    }
    c.problem_kind = input.problem_kind;
    if (c.region_code.empty()) {
      return InvalidArgumentError("该经营者不在本系统登记，请写明其名称和所在县区",
                                  "business.region_code");
    }
    if (c.business_name.empty()) {
      return InvalidArgumentError("请写明经营者名称", "business.name");
    }
    ASSIGN_OR_RETURN(Unit unit,
                     ReceivingUnit(sql, c.region_code, address, input.unit_code, areas_));
    c.unit_id = unit.id;
    c.unit_path = unit.path;
    c.unit_name = unit.name;
    c.consumer_name = input.consumer_name;
    c.consumer_phone = input.consumer_phone;
    c.summary = input.summary;
    c.occurred_on = input.occurred_on;
    c.received_at = FormatChinaTime(clock_.Now());
    c.received_on = today;
    c.query_code = NewQueryCode();
    // 7 working days from receipt on the calendar in force (10 for the ODR
    // enterprise instead, when it goes there first; a report's check runs
    // 15 from receipt beside it); tracked below under the record's id.
    c.state = odr ? State::kWithBusiness : State::kReceived;
    if (odr) {
      ASSIGN_OR_RETURN(c.odr_due, codes::PeriodEnd(*calendar_.Current(), today, rules_.odr()));
    } else {
      ASSIGN_OR_RETURN(c.accept_due,
                       codes::PeriodEnd(*calendar_.Current(), today, rules_.acceptance()));
    }
    if (c.kind == Kind::kReport) {
      ASSIGN_OR_RETURN(c.check_due,
                       codes::PeriodEnd(*calendar_.Current(), today, rules_.report_check()));
    }
    ASSIGN_OR_RETURN(c, InsertComplaint(sql, std::move(c), key));
    if (odr) {
      ASSIGN_OR_RETURN(c.odr_due,
                       calendar::Track(sql, *calendar_.Current(),
                                       {std::string(kOdrDeadline), Subject(c.id),
                                        fmt::format("ODR 企业先行和解期限 · {}", c.business_name),
                                        c.unit_path, codes::DeadlineInput{today, rules_.odr()}},
                                       clock_));
      RETURN_IF_ERROR(scheduler::Schedule(sql, kOdrDeadline, Subject(c.id),
                                          ChinaMidnight(c.odr_due.date.AddDays(1)),
                                          json{{"id", c.id}}, clock_));
      RETURN_IF_ERROR(outbox::Enqueue(
          sql, "complaint.odr_assigned",
          json{{"id", c.id}, {"uscc", c.business_uscc}, {"due", c.odr_due.date.ToString()}},
          fmt::format("complaint.odr_assigned:{}", c.id), clock_));
    } else {
      ASSIGN_OR_RETURN(
          c.accept_due,
          calendar::Track(sql, *calendar_.Current(),
                          {std::string(kAcceptanceDeadline), Subject(c.id),
                           fmt::format("投诉举报受理期限 · {}", c.business_name), c.unit_path,
                           codes::DeadlineInput{today, rules_.acceptance()}},
                          clock_));
    }
    if (c.kind == Kind::kReport) {
      ASSIGN_OR_RETURN(
          c.check_due,
          calendar::Track(sql, *calendar_.Current(),
                          {std::string(kCheckDeadline), Subject(c.id),
                           fmt::format("举报核查期限 · {}", c.business_name), c.unit_path,
                           codes::DeadlineInput{today, rules_.report_check()}},
                          clock_));
      RETURN_IF_ERROR(ScheduleReminder(sql, c, "check", c.check_due.date));
    }
    audit::Actor actor;
    if (caller.principal != nullptr) {
      actor = identity::ActorFor(caller, perm::kComplaintsHandle, c.unit_path);
    } else {
      actor.username = "public";
    }
    RETURN_IF_ERROR(audit::Append(
        sql, {actor, "complaint.file", "complaint", std::to_string(c.id), nullptr, AuditJson(c)},
        clock_));
    if (!odr) RETURN_IF_ERROR(ScheduleReminder(sql, c, "acceptance", c.accept_due.date));
    out = std::move(c);
    return OkStatus();
  }));
  return *std::move(out);
}

Status ComplaintService::TrackImported(const std::vector<std::string>& client_keys, int64_t rows) {
  return db_.Transaction([&](soci::session& sql) -> Status {
    for (const std::string& key : client_keys) {
      ASSIGN_OR_RETURN(std::optional<Complaint> found, FindByClientKey(sql, key));
      if (!found) return NotFoundError("导入的记录不见了：" + key, "external_ref");
      Complaint& c = *found;
      ASSIGN_OR_RETURN(
          c.accept_due,
          calendar::Track(sql, *calendar_.Current(),
                          {std::string(kAcceptanceDeadline), Subject(c.id),
                           fmt::format("投诉举报受理期限 · {}", c.business_name), c.unit_path,
                           codes::DeadlineInput{c.received_on, rules_.acceptance()}},
                          clock_));
      RETURN_IF_ERROR(ScheduleReminder(sql, c, "acceptance", c.accept_due.date));
      if (c.kind == Kind::kReport) {
        ASSIGN_OR_RETURN(
            c.check_due,
            calendar::Track(sql, *calendar_.Current(),
                            {std::string(kCheckDeadline), Subject(c.id),
                             fmt::format("举报核查期限 · {}", c.business_name), c.unit_path,
                             codes::DeadlineInput{c.received_on, rules_.report_check()}},
                            clock_));
        RETURN_IF_ERROR(ScheduleReminder(sql, c, "check", c.check_due.date));
      }
    }
    audit::Actor importer;
    importer.username = "import";
    return audit::Append(sql,
                         {importer, "complaint.import", "complaint", "file", nullptr,
                          json{{"rows", rows}, {"open", client_keys.size()}}},
                         clock_);
  });
}

StatusOr<std::vector<Unit>> ComplaintService::UnitsFor(const std::string& region_code) {
  std::vector<Unit> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    StatusOr<Unit> county = UnitOfRegion(sql, region_code);
    if (!county.ok()) return NotFoundError(county.status().message(), "region_code");
    ASSIGN_OR_RETURN(out, CountyUnits(sql, county->path));
    return OkStatus();
  }));
  return out;
}

StatusOr<TrackView> ComplaintService::Track(int64_t id, std::string_view query_code) {
  std::optional<TrackView> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    StatusOr<Complaint> c = GetComplaint(sql, id);
    if (!c.ok() || query_code.empty() || c->query_code != query_code) {
      return NotFoundError("没有这件投诉举报，请核对编号和查询码", "id");
    }
    TrackView view{*std::move(c), ""};
    if (const ComplaintRules::Reason* r = rules_.FindReason(view.complaint.not_accept_reason)) {
      view.not_accept_reason_text = r->text;
    }
    out = std::move(view);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::vector<Complaint>> ComplaintService::Queue(const identity::Caller& caller,
                                                         std::optional<State> state, int limit) {
  if (caller.principal == nullptr) return PermissionDeniedError("需要登录");
  std::vector<std::string> paths;
  for (const identity::RoleGrant* grant : caller.principal->ScopesFor(perm::kComplaintsHandle)) {
    if (!grant->org_unit.path.empty()) paths.push_back(grant->org_unit.path);
  }
  std::vector<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, ListComplaints(sql, paths, state, limit));
    for (Complaint& c : out) {
      ASSIGN_OR_RETURN(c, AsSeenBy(sql, caller, std::move(c)));
    }
    // The list shows consumers' phone numbers: who read how many is recorded.
    audit::Actor actor = identity::ActorFor(caller, perm::kComplaintsHandle);
    return audit::Append(
        sql,
        {actor, "complaint.read", "complaint", "queue", nullptr,
         json{{"count", out.size()}, {"state", state ? json(StateId(*state)) : json(nullptr)}}},
        clock_);
  }));
  return out;
}

StatusOr<Complaint> ComplaintService::Decide(const identity::Caller& caller, int64_t id,
                                             const Decision& d) {
  const Date today = ChinaDate(clock_.Now());
  const std::string who = WhoOf(caller);
  std::optional<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (!Handles(caller, c.unit_path)) return identity::OutOfScopeError();
    const json before = AuditJson(c);
    const char* action = "complaint.accept";
    switch (d.kind) {
      case Decision::Kind::kAccept: {
        RETURN_IF_ERROR(c.Accept(today, who));
        // A report is checked on its own clock (from receipt), an enquiry
        // answered: only a complaint is mediated.
        if (c.kind != Kind::kComplaint) break;
        // Mediation runs 45 working days from acceptance: a deadline on the
        // calendar and the timer that ends it if no one closes it first.
        ASSIGN_OR_RETURN(
            c.mediation_due,
            calendar::Track(sql, *calendar_.Current(),
                            {std::string(kMediationDeadline), Subject(c.id),
                             fmt::format("投诉调解期限 · {}", c.business_name), c.unit_path,
                             codes::DeadlineInput{today, rules_.mediation()}},
                            clock_));
        RETURN_IF_ERROR(scheduler::Schedule(sql, kMediationDeadline, Subject(c.id),
                                            ChinaMidnight(c.mediation_due.date.AddDays(1)),
                                            json{{"id", c.id}}, clock_));
        break;
      }
      case Decision::Kind::kNotAccept: {
        const ComplaintRules::Reason* reason = rules_.FindReason(d.reason_id);
        if (reason == nullptr) {
          std::string known;
          for (const auto& r : rules_.not_accept_reasons()) {
            if (!known.empty()) known += "、";
            known += r.id;
          }
          return InvalidArgumentError(fmt::format("不予受理须依据规定的情形之一（{}）", known),
                                      "reason");
        }
        RETURN_IF_ERROR(c.NotAccept(*reason, today, who));
        action = "complaint.not_accept";
        break;
      }
      case Decision::Kind::kTransfer: {
        if (d.note.empty()) return InvalidArgumentError("转办须写明理由", "note");
        StatusOr<identity::OrgUnit> unit = identity::GetOrgUnitByCode(sql, d.unit_code);
        if (!unit.ok()) return InvalidArgumentError("没有这个单位", "unit_code");
        RETURN_IF_ERROR(c.TransferTo(unit->id, unit->path, unit->name));
        action = "complaint.transfer";
        break;
      }
    }
    RETURN_IF_ERROR(SaveComplaint(sql, c, FormatChinaTime(clock_.Now())));
    if (c.state != State::kReceived) {
      RETURN_IF_ERROR(calendar::Close(sql, kAcceptanceDeadline, Subject(c.id), clock_));
      RETURN_IF_ERROR(
          scheduler::Cancel(sql, kReminderTimer, ReminderKey(c.id, "acceptance"), clock_));
    }
    if (c.state == State::kAccepted && c.kind == Kind::kComplaint) {
      RETURN_IF_ERROR(ScheduleReminder(sql, c, "mediation", c.mediation_due.date));
    }
    if (c.state == State::kNotAccepted && c.kind == Kind::kReport) {
      RETURN_IF_ERROR(calendar::Close(sql, kCheckDeadline, Subject(c.id), clock_));
      RETURN_IF_ERROR(scheduler::Cancel(sql, kReminderTimer, ReminderKey(c.id, "check"), clock_));
    }
    json after = AuditJson(c);
    if (!d.note.empty()) after["note"] = d.note;
    RETURN_IF_ERROR(audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsHandle, before.value("unit_path", "")), action,
         "complaint", std::to_string(c.id), before, after},
        clock_));
    ASSIGN_OR_RETURN(c, GetComplaint(sql, id));
    ASSIGN_OR_RETURN(c, AsSeenBy(sql, caller, std::move(c)));
    out = std::move(c);
    return OkStatus();
  }));
  return *std::move(out);
}

namespace {

std::vector<std::string> HandledPaths(const identity::Caller& caller) {
  std::vector<std::string> paths;
  for (const identity::RoleGrant* grant : caller.principal->ScopesFor(perm::kComplaintsHandle)) {
    if (!grant->org_unit.path.empty()) paths.push_back(grant->org_unit.path);
  }
  return paths;
}

}  // namespace

StatusOr<Figures> ComplaintService::FiguresFor(const identity::Caller& caller, const Date& from,
                                               const Date& to) {
  if (caller.principal == nullptr) return PermissionDeniedError("需要登录");
  if (to < from) return InvalidArgumentError("开始日期不能晚于结束日期", "from");
  Figures out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(
        out, ComplaintFigures(sql, HandledPaths(caller), from, to, ChinaDate(clock_.Now())));
    return OkStatus();
  }));
  return out;
}

StatusOr<HotSpots> ComplaintService::HotSpotsFor(const identity::Caller& caller, const Date& from,
                                                 const Date& to, int limit) {
  if (caller.principal == nullptr) return PermissionDeniedError("需要登录");
  if (to < from) return InvalidArgumentError("开始日期不能晚于结束日期", "from");
  if (limit < 1 || limit > 50) return InvalidArgumentError("limit 应为 1 至 50", "limit");
  HotSpots out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, ComplaintHotSpots(sql, HandledPaths(caller), from, to, limit));
    return OkStatus();
  }));
  for (HotSpot& h : out.problem_kinds) {
    if (const ComplaintRules::ProblemKind* k = rules_.FindProblemKind(h.key)) h.name = k->name;
  }
  return out;
}

Status ComplaintService::AddSession(const identity::Caller& caller, int64_t id, const Date& held_on,
                                    const std::string& note) {
  if (note.empty()) return InvalidArgumentError("请写明调解情况", "note");
  const Date today = ChinaDate(clock_.Now());
  return db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (!Handles(caller, c.unit_path)) return identity::OutOfScopeError();
    if (c.state != State::kAccepted) {
      return FailedPreconditionError("只有已受理（调解中）的件可以记录调解", "state");
    }
    if (today < held_on) return InvalidArgumentError("调解日期不能晚于今天", "held_on");
    if (held_on.ToString() < c.decided_on) {
      return InvalidArgumentError("调解日期不能早于受理日期", "held_on");
    }
    RETURN_IF_ERROR(
        InsertSession(sql, id, {held_on, note, WhoOf(caller), FormatChinaTime(clock_.Now())}));
    return audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kComplaintsHandle, c.unit_path), "complaint.session",
         "complaint", std::to_string(id), nullptr, json{{"held_on", held_on.ToString()}}},
        clock_);
  });
}

StatusOr<Complaint> ComplaintService::Close(const identity::Caller& caller, int64_t id,
                                            Outcome outcome, int64_t amount,
                                            const std::string& note) {
  if (outcome == Outcome::kEnded || outcome == Outcome::kOdrSettled) {
    return InvalidArgumentError("办结请选达成协议、未达成协议或撤回（调解期满由系统终止）",
                                "outcome");
  }
  const Date today = ChinaDate(clock_.Now());
  std::optional<Complaint> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
    if (!Handles(caller, c.unit_path)) return identity::OutOfScopeError();
    const json before = AuditJson(c);
    RETURN_IF_ERROR(c.Close(outcome, amount, today));
    RETURN_IF_ERROR(SaveComplaint(sql, c, FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(calendar::Close(sql, kMediationDeadline, Subject(id), clock_));
    RETURN_IF_ERROR(scheduler::Cancel(sql, kMediationDeadline, Subject(id), clock_));
    RETURN_IF_ERROR(scheduler::Cancel(sql, kReminderTimer, ReminderKey(id, "mediation"), clock_));
    json after = AuditJson(c);
    if (!note.empty()) after["note"] = note;
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kComplaintsHandle, c.unit_path),
                       "complaint.close", "complaint", std::to_string(id), before, after},
                      clock_));
    out = std::move(c);
    return OkStatus();
  }));
  return *std::move(out);
}

Status ComplaintService::Rate(int64_t id, std::string_view query_code, int stars) {
  return db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<Complaint> c = GetComplaint(sql, id);
    if (!c.ok() || query_code.empty() || c->query_code != query_code) {
      return NotFoundError("没有这件投诉举报，请核对编号和查询码", "id");
    }
    RETURN_IF_ERROR(c->Rate(stars));
    RETURN_IF_ERROR(SaveComplaint(sql, *c, FormatChinaTime(clock_.Now())));
    audit::Actor consumer;
    consumer.username = "public";
    return audit::Append(sql,
                         {consumer, "complaint.rate", "complaint", std::to_string(id), nullptr,
                          json{{"rating", stars}}},
                         clock_);
  });
}

StatusOr<std::string> ComplaintService::EndMediation(soci::session& sql, int64_t id,
                                                     const Clock& clock) {
  ASSIGN_OR_RETURN(Complaint c, GetComplaint(sql, id));
  RETURN_IF_ERROR(calendar::Close(sql, kMediationDeadline, Subject(id), clock));
  if (c.state != State::kAccepted) return fmt::format("第 {} 号已{}", id, StateName(c.state));
  const json before = AuditJson(c);
  RETURN_IF_ERROR(c.Close(Outcome::kEnded, 0, ChinaDate(clock.Now())));
  RETURN_IF_ERROR(SaveComplaint(sql, c, FormatChinaTime(clock.Now())));
  audit::Actor scheduler_actor;
  scheduler_actor.username = "scheduler";
  RETURN_IF_ERROR(audit::Append(sql,
                                {scheduler_actor, "complaint.mediation_end", "complaint",
                                 std::to_string(id), before, AuditJson(c)},
                                clock));
  return fmt::format("第 {} 号调解期满未达成协议，终止调解", id);
}

namespace {

// A deadline's timer, still pending, fires the day after the moved date.
Status MoveTimer(soci::session& sql, std::string_view kind, std::string_view subject,
                 const codes::CountedDate& due, const Clock& clock) {
  ASSIGN_OR_RETURN(std::optional<scheduler::Timer> timer, scheduler::Find(sql, kind, subject));
  if (!timer.has_value() || timer->state != "pending") return OkStatus();
  return scheduler::Schedule(sql, kind, subject, ChinaMidnight(due.date.AddDays(1)), timer->payload,
                             clock);
}

}  // namespace

Status MoveMediationDeadline(soci::session& sql, std::string_view subject,
                             const codes::CountedDate& due, const Clock& clock) {
  RETURN_IF_ERROR(MoveMediationDue(sql, subject, due));
  return MoveTimer(sql, kMediationDeadline, subject, due, clock);
}

Status MoveOdrDeadline(soci::session& sql, std::string_view subject, const codes::CountedDate& due,
                       const Clock& clock) {
  RETURN_IF_ERROR(MoveOdrDue(sql, subject, due));
  return MoveTimer(sql, kOdrDeadline, subject, due, clock);
}

void RegisterComplaintTimers(scheduler::Scheduler& scheduler, const Clock& clock,
                             const codes::CalendarSource& calendar, const ComplaintRules& rules) {
  const Clock* c = &clock;
  const codes::CalendarSource* cal = &calendar;
  const ComplaintRules* r = &rules;
  scheduler.Register(std::string(kOdrDeadline),
                     [c, cal, r](soci::session& sql, const scheduler::Timer& timer,
                                 Clock::TimePoint) -> StatusOr<std::string> {
                       auto it = timer.payload.find("id");
                       if (it == timer.payload.end() || !it->is_number_integer()) {
                         return InvalidArgumentError("定时任务缺少 id", "payload");
                       }
                       return ComplaintService::ExpireOdr(sql, it->get<int64_t>(), *c, *cal, *r);
                     });
  scheduler.Register(std::string(kMediationDeadline),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       auto it = timer.payload.find("id");
                       if (it == timer.payload.end() || !it->is_number_integer()) {
                         return InvalidArgumentError("定时任务缺少 id", "payload");
                       }
                       return ComplaintService::EndMediation(sql, it->get<int64_t>(), *c);
                     });
  scheduler.Register(std::string(kReminderTimer),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       auto it = timer.payload.find("id");
                       if (it == timer.payload.end() || !it->is_number_integer()) {
                         return InvalidArgumentError("定时任务缺少 id", "payload");
                       }
                       return ComplaintService::Remind(
                           sql, it->get<int64_t>(), timer.payload.value("stage", std::string()),
                           timer.payload.value("due", std::string()), *c);
                     });
}

}  // namespace amr::complaints
