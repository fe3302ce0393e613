// SPDX-License-Identifier: MulanPSL-2.0
// 简易注销: eligibility, the application with its public notice, objections,
// the end of the notice, completion and lapse.
#include "lifecycle/simplified.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "identity/org_unit_store.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "lifecycle/affiliation.h"
#include "lifecycle/simplified_internal.h"
#include "lifecycle/timed_deadline.h"
#include "messages/messages.h"
#include "registry/entity_store.h"
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
    "a.applicant_user_id, a.submitted_by, a.commitment_json, a.state, a.applied_on, "
    "a.notice_start_on, a.notice_end_on, a.completion_due_on, a.closed_reason, a.submitted_at, "
    "a.closed_at";

std::string TimerKey(int64_t id) { return "simplified:" + std::to_string(id); }

Commitment CommitmentFromJson(const json& j) {
  Commitment c;
  if (!j.is_object()) return c;
  for (const json& i : j.value("investors", json::array())) {
    c.investors.push_back({i.value("name", ""), i.value("id", "")});
  }
  c.debts_settled = j.value("debts_settled", false);
  c.taxes_cleared = j.value("taxes_cleared", false);
  c.wages_paid = j.value("wages_paid", false);
  c.social_insurance_cleared = j.value("social_insurance_cleared", false);
  c.compensation_paid = j.value("compensation_paid", false);
  c.fees_paid = j.value("fees_paid", false);
  return c;
}

SimplifiedApplication FromRow(const soci::row& r) {
  SimplifiedApplication a;
  a.id = RowInt(r, 0);
  a.uscc = RowText(r, 1);
  a.entity_name = RowText(r, 2);
  a.region_code = RowText(r, 3);
  a.authority_org_unit_id = RowInt(r, 4);
  a.authority_path = RowText(r, 5);
  a.applicant_user_id = RowIsNull(r, 6) ? 0 : RowInt(r, 6);
  a.submitted_by = RowText(r, 7);
  a.commitment = CommitmentFromJson(json::parse(RowText(r, 8), nullptr, false));
  a.state = RowText(r, 9);
  a.applied_on = RowText(r, 10);
  a.notice_start_on = RowText(r, 11);
  a.notice_end_on = RowText(r, 12);
  a.completion_due_on = RowIsNull(r, 13) ? "" : RowText(r, 13);
  a.closed_reason = RowText(r, 14);
  a.submitted_at = RowText(r, 15);
  a.closed_at = RowIsNull(r, 16) ? "" : RowText(r, 16);
  return a;
}

void LoadObjections(soci::session& sql, SimplifiedApplication& a) {
  long long id = a.id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, objector_kind, objector_name, objector_contact, org_unit_id, "
                      "reason, filed_on, filed_at, set_aside_reason, set_aside_at, set_aside_by "
                      "FROM deregistration_objection WHERE application_id = :id ORDER BY id",
       soci::use(id));
  for (const soci::row& r : rows) {
    a.objections.push_back({RowInt(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3),
                            RowIsNull(r, 4) ? 0 : RowInt(r, 4), RowText(r, 5), RowText(r, 6),
                            RowText(r, 7), RowText(r, 8), RowText(r, 9), RowText(r, 10)});
  }
}

StatusOr<SimplifiedApplication> Load(soci::session& sql, int64_t id) {
  long long lid = id;
  std::optional<SimplifiedApplication> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM simplified_deregistration a JOIN org_unit u ON u.id = "
                          "a.authority_org_unit_id WHERE a.id = :id",
       soci::use(lid));
  for (const soci::row& r : rows) out = FromRow(r);
  if (!out) return NotFoundError(fmt::format("简易注销申请 {} 不存在", id), "id");
  LoadObjections(sql, *out);
  return *std::move(out);
}

// `where` is fixed SQL (no parameters); `uscc` "" = every entity.
std::vector<SimplifiedApplication> LoadWhere(soci::session& sql, const std::string& where,
                                             const std::string& uscc, int limit, int offset) {
  std::vector<SimplifiedApplication> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM simplified_deregistration a JOIN org_unit u ON u.id = "
                          "a.authority_org_unit_id WHERE " +
                          where + " AND (:u1 = '' OR a.uscc = :u2) ORDER BY a.id DESC LIMIT " +
                          std::to_string(limit) + " OFFSET " + std::to_string(offset),
       soci::use(uscc), soci::use(uscc));
  for (const soci::row& r : rows) out.push_back(FromRow(r));
  for (SimplifiedApplication& a : out) LoadObjections(sql, a);
  return out;
}

