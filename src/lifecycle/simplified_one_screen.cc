// SPDX-License-Identifier: MulanPSL-2.0
// 个体工商户一屏注销 (市场主体登记管理条例实施细则 Art. 49): no public notice;
// pushed at once to tax and the other departments of data/lifecycle/periods.json;
// any department's objection stops it; none within the window, granted.
// And the application-side figures.
#include <fmt/format.h>
#include <soci/soci.h>

#include "identity/roles.h"
#include "identity/scope.h"
#include "lifecycle/simplified.h"
#include "lifecycle/simplified_internal.h"
#include "lifecycle/timed_deadline.h"
#include "scheduler/scheduler.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using internal::AccessEntity;
using internal::AuditChange;
using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;
namespace perm = identity::perm;

constexpr const char* kColumns =
    "a.id, a.uscc, a.entity_name, a.region_code, a.authority_org_unit_id, u.path, "
    "a.applicant_user_id, a.submitted_by, a.declaration_json, a.state, a.applied_on, "
    "a.window_end_on, a.closed_reason, a.submitted_at, a.closed_at";
constexpr const char* kTaskColumns =
    "t.id, t.application_id, t.department, t.org_unit_id, u.name, u.path, t.state, t.reason, "
    "t.handled_at, t.created_at, a.uscc, a.entity_name, a.window_end_on";
constexpr const char* kTaskFrom =
    " FROM one_screen_department t JOIN org_unit u ON u.id = t.org_unit_id JOIN "
    "one_screen_deregistration a ON a.id = t.application_id";

std::string TimerKey(int64_t id) { return "one_screen:" + std::to_string(id); }

OneScreenTask TaskFromRow(const soci::row& r) {
  OneScreenTask t;
  t.id = RowInt(r, 0);
  t.application_id = RowInt(r, 1);
  t.department = RowText(r, 2);
  t.org_unit_id = RowInt(r, 3);
  t.org_unit_name = RowText(r, 4);
  t.org_unit_path = RowText(r, 5);
  t.state = RowText(r, 6);
  t.reason = RowText(r, 7);
  t.handled_at = RowIsNull(r, 8) ? "" : RowText(r, 8);
  t.created_at = RowText(r, 9);
  t.uscc = RowText(r, 10);
  t.entity_name = RowText(r, 11);
  t.window_end_on = RowText(r, 12);
  return t;
}

StatusOr<OneScreenApplication> Load(soci::session& sql, int64_t id) {
  long long lid = id;
  std::optional<OneScreenApplication> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM one_screen_deregistration a JOIN org_unit u ON u.id = "
                          "a.authority_org_unit_id WHERE a.id = :id",
       soci::use(lid));
  for (const soci::row& r : rows) {
    OneScreenApplication a;
    a.id = RowInt(r, 0);
    a.uscc = RowText(r, 1);
    a.entity_name = RowText(r, 2);
    a.region_code = RowText(r, 3);
    a.authority_org_unit_id = RowInt(r, 4);
    a.authority_path = RowText(r, 5);
    a.applicant_user_id = RowIsNull(r, 6) ? 0 : RowInt(r, 6);
    a.submitted_by = RowText(r, 7);
    a.declarations = json::parse(RowText(r, 8), nullptr, false);
    if (a.declarations.is_discarded()) a.declarations = json::object();
    a.state = RowText(r, 9);
    a.applied_on = RowText(r, 10);
    a.window_end_on = RowText(r, 11);
    a.closed_reason = RowText(r, 12);
    a.submitted_at = RowText(r, 13);
    a.closed_at = RowIsNull(r, 14) ? "" : RowText(r, 14);
    out = std::move(a);
  }
  if (!out) return NotFoundError(fmt::format("一屏注销申请 {} 不存在", id), "id");
  soci::rowset<soci::row> tasks =
      (sql.prepare << std::string("SELECT ") + kTaskColumns + kTaskFrom +
                          " WHERE t.application_id = :id ORDER BY t.id",
       soci::use(lid));
  for (const soci::row& r : tasks) out->departments.push_back(TaskFromRow(r));
  return *std::move(out);
}

