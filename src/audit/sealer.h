// SPDX-License-Identifier: MulanPSL-2.0
// A background thread that links audit records left waiting in
// audit_pending (audit_log.h, SealPending): once at start, then every
// `interval` until destroyed. On SQLite it starts no thread.
//
// Thread-safety: construct and destroy on one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/database.h"

namespace amr::audit {

class AuditSealer {
 public:
  AuditSealer(storage::Database& db, std::chrono::milliseconds interval);
  ~AuditSealer();
  AuditSealer(const AuditSealer&) = delete;
  AuditSealer& operator=(const AuditSealer&) = delete;

 private:
  void Loop(std::chrono::milliseconds interval);

  storage::Database& db_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace amr::audit
