// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/errors.h"
#include "storage/internal/native.h"

extern char** environ;

namespace amr::storage {

namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr char kSqliteHeader[] = "SQLite format 3";  // followed by a NUL
constexpr char kPgDumpHeader[] = "PGDMP";

bool IsPostgres(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

StatusOr<std::filesystem::path> SqlitePath(std::string_view url) {
  if (!url.starts_with(kSqlitePrefix) || url == "sqlite::memory:") {
    return InvalidArgumentError("只能备份或恢复到 SQLite 文件或 PostgreSQL 数据库", "db");
  }
  return std::filesystem::path(std::string(url.substr(kSqlitePrefix.size())));
}

// Runs `argv` (found on PATH) and waits; Unavailable with what it printed on
// stderr when it cannot start or exits non-zero.
Status RunProgram(const std::vector<std::string>& argv) {
  std::array<int, 2> pipe_fds{};
  if (pipe(pipe_fds.data()) != 0) return UnavailableError("无法创建管道");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  std::string errors;
  if (spawned == 0) {
    std::array<char, 4096> buffer{};
    ssize_t n = 0;
    while ((n = read(pipe_fds[0], buffer.data(), buffer.size())) > 0) {
      if (errors.size() < 64 * 1024) errors.append(buffer.data(), static_cast<size_t>(n));
    }
  }
  close(pipe_fds[0]);
  if (spawned != 0) {
    return UnavailableError(fmt::format("无法运行 {}（请安装 postgresql-client-15）", argv[0]));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return UnavailableError(fmt::format("{} 失败：{}", argv[0], errors));
  }
  return OkStatus();
}

using SqliteHandle = std::unique_ptr<sqlite_api::sqlite3, decltype(&sqlite_api::sqlite3_close)>;

StatusOr<SqliteHandle> OpenSqlite(const std::filesystem::path& path, int flags) {
  sqlite_api::sqlite3* raw = nullptr;
  const int rc = sqlite_api::sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle handle(raw, &sqlite_api::sqlite3_close);
  if (rc != SQLITE_OK) {
    return UnavailableError(fmt::format("无法打开 {}：{}", path.string(),
                                        raw ? sqlite_api::sqlite3_errmsg(raw) : "内存不足"));
  }
  sqlite_api::sqlite3_busy_timeout(raw, 10000);
  return handle;
}

// Copies every page of `from` into `to` inside one read snapshot of `from`.
Status CopySqlite(sqlite_api::sqlite3* from, sqlite_api::sqlite3* to) {
  sqlite_api::sqlite3_backup* backup = sqlite_api::sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return internal::StatusFromSqlite(to, sqlite_api::sqlite3_errcode(to));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    rc = sqlite_api::sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  sqlite_api::sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return internal::StatusFromSqlite(to, rc, "备份失败：");
  return OkStatus();
}

Status ExecSqlite(sqlite_api::sqlite3* db, const char* sql) {
  const int rc = sqlite_api::sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return internal::StatusFromSqlite(db, rc);
  return OkStatus();
}

StatusOr<int64_t> SqliteTableCount(sqlite_api::sqlite3* db) {
  sqlite_api::sqlite3_stmt* stmt = nullptr;
  int rc = sqlite_api::sqlite3_prepare_v2(
      db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return internal::StatusFromSqlite(db, rc);
  int64_t count = 0;
  if (sqlite_api::sqlite3_step(stmt) == SQLITE_ROW)
    count = sqlite_api::sqlite3_column_int64(stmt, 0);
  sqlite_api::sqlite3_finalize(stmt);
  return count;
}

StatusOr<BackupResult> BackupSqlite(Database& db, const std::filesystem::path& out,
                                    const std::function<Status(soci::session&)>& in_snapshot) {
  ASSIGN_OR_RETURN(Database::Connection lease, db.Acquire());
  {
    ASSIGN_OR_RETURN(SqliteHandle dest,
                     OpenSqlite(out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    RETURN_IF_ERROR(CopySqlite(internal::SqliteConn(lease.session()), dest.get()));
    // A plain rollback-journal file: reading it later leaves no -wal beside it.
    RETURN_IF_ERROR(ExecSqlite(dest.get(), "PRAGMA journal_mode = DELETE"));
  }
  if (in_snapshot) {
    try {
      soci::session copy(soci::sqlite3, "db=\"" + out.string() + "\"");
      RETURN_IF_ERROR(in_snapshot(copy));
    } catch (const std::exception& e) {
      return StatusFromException(e);
    }
  }
  return BackupResult{Backend::kSqlite, std::filesystem::file_size(out)};
}

StatusOr<BackupResult> BackupPostgres(Database& db, std::string_view url,
                                      const std::filesystem::path& out,
                                      const std::function<Status(soci::session&)>& in_snapshot) {
  ASSIGN_OR_RETURN(Database::Connection lease, db.Acquire());
  soci::session& session = lease.session();
  RETURN_IF_ERROR(internal::ExecScript(session, Backend::kPostgresql,
                                       "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  std::string snapshot;
  Status status = OkStatus();
  try {
    session << "SELECT pg_export_snapshot()", soci::into(snapshot);
    if (in_snapshot) status = in_snapshot(session);
  } catch (const std::exception& e) {
    status = StatusFromException(e);
  }
  if (status.ok()) {
    status = RunProgram({"pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                         "--snapshot=" + snapshot, "--file=" + out.string(),
                         "--dbname=" + std::string(url)});
  }
  (void)internal::ExecScript(session, Backend::kPostgresql, "COMMIT");
  if (!status.ok()) {
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    return status;
  }
  return BackupResult{Backend::kPostgresql, std::filesystem::file_size(out)};
}

}  // namespace

StatusOr<Backend> BackupFileBackend(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFoundError(fmt::format("备份文件 {} 不存在或无法读取", file.string()), "file");
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  const std::string_view got(header.data(), static_cast<size_t>(in.gcount()));
  if (got.size() == 16 && got.starts_with(kSqliteHeader) && got[15] == '\0') {
    return Backend::kSqlite;
  }
  if (got.starts_with(kPgDumpHeader)) return Backend::kPostgresql;
  return InvalidArgumentError(fmt::format("{} 不是 OpenAMR 的备份文件", file.string()), "file");
}

StatusOr<BackupResult> Backup(Database& db, std::string_view url, const std::filesystem::path& out,
                              const std::function<Status(soci::session&)>& in_snapshot) {
  if (std::filesystem::exists(out)) {
    return AlreadyExistsError(fmt::format("备份文件 {} 已存在，不会覆盖", out.string()), "out");
  }
  if (db.backend() == Backend::kPostgresql) return BackupPostgres(db, url, out, in_snapshot);
  ASSIGN_OR_RETURN(std::filesystem::path path, SqlitePath(url));
  (void)path;
  return BackupSqlite(db, out, in_snapshot);
}

Status Restore(const std::filesystem::path& file, std::string_view url) {
  ASSIGN_OR_RETURN(Backend backend, BackupFileBackend(file));
  if ((backend == Backend::kPostgresql) != IsPostgres(url)) {
    return InvalidArgumentError(
        fmt::format("{} 是 {} 的备份，不能恢复到 {}", file.string(), BackendName(backend),
                    IsPostgres(url) ? "PostgreSQL" : "SQLite"),
        "file");
  }
  if (backend == Backend::kPostgresql) {
    {
      ASSIGN_OR_RETURN(std::unique_ptr<Database> target, Database::Open(url, 1));
      int64_t tables = 0;
      RETURN_IF_ERROR(target->ReadTransaction([&](soci::session& sql) -> Status {
        sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            soci::into(tables);
        return OkStatus();
      }));
      if (tables > 0) {
        return FailedPreconditionError(
            fmt::format("目标数据库已有 {} 张表：只能恢复到空库（请新建数据库）", tables), "db");
      }
    }
    return RunProgram({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                       "--single-transaction", "--dbname=" + std::string(url), file.string()});
  }
  ASSIGN_OR_RETURN(std::filesystem::path path, SqlitePath(url));
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  ASSIGN_OR_RETURN(SqliteHandle source, OpenSqlite(file, SQLITE_OPEN_READONLY));
  ASSIGN_OR_RETURN(SqliteHandle target,
                   OpenSqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  ASSIGN_OR_RETURN(int64_t tables, SqliteTableCount(target.get()));
  if (tables > 0) {
    return FailedPreconditionError(
        fmt::format("目标数据库 {} 已有 {} 张表：只能恢复到空库", path.string(), tables), "db");
  }
  RETURN_IF_ERROR(CopySqlite(source.get(), target.get()));
  return ExecSqlite(target.get(), "PRAGMA journal_mode = WAL");
}

}  // namespace amr::storage
