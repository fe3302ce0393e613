// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/liquidation.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "calendar/deadline_store.h"
#include "identity/org_unit_store.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "lifecycle/access.h"
#include "lifecycle/liquidation_internal.h"
#include "lifecycle/periods.h"
#include "lifecycle/suspension.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "storage/rows.h"

namespace amr::lifecycle {

namespace internal {

Date DateOf(const std::string& text) {
  auto d = Date::Parse(text);
  return d.ok() ? *d : Date::FromSysDays({});
}

Status AuditLiquidation(soci::session& sql, const audit::Actor& actor, std::string action,
                        int64_t id, nlohmann::json before, nlohmann::json after,
                        const Clock& clock) {
  audit::AuditEntry e;
  e.actor = actor;
  e.action = std::move(action);
  e.target_type = "liquidation";
  e.target_id = std::to_string(id);
  e.before = std::move(before);
  e.after = std::move(after);
  return audit::Append(sql, e, clock);
}

const LiquidationStep* StepOf(const Liquidation& l, std::string_view step) {
  for (const LiquidationStep& s : l.steps) {
    if (s.step == step) return &s;
  }
  return nullptr;
}

}  // namespace internal

namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;
namespace perm = identity::perm;
using internal::AuditLiquidation;
using internal::DateOf;
using internal::EndOf;
using internal::PeriodFor;
using internal::StepOf;

constexpr std::string_view kTask = "deregistration";

std::optional<Date> OptDate(const soci::row& r, size_t i) {
  if (RowIsNull(r, i)) return std::nullopt;
  auto d = Date::Parse(RowText(r, i));
  if (!d.ok()) return std::nullopt;
  return *d;
}

const LiquidationStepRule* RuleOf(std::string_view step) {
  for (const LiquidationStepRule& r : LiquidationSteps()) {
    if (r.step == step) return &r;
  }
  return nullptr;
}

std::string TimerKey(int64_t id, std::string_view step) {
  return fmt::format("liquidation:{}:{}", id, step);
}

// Refuses a submission that lacks one of the step's documents (naming it) or
// carries one the step does not know.
Status CheckDocuments(const LiquidationStepRule& rule, const std::vector<std::string>& given) {
  for (const LiquidationDocument& d : rule.documents) {
    if (std::find(given.begin(), given.end(), d.code) == given.end()) {
      return FailedPreconditionError(fmt::format("{}缺少材料：{}（{}）", rule.name, d.name, d.code),
                                     "documents");
    }
  }
  for (const std::string& g : given) {
    bool known = std::any_of(rule.documents.begin(), rule.documents.end(),
                             [&](const LiquidationDocument& d) { return d.code == g; });
    if (!known) {
      return InvalidArgumentError(fmt::format("{}不需要材料 {}", rule.name, g), "documents");
    }
  }
  return OkStatus();
}

// Sets the deadline of `step` (counted from `from` on the calendar, tracked
// there so that it moves with it: MoveLiquidationStepDeadline) and its
// overdue timer.
Status SetDeadline(soci::session& sql, int64_t id, int64_t authority_org_unit_id,
                   std::string_view form, const LiquidationStepRule& rule, const Date& from,
                   const Clock& clock, const codes::WorkdayCalendar& calendar) {
  if (rule.period.empty()) return OkStatus();
  ASSIGN_OR_RETURN(std::optional<Period> for_form, PeriodFor(form, rule.period));
  if (!for_form) return OkStatus();  // none for this kind of entity
  const Period& period = *for_form;
  std::string path, entity;
  {
    long long unit = authority_org_unit_id, lid = id;
    soci::indicator path_ind = soci::i_ok, name_ind = soci::i_ok;
    sql << "SELECT o.path, e.name FROM liquidation l JOIN org_unit o ON o.id = :u LEFT JOIN "
           "entity e ON e.uscc = l.uscc WHERE l.id = :id",
        soci::use(unit), soci::use(lid), soci::into(path, path_ind), soci::into(entity, name_ind);
  }
  ASSIGN_OR_RETURN(
      codes::CountedDate counted,
      calendar::Track(sql, calendar,
                      calendar::TrackRequest{kStepDeadlineKind, StepDeadlineSubject(id, rule.step),
                                             fmt::format("清算：{} · {}", rule.name, entity), path,
                                             codes::DeadlineInput{from, period.Rule()}},
                      clock));
  const Date due = counted.date;
  const std::string due_text = due.ToString(), now = FormatChinaTime(clock.Now());
  long long lid = id;
  sql << "UPDATE liquidation_step SET due_on = :d, updated_at = :now WHERE liquidation_id = :id "
         "AND step = :s",
      soci::use(due_text), soci::use(now), soci::use(lid), soci::use(rule.step);
  return scheduler::Schedule(sql, kStepOverdueTimer, TimerKey(id, rule.step),
                             ChinaMidnight(due.AddDays(1)),
                             json{{"liquidation_id", id}, {"step", rule.step}}, clock);
}

// Marks `step` done today with `submission`, overdue if past its deadline,
// and cancels its timer.
Status MarkDone(soci::session& sql, int64_t id, std::string_view step,
                const StepSubmission& submission, const std::string& by, const Date& on,
                const Clock& clock) {
  const std::string now = FormatChinaTime(clock.Now()), done = on.ToString(), s(step),
                    docs = json(submission.documents).dump(), detail = submission.detail.dump();
  long long lid = id;
  sql << "UPDATE liquidation_step SET done_on = :d, documents_json = :docs, detail_json = :det, "
         "done_by = :by, overdue = CASE WHEN due_on IS NOT NULL AND due_on < :d2 THEN 1 ELSE "
         "overdue END, updated_at = :now WHERE liquidation_id = :id AND step = :s",
      soci::use(done), soci::use(docs), soci::use(detail), soci::use(by), soci::use(done),
      soci::use(now), soci::use(lid), soci::use(s);
  RETURN_IF_ERROR(calendar::Close(sql, kStepDeadlineKind, StepDeadlineSubject(id, step), clock));
  return scheduler::Cancel(sql, kStepOverdueTimer, TimerKey(id, step), clock);
}

Status PublishNotice(soci::session& sql, const Liquidation& l, std::string_view kind,
                     const Date& on, const std::string& text, const std::string& now) {
  long long id = l.id;
  const std::string k(kind), published = on.ToString();
  sql << "INSERT INTO liquidation_notice (liquidation_id, uscc, entity_name, kind, published_on, "
         "text, created_at) VALUES (:id, :u, :n, :k, :p, :t, :now)",
      soci::use(id), soci::use(l.uscc), soci::use(l.entity_name), soci::use(k),
      soci::use(published), soci::use(text), soci::use(now);
  return OkStatus();
}

std::string ByOf(const identity::Caller& caller) {
  return caller.principal != nullptr ? caller.principal->username : caller.name;
}

bool Done(const Liquidation& l, std::string_view step) {
  const LiquidationStep* s = StepOf(l, step);
  return s != nullptr && s->done_on.has_value();
}

Status RequireDone(const Liquidation& l, std::string_view step, std::string_view before) {
  if (Done(l, step)) return OkStatus();
  const LiquidationStepRule* rule = RuleOf(step);
  return FailedPreconditionError(
      fmt::format("须先完成“{}”，才能办理“{}”", rule ? rule->name : std::string(step), before),
      "step");
}

// The tax unit nearest to `region`: the county, then its city, then its
// province; none: the registration authority.
struct Unit {
  int64_t id = 0;
  std::string path;
};
StatusOr<Unit> TaxUnitOf(soci::session& sql, const std::string& region, int64_t authority) {
  for (const std::string& r : {region, region.substr(0, 4) + "00", region.substr(0, 2) + "0000"}) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, path FROM org_unit WHERE department = 'tax' AND "
                        "region_code = :r ORDER BY id",
         soci::use(r));
    for (const soci::row& row : rows) return Unit{RowInt(row, 0), RowText(row, 1)};
  }
  long long a = authority;
  std::optional<Unit> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, path FROM org_unit WHERE id = :id", soci::use(a));
  for (const soci::row& row : rows) out = Unit{RowInt(row, 0), RowText(row, 1)};
  if (!out) return NotFoundError("登记机关不存在");
  return *out;
}

}  // namespace

