// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/compulsory.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "audit/audit_log.h"
#include "identity/roles.h"
#include "lifecycle/periods.h"
#include "lifecycle/restriction.h"
#include "lifecycle/timed_deadline.h"
#include "registry/entity_store.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;
namespace perm = identity::perm;

constexpr const char* kColumns =
    "id, uscc, entity_name, region_code, authority_org_unit_id, basis, basis_document, basis_on, "
    "state, notice_start_on, notice_end_on, started_by, closed_reason, created_at, closed_at";

std::string TimerKey(int64_t id) { return "compulsory:" + std::to_string(id); }

CompulsoryDeregistration FromRow(const soci::row& r) {
  CompulsoryDeregistration c;
  c.id = RowInt(r, 0);
  c.uscc = RowText(r, 1);
  c.entity_name = RowText(r, 2);
  c.region_code = RowText(r, 3);
  c.authority_org_unit_id = RowInt(r, 4);
  c.basis = RowText(r, 5);
  c.basis_document = RowText(r, 6);
  c.basis_on = RowText(r, 7);
  c.state = RowText(r, 8);
  c.notice_start_on = RowText(r, 9);
  c.notice_end_on = RowText(r, 10);
  c.started_by = RowText(r, 11);
  c.closed_reason = RowText(r, 12);
  c.created_at = RowText(r, 13);
  c.closed_at = RowIsNull(r, 14) ? "" : RowText(r, 14);
  return c;
}

void LoadObjections(soci::session& sql, CompulsoryDeregistration& c) {
  long long id = c.id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, objector_kind, objector_name, objector_contact, reason, "
                      "filed_on FROM compulsory_objection WHERE procedure_id = :id ORDER BY id",
       soci::use(id));
  for (const soci::row& r : rows) {
    c.objections.push_back(
        {RowInt(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3), RowText(r, 4), RowText(r, 5)});
  }
}

std::string_view BasisName(std::string_view basis) {
  if (basis == "revoked") return "被吊销营业执照";
  if (basis == "ordered_closed") return "被责令关闭";
  if (basis == "cancelled") return "被撤销登记";
  return basis;
}

std::string_view StateName(std::string_view state) {
  if (state == "notice") return "公告中";
  if (state == "objected") return "因异议终止";
  if (state == "ready") return "公告期满，待登记机关决定";
  if (state == "deregistered") return "已强制注销";
  if (state == "withdrawn") return "登记机关决定不予注销";
  return state;
}

json AuditJson(const CompulsoryDeregistration& c) {
  return json{{"uscc", c.uscc},         {"basis", c.basis}, {"basis_document", c.basis_document},
              {"basis_on", c.basis_on}, {"state", c.state}, {"notice_end_on", c.notice_end_on}};
}

Status Audit(soci::session& sql, const audit::Actor& actor, const char* action, int64_t id,
             json before, json after, const Clock& clock) {
  audit::AuditEntry e;
  e.actor = actor;
  e.action = action;
  e.target_type = "compulsory_deregistration";
  e.target_id = std::to_string(id);
  e.before = std::move(before);
  e.after = std::move(after);
  return audit::Append(sql, e, clock);
}

Status CheckText(std::string_view value, const char* field, size_t max, bool required,
                 std::string_view what) {
  if (required && value.empty()) {
    return InvalidArgumentError(fmt::format("须填写{}", what), field);
  }
  if (value.size() > max) {
    return InvalidArgumentError(fmt::format("{}过长（不超过 {} 字节）", what, max), field);
  }
  return OkStatus();
}

}  // namespace

StatusOr<CompulsoryDeregistration> GetCompulsory(soci::session& sql, int64_t id) {
  long long lid = id;
  std::optional<CompulsoryDeregistration> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM compulsory_deregistration WHERE id = :id",
       soci::use(lid));
  for (const soci::row& r : rows) out = FromRow(r);
  if (!out) return NotFoundError(fmt::format("强制注销程序 {} 不存在", id), "id");
  LoadObjections(sql, *out);
  return *std::move(out);
}

StatusOr<std::vector<CompulsoryDeregistration>> ListCompulsory(soci::session& sql,
                                                               std::string_view state,
                                                               std::string_view uscc, int limit,
                                                               int offset) {
  std::string where = "WHERE (:s = '' OR state = :s2) AND (:u = '' OR uscc = :u2)";
  std::string s = state == "current" ? "notice" : std::string(state), u(uscc);
  long long lim = limit, off = offset;
  std::vector<CompulsoryDeregistration> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM compulsory_deregistration " +
                          where + " ORDER BY id DESC LIMIT :l OFFSET :o",
       soci::use(s), soci::use(s), soci::use(u), soci::use(u), soci::use(lim), soci::use(off));
  for (const soci::row& r : rows) out.push_back(FromRow(r));
  for (CompulsoryDeregistration& c : out) LoadObjections(sql, c);
  return out;
}

