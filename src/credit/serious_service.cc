// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/serious_service.h"

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "codes/deadline.h"
#include "credit/credit_store.h"
#include "credit/repair_store.h"
#include "credit/scopes.h"
#include "credit/serious_store.h"
#include "identity/org_unit_store.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "outbox/outbox.h"
#include "registry/entity_store.h"

namespace amr::credit {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

json SeriousAuditJson(const SeriousListing& s) {
  return {{"state", SeriousStateId(s.state)},
          {"statement_due", s.statement_due},
          {"decided_on", s.decided_on},
          {"listed_until", s.listed_until},
          {"reason", s.decision_reason}};
}

}  // namespace

SeriousService::SeriousService(storage::Database& db, const Clock& clock,
                               const codes::CalendarSource& calendar, const CreditRules& rules)
    : db_(db), clock_(clock), calendar_(calendar), rules_(rules) {}

StatusOr<EscalationRun> SeriousService::EscalateIn(soci::session& sql, const Date& today,
                                                   const Clock& clock, const CreditRules& rules) {
  ASSIGN_OR_RETURN(CreditRuleVersion rule, rules.At(today));
  ASSIGN_OR_RETURN(Date listed_by, YearsAfter(today, -rule.escalation_years));
  const std::string now = FormatChinaTime(clock.Now());
  EscalationRun run;
  ASSIGN_OR_RETURN(std::vector<SeriousListing> proposed,
                   ProposeEscalations(sql, listed_by, today, now));
  audit::Actor platform;
  platform.username = "scheduler";
  for (const SeriousListing& s : proposed) {
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {platform, "credit.serious_propose", "serious_listing", std::to_string(s.id),
                       nullptr, json{{"uscc", s.uscc}, {"source", s.source}}},
                      clock));
  }
  run.proposed = static_cast<int64_t>(proposed.size());
  // Listings whose period is over leave the list the day after.
  ASSIGN_OR_RETURN(std::vector<SeriousListing> expired, ExpiredSerious(sql, today));
  for (SeriousListing& s : expired) {
    ASSIGN_OR_RETURN(Date until, Date::Parse(s.listed_until, "listed_until"));
    RETURN_IF_ERROR(s.Remove(until.AddDays(1), "列入期限届满，移出"));
    RETURN_IF_ERROR(SaveSerious(sql, s));
    RETURN_IF_ERROR(audit::Append(
        sql,
        {platform, "credit.serious_remove", "serious_listing", std::to_string(s.id),
         json{{"state", "listed"}}, json{{"state", "removed"}, {"removed_on", s.removed_on}}},
        clock));
  }
  run.removed = static_cast<int64_t>(expired.size());
  // Reminded once, within the reminder days before the day.
  ASSIGN_OR_RETURN(
      std::vector<EscalationDue> due,
      ListingsListedBetween(sql, listed_by, listed_by.AddDays(rule.escalation_reminder_days)));
  for (const EscalationDue& d : due) {
    ASSIGN_OR_RETURN(Date on, YearsAfter(d.listed_on, rule.escalation_years));
    RETURN_IF_ERROR(outbox::Enqueue(
        sql, kEscalationReminderTopic,
        json{{"uscc", d.uscc},
             {"name", d.name},
             {"listing_id", d.listing_id},
             {"escalation_on", on.ToString()},
             {"message",
              fmt::format(
                  "{}：列入经营异常名录将满 {} 年，{} 前仍未移出的，将被提请列入严重违法失信名单",
                  d.name, rule.escalation_years, on.ToString())}},
        fmt::format("escalation_reminder:{}", d.listing_id), clock));
    ++run.reminded;
  }
  return run;
}

StatusOr<EscalationRun> SeriousService::Escalate(const Date& today) {
  std::optional<EscalationRun> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, EscalateIn(sql, today, clock_, rules_));
    return OkStatus();
  }));
  return *out;
}

Status SeriousService::ScheduleIn(soci::session& sql, const Date& today, const Clock& clock) {
  const Date next = today.AddDays(1);
  ASSIGN_OR_RETURN(Clock::TimePoint due, ParseTime(next.ToString() + "T01:00:00+08:00"));
  return scheduler::Schedule(sql, kEscalationTimer, next.ToString(), due, json::object(), clock);
}

Status SeriousService::ScheduleDaily(const Date& today) {
  return db_.Transaction([&](soci::session& sql) { return ScheduleIn(sql, today, clock_); });
}