StatusOr<Liquidation> GetLiquidation(soci::session& sql, int64_t id, const Clock& clock) {
  long long lid = id;
  std::optional<Liquidation> out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT l.id, l.uscc, e.name, l.authority_org_unit_id, l.cause, "
                        "l.cause_on, l.group_formed_on, l.group_members, l.public_notice_on, "
                        "l.claims_until, l.state, l.decision_reason, l.created_at, e.org_form, "
                        "e.kind FROM liquidation l JOIN entity e ON e.uscc = l.uscc WHERE l.id "
                        "= :id",
         soci::use(lid));
    for (const soci::row& r : rows) {
      Liquidation l;
      l.id = RowInt(r, 0);
      l.uscc = RowText(r, 1);
      l.entity_name = RowText(r, 2);
      l.authority_org_unit_id = RowInt(r, 3);
      l.cause = RowText(r, 4);
      l.cause_on = DateOf(RowText(r, 5));
      l.group_formed_on = DateOf(RowText(r, 6));
      json members = json::parse(RowText(r, 7), nullptr, false);
      if (members.is_array()) {
        for (const json& m : members) {
          if (m.is_string()) l.group_members.push_back(m.get<std::string>());
        }
      }
      l.public_notice_on = OptDate(r, 8);
      l.claims_until = OptDate(r, 9);
      l.state = RowText(r, 10);
      l.decision_reason = RowText(r, 11);
      l.created_at = RowText(r, 12);
      registry::Entity e;
      e.org_form = RowText(r, 13);
      if (auto kind = registry::ParseKind(RowText(r, 14)); kind.ok()) e.kind = *kind;
      l.form = LiquidationForm(e);
      out = std::move(l);
    }
  }
  if (!out) return NotFoundError(fmt::format("清算（一般注销）记录 {} 不存在", id), "id");
  Liquidation& l = *out;
  const Date today = ChinaDate(clock.Now());
  std::map<std::string, LiquidationStep> by_step;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT step, due_on, done_on, overdue, documents_json, detail_json, "
                        "done_by FROM liquidation_step WHERE liquidation_id = :id",
         soci::use(lid));
    for (const soci::row& r : rows) {
      LiquidationStep s;
      s.step = RowText(r, 0);
      s.due_on = OptDate(r, 1);
      s.done_on = OptDate(r, 2);
      s.overdue = RowInt(r, 3) != 0;
      json docs = json::parse(RowText(r, 4), nullptr, false);
      if (docs.is_array()) {
        for (const json& d : docs) {
          if (d.is_string()) s.documents.push_back(d.get<std::string>());
        }
      }
      s.detail = json::parse(RowText(r, 5), nullptr, false);
      if (s.detail.is_discarded()) s.detail = json::object();
      s.done_by = RowText(r, 6);
      by_step[s.step] = std::move(s);
    }
  }
  for (const LiquidationStepRule& rule : LiquidationSteps()) {
    auto it = by_step.find(rule.step);
    if (it == by_step.end()) continue;
    LiquidationStep s = std::move(it->second);
    s.name = rule.name;
    s.required = rule.documents;
    if (!rule.period.empty()) {
      auto p = PeriodFor(l.form, rule.period);
      if (p.ok() && p->has_value()) s.period = DescribePeriod(**p);
    }
    // Shown overdue as soon as the deadline has passed; the timer records it.
    const bool late_now = !s.done_on && s.due_on && today > *s.due_on;
    s.state = s.done_on ? (s.overdue ? "done_late" : "done")
                        : (s.overdue || late_now ? "overdue" : "pending");
    l.steps.push_back(std::move(s));
  }
  soci::indicator ind = soci::i_ok;
  int claims = 0;
  sql << "SELECT COUNT(*) FROM liquidation_claim WHERE liquidation_id = :id", soci::use(lid),
      soci::into(claims, ind);
  l.claims = claims;
  return l;
}

