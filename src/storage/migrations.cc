// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/migrations.h"

#include <algorithm>
#include <set>

#include "storage/internal/migration_catalogue.h"
#include "storage/internal/native.h"

namespace amr::storage {
namespace {

// Any fixed key works; this is "amr_migr" in ASCII.
constexpr long long kMigrationLockKey = 0x616d725f6d696772LL;

constexpr char kCreateLedger[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

// Serialises migrators. On PostgreSQL the transaction drops to READ COMMITTED
// first so that, once the lock is ours, the next statement sees what the
// previous holder committed (a SERIALIZABLE snapshot would predate it).
// SQLite's BEGIN IMMEDIATE already excludes other writers.
void LockMigrations(soci::session& session, Backend backend) {
  if (backend != Backend::kPostgresql) return;
  session << "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
  session << "SELECT pg_advisory_xact_lock(:key)", soci::use(kMigrationLockKey);
}

std::set<int> AppliedVersions(soci::session& session) {
  std::set<int> out;
  soci::rowset<int> rows = (session.prepare << "SELECT version FROM schema_migrations");
  for (int version : rows) out.insert(version);
  return out;
}

Status ApplyOne(Database& db, const Migration& migration, const Clock& clock) {
  const Backend backend = db.backend();
  return db.Transaction([&](soci::session& session) -> Status {
    LockMigrations(session, backend);
    long long done = 0;
    session << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v",
        soci::use(migration.version), soci::into(done);
    if (done > 0) return OkStatus();  // Another server got here first.
    RETURN_IF_ERROR(internal::ExecScript(session, backend, migration.sql));
    std::string applied_at = FormatChinaTime(clock.Now());
    session << "INSERT INTO schema_migrations (version, name, applied_at) "
               "VALUES (:version, :name, :applied_at)",
        soci::use(migration.version), soci::use(migration.name), soci::use(applied_at);
    return OkStatus();
  });
}

std::string FileName(const Migration& m) {
  std::string version = std::to_string(m.version);
  return std::string(4 - std::min<std::size_t>(4, version.size()), '0') + version + "_" + m.name;
}

}  // namespace

StatusOr<std::vector<Migration>> EmbeddedMigrations(Backend backend) {
  return internal::BuildCatalogue(internal::EmbeddedMigrationFiles(), backend);
}

Status Migrate(Database& db, const Clock& clock) {
  ASSIGN_OR_RETURN(std::vector<Migration> migrations, EmbeddedMigrations(db.backend()));
  return ApplyMigrations(db, migrations, clock);
}

Status ApplyMigrations(Database& db, std::span<const Migration> migrations, const Clock& clock) {
  std::set<int> applied;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& session) -> Status {
    LockMigrations(session, db.backend());
    RETURN_IF_ERROR(internal::ExecScript(session, db.backend(), kCreateLedger));
    applied = AppliedVersions(session);
    return OkStatus();
  }));
  for (int version : applied) {
    bool known = std::any_of(migrations.begin(), migrations.end(),
                             [&](const Migration& m) { return m.version == version; });
    if (!known) {
      return FailedPreconditionError("数据库已应用本程序不认识的迁移版本 " +
                                     std::to_string(version) + "，请使用更新版本的程序");
    }
  }
  for (const Migration& migration : migrations) {
    if (applied.contains(migration.version)) continue;
    Status status = ApplyOne(db, migration, clock);
    if (!status.ok()) {
      return Status(status.code(),
                    "数据库迁移 " + FileName(migration) + " 失败：" + status.message());
    }
  }
  return OkStatus();
}

StatusOr<int> SchemaVersion(Database& db) {
  long long version = 0;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& session) -> Status {
    long long exists = 0;
    if (db.backend() == Backend::kSqlite) {
      session << "SELECT COUNT(*) FROM sqlite_master "
                 "WHERE type = 'table' AND name = 'schema_migrations'",
          soci::into(exists);
    } else {
      session << "SELECT COUNT(*) FROM pg_catalog.pg_tables "
                 "WHERE tablename = 'schema_migrations' AND schemaname = current_schema()",
          soci::into(exists);
    }
    if (exists == 0) return OkStatus();
    session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", soci::into(version);
    return OkStatus();
  }));
  return static_cast<int>(version);
}

}  // namespace amr::storage
