// SPDX-License-Identifier: MulanPSL-2.0
// Credit risk classification (risk.h; docs/credit.md): every entity 存续 or
// 歇业 classified A–D at once (monthly by the scheduler, or on demand), each
// classification kept with the indicators that counted; the entity's class
// with its explanation and history; the distribution per unit.
//
//   RiskService risk(db, clock, sources);
//   risk.ClassifyAll(today, "scheduler");
//   risk.RiskOf(caller, uscc);
//
// Other contexts' records reach the indicators only through `sources`
// (RiskSources: counts per entity in a date range; the complaints and the
// inspection results provide them, wired in cli/credit_wiring.cc).
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "credit/credit_rules.h"
#include "credit/risk.h"
#include "credit/risk_store.h"
#include "identity/caller.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

namespace amr::credit {

// Records of another context per entity (USCC → count) in [from, to].
using CountSource = std::function<StatusOr<std::unordered_map<std::string, int64_t>>(
    soci::session& sql, const Date& from, const Date& to)>;
// By source name as the indicators use it ("complaints", "inspection_problems").
// An indicator whose source is missing counts nothing.
using RiskSources = std::map<std::string, CountSource, std::less<>>;

inline constexpr std::string_view kRiskTimer = "credit.risk_classify";

struct RiskRun {
  Date on = Date::FromSysDays({});
  int64_t classified = 0;
  int64_t counts[4] = {0, 0, 0, 0};  // A, B, C, D
};

struct EntityRisk {
  std::string uscc;
  char current = 'B';                         // as stored on the entity (the draw reads it)
  std::vector<StoredClassification> history;  // newest first
};

class RiskService {
 public:
  RiskService(storage::Database& db, const Clock& clock, RiskSources sources,
              const RiskRules& rules = RiskRules::Default(),
              const CreditRules& credit = CreditRules::Default());

  // Classifies every entity on `on`; audited "credit.risk_classify" (the
  // counts) as `actor`. Replaces a run of the same day.
  StatusOr<RiskRun> ClassifyAll(const Date& on, const std::string& actor);
  // The same by a leader (credit.risk_run), today.
  StatusOr<RiskRun> ClassifyNow(const identity::Caller& caller);
  // The entity's class, explanation and history (credit.risk_read held at
  // the entity's registration authority, above it, or at a unit under it
  // such as a station). NotFound "uscc".
  StatusOr<EntityRisk> RiskOf(const identity::Caller& caller, const std::string& uscc);
  // Entities by class per registration authority in the caller's
  // stats.read scope.
  StatusOr<std::vector<UnitDistribution>> Distribution(const identity::Caller& caller);

  // The monthly run as a persistent timer (kRiskTimer, key "YYYY-MM") due on
  // the first day of the month after `today` at 02:00. Idempotent.
  Status ScheduleMonthly(const Date& today);
  Date Today() const { return ChinaDate(clock_.Now()); }

  static StatusOr<RiskRun> ClassifyIn(soci::session& sql, const Date& on, const std::string& actor,
                                      const Clock& clock, const RiskSources& sources,
                                      const RiskRules& rules, const CreditRules& credit);
  static Status ScheduleIn(soci::session& sql, const Date& today, const Clock& clock);

 private:
  storage::Database& db_;
  const Clock& clock_;
  RiskSources sources_;
  const RiskRules& rules_;
  const CreditRules& credit_;
};

// The handler of kRiskTimer: classifies on its day and schedules the next
// month. The references must outlive the scheduler.
void RegisterRiskTimers(scheduler::Scheduler& scheduler, const Clock& clock, RiskSources sources);

}  // namespace amr::credit