StatusOr<OneScreenTask> LoadTask(soci::session& sql, int64_t id) {
  long long lid = id;
  std::optional<OneScreenTask> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kTaskColumns + kTaskFrom + " WHERE t.id = :id",
       soci::use(lid));
  for (const soci::row& r : rows) out = TaskFromRow(r);
  if (!out) return NotFoundError(fmt::format("一屏注销部门核查事项 {} 不存在", id), "id");
  return *std::move(out);
}

json AuditJson(const OneScreenApplication& a) {
  return json{{"uscc", a.uscc},
              {"state", a.state},
              {"window_end_on", a.window_end_on},
              {"closed_reason", a.closed_reason}};
}

// The unit of `department` nearest to `region` (the county, its city, its
// province), as 企业开办 routes its steps; 0 if the tree has none.
int64_t DepartmentUnit(soci::session& sql, const std::string& department,
                       const std::string& region) {
  for (const std::string& r : {region, region.substr(0, 4) + "00", region.substr(0, 2) + "0000"}) {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MIN(id) FROM org_unit WHERE department = :d AND region_code = :r",
        soci::use(department), soci::use(r), soci::into(id, ind);
    if (ind == soci::i_ok && id != 0) return id;
  }
  return 0;
}

std::string_view DepartmentName(std::string_view d) {
  if (d == "tax") return "税务";
  if (d == "social_insurance") return "社保";
  if (d == "medical_insurance") return "医保";
  if (d == "housing_fund") return "公积金";
  return d;
}

}  // namespace

StatusOr<OneScreenApplication> DeregistrationService::ApplyOneScreen(
    soci::session& sql, const identity::Caller& caller, std::string_view uscc,
    const json& declarations) const {
  if (!declarations.is_object()) {
    return InvalidArgumentError("须提交承诺声明（对象）", "declarations");
  }
  // The operator declares debts settled and taxes cleared (细则 Art. 49 承诺).
  for (const auto& [key, text] : {std::pair{"debts_settled", "未发生债权债务或已清偿完结"},
                                  std::pair{"taxes_cleared", "应缴税款已结清"}}) {
    auto it = declarations.find(key);
    if (it == declarations.end() || !it->is_boolean() || !it->get<bool>()) {
      return InvalidArgumentError(fmt::format("须声明“{}”", text),
                                  std::string("declarations.") + key);
    }
  }
  const std::string declaration_text = declarations.dump();
  if (declaration_text.size() > 8 * 1024) {
    return InvalidArgumentError("承诺声明过长", "declarations");
  }
  ASSIGN_OR_RETURN(EntityAccess access,
                   AccessEntity(sql, caller, uscc, perm::kRegistrationAccept, clock_));
  Eligibility e{access.entity.uscc, access.entity.name, "one_screen",
                internal::FailedConditions(sql, access.entity, "one_screen", kinds_)};
  if (!e.eligible()) return ConditionsError(e);
  const Date today = ChinaDate(clock_.Now());
  const std::shared_ptr<const codes::WorkdayCalendar> calendar = calendar_.Current();
  ASSIGN_OR_RETURN(Date window_end, periods_.WindowEnd(today, *calendar));
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string today_text = today.ToString(), end_text = window_end.ToString();
  const std::string submitted_by =
      caller.principal != nullptr ? caller.principal->username : caller.name;
  long long applicant =
      caller.principal != nullptr && caller.principal->kind == identity::UserKind::kApplicant
          ? caller.principal->user_id
          : 0;
  soci::indicator applicant_ind = applicant != 0 ? soci::i_ok : soci::i_null;
  long long authority = access.authority_org_unit_id;
  long long id = 0;
  sql << "INSERT INTO one_screen_deregistration (uscc, entity_name, region_code, "
         "authority_org_unit_id, applicant_user_id, submitted_by, declaration_json, state, "
         "applied_on, window_end_on, submitted_at, updated_at) VALUES (:u, :n, :r, :au, :ap, :by, "
         ":d, 'pending', :on, :e, :now, :now2) RETURNING id",
      soci::use(access.entity.uscc), soci::use(access.entity.name),
      soci::use(access.entity.region_code), soci::use(authority),
      soci::use(applicant, applicant_ind), soci::use(submitted_by), soci::use(declaration_text),
      soci::use(today_text), soci::use(end_text), soci::use(now), soci::use(now), soci::into(id);
  // Pushed to every department at once; a department without a unit in the
  // tree is forwarded by the registration authority.
  for (const std::string& department : periods_.departments()) {
    int64_t unit = DepartmentUnit(sql, department, access.entity.region_code);
    if (unit == 0) unit = access.authority_org_unit_id;
    long long u = unit;
    sql << "INSERT INTO one_screen_department (application_id, department, org_unit_id, state, "
           "created_at) VALUES (:a, :d, :u, 'pending', :now)",
        soci::use(id), soci::use(department), soci::use(u), soci::use(now);
    if (hooks_.enqueue_event) {
      RETURN_IF_ERROR(hooks_.enqueue_event(
          sql, "deregistration.one_screen.pushed",
          json{{"application_id", id},
               {"department", department},
               {"org_unit_id", unit},
               {"uscc", access.entity.uscc},
               {"entity_name", access.entity.name},
               {"region_code", access.entity.region_code},
               {"window_end_on", end_text}},
          fmt::format("deregistration.one_screen.pushed:{}:{}", id, department)));
    }
  }
  RETURN_IF_ERROR(
      ScheduleDeadline(
          sql, *calendar,
          {kOneScreenWindowTimer, TimerKey(id),
           fmt::format("一屏注销部门异议期 · {}", access.entity.name), access.authority_path,
           codes::DeadlineInput{today, periods_.WindowRule()}, json{{"id", id}}},
          clock_)
          .status());
  ASSIGN_OR_RETURN(OneScreenApplication app, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(sql, ActorForEntity(caller, access, perm::kRegistrationAccept),
                              "deregistration.one_screen.apply", "one_screen_deregistration", id,
                              nullptr, AuditJson(app), clock_));
  return app;
}

