// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/read_replica.h"

#include <fmt/format.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

namespace amr::storage {

// --- LagTracker ---------------------------------------------------------------

void LagTracker::Sample(TimePoint now, int64_t primary_lsn, int64_t replay_lsn) {
  // Bounded: past kMaxPending the newest sample replaces the one before it,
  // which can only make the lag read longer, never shorter.
  if (pending_.size() >= kMaxPending) pending_.pop_back();
  pending_.emplace_back(now, primary_lsn);
  while (!pending_.empty() && pending_.front().second <= replay_lsn) {
    caught_up_at_ = pending_.front().first;
    pending_.pop_front();
  }
  current_ = pending_.empty();
}

double LagTracker::LagSeconds(TimePoint now) const {
  if (current_) return 0;
  return std::max(0.0, std::chrono::duration<double>(now - caught_up_at_).count());
}

// --- ReadReplica --------------------------------------------------------------

namespace {

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

ReadReplica::ReadReplica(Database& primary, ReadReplicaOptions options)
    : primary_(primary), options_(std::move(options)), lag_(std::chrono::steady_clock::now()) {}

StatusOr<std::shared_ptr<ReadReplica>> ReadReplica::Start(Database& primary,
                                                          ReadReplicaOptions options) {
  if (primary.backend() != Backend::kPostgresql) {
    return InvalidArgumentError(
        "只读副本（--read-db）须配合 PostgreSQL 主库使用：SQLite 没有流复制备库", "read-db");
  }
  if (!IsPostgresUrl(options.url)) {
    return InvalidArgumentError("只读副本（--read-db）应为 postgresql://… 地址（流复制备库）",
                                "read-db");
  }
  if (options.max_lag.count() <= 0 || options.sample_interval.count() <= 0) {
    return InvalidArgumentError("只读副本的最大延迟与采样间隔须大于 0", "read-db-max-lag");
  }
  std::shared_ptr<ReadReplica> replica(new ReadReplica(primary, std::move(options)));
  replica->SampleOnce();  // usable at once when the standby is there
  replica->thread_ = std::thread([r = replica.get()] { r->Run(); });
  return replica;
}

ReadReplica::~ReadReplica() { Stop(); }

void ReadReplica::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    usable_ = false;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReadReplica::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.sample_interval, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    SampleOnce();
    lock.lock();
  }
}

std::shared_ptr<Database> ReadReplica::Replica() const {
  std::lock_guard lock(mutex_);
  return replica_;
}

void ReadReplica::SampleOnce() {
  std::shared_ptr<Database> replica = Replica();
  std::string problem;
  if (replica == nullptr) {
    auto opened = Database::Open(options_.url, options_.pool_size);
    if (opened.ok()) {
      replica = std::shared_ptr<Database>(std::move(*opened));
      std::lock_guard lock(mutex_);
      replica_ = replica;
    } else {
      problem = "无法连接：" + opened.status().message();
    }
  }
  long long primary_lsn = 0, replay_lsn = -1;
  int in_recovery = 0;
  if (problem.empty()) {
    // The primary first: what the standby must have replayed to be current.
    Status s = primary_.ReadTransaction([&](soci::session& sql) -> Status {
      sql << "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", soci::into(primary_lsn);
      return OkStatus();
    });
    if (!s.ok()) problem = "无法读取主库的 WAL 位置：" + s.message();
  }
  if (problem.empty()) {
    Status s = replica->ReadTransaction([&](soci::session& sql) -> Status {
      sql << "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END, "
             "COALESCE((pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint, -1)",
          soci::into(in_recovery), soci::into(replay_lsn);
      return OkStatus();
    });
    if (!s.ok()) {
      problem = "无法连接：" + s.message();
    } else if (in_recovery == 0) {
      problem = "不是备库（pg_is_in_recovery() 为假）：可能已被提升为主库，或地址有误";
    }
  }
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  up_ = problem.empty();
  if (up_) lag_.Sample(now, primary_lsn, replay_lsn);
  const double lag = lag_.LagSeconds(now);
  const double max_lag = std::chrono::duration<double>(options_.max_lag).count();
  if (up_ && lag > max_lag) {
    problem = fmt::format("延迟 {:.1f} 秒，超过上限 {:.0f} 秒", lag, max_lag);
  }
  usable_ = problem.empty() && !stopping_;
  if (problem != last_problem_) {
    if (problem.empty()) {
      spdlog::info("只读副本可用：公开查询、变更订阅与统计改读副本（延迟 {:.1f} 秒）", lag);
    } else {
      spdlog::warn("只读副本暂不可用（{}）：相应读取改由主库承担", problem);
    }
    last_problem_ = problem;
  }
}

Status ReadReplica::Read(const std::function<Status(soci::session&)>& body) {
  std::shared_ptr<Database> replica;
  {
    std::lock_guard lock(mutex_);
    if (usable_) replica = replica_;
  }
  if (replica != nullptr) {
    Status s = replica->ReadTransaction(body);
    if (s.code() != StatusCode::kUnavailable) {
      std::lock_guard lock(mutex_);
      ++replica_reads_;
      return s;
    }
    // Gone between two samples: the primary answers until the next sample.
    std::lock_guard lock(mutex_);
    if (usable_) spdlog::warn("只读副本读取失败（{}）：改读主库", s.message());
    usable_ = false;
  }
  {
    std::lock_guard lock(mutex_);
    ++fallbacks_;
  }
  return primary_.ReadTransaction(body);
}

ReadReplica::Figures ReadReplica::figures() const {
  std::lock_guard lock(mutex_);
  Figures f;
  f.lag_seconds = lag_.LagSeconds(std::chrono::steady_clock::now());
  f.up = up_;
  f.in_use = usable_;
  f.replica_reads = replica_reads_;
  f.fallbacks = fallbacks_;
  return f;
}

}  // namespace amr::storage