StatusOr<Liquidation> FileLiquidationGroup(soci::session& sql, const identity::Caller& caller,
                                           std::string_view uscc, const GroupFiling& filing,
                                           const Clock& clock,
                                           const codes::WorkdayCalendar& calendar) {
  const Clock::TimePoint now_tp = clock.Now();
  const Date today = ChinaDate(now_tp);
  if (filing.cause.empty() || filing.cause.size() > 1000) {
    return InvalidArgumentError("须写明解散事由（不超过 1000 字节）", "cause");
  }
  if (filing.cause_on > today) {
    return InvalidArgumentError("解散事由出现日期不得晚于今天", "cause_on");
  }
  if (filing.group_formed_on < filing.cause_on || filing.group_formed_on > today) {
    return InvalidArgumentError(fmt::format("清算组成立日期须在解散事由出现日 {} 与今天 {} 之间",
                                            filing.cause_on.ToString(), today.ToString()),
                                "group_formed_on");
  }
  if (filing.members.empty() || filing.members.size() > 50) {
    return InvalidArgumentError("须列明清算组成员（1～50 人）", "members");
  }
  for (const std::string& m : filing.members) {
    if (m.empty() || m.size() > 200) return InvalidArgumentError("清算组成员姓名不正确", "members");
  }
  const LiquidationStepRule* rule = RuleOf("group_filing");
  if (rule == nullptr) return InternalError("liquidation_steps.json 没有 group_filing 步骤");
  RETURN_IF_ERROR(CheckDocuments(*rule, filing.documents));
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, kTask, now_tp));
  if (access.entity.status != registry::EntityStatus::kActive &&
      access.entity.status != registry::EntityStatus::kSuspended) {
    return FailedPreconditionError(fmt::format("{} 当前状态为{}，不能办理注销", uscc,
                                               registry::StatusName(access.entity.status)),
                                   "uscc");
  }
  {
    const std::string u(uscc);
    int open = 0;
    sql << "SELECT COUNT(*) FROM liquidation WHERE uscc = :u AND state IN ('liquidating', "
           "'applied')",
        soci::use(u), soci::into(open);
    if (open > 0) {
      return FailedPreconditionError(fmt::format("{} 已在清算中", uscc), "uscc");
    }
  }
  const std::string form = LiquidationForm(access.entity);
  const std::string now = FormatChinaTime(now_tp), u(uscc), cause_on = filing.cause_on.ToString(),
                    formed = filing.group_formed_on.ToString(),
                    members = json(filing.members).dump();
  long long authority = access.authority_org_unit_id;
  long long id = 0;
  sql << "INSERT INTO liquidation (uscc, authority_org_unit_id, cause, cause_on, group_formed_on, "
         "group_members, state, created_at, updated_at) VALUES (:u, :a, :c, :co, :gf, :m, "
         "'liquidating', :now, :now2) RETURNING id",
      soci::use(u), soci::use(authority), soci::use(filing.cause), soci::use(cause_on),
      soci::use(formed), soci::use(members), soci::use(now), soci::use(now), soci::into(id);
  for (const LiquidationStepRule& r : LiquidationSteps()) {
    sql << "INSERT INTO liquidation_step (liquidation_id, step, updated_at) VALUES (:id, :s, :now)",
        soci::use(id), soci::use(r.step), soci::use(now);
  }
  // Deadlines known now: those counted from the cause or the formation.
  for (const LiquidationStepRule& r : LiquidationSteps()) {
    if (r.from == "cause_on") {
      RETURN_IF_ERROR(SetDeadline(sql, id, authority, form, r, filing.cause_on, clock, calendar));
    }
    if (r.from == "group_formed_on") {
      RETURN_IF_ERROR(
          SetDeadline(sql, id, authority, form, r, filing.group_formed_on, clock, calendar));
    }
  }
  const std::string by = ByOf(caller);
  // 公司法（2023） Art. 232: the 15 days run from the dissolution cause to
  // *forming* the 清算组, so the step is done on the formation date; filing
  // and publishing it is group_publication, 10 days from the formation.
  RETURN_IF_ERROR(MarkDone(sql, id, "group_filing",
                           {filing.documents, {{"members", filing.members}}}, by,
                           filing.group_formed_on, clock));
  // The platform publishes the group on the disclosure system at once.
  RETURN_IF_ERROR(MarkDone(sql, id, "group_publication", {}, "platform", today, clock));
  ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
  std::string names;
  for (const std::string& m : filing.members) names += (names.empty() ? "" : "、") + m;
  RETURN_IF_ERROR(PublishNotice(sql, l, "group", today,
                                fmt::format("{}（{}）因{}进入清算，清算组成员：{}（成立于 {}）",
                                            l.entity_name, l.uscc, filing.cause, names, formed),
                                now));
  RETURN_IF_ERROR(AuditLiquidation(sql, ActorForEntity(caller, access, perm::kRegistrationAccept),
                                   "liquidation.group_file", id, nullptr,
                                   json{{"uscc", l.uscc},
                                        {"cause", filing.cause},
                                        {"cause_on", cause_on},
                                        {"group_formed_on", formed}},
                                   clock));
  return GetLiquidation(sql, id, clock);
}

