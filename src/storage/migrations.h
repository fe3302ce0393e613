// SPDX-License-Identifier: MulanPSL-2.0
// Versioned schema migrations, embedded into the binary.
//
// Files live in src/storage/migrations/{sqlite,postgresql,shared}/ and are
// named NNNN_name.sql (four-digit version, lower-case name). Version N on an
// engine is that engine's file (DDL) followed by the shared file (DML both
// engines run), either of which may be absent; but a version with DDL must
// have it for both engines, and all files of one version share the name.
// Adding a migration is adding files: the build embeds every .sql it finds.
// A file may hold any number of statements (it runs as one script, so SQLite
// triggers and PostgreSQL dollar-quoted bodies are fine) and no parameters.
// It runs inside a transaction: no BEGIN/COMMIT, no CREATE INDEX CONCURRENTLY,
// and on SQLite `PRAGMA foreign_keys` is ignored there (for a table rebuild
// use `PRAGMA defer_foreign_keys = ON`). Keep declared types as in 0001 (see
// its header) so soci::row reads alike on both engines.
// Each version is applied in its own transaction and recorded in
// schema_migrations(version, name, applied_at); a failed version leaves no
// trace. Never edit a file once it has shipped: add a new version.
//
// Thread-safety: Migrate may run concurrently from several processes or
// servers on one database (PostgreSQL: an advisory lock; SQLite: BEGIN
// IMMEDIATE); each version is applied once.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::storage {

struct Migration {
  int version = 0;
  std::string name;  // "core", from 0001_core.sql.
  std::string sql;   // What the engine runs: its own file, then the shared one.
};

// The embedded migrations for `backend`, by ascending version. Internal if the
// embedded files break the naming or pairing rules above.
StatusOr<std::vector<Migration>> EmbeddedMigrations(Backend backend);

// Applies every embedded migration `db` lacks, in version order.
// Errors: FailedPrecondition if `db` records a version this program does not
// know (a newer program migrated it); otherwise the failing version's Status,
// its message prefixed with the file name. Earlier versions stay applied.
Status Migrate(Database& db, const Clock& clock = Clock::Real());

// Migrate with an explicit list (sorted by version), for tests and tools.
Status ApplyMigrations(Database& db, std::span<const Migration> migrations, const Clock& clock);

// The highest applied version; 0 for a database never migrated.
StatusOr<int> SchemaVersion(Database& db);

}  // namespace amr::storage