StatusOr<OneScreenApplication> DeregistrationService::GetOneScreen(soci::session& sql,
                                                                   const identity::Caller& caller,
                                                                   int64_t id) const {
  ASSIGN_OR_RETURN(OneScreenApplication app, Load(sql, id));
  RETURN_IF_ERROR(AccessEntity(sql, caller, app.uscc, perm::kRegistrationAccept, clock_).status());
  return app;
}

StatusOr<std::vector<OneScreenApplication>> DeregistrationService::ListOneScreen(
    soci::session& sql, const identity::Caller& caller, const ListFilter& filter) const {
  std::vector<int64_t> ids;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM one_screen_deregistration WHERE (:s1 = '' OR state = :s2) "
                      "AND (:u1 = '' OR uscc = :u2) ORDER BY id DESC LIMIT " +
                          std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset),
       soci::use(filter.state), soci::use(filter.state), soci::use(filter.uscc),
       soci::use(filter.uscc));
  for (const soci::row& r : rows) ids.push_back(RowInt(r, 0));
  std::vector<OneScreenApplication> out;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(OneScreenApplication a, Load(sql, id));
    if (caller.principal == nullptr ||
        caller.principal->InScope(perm::kRegistrationAccept, a.authority_path) ||
        caller.principal->InScope(perm::kRegistrationReview, a.authority_path)) {
      out.push_back(std::move(a));
    }
  }
  return out;
}

StatusOr<std::vector<OneScreenTask>> DeregistrationService::ListDepartmentTasks(
    soci::session& sql, const identity::Caller& caller, const ListFilter& filter) const {
  const std::string state = filter.state.empty() ? "pending" : filter.state;
  if (state != "pending" && state != "cleared" && state != "objected" && state != "closed") {
    return InvalidArgumentError("state 应为 pending、cleared、objected 或 closed", "state");
  }
  std::vector<OneScreenTask> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kTaskColumns + kTaskFrom +
                                                     " WHERE t.state = :s ORDER BY t.id",
                                  soci::use(state));
  for (const soci::row& r : rows) {
    OneScreenTask t = TaskFromRow(r);
    if (caller.principal != nullptr &&
        !caller.principal->InScope(perm::kDepartmentQueueWork, t.org_unit_path)) {
      continue;
    }
    out.push_back(std::move(t));
  }
  const size_t from = std::min(out.size(), static_cast<size_t>(filter.offset));
  const size_t to = std::min(out.size(), from + static_cast<size_t>(filter.limit));
  return std::vector<OneScreenTask>(out.begin() + static_cast<std::ptrdiff_t>(from),
                                    out.begin() + static_cast<std::ptrdiff_t>(to));
}