json AuditJson(const SimplifiedApplication& a) {
  return json{{"uscc", a.uscc},
              {"state", a.state},
              {"notice_end_on", a.notice_end_on},
              {"completion_due_on", a.completion_due_on},
              {"closed_reason", a.closed_reason}};
}

// The investors the commitment must cover: those of the registration form;
// with none recorded, the legal representative.
std::vector<Commitment::Investor> RecordedInvestors(soci::session& sql,
                                                    const registry::Entity& entity) {
  std::vector<Commitment::Investor> out;
  std::string form;
  soci::indicator ind = soci::i_null;
  sql << "SELECT form_json FROM establishment_application WHERE uscc = :u AND state IN "
         "('registered', 'completed') ORDER BY id DESC LIMIT 1",
      soci::use(entity.uscc), soci::into(form, ind);
  if (sql.got_data() && ind == soci::i_ok) {
    json f = json::parse(form, nullptr, false);
    if (f.is_object() && f.contains("investors") && f["investors"].is_array()) {
      for (const json& i : f["investors"]) {
        if (!i.is_object()) continue;
        std::string id = i.value("citizen_id", "");
        if (id.empty()) id = i.value("uscc", "");
        out.push_back({i.value("name", ""), id});
      }
    }
  }
  return out;
}

Status CheckCovers(soci::session& sql, const registry::Entity& entity, const Commitment& c) {
  std::vector<Commitment::Investor> recorded = RecordedInvestors(sql, entity);
  const bool legal_rep_only = recorded.empty();
  if (legal_rep_only) recorded.push_back({entity.legal_rep_name, entity.legal_rep_id});
  std::vector<std::string> missing;
  for (const Commitment::Investor& r : recorded) {
    const bool found = std::any_of(c.investors.begin(), c.investors.end(), [&](const auto& i) {
      if (!r.id.empty() && !i.id.empty()) return r.id == i.id;
      return r.name == i.name;
    });
    if (!found) missing.push_back(r.name);
  }
  if (missing.empty()) return OkStatus();
  std::string names;
  for (const std::string& m : missing) names += (names.empty() ? "" : "、") + m;
  return InvalidArgumentError(
      legal_rep_only ? fmt::format("本主体未登记投资人，须由法定代表人（负责人）{} 作出承诺", names)
                     : fmt::format("全体投资人承诺书未包括投资人：{}", names),
      "commitments.investors");
}

std::string_view ObjectorKindName(std::string_view kind) {
  if (kind == "creditor") return "债权人";
  if (kind == "department") return "有关部门";
  return "利害关系人";
}

}  // namespace

DeregistrationService::DeregistrationService(const DeregistrationPeriods& periods,
                                             const RestrictionKinds& kinds, const Clock& clock,
                                             const codes::CalendarSource& calendar,
                                             DeregistrationHooks hooks)
    : periods_(periods),
      kinds_(kinds),
      clock_(clock),
      calendar_(calendar),
      hooks_(std::move(hooks)) {}

StatusOr<Eligibility> DeregistrationService::CheckEligibility(
    soci::session& sql, const identity::Caller& caller, std::string_view uscc,
    std::string_view procedure, std::string_view staff_permission) const {
  if (procedure != "simplified" && procedure != "one_screen") {
    return InvalidArgumentError("procedure 应为 simplified 或 one_screen", "procedure");
  }
  ASSIGN_OR_RETURN(EntityAccess access, AccessEntity(sql, caller, uscc, staff_permission, clock_));
  Eligibility e;
  e.uscc = access.entity.uscc;
  e.entity_name = access.entity.name;
  e.procedure = std::string(procedure);
  e.failed = internal::FailedConditions(sql, access.entity, procedure, kinds_);
  return e;
}

