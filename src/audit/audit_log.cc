// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/audit_log.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "audit/audit_record.h"
#include "common/text.h"
#include "storage/commit_hooks.h"
#include "storage/errors.h"
#include "storage/query.h"

namespace amr::audit {
namespace {

// Any fixed key works; this is "amr_audt" in ASCII (change_log.cc uses "amr_chlg").
constexpr long long kAuditLockKey = 0x616d725f61756474LL;

bool IsPostgresql(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

// Text stored verbatim on both engines: UTF-8 without NUL, at most `max` bytes.
Status CheckText(std::string_view text, std::size_t max, const char* field) {
  if (text.size() > max) {
    return InvalidArgumentError(fmt::format("审计字段 {} 不能超过 {} 字节", field, max), field);
  }
  if (!IsValidUtf8(text) || text.find('\0') != std::string_view::npos) {
    return InvalidArgumentError(fmt::format("审计字段 {} 应为不含 NUL 的 UTF-8 文本", field),
                                field);
  }
  return OkStatus();
}

// action and target_type are code identifiers ("user.create", "org_unit").
Status CheckName(std::string_view name, bool required, const char* field) {
  if (name.empty() && required) {
    return InvalidArgumentError(fmt::format("审计字段 {} 不能为空", field), field);
  }
  if (name.size() > kMaxNameBytes ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string_view::npos) {
    return InvalidArgumentError(
        fmt::format("审计字段 {} 应为不超过 {} 个字符的小写字母、数字、下划线或点", field,
                    kMaxNameBytes),
        field);
  }
  return OkStatus();
}

Status Validate(const AuditEntry& e) {
  RETURN_IF_ERROR(CheckName(e.action, true, "action"));
  RETURN_IF_ERROR(CheckName(e.target_type, false, "target_type"));
  RETURN_IF_ERROR(CheckText(e.target_id, kMaxTextBytes, "target_id"));
  RETURN_IF_ERROR(CheckText(e.actor.username, kMaxTextBytes, "username"));
  RETURN_IF_ERROR(CheckText(e.actor.role, kMaxNameBytes, "role"));
  RETURN_IF_ERROR(CheckText(e.actor.ip, kMaxTextBytes, "ip"));
  RETURN_IF_ERROR(CheckText(e.actor.request_id, kMaxTextBytes, "request_id"));
  if (e.actor.user_id < 0) return InvalidArgumentError("用户编号不能为负数", "user_id");
  if (e.actor.org_unit_id < 0) return InvalidArgumentError("机构编号不能为负数", "org_unit_id");
  return OkStatus();
}

}  // namespace

namespace {

// The chain's head as this session sees it: its seq and hash (the genesis
// hash before the first record).
std::pair<long long, std::string> ReadHead(soci::session& sql) {
  long long head_seq = 0;
  std::string head_hash;
  sql << "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(head_seq),
      soci::into(head_hash);
  if (!sql.got_data()) return {0, std::string(kGenesisHash)};
  return {head_seq, head_hash};
}

// Numbers `record` after `head`, hashes it and makes it the head (nothing
// written yet).
void Chain(std::pair<long long, std::string>& head, AuditRecord& record) {
  record.seq = head.first + 1;
  record.prev_hash = head.second;
  record.hash = RecordHash(record);
  head = {record.seq, record.hash};
}

// Rows per INSERT statement: 14 values each, well inside both engines'
// limits on bound parameters.
constexpr std::size_t kRowsPerInsert = 100;

// Inserts linked records into the chain, many rows per statement. The caller
// holds the chain (SQLite's write transaction, or the PostgreSQL lock taken
// before the head was read).
// With `then_delete_pending` (PostgreSQL), the first statement also deletes
// those audit_pending ids (comma-separated).
void InsertLinked(soci::session& sql, const std::vector<AuditRecord>& records,
                  const std::string& then_delete_pending = "") {
  for (std::size_t from = 0; from < records.size(); from += kRowsPerInsert) {
    storage::Params p;
    std::string text = from == 0 && !then_delete_pending.empty()
                           ? "WITH linked AS (DELETE FROM audit_pending WHERE id = "
                             "ANY(string_to_array(" +
                                 p.Text(then_delete_pending) + ", ',')::bigint[])) "
                           : "";
    text +=
        "INSERT INTO audit_log (seq, recorded_at, user_id, username, role, org_unit_id, ip, "
        "request_id, action, target_type, target_id, summary, prev_hash, hash) VALUES ";
    const std::size_t to = std::min(records.size(), from + kRowsPerInsert);
    for (std::size_t i = from; i < to; ++i) {
      const AuditRecord& r = records[i];
      text += fmt::format(
          "{}({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})", i == from ? "" : ", ",
          p.Int(r.seq), p.Text(r.recorded_at), p.Int(r.actor.user_id), p.Text(r.actor.username),
          p.Text(r.actor.role), p.Int(r.actor.org_unit_id), p.Text(r.actor.ip),
          p.Text(r.actor.request_id), p.Text(r.action), p.Text(r.target_type), p.Text(r.target_id),
          p.Text(r.summary), p.Text(r.prev_hash), p.Text(r.hash));
    }
    storage::Exec(sql, text, p);
  }
}

void LinkAfter(soci::session& sql, std::pair<long long, std::string>& head, AuditRecord& record) {
  Chain(head, record);
  InsertLinked(sql, {record});
}

void Link(soci::session& sql, AuditRecord& record) {
  auto head = ReadHead(sql);
  LinkAfter(sql, head, record);
}

// Inside a PostgreSQL Database::Transaction: the records wait in
// audit_pending (no lock, nothing read), written together just before the
// commit, and SealPending links them just after it.
void InsertPending(soci::session& sql, const std::vector<AuditRecord>& records) {
  for (std::size_t from = 0; from < records.size(); from += kRowsPerInsert) {
    storage::Params p;
    std::string text =
        "INSERT INTO audit_pending (recorded_at, user_id, username, role, org_unit_id, ip, "
        "request_id, action, target_type, target_id, summary) VALUES ";
    const std::size_t to = std::min(records.size(), from + kRowsPerInsert);
    for (std::size_t i = from; i < to; ++i) {
      const AuditRecord& r = records[i];
      text += fmt::format("{}({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})", i == from ? "" : ", ",
                          p.Text(r.recorded_at), p.Int(r.actor.user_id), p.Text(r.actor.username),
                          p.Text(r.actor.role), p.Int(r.actor.org_unit_id), p.Text(r.actor.ip),
                          p.Text(r.actor.request_id), p.Text(r.action), p.Text(r.target_type),
                          p.Text(r.target_id), p.Text(r.summary));
    }
    storage::Exec(sql, text, p);
  }
}

// Buffers `record` for the current attempt of the write transaction of
// `sql`; the first record registers the write before COMMIT and the seal
// after it.
void BufferPending(soci::session& sql, AuditRecord record) {
  std::shared_ptr<void>* slot = storage::AttemptSlot(sql, "audit_pending");
  if (*slot == nullptr) {
    auto records = std::make_shared<std::vector<AuditRecord>>();
    *slot = records;
    storage::BeforeCommit(sql, "audit_pending", [records](soci::session& s) -> Status {
      try {
        InsertPending(s, *records);
      } catch (const std::exception& e) {
        return storage::StatusFromException(e);
      }
      return OkStatus();
    });
    // One seal links every writer's records: writers committing together
    // share it (storage/commit_hooks.h).
    storage::AfterCommitShared(sql, "audit_seal", [](soci::session& s) { return SealPending(s); });
  }
  std::static_pointer_cast<std::vector<AuditRecord>>(*slot)->push_back(std::move(record));
}

constexpr int kSealBatch = 500;

// One batch: the pending records the lock holder can see, oldest first.
// Returns how many were linked.
StatusOr<int> SealBatch(soci::session& sql) {
  // READ COMMITTED: every statement after the lock sees what the previous
  // holder committed, the chain's head included.
  sql << "BEGIN ISOLATION LEVEL READ COMMITTED";
  sql << "SELECT pg_advisory_xact_lock(:key)", soci::use(kAuditLockKey);
  std::vector<long long> ids(kSealBatch), users(kSealBatch), units(kSealBatch),
      head_seqs(kSealBatch);
  std::vector<std::string> at(kSealBatch), names(kSealBatch), roles(kSealBatch), ips(kSealBatch),
      requests(kSealBatch), actions(kSealBatch), types(kSealBatch), targets(kSealBatch),
      summaries(kSealBatch), head_hashes(kSealBatch);
  // The pending records and, beside each, the chain's head.
  const std::string genesis(kGenesisHash);
  sql << "SELECT id, recorded_at, user_id, username, role, org_unit_id, ip, request_id, action, "
         "target_type, target_id, summary, "
         "COALESCE((SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1), 0), "
         "COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), :genesis) "
         "FROM audit_pending ORDER BY id LIMIT "
      << kSealBatch,
      soci::use(genesis), soci::into(ids), soci::into(at), soci::into(users), soci::into(names),
      soci::into(roles), soci::into(units), soci::into(ips), soci::into(requests),
      soci::into(actions), soci::into(types), soci::into(targets), soci::into(summaries),
      soci::into(head_seqs), soci::into(head_hashes);
  if (ids.empty()) {
    sql << "COMMIT";
    return 0;
  }
  std::pair<long long, std::string> head{head_seqs[0], head_hashes[0]};
  std::string id_list;
  std::vector<AuditRecord> linked(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    AuditRecord& x = linked[i];
    x.recorded_at = std::move(at[i]);
    x.actor = {users[i], std::move(names[i]), std::move(roles[i]),
               units[i], std::move(ips[i]),   std::move(requests[i])};
    x.action = std::move(actions[i]);
    x.target_type = std::move(types[i]);
    x.target_id = std::move(targets[i]);
    x.summary = std::move(summaries[i]);
    Chain(head, x);
    if (!id_list.empty()) id_list += ',';
    id_list += std::to_string(ids[i]);
  }
  // By id, never by range: a record with a smaller id may commit later.
  InsertLinked(sql, linked, id_list);
  sql << "COMMIT";
  return static_cast<int>(ids.size());
}

}  // namespace

Status Append(soci::session& sql, const AuditEntry& entry, const Clock& clock) {
  RETURN_IF_ERROR(Validate(entry));
  AuditRecord record;
  record.recorded_at = FormatChinaTime(clock.Now());
  record.actor = entry.actor;
  record.action = entry.action;
  record.target_type = entry.target_type;
  record.target_id = entry.target_id;
  record.summary = SummaryText(entry.before, entry.after);
  if (record.summary.size() > kMaxSummaryBytes) {
    return InvalidArgumentError(
        fmt::format("审计摘要（变更前后内容）不能超过 {} 字节", kMaxSummaryBytes), "summary");
  }
  try {
    if (IsPostgresql(sql) && storage::InWriteTransaction(sql)) {
      BufferPending(sql, std::move(record));
      return OkStatus();
    }
    if (IsPostgresql(sql)) {
      // A raw session: held until its commit, so appenders queue and seq
      // order is commit order. SQLite's write transaction (BEGIN IMMEDIATE)
      // already excludes them.
      sql << "SELECT pg_advisory_xact_lock(:key)", soci::use(kAuditLockKey);
    }
    Link(sql, record);
  } catch (const std::exception& e) {
    Status status = storage::StatusFromException(e);
    // The only unique key is seq: another appender committed seq after this
    // transaction's snapshot (PostgreSQL SERIALIZABLE reads a stale head even
    // after the lock). Rerunning the transaction sees the new head.
    if (status.code() == StatusCode::kAlreadyExists) {
      return AbortedError("审计链已被并发追加，本事务读到的链头已过期，需重试：" +
                          status.message());
    }
    return status;
  }
  return OkStatus();
}

Status SealPending(soci::session& sql) {
  if (!IsPostgresql(sql)) return OkStatus();
  try {
    for (;;) {
      ASSIGN_OR_RETURN(int sealed, SealBatch(sql));
      if (sealed < kSealBatch) return OkStatus();
    }
  } catch (const std::exception& e) {
    try {
      sql << "ROLLBACK";
    } catch (const std::exception&) {
      // the connection is reset by its pool
    }
    return storage::StatusFromException(e);
  }
}

Status SealPending(storage::Database& db) {
  if (db.backend() != storage::Backend::kPostgresql) return OkStatus();
  ASSIGN_OR_RETURN(storage::Database::Connection connection, db.Acquire());
  return SealPending(connection.session());
}

StatusOr<int64_t> PendingCount(storage::Database& db) {
  if (db.backend() != storage::Backend::kPostgresql) return int64_t{0};
  long long n = 0;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM audit_pending", soci::into(n);
    return OkStatus();
  }));
  return static_cast<int64_t>(n);
}

}  // namespace amr::audit