StatusOr<Liquidation> SubmitLiquidationStep(soci::session& sql, const identity::Caller& caller,
                                            int64_t id, std::string_view step,
                                            const StepSubmission& submission, const Clock& clock,
                                            const codes::WorkdayCalendar& calendar) {
  const Clock::TimePoint now_tp = clock.Now();
  const Date today = ChinaDate(now_tp);
  if (step != "creditor_notice" && step != "public_notice" && step != "report" &&
      step != "application") {
    return InvalidArgumentError(fmt::format("申请人不能办理步骤 {}", step), "step");
  }
  const LiquidationStepRule* rule = RuleOf(step);
  if (rule == nullptr) return InternalError(fmt::format("liquidation_steps.json 没有 {}", step));
  ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, l.uscc, perm::kRegistrationAccept, kTask, now_tp));
  if (l.state != "liquidating") {
    return FailedPreconditionError(
        fmt::format("该清算已是{}状态，不能再办理“{}”", l.state, rule->name), "state");
  }
  if (const LiquidationStep* s = StepOf(l, step); s != nullptr && s->done_on) {
    return FailedPreconditionError(
        fmt::format("“{}”已于 {} 办理", rule->name, s->done_on->ToString()), "step");
  }
  RETURN_IF_ERROR(CheckDocuments(*rule, submission.documents));
  const std::string now = FormatChinaTime(now_tp);
  StepSubmission stored = submission;
  if (step == "public_notice") {
    std::string text;
    if (submission.detail.contains("text") && submission.detail["text"].is_string()) {
      text = submission.detail["text"].get<std::string>();
    }
    if (text.empty() || text.size() > 4000) {
      return InvalidArgumentError("须填写债权人公告正文（不超过 4000 字节）", "text");
    }
    ASSIGN_OR_RETURN(Date until, EndOf(l.form, "liquidation.claims_public", today, calendar));
    const std::string published = today.ToString(), until_text = until.ToString();
    long long lid = id;
    sql << "UPDATE liquidation SET public_notice_on = :p, claims_until = :c, updated_at = :now "
           "WHERE id = :id",
        soci::use(published), soci::use(until_text), soci::use(now), soci::use(lid);
    RETURN_IF_ERROR(PublishNotice(
        sql, l, "creditors", today,
        fmt::format(
            "{}（{}）清算组公告：{} 债权人请于 {} 前申报债权（已接到通知的，自接到通知之日起 "
            "30 日内）。",
            l.entity_name, l.uscc, text, until_text),
        now));
    stored.detail["claims_until"] = until_text;
  } else if (step == "report") {
    RETURN_IF_ERROR(RequireDone(l, "creditor_notice", rule->name));
    RETURN_IF_ERROR(RequireDone(l, "public_notice", rule->name));
    if (l.claims_until && today <= *l.claims_until) {
      return FailedPreconditionError(
          fmt::format("债权申报期至 {} 届满，届满后（{} 起）方可提交清算报告",
                      l.claims_until->ToString(), l.claims_until->AddDays(1).ToString()),
          "claims_period");
    }
  } else if (step == "application") {
    RETURN_IF_ERROR(RequireDone(l, "report", rule->name));
    RETURN_IF_ERROR(RequireDone(l, "tax_clearance", rule->name));
  }
  RETURN_IF_ERROR(MarkDone(sql, id, step, stored, ByOf(caller), today, clock));
  // Deadlines that run from this step.
  for (const LiquidationStepRule& r : LiquidationSteps()) {
    if (r.from == step) {
      RETURN_IF_ERROR(
          SetDeadline(sql, id, l.authority_org_unit_id, l.form, r, today, clock, calendar));
    }
  }
  if (step == "application") {
    long long lid = id;
    sql << "UPDATE liquidation SET state = 'applied', updated_at = :now WHERE id = :id",
        soci::use(now), soci::use(lid);
  }
  RETURN_IF_ERROR(AuditLiquidation(
      sql, ActorForEntity(caller, access, perm::kRegistrationAccept),
      "liquidation." + std::string(step), id, nullptr,
      json{{"step", step}, {"done_on", today.ToString()}, {"documents", submission.documents}},
      clock));
  return GetLiquidation(sql, id, clock);
}