StatusOr<SimplifiedApplication> DeregistrationService::ApplySimplified(
    soci::session& sql, const identity::Caller& caller, std::string_view uscc,
    const Commitment& commitment) const {
  ASSIGN_OR_RETURN(EntityAccess access,
                   AccessEntity(sql, caller, uscc, perm::kRegistrationAccept, clock_));
  Eligibility e{access.entity.uscc, access.entity.name, "simplified",
                internal::FailedConditions(sql, access.entity, "simplified", kinds_)};
  if (!e.eligible()) return ConditionsError(e);
  RETURN_IF_ERROR(CheckCovers(sql, access.entity, commitment));
  const Date today = ChinaDate(clock_.Now());
  const std::shared_ptr<const codes::WorkdayCalendar> calendar = calendar_.Current();
  ASSIGN_OR_RETURN(Date notice_end, periods_.NoticeEnd(today, *calendar));
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string today_text = today.ToString(), end_text = notice_end.ToString();
  const std::string commitment_text = CommitmentJson(commitment, true).dump();
  const std::string submitted_by =
      caller.principal != nullptr ? caller.principal->username : caller.name;
  long long applicant =
      caller.principal != nullptr && caller.principal->kind == identity::UserKind::kApplicant
          ? caller.principal->user_id
          : 0;
  soci::indicator applicant_ind = applicant != 0 ? soci::i_ok : soci::i_null;
  long long authority = access.authority_org_unit_id;
  long long id = 0;
  sql << "INSERT INTO simplified_deregistration (uscc, entity_name, region_code, "
         "authority_org_unit_id, applicant_user_id, submitted_by, commitment_json, state, "
         "applied_on, notice_start_on, notice_end_on, submitted_at, updated_at) VALUES (:u, :n, "
         ":r, :au, :ap, :by, :c, 'notice', :d1, :d2, :e, :now, :now2) RETURNING id",
      soci::use(access.entity.uscc), soci::use(access.entity.name),
      soci::use(access.entity.region_code), soci::use(authority),
      soci::use(applicant, applicant_ind), soci::use(submitted_by), soci::use(commitment_text),
      soci::use(today_text), soci::use(today_text), soci::use(end_text), soci::use(now),
      soci::use(now), soci::into(id);
  RETURN_IF_ERROR(
      ScheduleDeadline(
          sql, *calendar,
          {kNoticeEndTimer, TimerKey(id), fmt::format("简易注销公示期 · {}", access.entity.name),
           access.authority_path, codes::DeadlineInput{today, periods_.NoticeRule()},
           json{{"id", id}}},
          clock_)
          .status());
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  const std::string_view staff = perm::kRegistrationAccept;
  RETURN_IF_ERROR(AuditChange(sql, ActorForEntity(caller, access, staff),
                              "deregistration.simplified.apply", "simplified_deregistration", id,
                              nullptr, AuditJson(app), clock_));
  if (hooks_.enqueue_event) {
    RETURN_IF_ERROR(hooks_.enqueue_event(sql, "deregistration.simplified.notice",
                                         json{{"id", id},
                                              {"uscc", app.uscc},
                                              {"entity_name", app.entity_name},
                                              {"region_code", app.region_code},
                                              {"notice_start_on", app.notice_start_on},
                                              {"notice_end_on", app.notice_end_on}},
                                         "deregistration.simplified.notice:" + std::to_string(id)));
  }
  return app;
}

StatusOr<SimplifiedApplication> DeregistrationService::GetSimplified(soci::session& sql,
                                                                     const identity::Caller& caller,
                                                                     int64_t id) const {
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  RETURN_IF_ERROR(AccessEntity(sql, caller, app.uscc, perm::kRegistrationAccept, clock_).status());
  return app;
}

StatusOr<std::vector<SimplifiedApplication>> DeregistrationService::ListSimplified(
    soci::session& sql, const identity::Caller& caller, const ListFilter& filter) const {
  static constexpr std::string_view kStates[] = {"notice", "objected", "ready", "completed",
                                                 "lapsed"};
  if (!filter.state.empty() &&
      std::find(std::begin(kStates), std::end(kStates), filter.state) == std::end(kStates)) {
    return InvalidArgumentError("state 应为 notice、objected、ready、completed 或 lapsed", "state");
  }
  std::vector<SimplifiedApplication> all =
      LoadWhere(sql, filter.state.empty() ? "1 = 1" : "a.state = '" + filter.state + "'",
                filter.uscc, filter.limit, filter.offset);
  if (caller.principal == nullptr) return all;
  std::vector<SimplifiedApplication> out;
  for (SimplifiedApplication& a : all) {
    if (caller.principal->InScope(perm::kRegistrationAccept, a.authority_path) ||
        caller.principal->InScope(perm::kRegistrationReview, a.authority_path)) {
      out.push_back(std::move(a));
    }
  }
  return out;
}

