// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/database.h"

#include <soci/connection-pool.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <system_error>
#include <thread>
#include <vector>

#include "storage/errors.h"
#include "storage/internal/commit_hooks_state.h"
#include "storage/internal/connection_setup.h"
#include "storage/internal/error_mapping.h"
#include "storage/internal/native.h"

namespace amr::storage {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kSqliteMemory = "sqlite::memory:";
constexpr int kDefaultPoolSize = 4;

struct ParsedUrl {
  Backend backend;
  std::string connect_string;
  std::filesystem::path file;  // SQLite file; empty for memory and PostgreSQL.
  bool memory = false;
};

Status BadUrl() {
  return InvalidArgumentError(
      "数据库地址无效：应为 sqlite:文件路径 或 postgresql://用户@主机:端口/库名", "db");
}

// libpq accepts the URL, but SOCI 4.0's PostgreSQL factory re-parses its
// connect string as space-separated key=value pairs (and mangles a URL), so
// the URL is turned into libpq keywords here: key="'value'" survives SOCI
// (which strips the double quotes) and reaches libpq single-quoted.
StatusOr<std::string> PgConnectString(std::string_view url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &error);
  if (options == nullptr) {
    std::string detail = error ? internal::OneLine(error) : "";
    PQfreemem(error);
    return InvalidArgumentError("数据库地址无效：" + detail, "db");
  }
  std::string out;
  Status status;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string_view value(option->val);
    if (value.find('"') != std::string_view::npos) {
      status = InvalidArgumentError("数据库地址中不能含有双引号", "db");
      break;
    }
    std::string quoted;
    for (char c : value) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    if (!out.empty()) out += ' ';
    out += std::string(option->keyword) + "=\"'" + quoted + "'\"";
  }
  PQconninfoFree(options);
  if (!status.ok()) return status;
  return out;
}

StatusOr<ParsedUrl> ParseUrl(std::string_view url) {
  if (url == kSqliteMemory) return ParsedUrl{Backend::kSqlite, "db=:memory:", {}, true};
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    if (url.substr(url.find("://") + 3).empty()) return BadUrl();
    ASSIGN_OR_RETURN(std::string connect, PgConnectString(url));
    return ParsedUrl{Backend::kPostgresql, std::move(connect), {}, false};
  }
  if (!url.starts_with(kSqlitePrefix)) return BadUrl();
  std::string_view path = url.substr(kSqlitePrefix.size());
  // SOCI's connect string quotes values with '"' and cannot escape it.
  if (path.empty() || path.find('"') != std::string_view::npos) return BadUrl();
  std::string connect = "db=\"" + std::string(path) + "\"";
  return ParsedUrl{Backend::kSqlite, std::move(connect), std::filesystem::path(path), false};
}

// The Databases whose transaction bodies the current thread is inside.
thread_local std::vector<const Database*> active_transactions;

class ActiveTransaction {
 public:
  explicit ActiveTransaction(const Database* db) { active_transactions.push_back(db); }
  ~ActiveTransaction() { active_transactions.pop_back(); }
  static bool IsActive(const Database* db) {
    return std::find(active_transactions.begin(), active_transactions.end(), db) !=
           active_transactions.end();
  }
};

// Full-jitter exponential backoff, so conflicting writers spread out.
void Backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  const int cap_ms = std::min(400, 4 << std::min(attempt, 7));
  std::this_thread::sleep_for(
      std::chrono::milliseconds(std::uniform_int_distribution<int>(1, cap_ms)(rng)));
}

// Runs one piece of AfterCommit work; a transaction it left open (an error
// thrown mid-way) is rolled back so the connection goes back to the pool clean.
Status RunAfterCommit(soci::session& session, Backend engine,
                      const std::pair<std::string, CommitWork>& work) {
  Status status;
  try {
    status = work.second(session);
  } catch (const std::exception& e) {
    status = StatusFromException(e);
  }
  if (!status.ok()) internal::ResetForReuse(session, engine);
  return status;
}

// The writers of one Database sharing runs of one AfterCommitShared key: a
// writer returns once a run that began after its commit has finished.
class SharedAfterCommit {
 public:
  Status Run(soci::session& session, Backend engine,
             const std::pair<std::string, CommitWork>& work) {
    std::unique_lock lock(mu_);
    const uint64_t mine = ++requested_;
    while (completed_ < mine) {
      if (running_) {
        done_.wait(lock);
        continue;
      }
      running_ = true;
      const uint64_t covers = requested_;  // every writer committed by now
      lock.unlock();
      Status status = RunAfterCommit(session, engine, work);
      lock.lock();
      running_ = false;
      // Also when the run failed: its error is logged, and the work is of
      // the kind picked up later (commit_hooks.h); nobody waits for ever.
      completed_ = std::max(completed_, covers);
      done_.notify_all();
      if (!status.ok()) return status;
    }
    return OkStatus();
  }

