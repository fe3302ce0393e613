// SPDX-License-Identifier: MulanPSL-2.0
// NameService: start-up from the index's snapshot, and writing snapshots
// (name_service.h, name_snapshot.h, docs/names.md "Snapshot").
#include <fmt/format.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "names/name_service.h"
#include "names/name_snapshot.h"
#include "storage/change_log.h"
#include "storage/rows.h"

namespace amr::names {
namespace {

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// The change-log row at `seq`, "" if there is none.
std::string ChangeRow(soci::session& sql, int64_t seq) {
  const long long at = seq;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT table_name, row_key, op, changed_at FROM change_log WHERE seq = :s",
       soci::use(at));
  for (const soci::row& r : rows) {
    return fmt::format("{}|{}|{}|{}", r.get<std::string>(0), r.get<std::string>(1),
                       r.get<std::string>(2), r.get<std::string>(3));
  }
  return "";
}

}  // namespace

NameService::~NameService() { StopSnapshotThread(); }

// Nothing records an identity of the store, so it is the backend, the
// database (PostgreSQL: its name; SQLite: its file) and the first row of the
// change log, which no later write changes.
StatusOr<std::string> NameService::StoreIdentity(soci::session& sql) const {
  std::string database;
  if (db_->backend() == storage::Backend::kPostgresql) {
    sql << "SELECT current_database()", soci::into(database);
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << "PRAGMA database_list");
    for (const soci::row& r : rows) {
      if (r.get<std::string>(1) == "main") database = r.get<std::string>(2);
    }
  }
  std::string first = "-";
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT seq, table_name, row_key, op, changed_at FROM change_log "
                        "ORDER BY seq LIMIT 1");
    for (const soci::row& r : rows) {
      first = fmt::format("{}|{}|{}|{}|{}", storage::RowInt(r, 0), r.get<std::string>(1),
                          r.get<std::string>(2), r.get<std::string>(3), r.get<std::string>(4));
    }
  }
  return fmt::format("{}|{}|{}", storage::BackendName(db_->backend()), database, first);
}

Status NameService::LoadSnapshotLocked() {
  const std::filesystem::path& path = options_.snapshot;
  ASSIGN_OR_RETURN(NameSnapshotHeader header, ReadNameSnapshotHeader(path));
  if (header.rules != words_.fingerprint()) {
    return FailedPreconditionError(
        fmt::format("名称索引快照 {} 按另一版名称词表或设置建立（{}，现为 {}）", path.string(),
                    header.rules, words_.fingerprint()));
  }
  std::string store, position_row;
  int64_t last = 0;
  RETURN_IF_ERROR(db_->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(store, StoreIdentity(sql));
    ASSIGN_OR_RETURN(last, storage::LastChangeSeq(sql));
    if (header.seq > 0 && header.seq <= last) position_row = ChangeRow(sql, header.seq);
    return OkStatus();
  }));
  if (header.store != store) {
    return FailedPreconditionError(fmt::format("名称索引快照 {} 属于另一个数据库（{}，现为 {}）",
                                               path.string(), header.store, store));
  }
  if (header.seq > last) {
    return FailedPreconditionError(
        fmt::format("名称索引快照 {} 的变更位置 {} 超过数据库的 {}（数据库可能已从备份恢复）",
                    path.string(), header.seq, last));
  }
  if (header.position_row != position_row) {
    return FailedPreconditionError(
        fmt::format("名称索引快照 {} 记录的第 {} 条变更与数据库中的不同（数据库可能已从备份恢复）",
                    path.string(), header.seq));
  }
  ASSIGN_OR_RETURN(header, ReadNameSnapshot(path, *index_));
  seq_ = header.seq;
  snapshot_seq_ = header.seq;
  return OkStatus();
}

