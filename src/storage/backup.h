// SPDX-License-Identifier: MulanPSL-2.0
// Backups that restore: one consistent snapshot of the whole store, taken
// while servers write, and its restore into an empty store.
//
//   SQLite      the online backup API (sqlite3_backup_*): the file is a
//               SQLite database copied page by page inside one read
//               snapshot; writers are not blocked (WAL).
//   PostgreSQL  pg_dump in its custom format (-Fc), reading a snapshot this
//               process exports (pg_export_snapshot), so that `in_snapshot`
//               sees exactly what the dump holds; restored with pg_restore
//               in one transaction.
//
// A restore refuses a store that holds any table (FailedPrecondition naming
// "db"), and a file of the other engine (InvalidArgument naming "file").
//
// Thread-safety: functions are thread-safe; the Database must outlive them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "common/status.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage {

struct BackupResult {
  Backend backend = Backend::kSqlite;
  std::uintmax_t bytes = 0;
};

// Writes a backup of the store at `url` (open as `db`) to `out` (which must
// not exist; its directory must). `in_snapshot`, if given, runs on a session
// that sees the data exactly as backed up (for PostgreSQL: the exported
// snapshot; for SQLite: the finished backup file itself, read-only).
// Errors: AlreadyExists (field "out"); InvalidArgument for an in-memory store;
// Unavailable when pg_dump is missing or fails (its message is kept).
StatusOr<BackupResult> Backup(Database& db, std::string_view url, const std::filesystem::path& out,
                              const std::function<Status(soci::session&)>& in_snapshot = {});

// Restores `file` into the empty store at `url` (a SQLite file that does not
// exist or holds no table; a PostgreSQL database with no table).
Status Restore(const std::filesystem::path& file, std::string_view url);

// Which engine wrote `file` (by its header), InvalidArgument if neither.
StatusOr<Backend> BackupFileBackend(const std::filesystem::path& file);

}  // namespace amr::storage
