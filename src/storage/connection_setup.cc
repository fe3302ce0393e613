// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/internal/connection_setup.h"

#include "storage/errors.h"
#include "storage/internal/error_mapping.h"
#include "storage/internal/native.h"

namespace amr::storage::internal {
namespace {

// WAL lets readers run beside the one writer; synchronous=FULL makes a commit
// durable across power loss (ARCHITECTURE.md, embedded shape); the busy
// timeout lets a writer queue behind another instead of failing at once.
constexpr char kSqliteSettings[] =
    "PRAGMA busy_timeout = 10000;"
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA foreign_keys = ON;"
    // 64 MiB of page cache (the default is 2 MiB), grown only as pages are used.
    "PRAGMA cache_size = -65536;"
    // Statement journals and sort spills in memory, not in temporary files
    // (a multi-row INSERT otherwise writes a statement journal page by page).
    "PRAGMA temp_store = MEMORY;";

Status Configure(soci::session& session, Backend backend) {
  if (backend == Backend::kSqlite) {
    // Extended codes tell a UNIQUE violation from a FOREIGN KEY one.
    sqlite_api::sqlite3_extended_result_codes(SqliteConn(session), 1);
    return ExecScript(session, backend, kSqliteSettings);
  }
  return ExecScript(session, backend, "SET client_encoding TO 'UTF8'");
}

}  // namespace

Status OpenSession(soci::session& session, Backend backend, const std::string& connect_string) {
  try {
    if (backend == Backend::kSqlite) {
      session.open(*soci::factory_sqlite3(), connect_string);
    } else {
      session.open(*soci::factory_postgresql(), connect_string);
    }
  } catch (const std::exception& e) {
    return UnavailableError("无法连接数据库：" + OneLine(e.what()));
  }
  Status configured = Configure(session, backend);
  if (!configured.ok()) return UnavailableError("无法设置数据库连接：" + configured.message());
  return OkStatus();
}

Status EnsureUsable(soci::session& session, Backend backend) {
  if (backend != Backend::kPostgresql || PQstatus(PgConn(session)) != CONNECTION_BAD) {
    return OkStatus();
  }
  try {
    session.reconnect();
  } catch (const std::exception& e) {
    return UnavailableError("数据库连接已断开且无法重连：" + OneLine(e.what()));
  }
  return Configure(session, backend);
}

void ResetForReuse(soci::session& session, Backend backend) noexcept {
  if (backend == Backend::kSqlite) {
    sqlite_api::sqlite3* db = SqliteConn(session);
    if (!sqlite_api::sqlite3_get_autocommit(db)) {
      sqlite_api::sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    return;
  }
  PGconn* conn = PgConn(session);
  switch (PQtransactionStatus(conn)) {
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
      PQclear(PQexec(conn, "ROLLBACK"));
      return;
    case PQTRANS_ACTIVE:  // Mid-command (an unfinished COPY): start afresh.
      try {
        session.reconnect();
        (void)Configure(session, backend);
      } catch (...) {
        // The next lease sees CONNECTION_BAD and reconnects.
      }
      return;
    default:
      return;
  }
}

}  // namespace amr::storage::internal
