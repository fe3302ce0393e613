// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/audit_log.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "audit/audit_record.h"
#include "common/text.h"
#include "storage/errors.h"

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
    if (IsPostgresql(sql)) {
      // Held until commit, so appenders queue and seq order is commit order.
      // SQLite's write transaction (BEGIN IMMEDIATE) already excludes them.
      sql << "SELECT pg_advisory_xact_lock(:key)", soci::use(kAuditLockKey);
    }
    long long head_seq = 0;
    std::string head_hash;
    sql << "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(head_seq),
        soci::into(head_hash);
    if (!sql.got_data()) {
      head_seq = 0;
      head_hash = std::string(kGenesisHash);
    }
    record.seq = head_seq + 1;
    record.prev_hash = head_hash;
    record.hash = RecordHash(record);
    long long seq = record.seq, user_id = record.actor.user_id,
              org_unit_id = record.actor.org_unit_id;
    sql << "INSERT INTO audit_log (seq, recorded_at, user_id, username, role, org_unit_id, ip, "
           "request_id, action, target_type, target_id, summary, prev_hash, hash) VALUES "
           "(:seq, :recorded_at, :user_id, :username, :role, :org_unit_id, :ip, :request_id, "
           ":action, :target_type, :target_id, :summary, :prev_hash, :hash)",
        soci::use(seq), soci::use(record.recorded_at), soci::use(user_id),
        soci::use(record.actor.username), soci::use(record.actor.role), soci::use(org_unit_id),
        soci::use(record.actor.ip), soci::use(record.actor.request_id), soci::use(record.action),
        soci::use(record.target_type), soci::use(record.target_id), soci::use(record.summary),
        soci::use(record.prev_hash), soci::use(record.hash);
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

}  // namespace amr::audit