StatusOr<Liquidation> RecordTaxClearance(soci::session& sql, const identity::Caller& caller,
                                         int64_t id, const StepSubmission& submission,
                                         const Clock& clock) {
  const Date today = ChinaDate(clock.Now());
  ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
  ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, l.uscc));
  ASSIGN_OR_RETURN(Unit unit, TaxUnitOf(sql, entity.region_code, l.authority_org_unit_id));
  if (caller.principal != nullptr) {
    RETURN_IF_ERROR(
        identity::RequireScope(*caller.principal, perm::kDepartmentQueueWork, unit.path));
  }
  const LiquidationStepRule* rule = RuleOf("tax_clearance");
  if (rule == nullptr) return InternalError("liquidation_steps.json 没有 tax_clearance");
  if (l.state != "liquidating") {
    return FailedPreconditionError(fmt::format("该清算已是{}状态", l.state), "state");
  }
  if (const LiquidationStep* s = StepOf(l, "tax_clearance"); s != nullptr && s->done_on) {
    return FailedPreconditionError(fmt::format("清税已于 {} 记录", s->done_on->ToString()), "step");
  }
  RETURN_IF_ERROR(CheckDocuments(*rule, submission.documents));
  RETURN_IF_ERROR(MarkDone(sql, id, "tax_clearance", submission, ByOf(caller), today, clock));
  audit::Actor actor = identity::ActorFor(caller, perm::kDepartmentQueueWork, unit.path);
  RETURN_IF_ERROR(AuditLiquidation(
      sql, actor, "liquidation.tax_clearance", id, nullptr,
      json{{"done_on", today.ToString()}, {"tax_unit", unit.id}, {"detail", submission.detail}},
      clock));
  return GetLiquidation(sql, id, clock);
}