StatusOr<OneScreenTask> DeregistrationService::AnswerTask(soci::session& sql,
                                                          const identity::Caller& caller,
                                                          int64_t task_id, bool object,
                                                          std::string_view reason) const {
  RETURN_IF_ERROR(internal::CheckText(reason, "reason", 2000, object, "异议理由"));
  ASSIGN_OR_RETURN(OneScreenTask task, LoadTask(sql, task_id));
  if (caller.principal != nullptr) {
    RETURN_IF_ERROR(
        identity::RequireScope(*caller.principal, perm::kDepartmentQueueWork, task.org_unit_path));
  }
  ASSIGN_OR_RETURN(OneScreenApplication app, Load(sql, task.application_id));
  if (task.state != "pending" || app.state != "pending") {
    return FailedPreconditionError(
        fmt::format("该事项已办理或申请已结束（事项：{}，申请：{}）", task.state, app.state),
        "state");
  }
  if (ChinaDate(clock_.Now()).ToString() > app.window_end_on) {
    return FailedPreconditionError(fmt::format("异议期已于 {} 届满", app.window_end_on), "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string why(reason);
  long long user = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator user_ind = user != 0 ? soci::i_ok : soci::i_null;
  long long tid = task_id, aid = task.application_id;
  const std::string new_state = object ? "objected" : "cleared";
  sql << "UPDATE one_screen_department SET state = :s, reason = :r, handled_by = :u, handled_at "
         "= :now WHERE id = :id",
      soci::use(new_state), soci::use(why), soci::use(user, user_ind), soci::use(now),
      soci::use(tid);
  const audit::Actor actor =
      identity::ActorFor(caller, perm::kDepartmentQueueWork, task.org_unit_path);
  if (object) {
    const std::string closed = fmt::format("{}（{}）提出异议：{}", DepartmentName(task.department),
                                           task.org_unit_name, why);
    sql << "UPDATE one_screen_deregistration SET state = 'objected', closed_reason = :r, "
           "closed_at = :now, updated_at = :now2 WHERE id = :id AND state = 'pending'",
        soci::use(closed), soci::use(now), soci::use(now), soci::use(aid);
    sql << "UPDATE one_screen_department SET state = 'closed' WHERE application_id = :id AND "
           "state = 'pending'",
        soci::use(aid);
    RETURN_IF_ERROR(CancelDeadline(sql, kOneScreenWindowTimer, TimerKey(aid), clock_));
    RETURN_IF_ERROR(AuditChange(sql, actor, "deregistration.one_screen.object",
                                "one_screen_deregistration", aid, AuditJson(app),
                                json{{"state", "objected"},
                                     {"task_id", task_id},
                                     {"department", task.department},
                                     {"reason", why}},
                                clock_));
  } else {
    RETURN_IF_ERROR(AuditChange(sql, actor, "deregistration.one_screen.clear",
                                "one_screen_department", task_id, json{{"state", "pending"}},
                                json{{"state", "cleared"}, {"note", why}}, clock_));
  }
  return LoadTask(sql, task_id);
}

StatusOr<std::string> DeregistrationService::EndOneScreenWindow(soci::session& sql,
                                                                int64_t id) const {
  ASSIGN_OR_RETURN(OneScreenApplication app, Load(sql, id));
  if (app.state != "pending") return fmt::format("申请已结束（{}），无需处理", app.state);
  const Date today = ChinaDate(clock_.Now());
  if (today.ToString() <= app.window_end_on) {
    return FailedPreconditionError(fmt::format("异议期至 {} 才届满", app.window_end_on), "id");
  }
  RETURN_IF_ERROR(CloseFiredDeadline(sql, kOneScreenWindowTimer, TimerKey(id), clock_));
  // No objection within the window: granted, decided on the day it ends.
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, identity::Caller{}, app.uscc, {perm::kRegistrationAccept}));
  Eligibility e{app.uscc, app.entity_name, "one_screen",
                internal::FailedConditions(sql, access.entity, "one_screen", kinds_, id)};
  const std::string now = FormatChinaTime(clock_.Now());
  long long lid = id;
  if (!e.eligible()) {
    // A restriction recorded meanwhile: the application stops, naming it.
    const std::string reason = ConditionsError(e).message();
    sql << "UPDATE one_screen_deregistration SET state = 'objected', closed_reason = :r, "
           "closed_at = :now, updated_at = :now2 WHERE id = :id",
        soci::use(reason), soci::use(now), soci::use(now), soci::use(lid);
    RETURN_IF_ERROR(AuditChange(sql, internal::SchedulerActor(), "deregistration.one_screen.refuse",
                                "one_screen_deregistration", id, AuditJson(app),
                                json{{"state", "objected"}, {"reason", reason}}, clock_));
    return reason;
  }
  ASSIGN_OR_RETURN(Date applied, Date::Parse(app.applied_on, "applied_on"));
  const DeregistrationFact fact{app.uscc, "one_screen", TimerKey(id),
                                applied,  today,        "个体工商户一屏注销"};
  RETURN_IF_ERROR(DeregisterEntity(sql, fact, internal::SchedulerActor(), hooks_, clock_).status());
  sql << "UPDATE one_screen_deregistration SET state = 'granted', closed_at = :now, updated_at = "
         ":now2 WHERE id = :id",
      soci::use(now), soci::use(now), soci::use(lid);
  sql << "UPDATE one_screen_department SET state = 'closed' WHERE application_id = :id AND state "
         "= 'pending'",
      soci::use(lid);
  ASSIGN_OR_RETURN(OneScreenApplication after, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(sql, internal::SchedulerActor(), "deregistration.one_screen.grant",
                              "one_screen_deregistration", id, AuditJson(app), AuditJson(after),
                              clock_));
  return fmt::format("{} 日内无部门异议，准予注销", periods_.window_days());
}

