// SPDX-License-Identifier: MulanPSL-2.0
// What the 企业开办 service's files share (service.cc: submission, review and
// registration; department_steps.cc: the departments' steps and 双告知
// notices): row readers, unit look-ups, scope checks and the audit record.
// For src/establishment/ only.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "establishment/internal/sql.h"
#include "establishment/service.h"
#include "identity/caller.h"

namespace amr::establishment::internal {

constexpr std::string_view kStepColumns =
    "s.id, s.application_id, s.kind, s.org_unit_id, u.name, u.path, s.state, s.claimed_by, "
    "s.result_json, s.return_reason, s.returns, s.sla_minutes, s.started_at, s.ended_at, "
    "(SELECT a.name FROM establishment_application a WHERE a.id = s.application_id), "
    "(SELECT a.uscc FROM establishment_application a WHERE a.id = s.application_id) ";
// The two tables of 双告知 notices: same columns but the reference (and the
// change notice's own uscc), audited under their own actions.
struct NoticeTable {
  const char* table;
  const char* columns;  // "SELECT <columns> FROM <table> n JOIN org_unit u …"
  const char* action;   // "<action>.claim", "<action>.return"
};

const NoticeTable& TableOf(NoticeSource source);

struct Unit {
  int64_t id = 0;
  std::string path;
};

// The first unit matching `where` (by id).
std::optional<Unit> FindUnit(soci::session& sql, const std::string& where, Args& args);
// The unit of `department` nearest to `region`: the county, then its city,
// then its province. With a `name_hint` (the bank the applicant booked), a
// unit whose name contains it comes first at each level.
std::optional<Unit> DepartmentUnit(soci::session& sql, const std::string& department,
                                   const std::string& region, const std::string& name_hint = "");

// The departments' units at a county, its city and its province, read in one
// query, answering DepartmentUnit's question for each department in turn
// (registration dispatches up to seven steps and the 双告知 notices at once).
class DepartmentUnits {
 public:
  static DepartmentUnits Load(soci::session& sql, const std::string& region);
  // As DepartmentUnit(sql, department, region, name_hint).
  std::optional<Unit> Find(const std::string& department, const std::string& name_hint = "") const;

 private:
  struct Row {
    int64_t id = 0;
    std::string path, department, region, name;
  };
  std::string region_;
  std::vector<Row> rows_;  // by id
};

Step StepFromRow(const soci::row& r);
Notice NoticeFromRow(const soci::row& r, const Rules& rules, NoticeSource source);
// Working minutes from `start` to `end` (or `now` while open).
StatusOr<int64_t> Elapsed(const std::string& start, const std::string& end, Clock::TimePoint now,
                          const Rules& rules, const codes::WorkdayCalendar& calendar);
// The step's working minutes so far and whether it is past its limit.
Status FillTimes(Step& s, Clock::TimePoint now, const Rules& rules,
                 const codes::WorkdayCalendar& calendar);

// Staff holding `permission` on the unit at `path`; no principal: the platform.
Status CheckStaffScope(const identity::Caller& caller, std::string_view permission,
                       std::string_view path);
// The scope roots of `permission` for list queries; nullopt: everything.
std::optional<std::vector<std::string>> ScopePaths(const identity::Caller& caller,
                                                   std::string_view permission);
// "(u.path LIKE :a0 OR …)", or "1 = 1" for everything; "1 = 0" for nothing.
std::string ScopeClause(const std::optional<std::vector<std::string>>& paths, Args& args);
// A queue narrowed to one unit (filter.org_unit_id): the caller must hold
// `permission` over it, and `where` keeps its subtree (u.path). NotFound
// "org_unit_id" for no such unit; nothing when the filter names none.
Status NarrowToUnit(soci::session& sql, const identity::Caller& caller, std::string_view permission,
                    const QueueFilter& filter, Args& args, std::string& where);

Status Audit(soci::session& sql, const identity::Caller& caller, std::string_view permission,
             std::string_view path, std::string action, std::string target_type, int64_t id,
             nlohmann::json before, nlohmann::json after, const Clock& clock);
// A reason of 1..1000 bytes, else InvalidArgument naming `field`.
Status CheckReason(std::string_view reason, std::string_view field);

struct Ctx {
  const Rules& rules;
  const Clock& clock;
  const RegistrationHooks& hooks;
  // The working-day calendar in force for this use case (held for its length).
  std::shared_ptr<const codes::WorkdayCalendar> calendar;
};

// A new step row, its clock started at `now`.
Status InsertStep(soci::session& sql, int64_t app_id, const std::string& kind, int64_t unit,
                  const std::string& state, int sla, const std::string& now);

// A step to insert: its kind, unit and time limit in minutes.
struct NewStep {
  std::string kind;
  int64_t unit = 0;
  int sla = 0;
};

// Inserts `steps` of application `app_id`, pending since `now`, in one
// statement.
Status InsertSteps(soci::session& sql, int64_t app_id, const std::vector<NewStep>& steps,
                   const std::string& now);

// Registration (登记) of `app` (registration.cc): the USCC, the entity, the
// name, the e-licence and e-seals, then the department steps in parallel and
// the 双告知 notices, audited under `permission`. One transaction: the caller's.
Status Register(soci::session& sql, const Ctx& ctx, const identity::Caller& caller,
                std::string_view permission, Application& app);

// NotFound when there is no such step.
StatusOr<Step> LoadStep(soci::session& sql, int64_t step_id);
// The application with its steps, deferred materials and notices.
StatusOr<Application> Load(soci::session& sql, const Ctx& ctx, int64_t id,
                           const Form* submitted_form = nullptr);
// Completes the application when its last step is done.
Status MaybeComplete(soci::session& sql, int64_t app_id, const std::string& now);

}  // namespace amr::establishment::internal
