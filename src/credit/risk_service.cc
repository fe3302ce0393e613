// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/risk_service.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

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
                         const RiskRules& rules, const CreditRules& credit, RiskBatching batching)
    : db_(db),
      clock_(clock),
      sources_(std::move(sources)),
      rules_(rules),
      credit_(credit),
      batching_(batching) {}

StatusOr<RiskBatch> RiskService::ClassifyBatchIn(soci::session& sql, const Date& on,
                                                 const std::string& after, int batch_size,
                                                 const RiskSources& sources, const RiskRules& rules,
                                                 const CreditRules& credit) {
  if (batch_size < 1) return InternalError("信用风险分类的每批户数应为正数");
  ASSIGN_OR_RETURN(RiskRuleVersion version, rules.At(on));
  ASSIGN_OR_RETURN(int year, LastClosedYear(on, credit));
  ASSIGN_OR_RETURN(std::vector<RiskFacts> facts, LoadRiskFacts(sql, year, after, batch_size));
  if (!facts.empty()) {
    const std::string &first = facts.front().uscc, &last = facts.back().uscc;
    for (const RiskIndicator& i : version.indicators) {
      if (i.rule != RiskIndicator::Rule::kCount) continue;
      auto source = sources.find(i.source);
      if (source == sources.end()) continue;
      ASSIGN_OR_RETURN(auto counts, source->second(sql, on.AddDays(-i.days), on, first, last));
      if (counts.empty()) continue;
      for (RiskFacts& f : facts) {
        auto it = counts.find(f.uscc);
        if (it != counts.end()) f.counts[i.id] = it->second;
      }
    }
  }
  RiskBatch batch;
  batch.rule_from = version.effective_from;
  // Fewer than a full batch: nothing is left after it.
  batch.last = facts.size() < static_cast<size_t>(batch_size);
  batch.classifications.reserve(facts.size());
  for (const RiskFacts& f : facts) batch.classifications.push_back(Classify(f, version, on));
  return batch;
}

StatusOr<RiskStep> RiskService::StoreBatchIn(soci::session& sql, const RiskStep& at,
                                             const RiskBatch& batch, const std::string& actor,
                                             const Clock& clock) {
  const std::vector<Classification>& all = batch.classifications;
  RiskStep next = at;
  next.done = batch.last;
  ++next.run.batches;
  for (const Classification& c : all) ++next.run.counts[c.letter - 'A'];
  next.run.classified += static_cast<int64_t>(all.size());
  // The range this batch answers for: after the last one's end, up to its own
  // last entity, or for the last batch to the end of the register.
  std::optional<std::string> upto;
  if (!batch.last) upto = all.back().uscc;
  RETURN_IF_ERROR(SaveClassifications(sql, at.run.on, batch.rule_from, at.after, upto, all));
  if (!all.empty()) next.after = all.back().uscc;
  if (!next.done) return next;
  audit::Actor who;
  who.username = actor;
  RETURN_IF_ERROR(
      audit::Append(sql,
                    {who, "credit.risk_classify", "credit_risk", at.run.on.ToString(), nullptr,
                     json{{"classified", next.run.classified},
                          {"A", next.run.counts[0]},
                          {"B", next.run.counts[1]},
                          {"C", next.run.counts[2]},
                          {"D", next.run.counts[3]},
                          {"batches", next.run.batches},
                          {"rule_from", batch.rule_from.ToString()}}},
                    clock));
  return next;
}

StatusOr<RiskRun> RiskService::ClassifyAll(const Date& on, const std::string& actor) {
  using std::chrono::steady_clock;
  const bool sqlite = db_.backend() == storage::Backend::kSqlite;
  const int size =
      batching_.size > 0 ? batching_.size : (sqlite ? kRiskBatchSqlite : kRiskBatchPostgresql);
  RiskStep at;
  at.run.on = on;
  // Wall times, for the operator and the benchmark, and the pause on SQLite;
  // nothing the classification decides depends on them.
  std::chrono::milliseconds longest{0};
  steady_clock::time_point stored{};
  while (!at.done) {
    // Read and classified in a read-only transaction: on SQLite the write
    // lock is free meanwhile, and only the writes hold it.
    std::optional<RiskBatch> batch;
    RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(batch, ClassifyBatchIn(sql, on, at.after, size, sources_, rules_, credit_));
      return OkStatus();
    }));
    if (sqlite && at.run.batches > 0) {
      const auto since = steady_clock::now() - stored;
      if (since < batching_.sqlite_pause)
        std::this_thread::sleep_for(batching_.sqlite_pause - since);
    }
    std::optional<RiskStep> next;
    const auto started = steady_clock::now();
    RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(next, StoreBatchIn(sql, at, *batch, actor, clock_));
      return OkStatus();
    }));
    stored = steady_clock::now();
    longest =
        std::max(longest, std::chrono::duration_cast<std::chrono::milliseconds>(stored - started));
    at = std::move(*next);
  }
  at.run.longest_batch = longest;
  return at.run;
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