StatusOr<CompulsoryDeregistration> StartCompulsoryDeregistration(
    soci::session& sql, const identity::Caller& caller, std::string_view uscc,
    const CompulsoryStart& start, const Clock& clock, const codes::WorkdayCalendar& calendar) {
  if (start.basis != "revoked" && start.basis != "ordered_closed" && start.basis != "cancelled") {
    return InvalidArgumentError(
        "basis 应为 revoked（吊销营业执照）、ordered_closed（责令关闭）或 cancelled（撤销登记）",
        "basis");
  }
  RETURN_IF_ERROR(CheckText(start.basis_document, "basis_document", 200, true, "决定文书号"));
  const Date today = ChinaDate(clock.Now());
  if (today < start.basis_on) {
    return InvalidArgumentError("决定日期不能晚于今天", "basis_on");
  }
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, uscc, {perm::kRegistrationReview}));
  const registry::Entity& e = access.entity;
  if (e.status == registry::EntityStatus::kDeregistered) {
    return FailedPreconditionError(fmt::format("{} 已注销", e.uscc), "uscc");
  }
  if (start.basis == "revoked" && e.status != registry::EntityStatus::kRevoked) {
    return FailedPreconditionError(
        fmt::format("{} 的登记状态为{}，不是吊销", e.uscc, registry::StatusName(e.status)), "uscc");
  }
  // 公司法 Art. 241: three years after the decision without deregistering.
  ASSIGN_OR_RETURN(Date eligible_from,
                   Periods::Default().FixedEnd("compulsory.dormancy", start.basis_on));
  if (today < eligible_from) {
    return FailedPreconditionError(
        fmt::format("{}于 {} 起满三年方可强制注销（决定日期 {}）", BasisName(start.basis),
                    eligible_from.ToString(), start.basis_on.ToString()),
        "basis_on");
  }
  {
    long long open = 0;
    const std::string u(e.uscc);
    sql << "SELECT COUNT(*) FROM compulsory_deregistration WHERE uscc = :u AND state IN "
           "('notice', 'ready')",
        soci::use(u), soci::into(open);
    if (open > 0) {
      return FailedPreconditionError(fmt::format("{} 已有进行中的强制注销程序", e.uscc), "uscc");
    }
  }
  ASSIGN_OR_RETURN(Period notice, Periods::Default().Get("compulsory.notice"));
  // Counted once here for the record; ScheduleDeadline tracks it below, so
  // entering a year moves it (MoveCompulsoryNoticeDeadline).
  ASSIGN_OR_RETURN(codes::CountedDate counted, codes::PeriodEnd(calendar, today, notice.Rule()));
  const Date notice_end = counted.date;
  const audit::Actor actor =
      identity::ActorFor(caller, perm::kRegistrationReview, access.authority_path);
  const std::string now = FormatChinaTime(clock.Now()), today_text = today.ToString(),
                    end_text = notice_end.ToString(), basis_on = start.basis_on.ToString();
  const std::string by = caller.principal != nullptr ? caller.principal->username : caller.name;
  long long authority = access.authority_org_unit_id;
  long long id = 0;
  sql << "INSERT INTO compulsory_deregistration (uscc, entity_name, region_code, "
         "authority_org_unit_id, basis, basis_document, basis_on, state, notice_start_on, "
         "notice_end_on, started_by, created_at, updated_at) VALUES (:u, :n, :r, :a, :b, :bd, "
         ":bo, 'notice', :s, :e, :by, :now, :now2) RETURNING id",
      soci::use(e.uscc), soci::use(e.name), soci::use(e.region_code), soci::use(authority),
      soci::use(start.basis), soci::use(start.basis_document), soci::use(basis_on),
      soci::use(today_text), soci::use(end_text), soci::use(by), soci::use(now), soci::use(now),
      soci::into(id);
  RETURN_IF_ERROR(
      ScheduleDeadline(
          sql, calendar,
          {kCompulsoryNoticeTimer, TimerKey(id), fmt::format("强制注销公告期 · {}", e.name),
           access.authority_path, codes::DeadlineInput{today, notice.Rule()}, json{{"id", id}}},
          clock)
          .status());
  ASSIGN_OR_RETURN(CompulsoryDeregistration out, GetCompulsory(sql, id));
  RETURN_IF_ERROR(
      Audit(sql, actor, "deregistration.compulsory.start", id, nullptr, AuditJson(out), clock));
  return out;
}

