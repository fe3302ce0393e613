// SPDX-License-Identifier: MulanPSL-2.0
// A read replica: a second pool of connections to a PostgreSQL streaming-
// replication standby of the primary (docs/operations.md, "A read replica").
//
//   auto replica = ReadReplica::Start(primary, {.url = "postgresql://…standby…"});
//   auto reads = Database::ReadView(primary, *replica);   // hand to the stores
//
// The read transactions of the view run on the standby while it is usable:
// reachable, in recovery (a standby, not a promoted or unrelated server), and
// no further behind than `max_lag`. Otherwise, or when a read on it fails for
// want of the server (Unavailable), they run on the primary and are counted
// as fallbacks. The lag is sampled by a thread every `sample_interval`, never
// per request: the primary's WAL position, then the standby's replay
// position; the lag is the time since the latest sample whose primary
// position the standby has replayed (0 when it has replayed all the primary
// had written at the last sample), so it needs no clock agreement between the
// servers and an idle primary does not look stale.
//
// Thread-safety: thread-safe. Stop (or destroy) before the primary closes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "common/status.h"
#include "storage/database.h"

namespace amr::storage {

// How far a standby is behind, from samples of the primary's WAL position and
// then the standby's replay position (pure; no clock of its own).
class LagTracker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // `start`: the reference while the standby has never been seen caught up
  // (the lag then counts from it).
  explicit LagTracker(TimePoint start) : caught_up_at_(start) {}

  // A sample taken at `now`: the primary was at `primary_lsn`, then the
  // standby had replayed up to `replay_lsn` (bytes of WAL).
  void Sample(TimePoint now, int64_t primary_lsn, int64_t replay_lsn);

  // Seconds the standby is behind as of `now`: 0 when at the last sample it
  // had replayed what the primary had written; otherwise the time since the
  // latest sample whose primary position it had replayed.
  double LagSeconds(TimePoint now) const;

 private:
  static constexpr size_t kMaxPending = 4096;
  std::deque<std::pair<TimePoint, int64_t>> pending_;  // samples not yet replayed, oldest first
  TimePoint caught_up_at_;
  bool current_ = false;  // at the last sample the standby had replayed everything
};

struct ReadReplicaOptions {
  std::string url;  // postgresql://… of the standby
  std::chrono::milliseconds max_lag{30'000};
  std::chrono::milliseconds sample_interval{1'000};
  int pool_size = 0;  // Database::Open's default
};

class ReadReplica : public Database::ReadRouter {
 public:
  // Checks the options (both the primary and `url` PostgreSQL: InvalidArgument
  // naming "read-db" otherwise) and starts the sampling thread. The standby
  // need not be reachable yet: until it is, reads go to the primary.
  static StatusOr<std::shared_ptr<ReadReplica>> Start(Database& primary,
                                                      ReadReplicaOptions options);

  ReadReplica(const ReadReplica&) = delete;
  ReadReplica& operator=(const ReadReplica&) = delete;
  ~ReadReplica() override;

  // Stops the sampling thread; reads then go to the primary. Idempotent.
  void Stop();

  // Database::ReadRouter: on the standby when usable, else on the primary.
  Status Read(const std::function<Status(soci::session&)>& body) override;

  struct Figures {
    double lag_seconds = 0;
    bool up = false;      // reachable and in recovery at the last sample
    bool in_use = false;  // reads go to it now
    uint64_t replica_reads = 0;
    uint64_t fallbacks = 0;  // reads sent to the primary instead
  };
  Figures figures() const;

 private:
  ReadReplica(Database& primary, ReadReplicaOptions options);
  void Run();
  void SampleOnce();
  std::shared_ptr<Database> Replica() const;

  Database& primary_;
  const ReadReplicaOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;              // guarded by mutex_
  std::shared_ptr<Database> replica_;  // guarded by mutex_; null until reachable
  LagTracker lag_;                     // guarded by mutex_
  bool up_ = false;                    // guarded by mutex_
  bool usable_ = false;                // guarded by mutex_
  uint64_t replica_reads_ = 0;         // guarded by mutex_
  uint64_t fallbacks_ = 0;             // guarded by mutex_
  std::string last_problem_;           // guarded by mutex_; logged once per change
  std::thread thread_;
};

}  // namespace amr::storage