namespace {

// A scheduled run's state between its batches, kept in the next batch's
// timer: the month's key names the run, the rest is a RiskStep.
json StepJson(const std::string& run, const RiskStep& at) {
  return {{"run", run},
          {"on", at.run.on.ToString()},
          {"after", at.after},
          {"batches", at.run.batches},
          {"classified", at.run.classified},
          {"A", at.run.counts[0]},
          {"B", at.run.counts[1]},
          {"C", at.run.counts[2]},
          {"D", at.run.counts[3]}};
}

StatusOr<RiskStep> StepFromJson(const json& j) {
  const auto text = [&](const char* k) { return j.contains(k) && j[k].is_string(); };
  const auto number = [&](const char* k) { return j.contains(k) && j[k].is_number_integer(); };
  if (!text("run") || !text("on") || !text("after") || !number("batches") ||
      !number("classified") || !number("A") || !number("B") || !number("C") || !number("D")) {
    return InternalError("信用风险分类批次定时任务的内容不完整");
  }
  RiskStep at;
  ASSIGN_OR_RETURN(at.run.on, Date::Parse(j["on"].get<std::string>(), "on"));
  at.after = j["after"];
  at.run.batches = j["batches"];
  at.run.classified = j["classified"];
  for (int k = 0; k < 4; ++k) at.run.counts[k] = j[std::string(1, static_cast<char>('A' + k))];
  return at;
}

std::string BatchKey(const std::string& run, int batch) { return fmt::format("{}#{}", run, batch); }

int BatchSize(soci::session& sql, int configured) {
  if (configured > 0) return configured;
  return sql.get_backend_name() == "sqlite3" ? kRiskBatchSqlite : kRiskBatchPostgresql;
}

}  // namespace

void RegisterRiskTimers(scheduler::Scheduler& scheduler, const Clock& clock, RiskSources sources,
                        int batch_size) {
  const Clock* c = &clock;
  // The month's run: its first batch is queued, due at once (the scheduler
  // fires it in the same round), and the next month goes on the timetable.
  scheduler.Register(
      std::string(kRiskTimer),
      [c, batch_size](soci::session& sql, const scheduler::Timer& timer,
                      Clock::TimePoint now) -> StatusOr<std::string> {
        const Date today = ChinaDate(now);
        RiskStep first;
        first.run.on = today;
        RETURN_IF_ERROR(scheduler::Schedule(sql, kRiskBatchTimer, BatchKey(timer.key, 1), now,
                                            StepJson(timer.key, first), *c));
        RETURN_IF_ERROR(RiskService::ScheduleIn(sql, today, *c));
        return fmt::format("{} 的信用风险分类已开始，分批进行，每批 {} 户", today.ToString(),
                           BatchSize(sql, batch_size));
      });
  // One batch; the next is queued in the same transaction (so it exists
  // exactly when this batch is committed), due at once.
  scheduler.Register(
      std::string(kRiskBatchTimer),
      [c, batch_size, sources = std::move(sources)](soci::session& sql,
                                                    const scheduler::Timer& timer,
                                                    Clock::TimePoint now) -> StatusOr<std::string> {
        ASSIGN_OR_RETURN(RiskStep at, StepFromJson(timer.payload));
        const std::string run = timer.payload["run"];
        ASSIGN_OR_RETURN(
            RiskBatch batch,
            RiskService::ClassifyBatchIn(sql, at.run.on, at.after, BatchSize(sql, batch_size),
                                         sources, RiskRules::Default(), CreditRules::Default()));
        ASSIGN_OR_RETURN(RiskStep next, RiskService::StoreBatchIn(sql, at, batch, "scheduler", *c));
        if (next.done) {
          return fmt::format("已对 {} 户进行信用风险分类：A {}，B {}，C {}，D {}（{} 批）",
                             next.run.classified, next.run.counts[0], next.run.counts[1],
                             next.run.counts[2], next.run.counts[3], next.run.batches);
        }
        RETURN_IF_ERROR(scheduler::Schedule(sql, kRiskBatchTimer,
                                            BatchKey(run, next.run.batches + 1), now,
                                            StepJson(run, next), *c));
        return fmt::format("第 {} 批已分类 {} 户，下一批已排队", next.run.batches,
                           next.run.classified - at.run.classified);
      });
}

}  // namespace amr::credit
