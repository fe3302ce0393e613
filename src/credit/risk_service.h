// SPDX-License-Identifier: MulanPSL-2.0
// Credit risk classification (risk.h; docs/credit.md): every entity 存续 or
// 歇业 classified A–D (monthly by the scheduler, or on demand), each
// classification kept with the indicators that counted; the entity's class
// with its explanation and history; the distribution per unit.
//
//   RiskService risk(db, clock, sources);
//   risk.ClassifyAll(today, "scheduler");
//   risk.RiskOf(caller, uscc);
//
// A run walks the register in batches in USCC order (keyset pagination),
// each batch read with only its own entities' records and written in a
// short transaction of its own: the write lock is never held for long (on
// SQLite registration waits for it), memory follows the batch, not the
// register. Each batch replaces that day's classifications in its range of
// USCCs, so running a day again, or completing an interrupted run, replaces
// and never duplicates. The run is audited once, in its last batch's
// transaction, with the totals.
//
// Other contexts' records reach the indicators only through `sources`
// (RiskSources: counts per entity of one batch's range of USCCs in a date
// range; the complaints and the inspection results provide them, wired in
// cli/credit_wiring.cc).
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <chrono>
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

// Records of another context per entity (USCC → count) dated in [from, to],
// for the entities whose USCC is in [first_uscc, last_uscc] (one batch's
// range, compared as the database orders text): a source reads only the
// batch's own entities' records, through an index that leads with the USCC.
using CountSource = std::function<StatusOr<std::unordered_map<std::string, int64_t>>(
    soci::session& sql, const Date& from, const Date& to, const std::string& first_uscc,
    const std::string& last_uscc)>;
// By source name as the indicators use it ("complaints", "inspection_problems").
// An indicator whose source is missing counts nothing.
using RiskSources = std::map<std::string, CountSource, std::less<>>;

// The monthly run (key "YYYY-MM"): it queues the run's first batch and puts
// the next month on the timetable.
inline constexpr std::string_view kRiskTimer = "credit.risk_classify";
// One batch of a scheduled run (key "<the month's key>#<batch>", the run's
// day, cursor and totals in the payload): it classifies its batch and, in
// the same transaction, queues the next, due at once; the last one audits.
inline constexpr std::string_view kRiskBatchTimer = "credit.risk_classify_batch";

// Entities per batch by engine, measured at a million entities
// (bench/credit.sh, a 2-core machine): on SQLite a batch of 50,000 is written
// in 0.3–0.5 s, and reading the next one, without the write lock, takes
// longer than the pause below; on PostgreSQL, where the server's inserting
// and, in a first run, the entities' new classes dominate, 20,000 are
// written in under 0.7 s.
inline constexpr int kRiskBatchSqlite = 50'000;
inline constexpr int kRiskBatchPostgresql = 20'000;

// How ClassifyAll cuts a run: entities per batch (0: the engine's default
// above), and on SQLite the least time between two batches' write
// transactions (the next batch is read meanwhile, without the write lock),
// so that a writer waiting for the store's one write lock, which SQLite lets
// try again every 100 ms at most, gets it between two batches (120 ms: the
// margin for a late wake-up).
struct RiskBatching {
  int size = 0;
  std::chrono::milliseconds sqlite_pause{120};
};

struct RiskRun {
  Date on = Date::FromSysDays({});
  int64_t classified = 0;
  int64_t counts[4] = {0, 0, 0, 0};            // A, B, C, D
  int batches = 0;                             // batches (write transactions) it took
  std::chrono::milliseconds longest_batch{0};  // the longest write, wall time (ClassifyAll)
};

// Where a run stands after a batch: its totals so far, the last USCC
// classified (the next batch starts after it), and whether it is complete.
struct RiskStep {
  RiskRun run;
  std::string after;
  bool done = false;
};

// One batch classified, not yet stored.
struct RiskBatch {
  std::vector<Classification> classifications;  // in USCC order
  Date rule_from = Date::FromSysDays({});       // effective_from of the rules applied
  bool last = false;                            // nothing comes after it
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
              const CreditRules& credit = CreditRules::Default(), RiskBatching batching = {});

  // Classifies every entity 存续 or 歇业 on `on`, batch after batch (each
  // read in a read-only transaction, then written in a short one of its
  // own); the last batch appends the audit record
  // "credit.risk_classify" (the totals) as `actor`. Replaces a run of the
  // same day. An error stops the run: the batches before it stay committed,
  // and running the day again completes it. An entity registered during the
  // run in a range already done is classified by the next run.
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

  // A batch in two steps, in one transaction (the scheduler's) or two
  // (ClassifyAll: a read-only one, then a short write). ClassifyBatchIn
  // reads and classifies, on `on`, the next `batch_size` entities after
  // `after`; FailedPrecondition "date" when no rules are in force on the day.
  // StoreBatchIn stores them as the next batch of the run `at`: that day's
  // classifications in the batch's range replaced, the entities' class set,
  // and after the last batch (the one that found fewer than `batch_size`,
  // whose range runs to the end of the register) the audit record with the
  // totals as `actor`.
  static StatusOr<RiskBatch> ClassifyBatchIn(soci::session& sql, const Date& on,
                                             const std::string& after, int batch_size,
                                             const RiskSources& sources, const RiskRules& rules,
                                             const CreditRules& credit);
  static StatusOr<RiskStep> StoreBatchIn(soci::session& sql, const RiskStep& at,
                                         const RiskBatch& batch, const std::string& actor,
                                         const Clock& clock);
  static Status ScheduleIn(soci::session& sql, const Date& today, const Clock& clock);

 private:
  storage::Database& db_;
  const Clock& clock_;
  RiskSources sources_;
  const RiskRules& rules_;
  const CreditRules& credit_;
  RiskBatching batching_;
};

// The handlers of kRiskTimer (queues the month's run, schedules the next
// month) and kRiskBatchTimer (classifies one batch of `batch_size`, 0 for
// the engine's default, and queues the next). Each timer fires once, so each
// batch is stored once and the run audited once; a batch that fails is
// retried by the scheduler, and the run goes on from where it stopped. The
// references must outlive the scheduler.
void RegisterRiskTimers(scheduler::Scheduler& scheduler, const Clock& clock, RiskSources sources,
                        int batch_size = 0);

}  // namespace amr::credit
