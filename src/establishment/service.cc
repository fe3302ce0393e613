// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/service.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "audit/audit_log.h"
#include "calendar/deadline_store.h"
#include "codes/calendar.h"
#include "codes/deadline.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "establishment/internal/notify.h"
#include "establishment/internal/service_support.h"
#include "establishment/internal/sql.h"
#include "establishment/working_time.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "registry/entity_store.h"
#include "storage/serial_counter.h"
#include "storage/sql_text.h"

namespace amr::establishment {

using internal::Args;
using internal::Int;
using internal::Select;
using internal::Text;
using nlohmann::json;
namespace perm = identity::perm;

namespace internal {

constexpr std::string_view kApplicationColumns =
    "a.id, a.applicant_user_id, a.submitted_by, a.channel, a.authority_org_unit_id, u.path, "
    "a.form_json, a.decision, a.state, a.registrar_user_id, a.reject_reason, a.uscc, "
    "a.submitted_at, a.registered_at, a.completed_at, a.review_reasons ";
const NoticeTable& TableOf(NoticeSource source) {
  static const NoticeTable kEstablishment{
      "establishment_notice",
      "n.id, n.application_id, n.scope_code, n.permit, n.department, n.org_unit_id, u.path, "
      "n.state, n.reason, n.created_at, a.uscc, a.name FROM establishment_notice n "
      "JOIN establishment_application a ON a.id = n.application_id ",
      "establishment.notice"};
  static const NoticeTable kChange{
      "entity_change_notice",
      "n.id, n.change_id, n.scope_code, n.permit, n.department, n.org_unit_id, u.path, "
      "n.state, n.reason, n.created_at, n.uscc, e.name FROM entity_change_notice n "
      "JOIN entity e ON e.uscc = n.uscc ",
      "change.notice"};
  return source == NoticeSource::kChange ? kChange : kEstablishment;
}

std::optional<Unit> FindUnit(soci::session& sql, const std::string& where, Args& args) {
  std::optional<Unit> out;
  Select(sql, "SELECT id, path FROM org_unit WHERE " + where + " ORDER BY id", args,
         [&](const soci::row& r) {
           if (!out) out = Unit{Int(r, 0), Text(r, 1)};
         });
  return out;
}

// The county bureau (登记机关) of a county.
std::optional<Unit> AuthorityOf(soci::session& sql, const std::string& region) {
  Args a;
  return FindUnit(sql, "kind = 'county_bureau' AND region_code = " + a.Add(region), a);
}

// The unit of `department` nearest to `region`: the county, then its city,
// then its province. With a `name_hint` (the bank the applicant booked), a
// unit whose name contains it comes first at each level.
std::optional<Unit> DepartmentUnit(soci::session& sql, const std::string& department,
                                   const std::string& region, const std::string& name_hint) {
  for (const std::string& r : {region, region.substr(0, 4) + "00", region.substr(0, 2) + "0000"}) {
    if (!name_hint.empty()) {
      Args a;
      auto unit = FindUnit(sql,
                           "department = " + a.Add(department) + " AND region_code = " + a.Add(r) +
                               " AND name LIKE " +
                               a.Add("%" + storage::EscapeLike(name_hint) + "%") + " ESCAPE '\\'",
                           a);
      if (unit) return unit;
    }
    Args a;
    auto unit =
        FindUnit(sql, "department = " + a.Add(department) + " AND region_code = " + a.Add(r), a);
    if (unit) return unit;
  }
  return std::nullopt;
}

Step StepFromRow(const soci::row& r) {
  Step s;
  s.id = Int(r, 0);
  s.application_id = Int(r, 1);
  s.kind = Text(r, 2);
  s.org_unit_id = Int(r, 3);
  s.org_unit_name = Text(r, 4);
  s.org_unit_path = Text(r, 5);
  s.state = Text(r, 6);
  s.claimed_by = Int(r, 7);
  s.result = json::parse(Text(r, 8), nullptr, false);
  if (s.result.is_discarded()) s.result = json::object();
  s.return_reason = Text(r, 9);
  s.returns = static_cast<int>(Int(r, 10));
  s.sla_minutes = static_cast<int>(Int(r, 11));
  s.started_at = Text(r, 12);
  s.ended_at = Text(r, 13);
  s.entity_name = Text(r, 14);
  s.uscc = Text(r, 15);
  return s;
}

Notice NoticeFromRow(const soci::row& r, const Rules& rules, NoticeSource source) {
  Notice n;
  n.id = Int(r, 0);
  n.source = source;
  (source == NoticeSource::kChange ? n.change_id : n.application_id) = Int(r, 1);
  n.scope_code = Text(r, 2);
  if (const ScopeItem* item = rules.FindScope(n.scope_code)) n.scope_name = item->name;
  n.permit = Text(r, 3);
  n.department = Text(r, 4);
  n.org_unit_id = Int(r, 5);
  n.org_unit_path = Text(r, 6);
  n.state = Text(r, 7);
  n.reason = Text(r, 8);
  n.created_at = Text(r, 9);
  n.uscc = Text(r, 10);
  n.entity_name = Text(r, 11);
  return n;
}

// Working minutes from `start` to `end` (or `now` while open).
StatusOr<int64_t> Elapsed(const std::string& start, const std::string& end, Clock::TimePoint now,
                          const Rules& rules, const codes::WorkdayCalendar& calendar) {
  ASSIGN_OR_RETURN(Clock::TimePoint from, ParseTime(start));
  Clock::TimePoint to = now;
  if (!end.empty()) {
    ASSIGN_OR_RETURN(to, ParseTime(end));
  }
  return WorkingMinutes(from, to, rules.office_hours(), calendar);
}

Status FillTimes(Step& s, Clock::TimePoint now, const Rules& rules,
                 const codes::WorkdayCalendar& calendar) {
  ASSIGN_OR_RETURN(s.elapsed_minutes, Elapsed(s.started_at, s.ended_at, now, rules, calendar));
  s.overdue = s.elapsed_minutes > s.sla_minutes;
  return OkStatus();
}

// Staff holding `permission` on the unit at `path`; no principal: the platform.
Status CheckStaffScope(const identity::Caller& caller, std::string_view permission,
                       std::string_view path) {
  if (caller.principal == nullptr) return OkStatus();
  return identity::RequireScope(*caller.principal, permission, path);
}

// The scope roots of `permission` for list queries; nullopt: everything.
std::optional<std::vector<std::string>> ScopePaths(const identity::Caller& caller,
                                                   std::string_view permission) {
  if (caller.principal == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (const identity::RoleGrant* g : caller.principal->ScopesFor(permission)) {
    out.push_back(g->org_unit.path);
  }
  return out;
}

// "(u.path LIKE :a0 OR …)", or "1 = 1" for everything; "1 = 0" for nothing.
std::string ScopeClause(const std::optional<std::vector<std::string>>& paths, Args& args) {
  if (!paths) return "1 = 1";
  if (paths->empty()) return "1 = 0";
  std::string out = "(";
  for (size_t i = 0; i < paths->size(); ++i) {
    if (i > 0) out += " OR ";
    out += "u.path LIKE " + args.Add((*paths)[i] + "%");
  }
  return out + ")";
}

Status NarrowToUnit(soci::session& sql, const identity::Caller& caller, std::string_view permission,
                    const QueueFilter& filter, Args& args, std::string& where) {
  if (!filter.org_unit_id) return OkStatus();
  Args probe;
  auto unit =
      FindUnit(sql, "id = " + probe.Add(static_cast<long long>(*filter.org_unit_id)), probe);
  if (!unit) return NotFoundError("机构不存在", "org_unit_id");
  RETURN_IF_ERROR(CheckStaffScope(caller, permission, unit->path));
  where += " AND u.path LIKE " + args.Add(unit->path + "%");
  return OkStatus();
}

Status Audit(soci::session& sql, const identity::Caller& caller, std::string_view permission,
             std::string_view path, std::string action, std::string target_type, int64_t id,
             json before, json after, const Clock& clock) {
  audit::AuditEntry e;
  e.actor = identity::ActorFor(caller, permission, path);
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::to_string(id);
  e.before = std::move(before);
  e.after = std::move(after);
  return audit::Append(sql, e, clock);
}

Status CheckReason(std::string_view reason, std::string_view field) {
  if (reason.empty()) return InvalidArgumentError("须写明理由", std::string(field));
  if (Utf8Length(reason) > 1000)
    return InvalidArgumentError("理由过长（不超过 1000 个字）", std::string(field));
  return OkStatus();
}

}  // namespace internal

using namespace internal;  // NOLINT: the service's own helpers

RegistrationHooks DefaultHooks() {
  RegistrationHooks h;
  h.check_name = [](const Form&) -> StatusOr<NameDecision> { return NameDecision{}; };
  h.record_name = [](soci::session&, const registry::Entity&, const Application&) {
    return OkStatus();
  };
  h.issue_license = h.record_name;
  h.enqueue_event = [](soci::session&, std::string_view, const json&, std::string_view) {
    return OkStatus();
  };
  h.catch_up = [] { return OkStatus(); };
  h.check_people = [](soci::session&, const Form&) { return OkStatus(); };
  return h;
}

EstablishmentService::EstablishmentService(const Rules& rules, const Clock& clock,
                                           const codes::CalendarSource& calendar,
                                           RegistrationHooks hooks)
    : rules_(rules), clock_(clock), calendar_(calendar), hooks_(std::move(hooks)) {
  RegistrationHooks d = DefaultHooks();
  if (!hooks_.check_name) hooks_.check_name = d.check_name;
  if (!hooks_.record_name) hooks_.record_name = d.record_name;
  if (!hooks_.issue_license) hooks_.issue_license = d.issue_license;
  if (!hooks_.enqueue_event) hooks_.enqueue_event = d.enqueue_event;
  if (!hooks_.catch_up) hooks_.catch_up = d.catch_up;
  if (!hooks_.check_people) hooks_.check_people = d.check_people;
}

namespace internal {

StatusOr<Step> LoadStep(soci::session& sql, int64_t step_id) {
  Args a;
  std::optional<Step> out;
  Select(sql,
         "SELECT " + std::string(kStepColumns) +
             "FROM establishment_step s JOIN org_unit u ON u.id = s.org_unit_id WHERE s.id = " +
             a.Add(static_cast<long long>(step_id)),
         a, [&](const soci::row& r) { out = StepFromRow(r); });
  if (!out) return NotFoundError("办理环节 " + std::to_string(step_id) + " 不存在");
  return *out;
}

StatusOr<Application> Load(soci::session& sql, const Ctx& ctx, int64_t id,
                           const Form* submitted_form) {
  Args a;
  std::optional<Application> out;
  std::string form_text;
  Select(sql,
         "SELECT " + std::string(kApplicationColumns) +
             "FROM establishment_application a JOIN org_unit u ON u.id = "
             "a.authority_org_unit_id WHERE a.id = " +
             a.Add(static_cast<long long>(id)),
         a, [&](const soci::row& r) {
           Application app;
           app.id = Int(r, 0);
           app.applicant_user_id = Int(r, 1);
           app.submitted_by = Text(r, 2);
           app.channel = Text(r, 3);
           app.authority_org_unit_id = Int(r, 4);
           app.authority_path = Text(r, 5);
           form_text = Text(r, 6);
           app.decision = Text(r, 7);
           app.state = Text(r, 8);
           app.registrar_user_id = Int(r, 9);
           app.reject_reason = Text(r, 10);
           app.uscc = Text(r, 11);
           app.submitted_at = Text(r, 12);
           app.registered_at = Text(r, 13);
           app.completed_at = Text(r, 14);
           for (const json& reason : json::parse(Text(r, 15), nullptr, false)) {
             if (reason.is_string()) app.review_reasons.push_back(reason.get<std::string>());
           }
           out = std::move(app);
         });
  if (!out) return NotFoundError("企业开办申请 " + std::to_string(id) + " 不存在");
  Application& app = *out;
  // The stored form was validated when submitted; reading it back checks
  // birth dates against the submission day, not today. In the submitting
  // transaction itself the caller's validated form is that form.
  if (submitted_form != nullptr) {
    app.form = *submitted_form;
  } else {
    ASSIGN_OR_RETURN(Clock::TimePoint submitted, ParseTime(app.submitted_at));
    ASSIGN_OR_RETURN(app.form, ParseForm(json::parse(form_text), ctx.rules, ChinaDate(submitted)));
  }
  const Clock::TimePoint now = ctx.clock.Now();
  Args s;
  Select(sql,
         "SELECT " + std::string(kStepColumns) +
             "FROM establishment_step s JOIN org_unit u ON u.id = s.org_unit_id "
             "WHERE s.application_id = " +
             s.Add(static_cast<long long>(id)) + " ORDER BY s.id",
         s, [&](const soci::row& r) { app.steps.push_back(StepFromRow(r)); });
  for (Step& step : app.steps) RETURN_IF_ERROR(FillTimes(step, now, ctx.rules, *ctx.calendar));
  // In the submitting transaction, a form without deferred materials or
  // permits has none stored: not read again.
  const bool may_defer = submitted_form == nullptr || !submitted_form->deferred_materials.empty();
  const bool may_notify =
      submitted_form == nullptr || !PermitItems(*submitted_form, ctx.rules).empty();
  Args d;
  if (may_defer) {
    Select(sql,
           "SELECT material, due_on, supplied_at FROM establishment_deferred_material "
           "WHERE application_id = " +
               d.Add(static_cast<long long>(id)) + " ORDER BY material",
           d, [&](const soci::row& r) {
             DeferredMaterial m{Text(r, 0), "", Text(r, 1), Text(r, 2)};
             if (const Material* known = ctx.rules.FindMaterial(m.material)) m.name = known->name;
             if (auto due = Date::Parse(m.due_on); due.ok() && ctx.calendar->IsProvisional(*due)) {
               m.provisional_reason = codes::ProvisionalReason(due->year());
             }
             app.deferred.push_back(std::move(m));
           });
  }
  Args n;
  if (may_notify) {
    Select(sql,
           "SELECT " + std::string(TableOf(NoticeSource::kEstablishment).columns) +
               "JOIN org_unit u ON u.id = n.org_unit_id WHERE n.application_id = " +
               n.Add(static_cast<long long>(id)) + " ORDER BY n.id",
           n, [&](const soci::row& r) {
             app.notices.push_back(NoticeFromRow(r, ctx.rules, NoticeSource::kEstablishment));
           });
  }
  app.permits_needed = PermitItems(app.form, ctx.rules);
  app.sla_minutes = ctx.rules.EstablishmentSlaMinutes();
  if (app.state != "rejected") {
    ASSIGN_OR_RETURN(app.elapsed_minutes,
                     Elapsed(app.submitted_at, app.completed_at, now, ctx.rules, *ctx.calendar));
    app.overdue = app.elapsed_minutes > app.sla_minutes;
  }
  return app;
}

}  // namespace internal

namespace internal {

// Completes the application when its last step is done.
Status MaybeComplete(soci::session& sql, int64_t app_id, const std::string& now) {
  long long id = app_id;
  int open = 0;
  sql << "SELECT COUNT(*) FROM establishment_step WHERE application_id = :id AND state <> 'done'",
      soci::use(id), soci::into(open);
  if (open == 0) {
    sql << "UPDATE establishment_application SET state = 'completed', completed_at = :now, "
           "updated_at = :now2 WHERE id = :id AND state = 'registered'",
        soci::use(now), soci::use(now), soci::use(id);
  }
  return OkStatus();
}

}  // namespace internal

StatusOr<Application> EstablishmentService::Submit(soci::session& sql,
                                                   const identity::Caller& caller, Channel channel,
                                                   const Form& form) const {
  const Ctx ctx{rules_, clock_, hooks_, calendar_.Current()};
  ASSIGN_OR_RETURN(NameDecision name, hooks_.check_name(form));
  if (name.verdict != "ok" && name.verdict != "similar") {
    return FailedPreconditionError(
        "名称不予登记" + (name.message.empty() ? std::string() : "：" + name.message), "name");
  }
  std::optional<Unit> authority = AuthorityOf(sql, form.region_code);
  if (!authority) {
    return FailedPreconditionError("本平台没有行政区划 " + form.region_code + " 的登记机关",
                                   "region_code");
  }
  std::string_view permission = perm::kRegistrationApply;
  if (channel == Channel::kWindow) {
    permission = perm::kRegistrationAccept;
    RETURN_IF_ERROR(CheckStaffScope(caller, permission, authority->path));
  }
  RETURN_IF_ERROR(hooks_.check_people(sql, form));
  // Why a registrar decides rather than 秒批: each reason in words, kept
  // with the application for the registrar and the applicant.
  json reasons = json::array();
  if (!rules_.InstantApprovalKind(FormKindId(form.kind))) {
    reasons.push_back(std::string(FormKindName(form.kind)) +
                      "的设立登记由注册官审核（不在秒批范围）");
  }
  if (const auto permits = PermitItems(form, rules_); !permits.empty()) {
    std::string names;
    for (const ScopeItem* item : permits) names += (names.empty() ? "" : "、") + item->name;
    reasons.push_back("经营范围中有须取得许可或备案的项目：" + names + "（双告知）");
  }
  for (const std::string& code : form.deferred_materials) {
    const Material* m = rules_.FindMaterial(code);
    reasons.push_back("容缺受理：" + (m ? m->name : code) + "后补");
  }
  if (name.verdict != "ok") {
    reasons.push_back("名称需要核对" +
                      (name.message.empty() ? std::string() : "：" + name.message));
  }
  const bool instant = reasons.empty();
  const std::string reasons_text = reasons.dump();
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string channel_id = channel == Channel::kOnline   ? "online"
                                 : channel == Channel::kWindow ? "window"
                                                               : "cli";
  const std::string submitted_by =
      caller.principal != nullptr ? caller.principal->username : caller.name;
  long long applicant =
      caller.principal != nullptr && channel == Channel::kOnline ? caller.principal->user_id : 0;
  soci::indicator applicant_ind = applicant != 0 ? soci::i_ok : soci::i_null;
  long long authority_id = authority->id;
  const std::string kind_id(FormKindId(form.kind));
  const std::string form_text = FormJson(form).dump();
  const std::string decision = instant ? "instant_approval" : "review";
  long long id = 0;
  sql << "INSERT INTO establishment_application (applicant_user_id, submitted_by, channel, "
         "authority_org_unit_id, region_code, entity_kind, name, form_json, decision, state, "
         "submitted_at, updated_at, review_reasons) VALUES (:ap, :by, :ch, :au, :r, :k, :n, :f, "
         ":d, 'queued', :now, :now2, :rr) RETURNING id",
      soci::use(applicant, applicant_ind), soci::use(submitted_by), soci::use(channel_id),
      soci::use(authority_id), soci::use(form.region_code), soci::use(kind_id),
      soci::use(form.name), soci::use(form_text), soci::use(decision), soci::use(now),
      soci::use(now), soci::use(reasons_text), soci::into(id);
  RETURN_IF_ERROR(InsertStep(sql, id, "registration", authority->id, "pending",
                             rules_.RegistrationSlaMinutes(), now));
  // 容缺 + 承诺: each deferred material is due within its working days,
  // tracked on the calendar until the material arrives.
  const Date today = ChinaDate(clock_.Now());
  for (const std::string& code : form.deferred_materials) {
    const Material* m = rules_.FindMaterial(code);
    ASSIGN_OR_RETURN(
        codes::CountedDate due,
        calendar::Track(
            sql, *ctx.calendar,
            calendar::TrackRequest{
                kDeferredMaterialDeadlineKind, DeferredMaterialSubject(id, code),
                fmt::format("容缺材料补交期限 · {} · {}", form.name, m->name), authority->path,
                codes::DeadlineInput{today, codes::PeriodRule{m->deferral_workdays,
                                                              codes::PeriodUnit::kWorkingDays}}},
            clock_));
    const std::string due_text = due.date.ToString();
    sql << "INSERT INTO establishment_deferred_material (application_id, material, due_on) "
           "VALUES (:a, :m, :d)",
        soci::use(id), soci::use(code), soci::use(due_text);
  }
  RETURN_IF_ERROR(Audit(
      sql, caller, permission, authority->path, "establishment.submit", "establishment_application",
      id, nullptr, json{{"name", form.name}, {"kind", kind_id}, {"decision", decision}}, clock_));
  if (instant) {
    // What Load would read back, from what was just written.
    Application app;
    app.id = id;
    app.applicant_user_id = applicant;
    app.submitted_by = submitted_by;
    app.channel = channel_id;
    app.authority_org_unit_id = authority->id;
    app.authority_path = authority->path;
    app.form = form;
    app.decision = decision;
    app.state = "queued";
    app.submitted_at = now;
    RETURN_IF_ERROR(Register(sql, ctx, caller, permission, app));
  }
  return Load(sql, ctx, id, &form);
}

StatusOr<Application> EstablishmentService::Get(soci::session& sql, const identity::Caller& caller,
                                                std::string_view permission, int64_t id) const {
  ASSIGN_OR_RETURN(Application app,
                   Load(sql, Ctx{rules_, clock_, hooks_, calendar_.Current()}, id));
  if (caller.principal != nullptr && caller.principal->kind == identity::UserKind::kApplicant) {
    if (app.applicant_user_id != caller.principal->user_id) return identity::OutOfScopeError();
  } else {
    RETURN_IF_ERROR(CheckStaffScope(caller, permission, app.authority_path));
  }
  return app;
}

StatusOr<std::vector<Application>> EstablishmentService::ListQueue(
    soci::session& sql, const identity::Caller& caller, const QueueFilter& filter) const {
  Args a;
  std::string where = ScopeClause(ScopePaths(caller, perm::kRegistrationReview), a);
  RETURN_IF_ERROR(NarrowToUnit(sql, caller, perm::kRegistrationReview, filter, a, where));
  if (filter.state.empty()) {
    where += " AND a.state IN ('queued', 'claimed')";
  } else {
    where += " AND a.state = " + a.Add(filter.state);
  }
  std::vector<int64_t> ids;
  Select(sql,
         "SELECT a.id FROM establishment_application a JOIN org_unit u ON u.id = "
         "a.authority_org_unit_id WHERE " +
             where + " ORDER BY a.id LIMIT " + std::to_string(filter.limit) + " OFFSET " +
             std::to_string(filter.offset),
         a, [&](const soci::row& r) { ids.push_back(Int(r, 0)); });
  std::vector<Application> out;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(Application app,
                     Load(sql, Ctx{rules_, clock_, hooks_, calendar_.Current()}, id));
    out.push_back(std::move(app));
  }
  return out;
}

StatusOr<Application> EstablishmentService::Claim(soci::session& sql,
                                                  const identity::Caller& caller,
                                                  int64_t id) const {
  ASSIGN_OR_RETURN(Application app, Get(sql, caller, perm::kRegistrationReview, id));
  if (app.state != "queued") {
    return FailedPreconditionError("只有待审核的申请可以认领（当前：" + app.state + "）", "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  long long user = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator ind = user != 0 ? soci::i_ok : soci::i_null;
  long long lid = id;
  sql << "UPDATE establishment_application SET state = 'claimed', registrar_user_id = :u, "
         "updated_at = :now WHERE id = :id",
      soci::use(user, ind), soci::use(now), soci::use(lid);
  sql << "UPDATE establishment_step SET state = 'claimed', claimed_by = :u, updated_at = :now "
         "WHERE application_id = :id AND kind = 'registration'",
      soci::use(user, ind), soci::use(now), soci::use(lid);
  RETURN_IF_ERROR(Audit(sql, caller, perm::kRegistrationReview, app.authority_path,
                        "establishment.claim", "establishment_application", id,
                        json{{"state", "queued"}}, json{{"state", "claimed"}}, clock_));
  return Load(sql, Ctx{rules_, clock_, hooks_, calendar_.Current()}, id);
}

StatusOr<Application> EstablishmentService::Approve(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    int64_t id) const {
  const Ctx ctx{rules_, clock_, hooks_, calendar_.Current()};
  ASSIGN_OR_RETURN(Application app, Get(sql, caller, perm::kRegistrationReview, id));
  if (app.state != "claimed") {
    return FailedPreconditionError("须先认领申请再核准（当前：" + app.state + "）", "state");
  }
  if (caller.principal != nullptr && app.registrar_user_id != caller.principal->user_id) {
    return FailedPreconditionError("申请已由其他注册官认领", "state");
  }
  RETURN_IF_ERROR(Register(sql, ctx, caller, perm::kRegistrationReview, app));
  return Load(sql, ctx, id);
}

StatusOr<Application> EstablishmentService::Reject(soci::session& sql,
                                                   const identity::Caller& caller, int64_t id,
                                                   std::string_view reason) const {
  RETURN_IF_ERROR(CheckReason(reason, "reason"));
  ASSIGN_OR_RETURN(Application app, Get(sql, caller, perm::kRegistrationReview, id));
  if (app.state != "claimed") {
    return FailedPreconditionError("须先认领申请再驳回（当前：" + app.state + "）", "state");
  }
  if (caller.principal != nullptr && app.registrar_user_id != caller.principal->user_id) {
    return FailedPreconditionError("申请已由其他注册官认领", "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string why(reason);
  long long lid = id;
  sql << "UPDATE establishment_application SET state = 'rejected', reject_reason = :r, "
         "completed_at = :now, updated_at = :now2 WHERE id = :id",
      soci::use(why), soci::use(now), soci::use(now), soci::use(lid);
  sql << "UPDATE establishment_step SET state = 'returned', return_reason = :r, ended_at = :now, "
         "updated_at = :now2 WHERE application_id = :id AND kind = 'registration'",
      soci::use(why), soci::use(now), soci::use(now), soci::use(lid);
  RETURN_IF_ERROR(Audit(sql, caller, perm::kRegistrationReview, app.authority_path,
                        "establishment.reject", "establishment_application", id,
                        json{{"state", "claimed"}}, json{{"state", "rejected"}, {"reason", why}},
                        clock_));
  RETURN_IF_ERROR(TellRejected(sql, app, why, clock_));
  return Load(sql, Ctx{rules_, clock_, hooks_, calendar_.Current()}, id);
}

std::string DeferredMaterialSubject(int64_t application_id, std::string_view material) {
  return fmt::format("application:{}:{}", application_id, material);
}

Status MoveDeferredMaterialDeadline(soci::session& sql, std::string_view subject,
                                    const Date& new_due) {
  // "application:<id>:<material>"
  const size_t first = subject.find(':');
  const size_t second = subject.find(':', first + 1);
  if (!subject.starts_with("application:") || second == std::string_view::npos) {
    return InvalidArgumentError(fmt::format("不是容缺材料的期限：{}", subject), "subject");
  }
  const long long id = std::stoll(std::string(subject.substr(first + 1, second - first - 1)));
  const std::string material(subject.substr(second + 1));
  const std::string due = new_due.ToString();
  sql << "UPDATE establishment_deferred_material SET due_on = :d WHERE application_id = :a AND "
         "material = :m",
      soci::use(due), soci::use(id), soci::use(material);
  return OkStatus();
}

}  // namespace amr::establishment