StatusOr<CompulsoryDeregistration> ObjectToCompulsory(soci::session& sql, int64_t id,
                                                      const CompulsoryObjectionInput& o,
                                                      const Clock& clock) {
  if (o.objector_kind != "creditor" && o.objector_kind != "department" &&
      o.objector_kind != "other") {
    return InvalidArgumentError(
        "异议人类型应为 creditor（债权人）、department（有关部门）或 other（其他利害关系人）",
        "objector_kind");
  }
  RETURN_IF_ERROR(CheckText(o.reason, "reason", 2000, true, "异议理由"));
  RETURN_IF_ERROR(CheckText(o.objector_name, "objector_name", 200, true, "异议人姓名或名称"));
  RETURN_IF_ERROR(CheckText(o.objector_contact, "objector_contact", 200, true, "联系方式"));
  ASSIGN_OR_RETURN(CompulsoryDeregistration before, GetCompulsory(sql, id));
  const std::string today = ChinaDate(clock.Now()).ToString();
  if (before.state != "notice" || today < before.notice_start_on || today > before.notice_end_on) {
    return FailedPreconditionError(fmt::format("公告期为 {} 至 {}，已不能提出异议",
                                               before.notice_start_on, before.notice_end_on),
                                   "id");
  }
  const std::string now = FormatChinaTime(clock.Now());
  long long lid = id;
  sql << "INSERT INTO compulsory_objection (procedure_id, objector_kind, objector_name, "
         "objector_contact, reason, filed_on, filed_at) VALUES (:p, :k, :n, :c, :r, :d, :at)",
      soci::use(lid), soci::use(o.objector_kind), soci::use(o.objector_name),
      soci::use(o.objector_contact), soci::use(o.reason), soci::use(today), soci::use(now);
  const std::string reason = fmt::format("{} 有人提出异议：{}", today, o.reason);
  sql << "UPDATE compulsory_deregistration SET state = 'objected', closed_reason = :r, closed_at "
         "= :now, updated_at = :now2 WHERE id = :id AND state = 'notice'",
      soci::use(reason), soci::use(now), soci::use(now), soci::use(lid);
  RETURN_IF_ERROR(CancelDeadline(sql, kCompulsoryNoticeTimer, TimerKey(id), clock));
  ASSIGN_OR_RETURN(CompulsoryDeregistration after, GetCompulsory(sql, id));
  audit::Actor public_actor;
  public_actor.username = "public";
  RETURN_IF_ERROR(Audit(sql, public_actor, "deregistration.compulsory.object", id,
                        AuditJson(before), AuditJson(after), clock));
  return after;
}

StatusOr<std::string> EndCompulsoryNotice(soci::session& sql, int64_t id, const Clock& clock) {
  ASSIGN_OR_RETURN(CompulsoryDeregistration before, GetCompulsory(sql, id));
  RETURN_IF_ERROR(CloseFiredDeadline(sql, kCompulsoryNoticeTimer, TimerKey(id), clock));
  if (before.state != "notice") return fmt::format("强制注销程序 {} 已是{}", id, before.state);
  const std::string now = FormatChinaTime(clock.Now());
  long long lid = id;
  sql << "UPDATE compulsory_deregistration SET state = 'ready', updated_at = :now WHERE id = :id "
         "AND state = 'notice'",
      soci::use(now), soci::use(lid);
  ASSIGN_OR_RETURN(CompulsoryDeregistration after, GetCompulsory(sql, id));
  audit::Actor scheduler_actor;
  scheduler_actor.username = "scheduler";
  RETURN_IF_ERROR(Audit(sql, scheduler_actor, "deregistration.compulsory.notice_end", id,
                        AuditJson(before), AuditJson(after), clock));
  return fmt::format("{} 公告期满无异议，待登记机关决定", before.entity_name);
}