StatusOr<SeriousListing> SeriousService::Change(
    const identity::Caller& caller, int64_t id, std::string_view permission,
    std::string_view action, const std::function<Status(soci::session&, SeriousListing&)>& step) {
  std::optional<SeriousListing> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(SeriousListing s, GetSerious(sql, id));
    const identity::Principal* p = caller.principal;
    if (p == nullptr || !p->Can(permission)) return PermissionDeniedError("需要登录");
    if (p->kind == identity::UserKind::kApplicant) {
      ASSIGN_OR_RETURN(
          bool may, license::IsAuthorized(sql, s.uscc, p->user_id, "annual_report", clock_.Now()));
      if (!may) {
        return PermissionDeniedError("只有本企业电子营业执照的管理员或被授权的经办人可以陈述申辩");
      }
    } else {
      ASSIGN_OR_RETURN(identity::OrgUnit authority, identity::GetOrgUnit(sql, s.authority_unit_id));
      if (!p->InScope(permission, authority.path)) return identity::OutOfScopeError();
    }
    const json before = SeriousAuditJson(s);
    RETURN_IF_ERROR(step(sql, s));
    RETURN_IF_ERROR(SaveSerious(sql, s));
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, permission), std::string(action),
                       "serious_listing", std::to_string(id), before, SeriousAuditJson(s)},
                      clock_));
    out = std::move(s);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<SeriousListing> SeriousService::Propose(const identity::Caller& caller,
                                                 const std::string& uscc,
                                                 const std::string& category, int64_t penalty_id) {
  const CreditRules::SeriousCategory* c = rules_.SeriousCategoryOf(category);
  if (c == nullptr || !c->from_penalty) {
    return InvalidArgumentError("请选择依行政处罚提请的列入类别", "category");
  }
  const Date today = ChinaDate(clock_.Now());
  std::optional<SeriousListing> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    const identity::Principal* p = caller.principal;
    if (p == nullptr || !p->Can(perm::kCreditDecide)) return PermissionDeniedError("需要登录");
    if (!p->InScope(perm::kCreditDecide, authority.path)) return identity::OutOfScopeError();
    StatusOr<PenaltyPublication> penalty = GetPenalty(sql, penalty_id);
    if (!penalty.ok() || penalty->uscc != uscc) {
      return NotFoundError("该主体没有这项行政处罚信息", "penalty_id");
    }
    if (penalty->tier != "serious") {
      return FailedPreconditionError(
          "列入严重违法失信名单须以较重行政处罚为前提（公示类别为“严重”的处罚）", "penalty_id");
    }
    ASSIGN_OR_RETURN(std::vector<SeriousListing> existing, SeriousOf(sql, uscc));
    for (const SeriousListing& e : existing) {
      if (e.state == SeriousState::kProposed || e.state == SeriousState::kNoticed ||
          e.state == SeriousState::kListed) {
        return FailedPreconditionError(
            fmt::format("该主体已在严重违法失信名单程序中（{}）", SeriousStateName(e.state)),
            "uscc");
      }
    }
    SeriousListing s;
    s.uscc = uscc;
    s.category = category;
    s.source = fmt::format("penalty_publication:{}", penalty_id);
    s.proposed_on = today.ToString();
    s.authority_unit_id = authority.id;
    ASSIGN_OR_RETURN(s.id, InsertSerious(sql, s, FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kCreditDecide), "credit.serious_propose",
                       "serious_listing", std::to_string(s.id), nullptr,
                       json{{"uscc", uscc}, {"category", category}, {"source", s.source}}},
                      clock_));
    ASSIGN_OR_RETURN(SeriousListing kept, GetSerious(sql, s.id));
    out = std::move(kept);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<SeriousListing> SeriousService::Notice(const identity::Caller& caller, int64_t id) {
  const Date today = ChinaDate(clock_.Now());
  return Change(caller, id, perm::kCreditDecide, "credit.serious_notice",
                [&](soci::session&, SeriousListing& s) -> Status {
                  ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(today));
                  ASSIGN_OR_RETURN(
                      codes::CountedDate due,
                      codes::PeriodEnd(*calendar_.Current(), today, rule.serious_statement));
                  return s.Notice(today, due.date);
                });
}

StatusOr<SeriousListing> SeriousService::State(const identity::Caller& caller, int64_t id,
                                               std::string text) {
  const Date today = ChinaDate(clock_.Now());
  return Change(caller, id, perm::kCreditFile, "credit.serious_statement",
                [&](soci::session&, SeriousListing& s) { return s.State(today, std::move(text)); });
}

StatusOr<SeriousListing> SeriousService::Decide(const identity::Caller& caller, int64_t id,
                                                bool list, std::string reason) {
  const Date today = ChinaDate(clock_.Now());
  return Change(caller, id, perm::kCreditDecide, "credit.serious_decide",
                [&](soci::session&, SeriousListing& s) -> Status {
                  ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(today));
                  ASSIGN_OR_RETURN(Date until, YearsAfter(today, rule.serious_years));
                  return s.Decide(
                      today, list, std::move(reason), until.AddDays(-1),
                      fmt::format("{}严重失信〔{}〕{}号", s.authority_name, today.year(), s.id));
                });
}

StatusOr<std::vector<SeriousListing>> SeriousService::Queue(const identity::Caller& caller) {
  const std::vector<std::string> paths = OutermostScopes(caller, perm::kCreditDecide);
  std::vector<SeriousListing> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, SeriousQueue(sql, paths));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<SeriousListing>> SeriousService::PublicOf(const std::string& uscc) {
  std::vector<SeriousListing> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<SeriousListing> all, SeriousOf(sql, uscc));
    for (SeriousListing& s : all) {
      if (s.state == SeriousState::kListed || s.state == SeriousState::kRemoved) {
        out.push_back(std::move(s));
      }
    }
    return OkStatus();
  }));
  return out;
}

void RegisterSeriousTimers(scheduler::Scheduler& scheduler, const Clock& clock,
                           const CreditRules& rules) {
  const Clock* c = &clock;
  const CreditRules* r = &rules;
  scheduler.Register(
      std::string(kEscalationTimer),
      [c, r](soci::session& sql, const scheduler::Timer&,
             Clock::TimePoint now) -> StatusOr<std::string> {
        const Date today = ChinaDate(now);
        ASSIGN_OR_RETURN(EscalationRun run, SeriousService::EscalateIn(sql, today, *c, *r));
        RETURN_IF_ERROR(SeriousService::ScheduleIn(sql, today, *c));
        return fmt::format("提请列入严重违法失信名单 {} 户，提示 {} 户，期满移出 {} 户",
                           run.proposed, run.reminded, run.removed);
      });
}

}  // namespace amr::credit
