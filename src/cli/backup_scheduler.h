// SPDX-License-Identifier: MulanPSL-2.0
// Backups as `amr backup` takes them (with the audit head the copy holds), and
// the scheduled backups of `amr serve --backup-dir DIR`: every interval a new
// file amr-YYYYMMDD-HHMMSS.(db|pgdump) in DIR, keeping the newest N.
//
// Thread-safety: BackupScheduler runs its own thread; last_success() may be
// read from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "audit/verify.h"
#include "common/clock.h"
#include "storage/backup.h"
#include "storage/database.h"

namespace amr::cli {

struct TakenBackup {
  storage::Backend backend = storage::Backend::kSqlite;
  std::uintmax_t bytes = 0;
  audit::ChainHead audit_head;  // the newest record the backup holds
};

StatusOr<TakenBackup> TakeBackup(storage::Database& db, const std::string& url,
                                 const std::filesystem::path& out);

struct BackupSchedule {
  std::filesystem::path dir;  // empty: no scheduled backups
  std::chrono::minutes interval{24 * 60};
  int keep = 7;
};

class BackupScheduler {
 public:
  BackupScheduler(storage::Database& db, std::string url, BackupSchedule schedule,
                  const Clock& clock);
  ~BackupScheduler();
  BackupScheduler(const BackupScheduler&) = delete;
  BackupScheduler& operator=(const BackupScheduler&) = delete;

  // InvalidArgument (field "backup-dir" / "backup-keep" / "backup-every").
  static Status Validate(const BackupSchedule& schedule);

  // Takes one backup now and prunes; the path written.
  StatusOr<std::filesystem::path> RunOnce();
  void Start();
  void Stop();

  // Seconds since the epoch of the last successful backup; 0 if none yet.
  int64_t last_success() const { return last_success_.load(); }

 private:
  storage::Database& db_;
  std::string url_;
  BackupSchedule schedule_;
  const Clock& clock_;
  std::atomic<int64_t> last_success_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace amr::cli
