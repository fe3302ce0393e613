// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/internal/native.h"

#include <memory>
#include <string>

#include "storage/internal/error_mapping.h"

namespace amr::storage::internal {

PGconn* PgConn(soci::session& session) {
  return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
}

sqlite_api::sqlite3* SqliteConn(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

Status StatusFromPgResult(PGconn* conn, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = result ? PQresultErrorMessage(result) : "";
  if (detail.empty()) detail = PQerrorMessage(conn);
  return StatusFromSqlState(state ? state : "", detail, PQstatus(conn) == CONNECTION_BAD);
}

Status StatusFromSqlite(sqlite_api::sqlite3* db, int code, std::string_view context) {
  std::string detail(context);
  detail += sqlite_api::sqlite3_errmsg(db);
  return StatusFromSqliteCode(code, detail);
}

Status ExecScript(soci::session& session, Backend backend, std::string_view sql) {
  std::string text(sql);
  if (backend == Backend::kSqlite) {
    sqlite_api::sqlite3* db = SqliteConn(session);
    int rc = sqlite_api::sqlite3_exec(db, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return StatusFromSqlite(db, sqlite_api::sqlite3_extended_errcode(db));
    return OkStatus();
  }
  PGconn* conn = PgConn(session);
  // PQexec runs every statement of a parameterless script; the last result
  // reports the first failure.
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, text.c_str()), &PQclear);
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return OkStatus();
  }
  return StatusFromPgResult(conn, result.get());
}

}  // namespace amr::storage::internal
