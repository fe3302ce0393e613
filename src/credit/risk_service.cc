// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/risk_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "credit/credit_store.h"
#include "credit/scopes.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "registry/entity_store.h"

namespace amr::credit {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

// The last year whose annual-report window has closed by `on`.
StatusOr<int> LastClosedYear(const Date& on, const CreditRules& credit) {
  ASSIGN_OR_RETURN(Date end, credit.WindowEnd(on.year() - 1));
  return end < on ? on.year() - 1 : on.year() - 2;
}

}  // namespace

RiskService::RiskService(storage::Database& db, const Clock& clock, RiskSources sources,
                         const RiskRules& rules, const CreditRules& credit)
    : db_(db), clock_(clock), sources_(std::move(sources)), rules_(rules), credit_(credit) {}

StatusOr<RiskRun> RiskService::ClassifyIn(soci::session& sql, const Date& on,
                                          const std::string& actor, const Clock& clock,
                                          const RiskSources& sources, const RiskRules& rules,
                                          const CreditRules& credit) {
  ASSIGN_OR_RETURN(RiskRuleVersion version, rules.At(on));
  ASSIGN_OR_RETURN(int year, LastClosedYear(on, credit));
  ASSIGN_OR_RETURN(std::vector<RiskFacts> facts, LoadRiskFacts(sql, year));
  for (const RiskIndicator& i : version.indicators) {
    if (i.rule != RiskIndicator::Rule::kCount) continue;
    auto source = sources.find(i.source);
    if (source == sources.end()) continue;
    ASSIGN_OR_RETURN(auto counts, source->second(sql, on.AddDays(-i.days), on));
    for (RiskFacts& f : facts) {
      auto it = counts.find(f.uscc);
      if (it != counts.end()) f.counts[i.id] = it->second;
    }
  }
  RiskRun run;
  run.on = on;
  std::vector<Classification> all;
  all.reserve(facts.size());
  for (const RiskFacts& f : facts) {
    all.push_back(Classify(f, version, on));
    ++run.counts[all.back().letter - 'A'];
  }
  run.classified = static_cast<int64_t>(all.size());
  RETURN_IF_ERROR(SaveClassifications(sql, on, version.effective_from, all));
  audit::Actor who;
  who.username = actor;
  RETURN_IF_ERROR(audit::Append(sql,
                                {who, "credit.risk_classify", "credit_risk", on.ToString(), nullptr,
                                 json{{"classified", run.classified},
                                      {"A", run.counts[0]},
                                      {"B", run.counts[1]},
                                      {"C", run.counts[2]},
                                      {"D", run.counts[3]},
                                      {"rule_from", version.effective_from.ToString()}}},
                                clock));
  return run;
}

StatusOr<RiskRun> RiskService::ClassifyAll(const Date& on, const std::string& actor) {
  std::optional<RiskRun> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, ClassifyIn(sql, on, actor, clock_, sources_, rules_, credit_));
    return OkStatus();
  }));
  return *out;
}

StatusOr<RiskRun> RiskService::ClassifyNow(const identity::Caller& caller) {
  const identity::Principal* p = caller.principal;
  if (p == nullptr || !p->Can(perm::kCreditRiskRun)) return PermissionDeniedError("需要登录");
  return ClassifyAll(ChinaDate(clock_.Now()), p->username);
}

StatusOr<EntityRisk> RiskService::RiskOf(const identity::Caller& caller, const std::string& uscc) {
  EntityRisk out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    const identity::Principal* p = caller.principal;
    if (p == nullptr || !p->Can(perm::kCreditRiskRead)) return PermissionDeniedError("需要登录");
    // Staff of the county bureau or above it, and of the stations under it.
    const auto grants = p->ScopesFor(perm::kCreditRiskRead);
    const bool allowed = std::any_of(grants.begin(), grants.end(), [&](const auto* g) {
      return authority.path.starts_with(g->org_unit.path) ||
             g->org_unit.path.starts_with(authority.path);
    });
    if (!allowed) return identity::OutOfScopeError();
    out.uscc = uscc;
    out.current = entity->credit_class;
    ASSIGN_OR_RETURN(out.history, RiskHistory(sql, uscc, 24));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<UnitDistribution>> RiskService::Distribution(const identity::Caller& caller) {
  const std::vector<std::string> paths = OutermostScopes(caller, perm::kStatsRead);
  std::vector<UnitDistribution> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, RiskDistribution(sql, paths));
    return OkStatus();
  }));
  return out;
}

Status RiskService::ScheduleIn(soci::session& sql, const Date& today, const Clock& clock) {
  const int year = today.month() == 12 ? today.year() + 1 : today.year();
  const int month = today.month() == 12 ? 1 : today.month() + 1;
  ASSIGN_OR_RETURN(Clock::TimePoint due,
                   ParseTime(fmt::format("{:04d}-{:02d}-01T02:00:00+08:00", year, month)));
  return scheduler::Schedule(sql, kRiskTimer, fmt::format("{:04d}-{:02d}", year, month), due,
                             json::object(), clock);
}

Status RiskService::ScheduleMonthly(const Date& today) {
  return db_.Transaction([&](soci::session& sql) { return ScheduleIn(sql, today, clock_); });
}

void RegisterRiskTimers(scheduler::Scheduler& scheduler, const Clock& clock, RiskSources sources) {
  const Clock* c = &clock;
  scheduler.Register(
      std::string(kRiskTimer),
      [c, sources = std::move(sources)](soci::session& sql, const scheduler::Timer&,
                                        Clock::TimePoint now) -> StatusOr<std::string> {
        const Date today = ChinaDate(now);
        ASSIGN_OR_RETURN(RiskRun run,
                         RiskService::ClassifyIn(sql, today, "scheduler", *c, sources,
                                                 RiskRules::Default(), CreditRules::Default()));
        RETURN_IF_ERROR(RiskService::ScheduleIn(sql, today, *c));
        return fmt::format("已对 {} 户进行信用风险分类：A {}，B {}，C {}，D {}", run.classified,
                           run.counts[0], run.counts[1], run.counts[2], run.counts[3]);
      });
}

}  // namespace amr::credit