StatusOr<std::vector<Liquidation>> ListLiquidationsAwaiting(soci::session& sql,
                                                            const identity::Caller& caller,
                                                            std::string_view awaiting,
                                                            const Clock& clock) {
  const bool tax = awaiting == "tax_clearance";
  if (!tax && awaiting != "decision") {
    return InvalidArgumentError("awaiting 只能是 tax_clearance 或 decision", "awaiting");
  }
  const std::string state = tax ? "liquidating" : "applied";
  std::vector<long long> ids;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id FROM liquidation WHERE state = :s ORDER BY id LIMIT 500",
         soci::use(state));
    for (const soci::row& r : rows) ids.push_back(RowInt(r, 0));
  }
  const identity::Principal* p = caller.principal;
  std::vector<Liquidation> out;
  for (long long id : ids) {
    ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
    if (tax) {
      if (const LiquidationStep* s = StepOf(l, "tax_clearance"); s != nullptr && s->done_on) {
        continue;
      }
      ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, l.uscc));
      ASSIGN_OR_RETURN(Unit unit, TaxUnitOf(sql, entity.region_code, l.authority_org_unit_id));
      if (p != nullptr && !p->InScope(perm::kDepartmentQueueWork, unit.path)) continue;
    } else {
      ASSIGN_OR_RETURN(identity::OrgUnit unit, identity::GetOrgUnit(sql, l.authority_org_unit_id));
      if (p != nullptr && !p->InScope(perm::kRegistrationReview, unit.path)) continue;
    }
    out.push_back(std::move(l));
  }
  return out;
}