StatusOr<ApplicationFigures> DeregistrationService::ComputeFigures(
    soci::session& sql, const Date& from, const Date& to,
    const std::vector<std::string>& region_prefixes) const {
  if (to < from) return InvalidArgumentError("to 不能早于 from", "to");
  const std::string f = from.ToString(), t = to.ToString();
  // closed_at is RFC 3339 in China time: its first 10 characters are the date.
  const std::string t_next = to.AddDays(1).ToString();
  ApplicationFigures out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT region_code, applied_on, state, closed_at FROM "
                        "simplified_deregistration WHERE (applied_on >= :f AND applied_on <= :t) "
                        "OR (closed_at >= :f2 AND closed_at < :t2)",
         soci::use(f), soci::use(t), soci::use(f), soci::use(t_next));
    for (const soci::row& r : rows) {
      if (!internal::InRegions(RowText(r, 0), region_prefixes)) continue;
      const std::string applied = RowText(r, 1), state = RowText(r, 2);
      const std::string closed = RowIsNull(r, 3) ? "" : RowText(r, 3).substr(0, 10);
      if (applied >= f && applied <= t) {
        ++out.simplified_applications;
        ++out.notices_published;  // the notice starts on the day of the application
      }
      if (!closed.empty() && closed >= f && closed <= t) {
        if (state == "objected") ++out.objected;
        if (state == "lapsed") ++out.lapsed;
      }
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT a.region_code FROM deregistration_objection o JOIN "
                        "simplified_deregistration a ON a.id = o.application_id WHERE o.filed_on "
                        ">= :f AND o.filed_on <= :t",
         soci::use(f), soci::use(t));
    for (const soci::row& r : rows) {
      if (internal::InRegions(RowText(r, 0), region_prefixes)) ++out.objections;
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT region_code, applied_on, state, closed_at FROM "
                        "one_screen_deregistration WHERE (applied_on >= :f AND applied_on <= :t) "
                        "OR (closed_at >= :f2 AND closed_at < :t2)",
         soci::use(f), soci::use(t), soci::use(f), soci::use(t_next));
    for (const soci::row& r : rows) {
      if (!internal::InRegions(RowText(r, 0), region_prefixes)) continue;
      const std::string applied = RowText(r, 1), state = RowText(r, 2);
      const std::string closed = RowIsNull(r, 3) ? "" : RowText(r, 3).substr(0, 10);
      if (applied >= f && applied <= t) ++out.one_screen_applications;
      if (state == "objected" && !closed.empty() && closed >= f && closed <= t) {
        ++out.one_screen_objected;
      }
    }
  }
  return out;
}

}  // namespace amr::lifecycle
