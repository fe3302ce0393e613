// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/backup_scheduler.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace amr::cli {

StatusOr<TakenBackup> TakeBackup(storage::Database& db, const std::string& url,
                                 const std::filesystem::path& out) {
  TakenBackup taken;
  ASSIGN_OR_RETURN(storage::BackupResult result,
                   storage::Backup(db, url, out, [&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(taken.audit_head, audit::HeadIn(sql));
                     return OkStatus();
                   }));
  taken.backend = result.backend;
  taken.bytes = result.bytes;
  return taken;
}

BackupScheduler::BackupScheduler(storage::Database& db, std::string url, BackupSchedule schedule,
                                 const Clock& clock)
    : db_(db), url_(std::move(url)), schedule_(std::move(schedule)), clock_(clock) {}

BackupScheduler::~BackupScheduler() { Stop(); }

Status BackupScheduler::Validate(const BackupSchedule& schedule) {
  if (schedule.dir.empty()) return OkStatus();
  std::error_code ec;
  if (!std::filesystem::is_directory(schedule.dir, ec)) {
    return InvalidArgumentError(fmt::format("备份目录 {} 不存在", schedule.dir.string()),
                                "backup-dir");
  }
  if (schedule.keep < 1 || schedule.keep > 1000) {
    return InvalidArgumentError("保留的备份份数应为 1–1000", "backup-keep");
  }
  if (schedule.interval < std::chrono::minutes(1) ||
      schedule.interval > std::chrono::minutes(7 * 24 * 60)) {
    return InvalidArgumentError("备份间隔应为 1 分钟到 7 天", "backup-every");
  }
  return OkStatus();
}

StatusOr<std::filesystem::path> BackupScheduler::RunOnce() {
  const std::string stamp = FormatChinaTime(clock_.Now());  // 2026-12-06T10:00:00+08:00
  std::string name = "amr-";
  for (char c : stamp.substr(0, 19)) {
    if (c != '-' && c != ':') name += c == 'T' ? '-' : c;
  }
  name += db_.backend() == storage::Backend::kPostgresql ? ".pgdump" : ".db";
  const std::filesystem::path out = schedule_.dir / name;
  ASSIGN_OR_RETURN(TakenBackup taken, TakeBackup(db_, url_, out));
  last_success_.store(
      std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count());
  spdlog::info("已备份到 {}（{} 字节，审计链头 {}）", out.string(), taken.bytes,
               taken.audit_head.checkpoint.ToString());
  // Keep the newest `keep` files of ours (names sort by time).
  std::vector<std::filesystem::path> ours;
  for (const auto& entry : std::filesystem::directory_iterator(schedule_.dir)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with("amr-") && (file.ends_with(".db") || file.ends_with(".pgdump"))) {
      ours.push_back(entry.path());
    }
  }
  std::sort(ours.begin(), ours.end());
  while (ours.size() > static_cast<size_t>(schedule_.keep)) {
    std::error_code ec;
    std::filesystem::remove(ours.front(), ec);
    ours.erase(ours.begin());
  }
  return out;
}

void BackupScheduler::Start() {
  if (schedule_.dir.empty()) return;
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto written = RunOnce();
      if (!written.ok()) spdlog::error("定时备份失败：{}", written.status().ToString());
      lock.lock();
      wake_.wait_for(lock, schedule_.interval, [this] { return stopping_; });
    }
  });
}

void BackupScheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace amr::cli
