// SPDX-License-Identifier: MulanPSL-2.0
// Visits after the draw: the inspector's view (only the visits assigned to
// them), result entry with attachments and the result deadline, publication
// on the entity's public profile (一公开), case leads (线索), and the figures
// the year-end reports quote.
//
// Deadline: a result is due `result_deadline_workdays` working days (20,
// data/inspection/settings.csv; unverified, DOMAIN.md §5) after the check
// date, on the statutory calendar. A result in a completed state is published
// when entered.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "inspection/rules.h"
#include "storage/database.h"

namespace amr::inspection {

struct VisitOfficer {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> user_id;
  std::string code = {};       // 执法证号: two officers of one name told apart
  std::string unit_name = {};  // the station, else the department
};

struct Visit {
  int64_t id = 0;
  int64_t task_id = 0;
  std::string task_name;
  int64_t task_unit_id = 0;
  std::string uscc;
  std::string entity_name;
  std::string address;  // the entity's registered address: where to go
  std::string credit_class;
  std::vector<int64_t> item_ids;
  std::vector<std::string> item_names;  // what to check there
  std::string result_state;
  std::string check_date, deadline, notes, entered_at, published_at;
  std::vector<VisitOfficer> officers;
  std::string deadline_state;         // DeadlineStateId
  bool deadline_provisional = false;  // counted on a year not yet entered
  std::string deadline_provisional_reason;
};

// The visits assigned to the officer(s) linked to login `user_id`.
// `calendar` counts the working days left before each result deadline.
StatusOr<std::vector<Visit>> VisitsOfUser(soci::session& sql, int64_t user_id, const Date& today,
                                          const codes::WorkdayCalendar& calendar);
// The visits of tasks owned by units under `scope_paths` (optionally one task).
StatusOr<std::vector<Visit>> VisitsInScope(soci::session& sql,
                                           const std::vector<std::string>& scope_paths,
                                           std::optional<int64_t> task_id, const Date& today,
                                           const codes::WorkdayCalendar& calendar);
StatusOr<Visit> GetVisit(soci::session& sql, int64_t visit_id, const Date& today,
                         const codes::WorkdayCalendar& calendar);

struct Attachment {
  std::string file_name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string sha256;  // 64 lowercase hex
};

struct ResultInput {
  std::string state;  // an id of data/inspection/result_states.csv
  Date check_date = Date::FromSysDays({});
  std::string notes;
  std::vector<Attachment> attachments;
};

// Enters (or corrects) a visit's result. Only an officer assigned to the
// visit may (PermissionDenied otherwise; the caller's principal is used).
// InvalidArgument for an unknown state, a check date in the future or before
// the draw, bad attachment metadata; OutOfRange when the deadline falls
// beyond the calendar's provisional year. The deadline is tracked
// (calendar/deadline_store.h, kind kResultDeadlineKind) while the result is
// not in a completed state, and moves with the calendar (MoveResultDeadline).
StatusOr<Visit> EnterResult(soci::session& sql, int64_t visit_id, const ResultInput& input,
                            const identity::Caller& caller, const Clock& clock,
                            const codes::WorkdayCalendar& calendar);

// The deadline kind of a visit's result ("visit:<id>" subjects).
inline constexpr char kResultDeadlineKind[] = "inspection.result";
// The DeadlineMover of kResultDeadlineKind: the visit's copy of its deadline.
Status MoveResultDeadline(soci::session& sql, std::string_view subject, const Date& new_due);

// Sends a problem found on a visit on as a case lead. FailedPrecondition
// unless the visit's state is a problem state; only an assigned officer.
StatusOr<nlohmann::json> SendCaseLead(soci::session& sql, int64_t visit_id,
                                      const std::string& description,
                                      const identity::Caller& caller, const Clock& clock,
                                      const codes::WorkdayCalendar& calendar);

// The published results of entity `uscc`, newest first (public).
StatusOr<nlohmann::json> PublishedResults(soci::session& sql, const std::string& uscc);

// Figures over tasks created in [from, to] owned by units under `scope_paths`.
StatusOr<nlohmann::json> InspectionFigures(soci::session& sql,
                                           const std::vector<std::string>& scope_paths,
                                           const Date& from, const Date& to, const Date& today);

nlohmann::json VisitJson(const Visit& visit);

// The credit risk indicator "inspection_problems" (credit/risk.h;
// docs/credit.md): how many inspections with a result that found a problem
// (result_states.csv, problem = 1) each entity whose USCC is in
// [first_uscc, last_uscc] (one batch of the classification, as the database
// orders text) had with a check date in [from, to], by USCC; entities with
// none are absent.
StatusOr<std::unordered_map<std::string, int64_t>> ProblemVisitsByEntity(
    soci::session& sql, const Date& from, const Date& to, const std::string& first_uscc,
    const std::string& last_uscc);

}  // namespace amr::inspection