 private:
  std::mutex mu_;
  std::condition_variable done_;
  uint64_t requested_ = 0, completed_ = 0;
  bool running_ = false;
};

}  // namespace

std::string_view BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

struct Database::Impl {
  Impl(Backend b, std::size_t n) : backend(b), size(n), pool(n) {}
  Backend backend;
  std::size_t size;
  soci::connection_pool pool;
  std::atomic<int> open_transactions{0};  // bodies running now (metrics)
  std::atomic<long long> reruns{0};       // bodies rerun after a conflict (metrics)
  // A read view (Database::ReadView): where reads and everything else go.
  Database* primary = nullptr;
  std::shared_ptr<ReadRouter> reads;
  // AfterCommitShared work, by key.
  std::mutex shared_mu;
  std::map<std::string, std::unique_ptr<SharedAfterCommit>, std::less<>> shared;

  SharedAfterCommit& Shared(std::string_view key) {
    std::lock_guard lock(shared_mu);
    auto it = shared.find(key);
    if (it == shared.end()) {
      it = shared.emplace(std::string(key), std::make_unique<SharedAfterCommit>()).first;
    }
    return *it->second;
  }
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

int Database::open_transactions() const { return impl_->open_transactions.load(); }

long long Database::reruns() const { return impl_->reruns.load(); }

StatusOr<std::unique_ptr<Database>> Database::Open(std::string_view url, int pool_size) {
  ASSIGN_OR_RETURN(ParsedUrl parsed, ParseUrl(url));
  if (pool_size < 0) return InvalidArgumentError("连接池大小不能为负数", "pool_size");
  std::size_t size = pool_size == 0 ? kDefaultPoolSize : static_cast<std::size_t>(pool_size);
  // Each connection to ":memory:" would be a different database.
  if (parsed.memory) size = 1;
  if (parsed.file.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(parsed.file.parent_path(), error);
    if (error) {
      return UnavailableError("无法创建数据库目录 " + parsed.file.parent_path().string() + "：" +
                              error.message());
    }
  }
  auto impl = std::make_unique<Impl>(parsed.backend, size);
  for (std::size_t i = 0; i < size; ++i) {
    RETURN_IF_ERROR(internal::OpenSession(impl->pool.at(i), parsed.backend, parsed.connect_string));
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::unique_ptr<Database> Database::ReadView(Database& primary,
                                             std::shared_ptr<ReadRouter> router) {
  // A pool of one session that is never opened nor leased.
  auto impl = std::make_unique<Impl>(primary.backend(), 1);
  impl->primary = &primary;
  impl->reads = std::move(router);
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Backend Database::backend() const { return impl_->backend; }
int Database::pool_size() const {
  return impl_->primary != nullptr ? impl_->primary->pool_size() : static_cast<int>(impl_->size);
}

// --- Connection -------------------------------------------------------------

Database::Connection::Connection(Database* db, std::size_t position)
    : db_(db), position_(position) {}

Database::Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), position_(other.position_) {}

Database::Connection& Database::Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    Release();
    db_ = std::exchange(other.db_, nullptr);
    position_ = other.position_;
  }
  return *this;
}

Database::Connection::~Connection() { Release(); }

void Database::Connection::Release() {
  if (db_ == nullptr) return;
  internal::ResetForReuse(session(), db_->backend());
  db_->impl_->pool.give_back(position_);
  db_ = nullptr;
}

soci::session& Database::Connection::session() const { return db_->impl_->pool.at(position_); }
Backend Database::Connection::backend() const { return db_->backend(); }

StatusOr<Database::Connection> Database::Acquire(std::chrono::milliseconds wait) {
  if (impl_->primary != nullptr) return impl_->primary->Acquire(wait);
  std::size_t position = 0;
  if (!impl_->pool.try_lease(position, static_cast<int>(wait.count()))) {
    return UnavailableError("数据库连接全部被占用，等待超时");
  }
  Connection connection(this, position);
  RETURN_IF_ERROR(internal::EnsureUsable(connection.session(), backend()));
  return connection;
}

// --- Transactions -----------------------------------------------------------

Status Database::Transaction(const std::function<Status(soci::session&)>& body) {
  return Run(Mode::kWrite, Isolation::kSerializable, body);
}

Status Database::Transaction(const std::function<Status(soci::session&)>& body,
                             Isolation isolation) {
  return Run(Mode::kWrite, isolation, body);
}

Status Database::ReadTransaction(const std::function<Status(soci::session&)>& body) {
  return Run(Mode::kRead, Isolation::kSerializable, body);
}

Status Database::Run(Mode mode, Isolation isolation,
                     const std::function<Status(soci::session&)>& body) {
  if (impl_->primary != nullptr) {
    return mode == Mode::kRead ? impl_->reads->Read(body)
                               : impl_->primary->Transaction(body, isolation);
  }
  if (ActiveTransaction::IsActive(this)) {
    return InternalError("不能在事务内部再开启同一数据库的事务");
  }
  ActiveTransaction active(this);
  impl_->open_transactions.fetch_add(1);
  struct Done {
    std::atomic<int>& count;
    ~Done() { count.fetch_sub(1); }
  } done{impl_->open_transactions};
  Status last;
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    {
      ASSIGN_OR_RETURN(Connection connection, Acquire());
      last = RunOnce(connection.session(), mode, isolation, body);
    }
    if (last.code() != StatusCode::kAborted) return last;
    if (attempt < kMaxAttempts) {
      impl_->reruns.fetch_add(1);
      Backoff(attempt);
    }
  }
  return AbortedError("并发冲突，已重试 " + std::to_string(kMaxAttempts) + " 次仍未成功：" +
                      last.message());
}