StatusOr<Liquidation> DecideLiquidation(soci::session& sql, const identity::Caller& caller,
                                        int64_t id, bool approve, std::string_view reason,
                                        const DeregistrationHooks& hooks, const Clock& clock) {
  const Clock::TimePoint now_tp = clock.Now();
  const Date today = ChinaDate(now_tp);
  ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, l.uscc, perm::kRegistrationReview, kTask, now_tp));
  if (l.state != "applied") {
    return FailedPreconditionError(
        fmt::format("只有已提交注销登记申请的清算可以决定（当前：{}）", l.state), "state");
  }
  if (!approve && (reason.empty() || reason.size() > 1000)) {
    return InvalidArgumentError("不予注销须写明理由（不超过 1000 字节）", "reason");
  }
  const std::string now = FormatChinaTime(now_tp), r(reason);
  const audit::Actor actor = ActorForEntity(caller, access, perm::kRegistrationReview);
  const LiquidationStep* application = StepOf(l, "application");
  long long lid = id;
  if (approve) {
    // Aggregate order: uscc, kind, application_ref, applied_on, deregistered_on, reason.
    const DeregistrationFact fact{
        l.uscc,
        "ordinary",
        fmt::format("liquidation:{}", id),
        application && application->done_on ? *application->done_on : today,
        today,
        "一般注销：清算完毕，准予注销登记"};
    ASSIGN_OR_RETURN(DeregistrationResult result, DeregisterEntity(sql, fact, actor, hooks, clock));
    sql << "UPDATE liquidation SET state = 'deregistered', updated_at = :now WHERE id = :id",
        soci::use(now), soci::use(lid);
    RETURN_IF_ERROR(PublishNotice(
        sql, l, "deregistered", today,
        fmt::format("{}（{}）经清算，于 {} 准予注销登记", l.entity_name, l.uscc, today.ToString()),
        now));
    RETURN_IF_ERROR(MarkDone(sql, id, "decision",
                             {{},
                              {{"decision", "approved"},
                               {"license_cancelled", result.license_cancelled},
                               {"permits_cancelled", result.permits_cancelled}}},
                             ByOf(caller), today, clock));
  } else {
    sql << "UPDATE liquidation SET state = 'rejected', decision_reason = :r, updated_at = :now "
           "WHERE id = :id",
        soci::use(r), soci::use(now), soci::use(lid);
    RETURN_IF_ERROR(MarkDone(sql, id, "decision", {{}, {{"decision", "rejected"}, {"reason", r}}},
                             ByOf(caller), today, clock));
  }
  RETURN_IF_ERROR(AuditLiquidation(
      sql, actor, "liquidation.decide", id, json{{"state", "applied"}},
      json{{"state", approve ? "deregistered" : "rejected"}, {"reason", r}}, clock));
  return GetLiquidation(sql, id, clock);
}

