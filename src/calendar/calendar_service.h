// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar as a service: the calendar in force for every
// context (a codes::CalendarSource read from the store), an administrator's
// entry of a year from the State Council's notice, and the recomputation of
// every open deadline counted through the days that changed.
//
// Entering a year is one transaction: the year's new version, the calendar
// rebuilt from the store, every open deadline recomputed on it (each one that
// moved: its context's copy updated by the kind's DeadlineMover, an audit
// record with the old and the new date), and the entry's own audit record.
// The servers sharing the store notice the new revision (Refresh, every few
// seconds) and load it; they also recompute any deadline another server
// counted on an older revision in the meantime, so none stays stale.
//
// Thread-safety: thread-safe once started. Register movers before Start.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "calendar/calendar_store.h"
#include "calendar/deadline_store.h"
#include "codes/calendar.h"
#include "common/clock.h"
#include "storage/database.h"

namespace amr::calendar {

// Keeps a context's own copy of a deadline (and a timer firing on it) in step
// when the calendar moves it. Runs inside the recomputing transaction.
using DeadlineMover = std::function<Status(soci::session& sql, const Deadline& deadline,
                                           const codes::CountedDate& new_due, const Clock& clock)>;

// One deadline a recomputation moved.
struct MovedDeadline {
  std::string kind;
  std::string subject;
  std::string label;
  codes::CountedDate before;
  codes::CountedDate after;
};

struct Recomputation {
  int64_t examined = 0;  // open deadlines counted on an older revision
  int64_t moved = 0;     // whose due date changed
  int64_t settled = 0;   // no longer provisional, same date
  int64_t failed = 0;    // could not be counted on the new calendar (kept as they were)
  std::vector<MovedDeadline> sample;  // the first 200 moved
};

struct EnterYearRequest {
  codes::CalendarYear year;
  std::string notice;    // the notice's number (≤ 100 characters), "" if none
  bool replace = false;  // the year exists and the caller means to correct it
};

struct EnterYearResult {
  StoredYear year;
  bool unchanged = false;  // identical to the current version: nothing written
  Recomputation recomputation;
};

class CalendarService {
 public:
  CalendarService(storage::Database& db, const Clock& clock);
  ~CalendarService();
  CalendarService(const CalendarService&) = delete;
  CalendarService& operator=(const CalendarService&) = delete;

  // One mover per deadline kind; deadlines of other kinds move in the store
  // only.
  void RegisterMover(std::string kind, DeadlineMover mover);

  // Seeds the shipped years the store lacks (before its first year, or right
  // after its last: an administrator's entry is never overwritten, and a
  // newer release's data fills in the next year, recomputing what it moves),
  // then loads the calendar. Call once, after the migrations.
  Status Start(const std::vector<codes::CalendarYear>& shipped);

  // Loads the store's calendar without seeding (commands that only read).
  // FailedPrecondition when the store has no years (run `amr migrate`).
  Status Load();

  // The calendar in force. Never null after Start or Load.
  const codes::CalendarSource& source() const;
  std::shared_ptr<const codes::WorkdayCalendar> Current() const;

  // Validates and stores the year (codes::ValidateYear), recomputes, audits.
  // Errors: InvalidArgument (the day named, "days[i]"; "notice"); "year"
  // FailedPrecondition when it would leave a gap (only an entered year or the
  // one right after the last may be entered); AlreadyExists (field "year") for
  // an entered year without `replace`; the store's.
  StatusOr<EnterYearResult> EnterYear(const EnterYearRequest& request, const audit::Actor& actor);

  // Reads for the API: the stored years (oldest first), the versions of one
  // (newest first), the deadlines a recomputation moved.
  StatusOr<std::vector<StoredYear>> Years();
  StatusOr<std::vector<YearVersion>> Versions(int year);
  StatusOr<std::vector<Deadline>> Moved(const MovedFilter& filter);

  // Loads the store's calendar if its revision grew, and recomputes the
  // deadlines still counted on an older one. Returns whether it loaded.
  StatusOr<bool> Refresh();
  // Refresh every `interval` on a thread of its own until Stop (or the
  // destructor). Errors are logged.
  void StartWatching(std::chrono::milliseconds interval);
  void Stop();

 private:
  class StoreSource;
  StatusOr<Recomputation> RecomputeStale(soci::session& sql, const codes::WorkdayCalendar& calendar,
                                         const audit::Actor& actor);
  StatusOr<std::shared_ptr<const codes::WorkdayCalendar>> LoadFromStore();

  storage::Database& db_;
  const Clock& clock_;
  std::map<std::string, DeadlineMover, std::less<>> movers_;
  std::unique_ptr<StoreSource> source_;

  std::mutex watch_mutex_;
  std::condition_variable watch_wake_;
  bool stopping_ = false;
  std::thread watcher_;
};

// The JSON of a year as the API and `amr calendar years --json` show it.
nlohmann::json StoredYearJson(const StoredYear& year, bool with_days);
nlohmann::json RecomputationJson(const Recomputation& recomputation);

}  // namespace amr::calendar
