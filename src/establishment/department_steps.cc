// SPDX-License-Identifier: MulanPSL-2.0
// The departments' side of 企业开办 (docs/registration.md): the steps routed to
// seals, tax, insurance, housing fund and bank, claimed, completed or
// returned, and resubmitted by the applicant; the 双告知 notices.
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "common/text.h"
#include "establishment/internal/notify.h"
#include "establishment/internal/service_support.h"
#include "establishment/service.h"
#include "identity/roles.h"

namespace amr::establishment {

using internal::Args;
using internal::Int;
using internal::Select;
using internal::Text;
using nlohmann::json;
namespace perm = identity::perm;
using namespace internal;  // NOLINT: the service's own helpers

StatusOr<std::vector<Step>> EstablishmentService::ListSteps(
    soci::session& sql, const identity::Caller& caller, const QueueFilter& filter,
    std::vector<int64_t>* /*application_ids*/) const {
  Args a;
  std::string where = ScopeClause(ScopePaths(caller, perm::kDepartmentQueueWork), a) +
                      " AND s.kind <> 'registration'";
  RETURN_IF_ERROR(NarrowToUnit(sql, caller, perm::kDepartmentQueueWork, filter, a, where));
  if (filter.state.empty()) {
    where += " AND s.state IN ('pending', 'claimed')";
  } else {
    where += " AND s.state = " + a.Add(filter.state);
  }
  std::vector<Step> out;
  Select(sql,
         "SELECT " + std::string(kStepColumns) +
             "FROM establishment_step s JOIN org_unit u ON u.id = s.org_unit_id WHERE " + where +
             " ORDER BY s.id LIMIT " + std::to_string(filter.limit) + " OFFSET " +
             std::to_string(filter.offset),
         a, [&](const soci::row& r) { out.push_back(StepFromRow(r)); });
  const Clock::TimePoint now = clock_.Now();
  for (Step& s : out) RETURN_IF_ERROR(FillTimes(s, now, rules_, *calendar_.Current()));
  return out;
}

namespace {

StatusOr<Step> LoadWorkableStep(soci::session& sql, const identity::Caller& caller,
                                int64_t step_id) {
  ASSIGN_OR_RETURN(Step step, LoadStep(sql, step_id));
  if (step.kind == "registration") {
    return FailedPreconditionError("登记环节由注册官在审核队列中办理", "step");
  }
  RETURN_IF_ERROR(CheckStaffScope(caller, perm::kDepartmentQueueWork, step.org_unit_path));
  return step;
}

}  // namespace

StatusOr<Step> EstablishmentService::ClaimStep(soci::session& sql, const identity::Caller& caller,
                                               int64_t step_id) const {
  ASSIGN_OR_RETURN(Step step, LoadWorkableStep(sql, caller, step_id));
  if (step.state != "pending") {
    return FailedPreconditionError("只有待办的环节可以认领（当前：" + step.state + "）", "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  long long user = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator ind = user != 0 ? soci::i_ok : soci::i_null;
  long long id = step_id;
  sql << "UPDATE establishment_step SET state = 'claimed', claimed_by = :u, updated_at = :now "
         "WHERE id = :id",
      soci::use(user, ind), soci::use(now), soci::use(id);
  RETURN_IF_ERROR(Audit(sql, caller, perm::kDepartmentQueueWork, step.org_unit_path,
                        "establishment.step.claim", "establishment_step", step_id,
                        json{{"state", "pending"}}, json{{"state", "claimed"}}, clock_));
  ASSIGN_OR_RETURN(Step out, LoadStep(sql, step_id));
  RETURN_IF_ERROR(FillTimes(out, clock_.Now(), rules_, *calendar_.Current()));
  return out;
}

StatusOr<Step> EstablishmentService::CompleteStep(soci::session& sql,
                                                  const identity::Caller& caller, int64_t step_id,
                                                  const json& result) const {
  if (!result.is_object() || result.empty()) {
    return InvalidArgumentError(
        "办结须填写办理结果（如印章编号、税务登记信息、社保登记号、开户预约）", "result");
  }
  const std::string result_text = result.dump();
  if (result_text.size() > 16 * 1024) return InvalidArgumentError("办理结果过长", "result");
  ASSIGN_OR_RETURN(Step step, LoadWorkableStep(sql, caller, step_id));
  if (step.state != "claimed") {
    return FailedPreconditionError("须先认领环节再办结（当前：" + step.state + "）", "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  long long id = step_id;
  sql << "UPDATE establishment_step SET state = 'done', result_json = :r, ended_at = :now, "
         "return_reason = '', updated_at = :now2 WHERE id = :id",
      soci::use(result_text), soci::use(now), soci::use(now), soci::use(id);
  RETURN_IF_ERROR(MaybeComplete(sql, step.application_id, now));
  RETURN_IF_ERROR(Audit(sql, caller, perm::kDepartmentQueueWork, step.org_unit_path,
                        "establishment.step.complete", "establishment_step", step_id,
                        json{{"state", "claimed"}}, json{{"state", "done"}, {"result", result}},
                        clock_));
  ASSIGN_OR_RETURN(Step out, LoadStep(sql, step_id));
  RETURN_IF_ERROR(FillTimes(out, clock_.Now(), rules_, *calendar_.Current()));
  return out;
}

StatusOr<Step> EstablishmentService::ReturnStep(soci::session& sql, const identity::Caller& caller,
                                                int64_t step_id, std::string_view reason) const {
  RETURN_IF_ERROR(CheckReason(reason, "reason"));
  ASSIGN_OR_RETURN(Step step, LoadWorkableStep(sql, caller, step_id));
  if (step.state != "pending" && step.state != "claimed") {
    return FailedPreconditionError("只有待办或办理中的环节可以退回（当前：" + step.state + "）",
                                   "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string why(reason);
  long long id = step_id;
  sql << "UPDATE establishment_step SET state = 'returned', return_reason = :r, updated_at = "
         ":now WHERE id = :id",
      soci::use(why), soci::use(now), soci::use(id);
  RETURN_IF_ERROR(Audit(sql, caller, perm::kDepartmentQueueWork, step.org_unit_path,
                        "establishment.step.return", "establishment_step", step_id,
                        json{{"state", step.state}}, json{{"state", "returned"}, {"reason", why}},
                        clock_));
  RETURN_IF_ERROR(TellStepReturned(sql, step, why, clock_));
  ASSIGN_OR_RETURN(Step out, LoadStep(sql, step_id));
  RETURN_IF_ERROR(FillTimes(out, clock_.Now(), rules_, *calendar_.Current()));
  return out;
}

StatusOr<Step> EstablishmentService::ResubmitStep(soci::session& sql,
                                                  const identity::Caller& caller, int64_t step_id,
                                                  std::string_view note, const json& choice) const {
  if (Utf8Length(note) > 1000) return InvalidArgumentError("说明过长（不超过 1000 个字）", "note");
  ASSIGN_OR_RETURN(Step step, LoadStep(sql, step_id));
  // The applicant's own application only (Get checks it).
  ASSIGN_OR_RETURN(Application app,
                   Get(sql, caller, perm::kRegistrationApply, step.application_id));
  if (step.state != "returned" || step.kind == "registration") {
    return FailedPreconditionError("只有被部门退回的环节可以重新提交（当前：" + step.state + "）",
                                   "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  long long id = step_id, unit_id = step.org_unit_id;
  json form_after = nullptr;
  if (!choice.is_null()) {
    static const std::set<std::string> kChoosable = {"seal", "tax", "bank_account"};
    if (!kChoosable.contains(step.kind)) {
      return InvalidArgumentError("这个环节没有可以修改的选项，只需说明情况后重新提交",
                                  "options." + step.kind);
    }
    // The stored form with the step's option replaced, checked as a new form
    // is (on the day it was submitted: birth dates, not today).
    json form = FormJson(app.form);
    form["options"][step.kind] = choice;
    ASSIGN_OR_RETURN(Clock::TimePoint submitted, ParseTime(app.submitted_at));
    ASSIGN_OR_RETURN(Form changed, ParseForm(form, rules_, ChinaDate(submitted)));
    if (!changed.options.Requested(step.kind)) {
      return InvalidArgumentError("请填写这个环节的选项", "options." + step.kind);
    }
    form_after = FormJson(changed);
    const std::string text = form_after.dump();
    long long app_id = app.id;
    sql << "UPDATE establishment_application SET form_json = :f, updated_at = :now WHERE id = :id",
        soci::use(text), soci::use(now), soci::use(app_id);
    // Another bank: the step goes to that bank's unit where the tree has one.
    if (step.kind == "bank_account") {
      for (const RoutingRule& rule : rules_.routing()) {
        if (rule.step != step.kind || rule.department.empty() ||
            !changed.region_code.starts_with(rule.region_prefix)) {
          continue;
        }
        auto unit = DepartmentUnit(sql, rule.department, changed.region_code,
                                   changed.options.bank_account->bank);
        if (unit) unit_id = unit->id;
        break;
      }
    }
  }
  // The step's clock starts again: the department's time counts from now.
  sql << "UPDATE establishment_step SET state = 'pending', claimed_by = NULL, returns = returns + "
         "1, org_unit_id = :u, started_at = :now, ended_at = NULL, updated_at = :now2 "
         "WHERE id = :id",
      soci::use(unit_id), soci::use(now), soci::use(now), soci::use(id);
  json after = {{"state", "pending"}, {"note", std::string(note)}, {"org_unit_id", unit_id}};
  if (!choice.is_null()) after["options"] = {{step.kind, form_after["options"][step.kind]}};
  RETURN_IF_ERROR(Audit(
      sql, caller, perm::kRegistrationApply, app.authority_path, "establishment.step.resubmit",
      "establishment_step", step_id,
      json{
          {"state", "returned"}, {"reason", step.return_reason}, {"org_unit_id", step.org_unit_id}},
      after, clock_));
  json event = {{"application_id", app.id},
                {"step", step.kind},
                {"note", std::string(note)},
                {"org_unit_id", unit_id},
                {"resubmitted_at", now}};
  if (!form_after.is_null()) event["form"] = form_after;
  RETURN_IF_ERROR(hooks_.enqueue_event(sql, "establishment.step.resubmitted", event,
                                       "establishment.step.resubmitted:" + std::to_string(step_id) +
                                           ":" + std::to_string(step.returns + 1)));
  RETURN_IF_ERROR(
      TellStepResubmitted(sql, app, step, unit_id, step.returns + 1, std::string(note), clock_));
  ASSIGN_OR_RETURN(Step out, LoadStep(sql, step_id));
  RETURN_IF_ERROR(FillTimes(out, clock_.Now(), rules_, *calendar_.Current()));
  return out;
}

StatusOr<std::vector<Application>> EstablishmentService::ListOwn(soci::session& sql,
                                                                 const identity::Caller& caller,
                                                                 int limit) const {
  if (caller.principal == nullptr || caller.principal->kind != identity::UserKind::kApplicant) {
    return std::vector<Application>{};
  }
  Args a;
  std::vector<int64_t> ids;
  Select(sql,
         "SELECT id FROM establishment_application WHERE applicant_user_id = " +
             a.Add(static_cast<long long>(caller.principal->user_id)) + " ORDER BY id DESC LIMIT " +
             a.Add(static_cast<long long>(limit)),
         a, [&](const soci::row& r) { ids.push_back(Int(r, 0)); });
  std::vector<Application> out;
  const Ctx ctx{rules_, clock_, hooks_, calendar_.Current()};
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(Application app, Load(sql, ctx, id));
    out.push_back(std::move(app));
  }
  return out;
}

StatusOr<std::vector<Notice>> EstablishmentService::ListNotices(soci::session& sql,
                                                                const identity::Caller& caller,
                                                                const QueueFilter& filter,
                                                                NoticeSource source) const {
  Args a;
  std::string where = ScopeClause(ScopePaths(caller, perm::kDepartmentQueueWork), a);
  RETURN_IF_ERROR(NarrowToUnit(sql, caller, perm::kDepartmentQueueWork, filter, a, where));
  where +=
      filter.state.empty() ? " AND n.state = 'pending'" : " AND n.state = " + a.Add(filter.state);
  std::vector<Notice> out;
  Select(sql,
         "SELECT " + std::string(TableOf(source).columns) +
             "JOIN org_unit u ON u.id = n.org_unit_id WHERE " + where + " ORDER BY n.id LIMIT " +
             std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset),
         a, [&](const soci::row& r) { out.push_back(NoticeFromRow(r, rules_, source)); });
  return out;
}

namespace {

StatusOr<Notice> LoadNotice(soci::session& sql, const Rules& rules, int64_t id,
                            NoticeSource source) {
  Args a;
  std::optional<Notice> out;
  Select(sql,
         "SELECT " + std::string(TableOf(source).columns) +
             "JOIN org_unit u ON u.id = n.org_unit_id WHERE n.id = " +
             a.Add(static_cast<long long>(id)),
         a, [&](const soci::row& r) { out = NoticeFromRow(r, rules, source); });
  if (!out) return NotFoundError("双告知 " + std::to_string(id) + " 不存在");
  return *out;
}

}  // namespace

StatusOr<Notice> EstablishmentService::ClaimNotice(soci::session& sql,
                                                   const identity::Caller& caller,
                                                   int64_t notice_id, NoticeSource source) const {
  const NoticeTable& t = TableOf(source);
  ASSIGN_OR_RETURN(Notice n, LoadNotice(sql, rules_, notice_id, source));
  RETURN_IF_ERROR(CheckStaffScope(caller, perm::kDepartmentQueueWork, n.org_unit_path));
  if (n.state != "pending") {
    return FailedPreconditionError("只有待认领的告知可以认领（当前：" + n.state + "）", "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  long long user = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator ind = user != 0 ? soci::i_ok : soci::i_null;
  long long id = notice_id;
  sql << std::string("UPDATE ") + t.table +
             " SET state = 'claimed', handled_by = :u, updated_at = :now WHERE id = :id",
      soci::use(user, ind), soci::use(now), soci::use(id);
  RETURN_IF_ERROR(Audit(sql, caller, perm::kDepartmentQueueWork, n.org_unit_path,
                        std::string(t.action) + ".claim", t.table, notice_id,
                        json{{"state", "pending"}}, json{{"state", "claimed"}}, clock_));
  return LoadNotice(sql, rules_, notice_id, source);
}

StatusOr<Notice> EstablishmentService::ReturnNotice(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    int64_t notice_id, std::string_view reason,
                                                    NoticeSource source) const {
  const NoticeTable& t = TableOf(source);
  RETURN_IF_ERROR(CheckReason(reason, "reason"));
  ASSIGN_OR_RETURN(Notice n, LoadNotice(sql, rules_, notice_id, source));
  RETURN_IF_ERROR(CheckStaffScope(caller, perm::kDepartmentQueueWork, n.org_unit_path));
  if (n.state != "pending") {
    return FailedPreconditionError("只有待认领的告知可以退回（当前：" + n.state + "）", "state");
  }
  const std::string now = FormatChinaTime(clock_.Now());
  const std::string why(reason);
  long long user = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator ind = user != 0 ? soci::i_ok : soci::i_null;
  long long id = notice_id;
  sql << std::string("UPDATE ") + t.table +
             " SET state = 'returned', reason = :r, handled_by = :u, updated_at = :now "
             "WHERE id = :id",
      soci::use(why), soci::use(user, ind), soci::use(now), soci::use(id);
  RETURN_IF_ERROR(Audit(sql, caller, perm::kDepartmentQueueWork, n.org_unit_path,
                        std::string(t.action) + ".return", t.table, notice_id,
                        json{{"state", "pending"}}, json{{"state", "returned"}, {"reason", why}},
                        clock_));
  return LoadNotice(sql, rules_, notice_id, source);
}

}  // namespace amr::establishment