StatusOr<std::string> MarkStepOverdue(soci::session& sql, int64_t id, std::string_view step,
                                      const Clock& clock) {
  ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
  const LiquidationStep* s = StepOf(l, step);
  if (s == nullptr) return NotFoundError(fmt::format("清算 {} 没有步骤 {}", id, step), "step");
  if (s->done_on) return fmt::format("“{}”已于 {} 办理", s->name, s->done_on->ToString());
  if (l.state == "deregistered" || l.state == "rejected") {
    return fmt::format("清算已结束（{}），不再计逾期", l.state);
  }
  const std::string now = FormatChinaTime(clock.Now()), st(step);
  long long lid = id;
  sql << "UPDATE liquidation_step SET overdue = 1, overdue_marked_at = :now, updated_at = :now2 "
         "WHERE liquidation_id = :id AND step = :s",
      soci::use(now), soci::use(now), soci::use(lid), soci::use(st);
  const std::string outcome = fmt::format("“{}”已逾期（期限 {}）", s->name,
                                          s->due_on ? s->due_on->ToString() : std::string("—"));
  audit::Actor actor;
  actor.username = "scheduler";
  RETURN_IF_ERROR(AuditLiquidation(sql, actor, "liquidation.step_overdue", id, nullptr,
                                   json{{"step", step}, {"outcome", outcome}}, clock));
  return outcome;
}

json LiquidationJson(const Liquidation& l) {
  json steps = json::array();
  for (const LiquidationStep& s : l.steps) {
    json required = json::array();
    for (const LiquidationDocument& d : s.required) {
      required.push_back({{"code", d.code}, {"name", d.name}});
    }
    steps.push_back({{"step", s.step},
                     {"name", s.name},
                     {"period", s.period},
                     {"due_on", s.due_on ? json(s.due_on->ToString()) : json()},
                     {"done_on", s.done_on ? json(s.done_on->ToString()) : json()},
                     {"overdue", s.overdue},
                     {"state", s.state},
                     {"required_documents", required},
                     {"documents", s.documents},
                     {"detail", s.detail}});
  }
  return {{"id", l.id},
          {"uscc", l.uscc},
          {"entity_name", l.entity_name},
          {"cause", l.cause},
          {"cause_on", l.cause_on.ToString()},
          {"group_formed_on", l.group_formed_on.ToString()},
          {"group_members", l.group_members},
          {"public_notice_on", l.public_notice_on ? json(l.public_notice_on->ToString()) : json()},
          {"claims_until", l.claims_until ? json(l.claims_until->ToString()) : json()},
          {"state", l.state},
          {"decision_reason", l.decision_reason},
          {"claims", l.claims},
          {"steps", steps}};
}

std::string StepDeadlineSubject(int64_t liquidation_id, std::string_view step) {
  return fmt::format("liquidation:{}:{}", liquidation_id, step);
}

Status MoveLiquidationStepDeadline(soci::session& sql, std::string_view subject,
                                   const Date& new_due, const Clock& clock) {
  // "liquidation:<id>:<step>"
  const size_t first = subject.find(':');
  const size_t second = subject.find(':', first + 1);
  if (!subject.starts_with("liquidation:") || second == std::string_view::npos) {
    return InvalidArgumentError(fmt::format("不是清算步骤的期限：{}", subject), "subject");
  }
  const long long id = std::stoll(std::string(subject.substr(first + 1, second - first - 1)));
  const std::string step(subject.substr(second + 1));
  const std::string due = new_due.ToString(), now = FormatChinaTime(clock.Now());
  sql << "UPDATE liquidation_step SET due_on = :d, updated_at = :now WHERE liquidation_id = :id "
         "AND step = :s",
      soci::use(due), soci::use(now), soci::use(id), soci::use(step);
  // The overdue timer fires at the start of the day after the new due date.
  return scheduler::Schedule(sql, kStepOverdueTimer, TimerKey(id, step),
                             ChinaMidnight(new_due.AddDays(1)),
                             json{{"liquidation_id", id}, {"step", step}}, clock);
}

}  // namespace amr::lifecycle
