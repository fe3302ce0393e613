// SPDX-License-Identifier: MulanPSL-2.0
// Direct access to the engine beneath a SOCI session, for what SOCI cannot do:
// COPY, multi-statement scripts, transaction control with exact error codes.
// Include only from storage .cc files: it pulls in libpq and SQLite headers.
#pragma once

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/database.h"

namespace amr::storage::internal {

// The libpq connection of a PostgreSQL session.
PGconn* PgConn(soci::session& session);
// The SQLite handle of an SQLite session.
sqlite_api::sqlite3* SqliteConn(soci::session& session);

// Runs `sql`, which may hold several statements and no parameters, and
// discards any rows. Errors are mapped as in errors.h.
Status ExecScript(soci::session& session, Backend backend, std::string_view sql);

// The Status for a failed libpq result (`result` may be null).
Status StatusFromPgResult(PGconn* conn, const PGresult* result);

// The Status for a failed SQLite call on `db`, prefixed by `context`.
Status StatusFromSqlite(sqlite_api::sqlite3* db, int code, std::string_view context = {});

}  // namespace amr::storage::internal
