// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/change_log.h"

#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <memory>

#include "storage/commit_hooks.h"
#include "storage/errors.h"
#include "storage/query.h"
#include "storage/rows.h"

namespace amr::storage {
namespace {

// Any fixed key works; this is "amr_chlg" in ASCII.
constexpr long long kChangeLogLockKey = 0x616d725f63686c67LL;
constexpr int kMaxLimit = 10000;

bool IsPostgresql(soci::session& session) { return session.get_backend_name() == "postgresql"; }

std::atomic<uint64_t> local_change_commits{0};

// Counts the change at the commit of the transaction of `session` (at once
// for a raw session).
void CountAtCommit(soci::session& session) {
  if (!AfterCommit(session, "change_log_count", [](soci::session&) {
        local_change_commits.fetch_add(1, std::memory_order_release);
        return OkStatus();
      })) {
    local_change_commits.fetch_add(1, std::memory_order_release);
  }
}

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
    // Many rows per statement, in their order (seq follows the VALUES).
    constexpr std::size_t kRowsPerInsert = 500;
    for (std::size_t from = 0; from < rows.size(); from += kRowsPerInsert) {
      Params p;
      std::string text =
          "INSERT INTO change_log (table_name, row_key, op, region_code, changed_at) VALUES ";
      for (std::size_t i = from; i < std::min(rows.size(), from + kRowsPerInsert); ++i) {
        const ChangeRow& row = rows[i];
        text += (i == from ? "(" : ", (") + p.Text(row.table_name) + ", " + p.Text(row.row_key) +
                ", " + p.Text(row.op) + ", " + p.Text(row.region_code) + ", " +
                p.Text(row.changed_at) + ")";
      }
      Exec(session, text, p);
    }
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
    CountAtCommit(session);
    if (!IsPostgresql(session)) {
      InsertChange(session, row);  // one writer at a time: order holds
      return OkStatus();
    }
    // Inside Database::Transaction: buffered until just before COMMIT.
    if (std::shared_ptr<void>* slot = AttemptSlot(session, "change_log")) {
      if (*slot == nullptr) {
        auto rows = std::make_shared<std::vector<ChangeRow>>();
        *slot = rows;
        BeforeCommitLocked(session, "change_log",
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
    CountAtCommit(session);
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
  return ChangesSince(connection.session(), after_seq, limit);
}

StatusOr<std::vector<Change>> ChangesSince(soci::session& session, int64_t after_seq, int limit) {
  if (limit < 1 || limit > kMaxLimit) {
    return InvalidArgumentError("每次读取的变更条数应在 1 到 10000 之间", "limit");
  }
  std::vector<Change> changes;
  try {
    Params p;
    const std::string text =
        "SELECT seq, table_name, row_key, op, region_code, changed_at FROM change_log WHERE seq "
        "> " +
        p.Int(after_seq) + " ORDER BY seq LIMIT " + p.Int(limit);
    RETURN_IF_ERROR(Query(session, text, p, [&](const soci::row& r) -> Status {
      changes.push_back({RowInt(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3), RowText(r, 4),
                         RowText(r, 5)});
      return OkStatus();
    }));
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return changes;
}

uint64_t LocalChangeCommits() { return local_change_commits.load(std::memory_order_acquire); }

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
