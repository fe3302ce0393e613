// SPDX-License-Identifier: MulanPSL-2.0
// Deadlines in the store: every statutory time limit a context counts on the
// calendar (codes/deadline.h) is tracked here with its rule and start, so that
// when an administrator enters or corrects a year, every open deadline counted
// through it is recomputed (calendar_service.h) and the people it concerns see
// that it moved.
//
// A context tracks a deadline in the transaction that starts it
// (Track: computes, stores, returns the due date) and closes it in the one
// that meets it (Close). Its own tables may keep a copy of the due date for
// its queues; a DeadlineMover registered for the kind keeps that copy (and
// any timer firing on it) in step when the date moves.
//
// Functions take the caller's session. Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codes/calendar.h"
#include "codes/deadline.h"
#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::calendar {

struct TrackRequest {
  std::string kind;           // what the limit is: "inspection.result" (1–64 of [a-z0-9_.])
  std::string subject;        // whose: "visit:42" (1–200 bytes)
  std::string label;          // for people: "检查结果录入期限 · 杭州某某有限公司"
  std::string org_unit_path;  // the unit whose staff it concerns ("" none)
  codes::DeadlineInput input;
};

struct Deadline {
  int64_t id = 0;
  std::string kind;
  std::string subject;
  std::string label;
  std::string org_unit_path;
  codes::DeadlineInput input;
  codes::CountedDate due;
  int64_t calendar_revision = 0;
  bool open = true;
  std::optional<Date> previous_due;  // before the last recomputation that moved it
  std::string moved_at;              // RFC 3339; "" if never moved
};

// Computes the due date on `calendar` and stores the deadline open (a
// deadline of the same kind and subject is replaced: a restarted clock).
// Errors: InvalidArgument for a bad kind/subject; those of codes::PeriodEnd
// (OutOfRange past the provisional year); the store's.
StatusOr<codes::CountedDate> Track(soci::session& sql, const codes::WorkdayCalendar& calendar,
                                   const TrackRequest& request, const Clock& clock);
// Open → closed (met, withdrawn, moot). OK when there is none open.
Status Close(soci::session& sql, std::string_view kind, std::string_view subject,
             const Clock& clock);
StatusOr<std::optional<Deadline>> FindDeadline(soci::session& sql, std::string_view kind,
                                               std::string_view subject);

// Open deadlines counted on a revision older than `revision`, in id order,
// up to `limit`, after id `after_id`.
StatusOr<std::vector<Deadline>> StaleOpenDeadlines(soci::session& sql, int64_t revision,
                                                   int64_t after_id, int limit);
// Stores a recomputed due date. `moved` records the old date as
// previous_due_on and the time as moved_at.
Status StoreRecomputed(soci::session& sql, const Deadline& deadline,
                       const codes::CountedDate& new_due, int64_t revision, bool moved,
                       const Clock& clock);

struct MovedFilter {
  std::string moved_since;  // RFC 3339; "" = any time
  // Units whose deadlines the caller may see (paths; a deadline is visible
  // when its path lies under one); nullopt = all.
  std::optional<std::vector<std::string>> scope_paths;
  bool open_only = true;
  int limit = 100;
};
// Deadlines moved by a recomputation, most recently moved first.
StatusOr<std::vector<Deadline>> ListMoved(soci::session& sql, const MovedFilter& filter);

// How many deadlines are open and how many of those are provisional.
struct DeadlineCounts {
  int64_t open = 0;
  int64_t provisional = 0;
};
StatusOr<DeadlineCounts> CountOpen(soci::session& sql);

}  // namespace amr::calendar