StatusOr<CompulsoryDeregistration> DecideCompulsory(soci::session& sql,
                                                    const identity::Caller& caller, int64_t id,
                                                    bool deregister, std::string_view reason,
                                                    const DeregistrationHooks& hooks,
                                                    const Clock& clock) {
  ASSIGN_OR_RETURN(CompulsoryDeregistration before, GetCompulsory(sql, id));
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, before.uscc, {perm::kRegistrationReview}));
  if (before.state != "ready") {
    return FailedPreconditionError(
        fmt::format("该程序为“{}”，公告期满无异议后方可决定", StateName(before.state)), "id");
  }
  if (!deregister && reason.empty()) {
    return InvalidArgumentError("不予注销须写明理由", "reason");
  }
  if (reason.size() > 2000) return InvalidArgumentError("理由过长", "reason");
  const audit::Actor actor =
      identity::ActorFor(caller, perm::kRegistrationReview, access.authority_path);
  const Date today = ChinaDate(clock.Now());
  const std::string now = FormatChinaTime(clock.Now());
  std::string closed = std::string(reason);
  if (deregister) {
    const DeregistrationFact fact{
        before.uscc,
        "compulsory",
        "compulsory:" + std::to_string(id),
        *Date::Parse(before.notice_start_on),
        today,
        fmt::format("强制注销（公司法第二百四十一条）：{}（{}，{}）满三年未办理注销登记",
                    BasisName(before.basis), before.basis_document, before.basis_on)};
    RETURN_IF_ERROR(DeregisterEntity(sql, fact, actor, hooks, clock).status());
    if (closed.empty()) closed = fact.reason;
  }
  const std::string state = deregister ? "deregistered" : "withdrawn";
  long long lid = id;
  sql << "UPDATE compulsory_deregistration SET state = :s, closed_reason = :r, closed_at = :now, "
         "updated_at = :now2 WHERE id = :id",
      soci::use(state), soci::use(closed), soci::use(now), soci::use(now), soci::use(lid);
  ASSIGN_OR_RETURN(CompulsoryDeregistration after, GetCompulsory(sql, id));
  RETURN_IF_ERROR(Audit(sql, actor, "deregistration.compulsory.decide", id, AuditJson(before),
                        AuditJson(after), clock));
  return after;
}

Status MoveCompulsoryNoticeDeadline(soci::session& sql, std::string_view key, const Date& new_due,
                                    const Clock& clock) {
  const std::string_view prefix = "compulsory:";
  long long id = 0;
  const std::string_view digits = key.substr(std::min(key.size(), prefix.size()));
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (!key.starts_with(prefix) || ec != std::errc() || end != digits.data() + digits.size()) {
    return InvalidArgumentError(fmt::format("不是强制注销程序的期限：{}", key), "subject");
  }
  const std::string due = new_due.ToString(), now = FormatChinaTime(clock.Now());
  sql << "UPDATE compulsory_deregistration SET notice_end_on = :d, updated_at = :now WHERE id = "
         ":id AND state = 'notice'",
      soci::use(due), soci::use(now), soci::use(id);
  return MoveTimedDeadline(sql, kCompulsoryNoticeTimer, key, new_due, clock);
}

void RegisterCompulsoryTimers(scheduler::Scheduler& scheduler, const Clock& clock) {
  const Clock* c = &clock;
  scheduler.Register(std::string(kCompulsoryNoticeTimer),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       auto it = timer.payload.find("id");
                       if (it == timer.payload.end() || !it->is_number_integer()) {
                         return InvalidArgumentError("定时任务缺少 id", "payload");
                       }
                       return EndCompulsoryNotice(sql, it->get<int64_t>(), *c);
                     });
}

json CompulsoryJson(const CompulsoryDeregistration& c, bool with_private) {
  json objections = json::array();
  for (const CompulsoryObjection& o : c.objections) {
    json item = {{"id", o.id},
                 {"objector_kind", o.objector_kind},
                 {"reason", o.reason},
                 {"filed_on", o.filed_on}};
    if (with_private || o.objector_kind == "department") item["objector_name"] = o.objector_name;
    if (with_private) item["objector_contact"] = o.objector_contact;
    objections.push_back(item);
  }
  return json{{"id", c.id},
              {"uscc", c.uscc},
              {"entity_name", c.entity_name},
              {"region_code", c.region_code},
              {"basis", c.basis},
              {"basis_name", BasisName(c.basis)},
              {"basis_document", c.basis_document},
              {"basis_on", c.basis_on},
              {"state", c.state},
              {"state_name", StateName(c.state)},
              {"current", c.state == "notice"},
              {"notice_start_on", c.notice_start_on},
              {"notice_end_on", c.notice_end_on},
              {"closed_reason", c.closed_reason},
              {"objections", objections}};
}

}  // namespace amr::lifecycle
