// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/sealer.h"

#include <spdlog/spdlog.h>

#include "audit/audit_log.h"

namespace amr::audit {

AuditSealer::AuditSealer(storage::Database& db, std::chrono::milliseconds interval) : db_(db) {
  if (db_.backend() != storage::Backend::kPostgresql) return;
  thread_ = std::thread([this, interval] { Loop(interval); });
}

AuditSealer::~AuditSealer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AuditSealer::Loop(std::chrono::milliseconds interval) {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    if (Status s = SealPending(db_); !s.ok()) {
      spdlog::warn("审计记录入链未完成，稍后重试：{}", s.message());
    }
    lock.lock();
    wake_.wait_for(lock, interval, [this] { return stop_; });
  }
}

}  // namespace amr::audit
