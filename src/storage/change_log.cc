// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/change_log.h"

#include <soci/soci.h>

#include <memory>

#include "storage/commit_hooks.h"
#include "storage/errors.h"

namespace amr::storage {
namespace {

// Any fixed key works; this is "amr_chlg" in ASCII.
constexpr long long kChangeLogLockKey = 0x616d725f63686c67LL;
constexpr int kMaxLimit = 10000;

bool IsPostgresql(soci::session& session) { return session.get_backend_name() == "postgresql"; }

}  // namespace

namespace {

using ChangeRow = Change;  // seq unused until inserted

void InsertChange(soci::session& session, const ChangeRow& row) {
  session << "INSERT INTO change_log (table_name, row_key, op, region_code, changed_at) "
             "VALUES (:table_name, :row_key, :op, :region_code, :changed_at)",
      soci::use(row.table_name), soci::use(row.row_key), soci::use(row.op),
      soci::use(row.region_code), soci::use(row.changed_at);
}

// Just before COMMIT: the lock, then the buffered rows, so appenders queue
// only from here to their commit.
Status FlushChanges(soci::session& session, const std::vector<ChangeRow>& rows) {
  try {
    session << "SELECT pg_advisory_xact_lock(:key)", soci::use(kChangeLogLockKey);
    for (const ChangeRow& row : rows) InsertChange(session, row);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return OkStatus();
}

}  // namespace

Status AppendChange(soci::session& session, std::string_view table, std::string_view row_key,
                    std::string_view op, std::string_view region_code,
                    std::string_view changed_at) {
  if (op != "insert" && op != "update" && op != "delete") {
    return InvalidArgumentError("变更类型应为 insert、update 或 delete", "op");
  }
  ChangeRow row{0,
                std::string(table),
                std::string(row_key),
                std::string(op),
                std::string(region_code),
                std::string(changed_at)};
  try {
    if (!IsPostgresql(session)) {
      InsertChange(session, row);  // one writer at a time: order holds
      return OkStatus();
    }
    // Inside Database::Transaction: buffered until just before COMMIT.
    if (std::shared_ptr<void>* slot = AttemptSlot(session, "change_log")) {
      if (*slot == nullptr) {
        auto rows = std::make_shared<std::vector<ChangeRow>>();
        *slot = rows;
        BeforeCommit(session, "change_log",
                     [rows](soci::session& s) { return FlushChanges(s, *rows); });
      }
      std::static_pointer_cast<std::vector<ChangeRow>>(*slot)->push_back(std::move(row));
      return OkStatus();
    }
    // A raw session: the lock here, held until its commit.
    session << "SELECT pg_advisory_xact_lock(:key)", soci::use(kChangeLogLockKey);
    InsertChange(session, row);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return OkStatus();
}

Status AppendChangesFrom(soci::session& session, const std::string& select,
                         const std::vector<std::string>& params) {
  try {
    if (IsPostgresql(session)) {
      session << "SELECT pg_advisory_xact_lock(:key)", soci::use(kChangeLogLockKey);
    }
    std::vector<std::string> values = params;
    soci::statement insert(session);
    for (std::string& v : values) insert.exchange(soci::use(v));
    insert.alloc();
    insert.prepare("INSERT INTO change_log (table_name, row_key, op, region_code, changed_at) " +
                   select);
    insert.define_and_bind();
    insert.execute(true);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return OkStatus();
}

StatusOr<std::vector<Change>> ChangesSince(Database& db, int64_t after_seq, int limit) {
  if (limit < 1 || limit > kMaxLimit) {
    return InvalidArgumentError("每次读取的变更条数应在 1 到 10000 之间", "limit");
  }
  ASSIGN_OR_RETURN(Database::Connection connection, db.Acquire());
  std::vector<Change> changes;
  try {
    soci::session& session = connection.session();
    long long after = after_seq;
    Change change;
    long long seq = 0;
    soci::statement st =
        (session.prepare << "SELECT seq, table_name, row_key, op, region_code, changed_at "
                            "FROM change_log WHERE seq > :after ORDER BY seq LIMIT :limit",
         soci::use(after), soci::use(limit), soci::into(seq), soci::into(change.table_name),
         soci::into(change.row_key), soci::into(change.op), soci::into(change.region_code),
         soci::into(change.changed_at));
    st.execute();
    while (st.fetch()) {
      change.seq = seq;
      changes.push_back(change);
    }
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return changes;
}

StatusOr<int64_t> LastChangeSeq(soci::session& session) {
  long long seq = 0;
  try {
    session << "SELECT COALESCE(MAX(seq), 0) FROM change_log", soci::into(seq);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return static_cast<int64_t>(seq);
}

}  // namespace amr::storage