Status NameService::Start() {
  if (db_ == nullptr) return OkStatus();
  std::lock_guard lock(follow_mu_);
  start_ = {};
  const auto began = SteadyClock::now();
  if (!options_.snapshot.empty()) {
    if (Status loaded = LoadSnapshotLocked(); loaded.ok()) {
      const double read_s = SecondsSince(began);
      start_.from_snapshot = true;
      start_.snapshot_seq = seq_;
      RETURN_IF_ERROR(CatchUpLocked());
      start_.seq = seq_;
      start_.names = index_->size();
      spdlog::info(
          "名称索引：从快照 {} 读入（{:.1f} 秒，变更位置 {}），追上变更日志至 {}，共 {} 个名称",
          options_.snapshot.string(), read_s, start_.snapshot_seq, seq_, start_.names);
      return OkStatus();
    } else {
      start_.rebuild_reason = loaded.message();
      spdlog::warn("名称索引从数据库重建：{}", loaded.message());
    }
  }
  RETURN_IF_ERROR(LoadAll());
  start_.seq = seq_;
  start_.names = index_->size();
  // Commands without a snapshot (amr names check --json) keep their output to themselves.
  if (options_.snapshot.empty()) return OkStatus();
  spdlog::info("名称索引：从数据库建立 {} 个名称，{:.1f} 秒", start_.names, SecondsSince(began));
  // Not fatal: the server runs without one and builds again next time.
  if (Status s = SaveSnapshotLocked(); !s.ok()) spdlog::warn("{}", s.message());
  return OkStatus();
}

Status NameService::SaveSnapshot() {
  if (db_ == nullptr || options_.snapshot.empty()) return OkStatus();
  // Set before waiting for the lock, so that checks do not queue behind the write.
  writing_snapshot_ = true;
  std::lock_guard lock(follow_mu_);
  Status s = CatchUpLocked();
  if (s.ok()) s = SaveSnapshotLocked();
  writing_snapshot_ = false;
  return s;
}

Status NameService::SaveSnapshotLocked() {
  const auto began = SteadyClock::now();
  NameSnapshotHeader header;
  header.seq = seq_;
  header.rules = words_.fingerprint();
  RETURN_IF_ERROR(db_->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(header.store, StoreIdentity(sql));
    if (header.seq > 0) header.position_row = ChangeRow(sql, header.seq);
    return OkStatus();
  }));
  ASSIGN_OR_RETURN(uint64_t bytes, WriteNameSnapshot(*index_, header, options_.snapshot));
  snapshot_seq_ = seq_;
  spdlog::info("名称索引快照已写入 {}：{:.1f} MiB，变更位置 {}，{:.1f} 秒",
               options_.snapshot.string(), bytes / 1048576.0, seq_, SecondsSince(began));
  return OkStatus();
}

Status NameService::SaveSnapshotIfMoved() {
  if (db_ == nullptr || options_.snapshot.empty()) return OkStatus();
  writing_snapshot_ = true;
  std::lock_guard lock(follow_mu_);
  Status s = CatchUpLocked();
  if (s.ok() && seq_ != snapshot_seq_) s = SaveSnapshotLocked();
  writing_snapshot_ = false;
  return s;
}

void NameService::StartSnapshots(std::chrono::milliseconds interval) {
  if (db_ == nullptr || options_.snapshot.empty() || interval.count() <= 0 ||
      snapshots_.joinable()) {
    return;
  }
  snapshots_ = std::thread([this, interval] {
    std::unique_lock lock(snapshots_mu_);
    while (!snapshots_cv_.wait_for(lock, interval, [this] { return stop_snapshots_; })) {
      lock.unlock();
      if (Status s = SaveSnapshotIfMoved(); !s.ok()) spdlog::warn("{}", s.message());
      lock.lock();
    }
  });
}

void NameService::StopSnapshotThread() {
  {
    std::lock_guard lock(snapshots_mu_);
    stop_snapshots_ = true;
  }
  snapshots_cv_.notify_all();
  if (snapshots_.joinable()) snapshots_.join();
}

void NameService::StopSnapshots() {
  StopSnapshotThread();
  if (Status s = SaveSnapshotIfMoved(); !s.ok()) spdlog::warn("{}", s.message());
}

}  // namespace amr::names