Status Database::RunOnce(soci::session& session, Mode mode, Isolation isolation,
                         const std::function<Status(soci::session&)>& body) {
  const Backend engine = backend();
  const bool sqlite = engine == Backend::kSqlite;
  const char* begin = nullptr;
  if (mode == Mode::kWrite) {
    begin = sqlite                                   ? "BEGIN IMMEDIATE"
            : isolation == Isolation::kReadCommitted ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                                     : "BEGIN ISOLATION LEVEL SERIALIZABLE";
  } else {
    begin = sqlite ? "PRAGMA query_only = ON; BEGIN DEFERRED"
                   : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  }
  Status status = internal::ExecScript(session, engine, begin);
  internal::CommitHooks hooks;
  if (mode == Mode::kWrite) hooks.session = &session;
  internal::ScopedCommitHooks scoped(hooks);
  if (status.ok()) {
    try {
      status = body(session);
      // Work registered by BeforeCommit may register more: run until done.
      for (std::size_t i = 0; status.ok() && i < hooks.before.size(); ++i) {
        status = hooks.before[i].second(session);
      }
      for (std::size_t i = 0; status.ok() && i < hooks.locked.size(); ++i) {
        status = hooks.locked[i].second(session);
      }
    } catch (const std::exception& e) {
      status = StatusFromException(e);
    } catch (...) {
      internal::ResetForReuse(session, engine);
      if (sqlite && mode == Mode::kRead) {
        (void)internal::ExecScript(session, engine, "PRAGMA query_only = OFF");
      }
      throw;
    }
  }
  if (status.ok() && !sqlite && PQtransactionStatus(internal::PgConn(session)) == PQTRANS_INERROR) {
    // PostgreSQL would turn this COMMIT into a silent ROLLBACK.
    status = InternalError("事务中有语句已失败，不能提交");
  }
  if (status.ok()) status = internal::ExecScript(session, engine, "COMMIT");
  if (!status.ok()) internal::ResetForReuse(session, engine);
  hooks.session = nullptr;  // AfterCommit work runs outside the transaction
  for (std::size_t i = 0; status.ok() && i < hooks.after.size(); ++i) {
    Status after = RunAfterCommit(session, engine, hooks.after[i]);
    if (!after.ok()) {
      spdlog::warn("提交后的后续处理（{}）未完成，稍后补做：{}", hooks.after[i].first,
                   after.message());
    }
  }
  for (std::size_t i = 0; status.ok() && i < hooks.after_shared.size(); ++i) {
    const auto& work = hooks.after_shared[i];
    Status after = impl_->Shared(work.first).Run(session, engine, work);
    if (!after.ok()) {
      spdlog::warn("提交后的后续处理（{}）未完成，稍后补做：{}", work.first, after.message());
    }
  }
  if (sqlite && mode == Mode::kRead) {
    Status restored = internal::ExecScript(session, engine, "PRAGMA query_only = OFF");
    if (status.ok()) status = restored;
  }
  return status;
}

}  // namespace amr::storage
