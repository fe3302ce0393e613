// SPDX-License-Identifier: MulanPSL-2.0
// Persistent timers: a deadline (a notice period ending, a suspension
// expiring, a department's answer falling due) is a row in the store, written
// in the same transaction as the business change that sets it, and fired by
// whichever `amr serve` instance sees it due first.
//
// Fires once: a timer is claimed and its handler run inside one transaction
// that also marks it fired; on PostgreSQL the claim is SELECT … FOR UPDATE
// SKIP LOCKED, on SQLite the write transaction is exclusive. So several
// instances against one store never fire a timer twice, and a handler whose
// transaction fails leaves the timer pending (its error is recorded and it is
// retried with backoff) with none of its writes.
//
// Timers are named by (kind, key): kind names the handler ("suspension.expiry"),
// key the business fact ("suspension:42"). Schedule is idempotent on the pair.
//
// Thread-safety: Schedule/Cancel/Find/List take the caller's session. A
// Scheduler may be shared; Register before Start.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::scheduler {

struct Timer {
  int64_t id = 0;
  std::string kind;
  std::string key;
  std::string due_at;  // RFC 3339, China time
  nlohmann::json payload = nlohmann::json::object();
  std::string state;  // pending | fired | cancelled
  int attempts = 0;   // failed runs so far
  std::string last_error;
  std::string next_attempt_at;  // after a failure: not before this
  std::string fired_at;
  std::string fired_by;  // the instance that fired it
  std::string outcome;   // what the handler reported (Chinese), shown to staff
  std::string created_at;
};

// Inside the caller's transaction. A pending timer of the same (kind, key) is
// moved to the new due time and payload; a fired or cancelled one is left as
// it is (OK: the fact was already handled). InvalidArgument naming "kind" or
// "key" for empty or over-long (> 100 bytes) values.
Status Schedule(soci::session& sql, std::string_view kind, std::string_view key,
                Clock::TimePoint due_at, const nlohmann::json& payload, const Clock& clock);
// The same fact happening again (a second change that restarts a time limit):
// the timer of (kind, key) is pending again at `due_at` with `payload`,
// whatever its state, its failure history cleared. Errors as Schedule.
Status Rearm(soci::session& sql, std::string_view kind, std::string_view key,
             Clock::TimePoint due_at, const nlohmann::json& payload, const Clock& clock);
// Pending → cancelled; OK when there is none pending.
Status Cancel(soci::session& sql, std::string_view kind, std::string_view key, const Clock& clock);
StatusOr<std::optional<Timer>> Find(soci::session& sql, std::string_view kind,
                                    std::string_view key);

struct TimerFilter {
  std::string kind;   // "" = all
  std::string state;  // "" = all
  int limit = 100;
  int offset = 0;
};
StatusOr<std::vector<Timer>> ListTimers(soci::session& sql, const TimerFilter& filter);
// How many timers match `filter` (its limit and offset aside, though they
// must be valid).
StatusOr<int64_t> CountTimers(soci::session& sql, const TimerFilter& filter);
// Pending timers in all, those due at `now`, and those whose handler failed at
// least once (for monitoring).
struct TimerCounts {
  int64_t pending = 0;
  int64_t due = 0;
  int64_t failing = 0;
};
StatusOr<TimerCounts> CountPending(soci::session& sql, Clock::TimePoint now);
// InvalidArgument naming "kind", "state" (not pending/fired/cancelled),
// "limit" (outside 1..1000) or "offset" (negative).
Status ValidateFilter(const TimerFilter& filter);

// A timer as the API and `amr scheduler list --json` show it (empty texts as null).
nlohmann::json TimerJson(const Timer& timer);

// The wait before a timer whose handler failed `failed_attempts` times in all
// is tried again: 1 min, 2, 4, … capped at kMaxRetryDelay.
inline constexpr std::chrono::minutes kMaxRetryDelay{60};
std::chrono::minutes RetryDelay(int failed_attempts);

// A handler runs inside the firing transaction: its writes commit together
// with the timer's "fired" mark. It returns a short Chinese outcome recorded
// on the timer ("已视为恢复营业"); an error rolls everything back. Work too
// large for one transaction is done in steps, each handler scheduling the
// next step as a timer of its own, due at once (credit/risk_service.h): each
// step fires once, a failed one is retried, and the run resumes where it
// stopped. On SQLite, after a firing of 100 ms or more, RunDue lets the
// other transactions of this process (a registration waiting for the write
// lock) go first, waiting up to 150 ms, so they get the lock between steps.
using Handler = std::function<StatusOr<std::string>(soci::session& sql, const Timer& timer,
                                                    Clock::TimePoint now)>;

struct RunReport {
  int fired = 0;
  int failed = 0;
  // Firings given up for this run because another instance's transaction
  // conflicted with them (PostgreSQL SERIALIZABLE) even after the retries of
  // Database::Transaction: nothing was written, the timer stays pending and a
  // later run takes it. Not an error.
  int conflicts = 0;
};

class Scheduler {
 public:
  // `instance` names this process in fired_by ("host:pid").
  Scheduler(storage::Database& db, const Clock& clock, std::string instance);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // One handler per kind. A due timer of an unregistered kind stays pending.
  void Register(std::string kind, Handler handler);
  // Fires the timers due at clock.Now() (up to `limit`), oldest first, each
  // in its own transaction. A failing handler is counted in `failed` and
  // recorded on its timer; errors are those of the store. Stops early after
  // three conflicts in a row (see RunReport::conflicts).
  StatusOr<RunReport> RunDue(int limit = 100);
  // A background thread calling RunDue every `interval` until Stop().
  void Start(std::chrono::milliseconds interval);
  void Stop();

 private:
  // In its own transaction: attempts + 1, the error, and the next attempt
  // after RetryDelay. Nothing when the timer is no longer pending.
  Status RecordFailure(int64_t id, const std::string& error);
  void Loop(std::chrono::milliseconds interval);

  storage::Database& db_;
  const Clock& clock_;
  std::string instance_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The default instance name: "<hostname>:<pid>".
std::string DefaultInstanceName();

}  // namespace amr::scheduler