StatusOr<std::vector<SimplifiedApplication>> DeregistrationService::ListNotices(
    soci::session& sql, const ListFilter& filter) const {
  std::string where;
  if (filter.state.empty()) {
    where = "1 = 1";
  } else if (filter.state == "current") {
    where = "a.state = 'notice'";
  } else if (filter.state == "closed") {
    where = "a.state <> 'notice'";
  } else {
    return InvalidArgumentError("state 应为 current（公示中）或 closed（已结束）", "state");
  }
  return LoadWhere(sql, where, filter.uscc, filter.limit, filter.offset);
}

StatusOr<SimplifiedApplication> DeregistrationService::GetNotice(soci::session& sql,
                                                                 int64_t id) const {
  return Load(sql, id);
}

StatusOr<SimplifiedApplication> DeregistrationService::Object(soci::session& sql,
                                                              const identity::Caller& caller,
                                                              int64_t id,
                                                              const NewObjection& o) const {
  NewObjection obj = o;
  const bool officer = caller.principal != nullptr;
  if (officer) obj.objector_kind = "department";
  if (obj.objector_kind != "creditor" && obj.objector_kind != "department" &&
      obj.objector_kind != "other") {
    return InvalidArgumentError(
        "异议人类型应为 creditor（债权人）、department（有关部门）或 other（其他利害关系人）",
        "objector_kind");
  }
  RETURN_IF_ERROR(internal::CheckText(obj.reason, "reason", 2000, true, "异议理由"));
  RETURN_IF_ERROR(
      internal::CheckText(obj.objector_name, "objector_name", 200, !officer, "异议人姓名或名称"));
  RETURN_IF_ERROR(
      internal::CheckText(obj.objector_contact, "objector_contact", 200, !officer, "联系方式"));
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  long long unit = 0;
  audit::Actor actor = identity::ActorFor(caller, perm::kDepartmentQueueWork);
  if (officer) {
    ASSIGN_OR_RETURN(EntityAccess access,
                     AuthorizeStaff(sql, caller, app.uscc, {perm::kDepartmentQueueWork}));
    actor = identity::ActorFor(caller, perm::kDepartmentQueueWork, access.authority_path);
    unit = actor.org_unit_id;
    if (const identity::RoleGrant* g = caller.principal->GrantFor(perm::kDepartmentQueueWork)) {
      if (obj.objector_name.empty()) obj.objector_name = g->org_unit.name;
      if (unit == 0) unit = g->org_unit.id;
    }
  }
  const Date today = ChinaDate(clock_.Now());
  if (app.state != "notice") {
    return FailedPreconditionError(
        fmt::format("该简易注销公告已不在公示期内（{}），不能再提出异议", app.state), "id");
  }
  if (today.ToString() > app.notice_end_on || today.ToString() < app.notice_start_on) {
    return FailedPreconditionError(
        fmt::format("公示期为 {} 至 {}，已不能提出异议", app.notice_start_on, app.notice_end_on),
        "id");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string today_text = today.ToString();
  soci::indicator unit_ind = unit != 0 ? soci::i_ok : soci::i_null;
  long long user = officer ? caller.principal->user_id : 0;
  soci::indicator user_ind = user != 0 ? soci::i_ok : soci::i_null;
  long long app_id = id;
  long long objection_id = 0;
  sql << "INSERT INTO deregistration_objection (application_id, objector_kind, objector_name, "
         "objector_contact, org_unit_id, user_id, reason, filed_on, filed_at) VALUES (:a, :k, :n, "
         ":c, :u, :us, :r, :d, :at) RETURNING id",
      soci::use(app_id), soci::use(obj.objector_kind), soci::use(obj.objector_name),
      soci::use(obj.objector_contact), soci::use(unit, unit_ind), soci::use(user, user_ind),
      soci::use(obj.reason), soci::use(today_text), soci::use(now), soci::into(objection_id);
  const std::string reason = fmt::format(
      "{}于 {} 提出异议：{}", ObjectorKindName(obj.objector_kind), today_text, obj.reason);
  sql << "UPDATE simplified_deregistration SET state = 'objected', closed_reason = :r, closed_at "
         "= :now, updated_at = :now2 WHERE id = :id AND state = 'notice'",
      soci::use(reason), soci::use(now), soci::use(now), soci::use(app_id);
  RETURN_IF_ERROR(CancelDeadline(sql, kNoticeEndTimer, TimerKey(id), clock_));
  ASSIGN_OR_RETURN(SimplifiedApplication after, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(sql, actor, "deregistration.simplified.object",
                              "simplified_deregistration", id, AuditJson(app),
                              json{{"state", after.state},
                                   {"objection_id", objection_id},
                                   {"objector_kind", obj.objector_kind},
                                   {"reason", obj.reason}},
                              clock_));
  // The applicant who filed it is told (消息中心; an application made at the
  // window has no account to tell).
  if (app.applicant_user_id != 0) {
    RETURN_IF_ERROR(
        messages::Post(sql, app.applicant_user_id, messages::Kind::kObjectionFiled,
                       json{{"name", app.entity_name},
                            {"filed_on", today_text},
                            {"objector", std::string(ObjectorKindName(obj.objector_kind))},
                            {"reason", obj.reason}},
                       fmt::format("/deregistration/{}", id),
                       fmt::format("deregistration.simplified.objected:{}", objection_id), clock_));
  }
  if (hooks_.enqueue_event) {
    RETURN_IF_ERROR(
        hooks_.enqueue_event(sql, "deregistration.simplified.objected",
                             json{{"id", id}, {"uscc", app.uscc}, {"reason", reason}},
                             "deregistration.simplified.objected:" + std::to_string(id)));
  }
  return after;
}

StatusOr<SimplifiedApplication> DeregistrationService::SetAsideObjection(
    soci::session& sql, const identity::Caller& caller, int64_t id, int64_t objection_id,
    const std::string& reason) const {
  RETURN_IF_ERROR(internal::CheckText(reason, "reason", 1000, true, "认定不属于异议的理由"));
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  ASSIGN_OR_RETURN(EntityAccess access,
                   AuthorizeStaff(sql, caller, app.uscc, {perm::kRegistrationReview}));
  const audit::Actor actor =
      identity::ActorFor(caller, perm::kRegistrationReview, access.authority_path);
  const auto it = std::find_if(app.objections.begin(), app.objections.end(),
                               [&](const Objection& o) { return o.id == objection_id; });
  if (it == app.objections.end()) {
    return NotFoundError(fmt::format("该申请没有编号为 {} 的异议", objection_id), "objection_id");
  }
  if (!it->standing()) return FailedPreconditionError("该异议已被认定不属于异议", "objection_id");
  if (app.state != "objected") {
    return FailedPreconditionError(fmt::format("申请已不因异议终止（{}），无需处理", app.state),
                                   "id");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string by = caller.principal != nullptr ? caller.principal->username : caller.name;
  long long oid = objection_id, lid = id;
  sql << "UPDATE deregistration_objection SET set_aside_reason = :r, set_aside_at = :t, "
         "set_aside_by = :b WHERE id = :id",
      soci::use(reason), soci::use(now), soci::use(by), soci::use(oid);
  const bool others =
      std::any_of(app.objections.begin(), app.objections.end(),
                  [&](const Objection& o) { return o.id != objection_id && o.standing(); });
  if (!others) {
    // Back to the notice, its end counted as at the start.
    sql << "UPDATE simplified_deregistration SET state = 'notice', closed_reason = '', closed_at "
           "= NULL, updated_at = :now WHERE id = :id AND state = 'objected'",
        soci::use(now), soci::use(lid);
    ASSIGN_OR_RETURN(Date start, Date::Parse(app.notice_start_on, "notice_start_on"));
    RETURN_IF_ERROR(
        RestartDeadline(sql, *calendar_.Current(),
                        {kNoticeEndTimer, TimerKey(id),
                         fmt::format("简易注销公示期 · {}", app.entity_name), access.authority_path,
                         codes::DeadlineInput{start, periods_.NoticeRule()}, json{{"id", id}}},
                        clock_)
            .status());
  }
  ASSIGN_OR_RETURN(SimplifiedApplication after, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(
      sql, actor, "deregistration.simplified.objection_set_aside", "simplified_deregistration", id,
      AuditJson(app),
      json{{"state", after.state}, {"objection_id", objection_id}, {"reason", reason}}, clock_));
  return after;
}

StatusOr<SimplifiedApplication> DeregistrationService::CompleteSimplified(
    soci::session& sql, const identity::Caller& caller, int64_t id) const {
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  ASSIGN_OR_RETURN(EntityAccess access,
                   AccessEntity(sql, caller, app.uscc, perm::kRegistrationAccept, clock_));
  const Date today = ChinaDate(clock_.Now());
  if (app.state == "notice") {
    return FailedPreconditionError(
        fmt::format("公示期至 {} 届满，届满后方可申请注销", app.notice_end_on), "state");
  }
  if (app.state != "ready") {
    return FailedPreconditionError(
        fmt::format("该申请已终止或已办结（{}）{}", app.state,
                    app.closed_reason.empty() ? "" : "：" + app.closed_reason),
        "state");
  }
  if (today.ToString() > app.completion_due_on) {
    return FailedPreconditionError(
        fmt::format("公示期满后须于 {} 前申请注销，已逾期", app.completion_due_on), "state");
  }
  // The conditions again: a restriction recorded during the notice refuses it.
  Eligibility e{app.uscc, app.entity_name, "simplified",
                internal::FailedConditions(sql, access.entity, "simplified", kinds_, id)};
  if (!e.eligible()) return ConditionsError(e);
  ASSIGN_OR_RETURN(Date applied, Date::Parse(app.applied_on, "applied_on"));
  const DeregistrationFact fact{app.uscc, "simplified", TimerKey(id), applied, today, "简易注销"};
  const audit::Actor actor = ActorForEntity(caller, access, perm::kRegistrationAccept);
  RETURN_IF_ERROR(DeregisterEntity(sql, fact, actor, hooks_, clock_).status());
  const std::string now = FormatChinaTime(clock_.Now());
  long long lid = id;
  sql << "UPDATE simplified_deregistration SET state = 'completed', closed_at = :now, "
         "updated_at = :now2 WHERE id = :id",
      soci::use(now), soci::use(now), soci::use(lid);
  RETURN_IF_ERROR(CancelDeadline(sql, kCompletionExpiredTimer, TimerKey(id), clock_));
  ASSIGN_OR_RETURN(SimplifiedApplication after, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(sql, actor, "deregistration.simplified.complete",
                              "simplified_deregistration", id, AuditJson(app), AuditJson(after),
                              clock_));
  return after;
}

StatusOr<std::string> DeregistrationService::EndNotice(soci::session& sql, int64_t id) const {
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  if (app.state != "notice") {
    return fmt::format("申请已不在公示中（{}），无需处理", app.state);
  }
  const Date today = ChinaDate(clock_.Now());
  if (today.ToString() <= app.notice_end_on) {
    return FailedPreconditionError(fmt::format("公示期至 {} 才届满", app.notice_end_on), "id");
  }
  RETURN_IF_ERROR(CloseFiredDeadline(sql, kNoticeEndTimer, TimerKey(id), clock_));
  ASSIGN_OR_RETURN(Date end, Date::Parse(app.notice_end_on, "notice_end_on"));
  const std::shared_ptr<const codes::WorkdayCalendar> calendar = calendar_.Current();
  ASSIGN_OR_RETURN(Date due, periods_.CompletionDue(end, *calendar));
  const std::string due_text = due.ToString(), now = FormatChinaTime(clock_.Now());
  long long lid = id;
  sql << "UPDATE simplified_deregistration SET state = 'ready', completion_due_on = :d, "
         "updated_at = :now WHERE id = :id AND state = 'notice'",
      soci::use(due_text), soci::use(now), soci::use(lid);
  ASSIGN_OR_RETURN(identity::OrgUnit authority,
                   identity::GetOrgUnit(sql, app.authority_org_unit_id));
  RETURN_IF_ERROR(
      ScheduleDeadline(sql, *calendar,
                       {kCompletionExpiredTimer, TimerKey(id),
                        fmt::format("简易注销申请期限 · {}", app.entity_name), authority.path,
                        codes::DeadlineInput{end, periods_.CompletionRule()}, json{{"id", id}}},
                       clock_)
          .status());
  ASSIGN_OR_RETURN(SimplifiedApplication after, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(sql, internal::SchedulerActor(),
                              "deregistration.simplified.notice_end", "simplified_deregistration",
                              id, AuditJson(app), AuditJson(after), clock_));
  // The applicant is told the day to apply by (消息中心; none for a window application).
  if (app.applicant_user_id != 0) {
    RETURN_IF_ERROR(messages::Post(
        sql, app.applicant_user_id, messages::Kind::kNoticeEnded,
        json{{"name", app.entity_name}, {"notice_end", app.notice_end_on}, {"due", due_text}},
        fmt::format("/deregistration/{}", id),
        fmt::format("deregistration.simplified.notice_end:{}", id), clock_));
  }
  return fmt::format("公示期满无异议，申请人可于 {} 前申请注销", due_text);
}

StatusOr<std::string> DeregistrationService::ExpireCompletion(soci::session& sql,
                                                              int64_t id) const {
  ASSIGN_OR_RETURN(SimplifiedApplication app, Load(sql, id));
  if (app.state != "ready") return fmt::format("申请已办结或终止（{}），无需处理", app.state);
  if (ChinaDate(clock_.Now()).ToString() <= app.completion_due_on) {
    return FailedPreconditionError(fmt::format("申请期限至 {} 才届满", app.completion_due_on),
                                   "id");
  }
  RETURN_IF_ERROR(CloseFiredDeadline(sql, kCompletionExpiredTimer, TimerKey(id), clock_));
  const std::string reason =
      fmt::format("公示期满后未在 {} 日内（至 {}）申请注销，简易注销程序终止",
                  periods_.completion_days(), app.completion_due_on);
  const std::string now = FormatChinaTime(clock_.Now());
  long long lid = id;
  sql << "UPDATE simplified_deregistration SET state = 'lapsed', closed_reason = :r, closed_at = "
         ":now, updated_at = :now2 WHERE id = :id AND state = 'ready'",
      soci::use(reason), soci::use(now), soci::use(now), soci::use(lid);
  ASSIGN_OR_RETURN(SimplifiedApplication after, Load(sql, id));
  RETURN_IF_ERROR(AuditChange(sql, internal::SchedulerActor(), "deregistration.simplified.lapse",
                              "simplified_deregistration", id, AuditJson(app), AuditJson(after),
                              clock_));
  return reason;
}

Status MoveDeregistrationDeadline(soci::session& sql, std::string_view timer_kind,
                                  std::string_view key, const Date& new_due, const Clock& clock) {
  const size_t colon = key.find(':');
  if (colon == std::string_view::npos) {
    return InvalidArgumentError(fmt::format("不是注销申请的期限：{}", key), "subject");
  }
  const long long id = std::stoll(std::string(key.substr(colon + 1)));
  const std::string due = new_due.ToString(), now = FormatChinaTime(clock.Now());
  if (timer_kind == kNoticeEndTimer) {
    sql << "UPDATE simplified_deregistration SET notice_end_on = :d, updated_at = :now WHERE id "
           "= :id",
        soci::use(due), soci::use(now), soci::use(id);
  } else if (timer_kind == kCompletionExpiredTimer) {
    sql << "UPDATE simplified_deregistration SET completion_due_on = :d, updated_at = :now WHERE "
           "id = :id",
        soci::use(due), soci::use(now), soci::use(id);
  } else if (timer_kind == kOneScreenWindowTimer) {
    sql << "UPDATE one_screen_deregistration SET window_end_on = :d, updated_at = :now WHERE id = "
           ":id",
        soci::use(due), soci::use(now), soci::use(id);
  } else {
    return InvalidArgumentError(fmt::format("不是注销申请的期限：{}", timer_kind), "kind");
  }
  return MoveTimedDeadline(sql, timer_kind, key, new_due, clock);
}

}  // namespace amr::lifecycle
