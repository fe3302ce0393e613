// SPDX-License-Identifier: MulanPSL-2.0
// Plans, tasks and the verifiable draw in the store (docs/inspection.md,
// docs/draw-spec.md).
//
//   plan:  draft → filed (filed upward to the parent unit)
//   task:  planned → pool_published → drawn
//
// A task takes items of one department or, JOINT, of several (进一次门、查多项
// 事): a drawn entity gets one visit listing every item of the task that
// applies to it. PublishPool fixes the pool (eligible entities sorted by USCC)
// and its SHA-256; nothing changes it afterwards. DrawTask takes a witness's
// public entropy, derives the seed, samples every credit stratum, assigns
// officers and stores all of it in the caller's transaction, so that a
// failure leaves no partial draw; a second draw is refused. VerifyDraw
// recomputes everything from the stored pool, entropy and officer snapshot.
//
// Functions taking a session run inside the caller's transaction and write
// their audit record there. Errors: NotFound for unknown ids; InvalidArgument
// naming the field for bad input; FailedPrecondition for a refusal by state or
// rule (empty pool, too few officers, already drawn).
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "inspection/rules.h"
#include "storage/database.h"

namespace amr::inspection {

struct NewPlan {
  int64_t org_unit_id = 0;
  int year = 0;
  std::string name;
};

struct Plan {
  int64_t id = 0;
  int64_t org_unit_id = 0;
  int year = 0;
  std::string name;
  std::string status;  // draft | filed
  std::optional<int64_t> filed_to_unit_id;
  std::string filed_at;
  std::string created_at;
};

// InvalidArgument for a year outside 2000–2100 or an empty name.
StatusOr<Plan> CreatePlan(soci::session& sql, const NewPlan& plan, const identity::Caller& caller,
                          const Clock& clock);
// Files a draft plan to the parent of its unit (FailedPrecondition if filed,
// or if the unit has no parent).
StatusOr<Plan> FilePlan(soci::session& sql, int64_t plan_id, const identity::Caller& caller,
                        const Clock& clock);
StatusOr<Plan> GetPlan(soci::session& sql, int64_t plan_id);

// Which entities a task's pool takes. Empty fields do not filter.
struct TaskFilters {
  std::string region_code;          // a county, or a city/province prefix
  std::string industry_code;        // an industry code prefix
  std::string kind;                 // entity kind
  std::vector<std::string> labels;  // all required (target library labels / special library)
  std::string credit_classes;       // e.g. "CD"; empty = all four
};

struct NewTask {
  int64_t plan_id = 0;
  std::string name;
  std::vector<int64_t> item_ids;
  TaskFilters filters;
  RatioInput ratios;
  int officers_per_visit = 2;
  int exclude_within_days = 0;  // skip entities inspected within this many days
};

struct Task {
  int64_t id = 0;
  int64_t plan_id = 0;
  int64_t org_unit_id = 0;
  std::string name;
  bool joint = false;
  TaskFilters filters;
  std::string ratios;  // Ratios::ToString()
  int officers_per_visit = 2;
  int exclude_within_days = 0;
  std::string status;
  int64_t pool_size = 0;
  std::string pool_hash, pool_published_at, entropy, witness, seed, drawn_at;
  std::string region_code, created_at;
  std::vector<int64_t> item_ids;
  std::vector<int64_t> department_ids;  // the org units of the items, ascending
};

StatusOr<Task> CreateTask(soci::session& sql, const NewTask& task, const identity::Caller& caller,
                          const Clock& clock);
StatusOr<Task> GetTask(soci::session& sql, int64_t task_id);
// Tasks owned by units under `scope_paths`, newest first (at most 500).
// The plans of the units under `scope_paths` and those filed to them, newest
// first (at most 500).
StatusOr<std::vector<Plan>> ListPlans(soci::session& sql,
                                      const std::vector<std::string>& scope_paths);
StatusOr<std::vector<Task>> ListTasks(soci::session& sql,
                                      const std::vector<std::string>& scope_paths);

// Step 1: computes and stores the pool and its hash. FailedPrecondition when
// the task is not `planned` or the pool is empty.
StatusOr<Task> PublishPool(soci::session& sql, int64_t task_id, const identity::Caller& caller,
                           const Clock& clock);

// Step 2: the draw with the witness's entropy (1–512 bytes) and name.
StatusOr<Task> DrawTask(soci::session& sql, int64_t task_id, const std::string& entropy,
                        const std::string& witness, const identity::Caller& caller,
                        const Clock& clock);

// Recomputes a drawn task: pool hash, seed, selection and assignment against
// what is stored. `problems` empty means an exact match.
struct VerifyReport {
  int64_t task_id = 0;
  int64_t pool_size = 0;
  int64_t visits = 0;
  std::string pool_hash;
  std::string seed;
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};
StatusOr<VerifyReport> VerifyDraw(soci::session& sql, int64_t task_id);

// What the public endpoint serves: task, pool, pool hash, entropy, seed,
// ratios, the officer snapshot and the result (visits with officers).
StatusOr<nlohmann::json> PublicDrawJson(soci::session& sql, int64_t task_id);

nlohmann::json PlanJson(const Plan& plan);
nlohmann::json TaskJson(const Task& task);

// The decimal task id that enters the seed.
std::string SeedTaskId(int64_t task_id);

}  // namespace amr::inspection
