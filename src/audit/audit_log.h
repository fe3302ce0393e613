// SPDX-License-Identifier: MulanPSL-2.0
// The tamper-evident audit trail (执法全过程记录): one record per state change,
// written in the same transaction as the change, each record's SHA-256 hash
// covering the previous record's hash, so an edited, inserted or deleted row
// breaks the chain from that point on.
//
// Thread-safety: functions are thread-safe; Append serialises writers on the
// chain's head inside the caller's transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::audit {

// Who acted. user_id 0 with username "system" for the platform itself
// (scheduled jobs, the first start).
struct Actor {
  int64_t user_id = 0;
  std::string username = "system";
  std::string role;         // the role under which the action was allowed, e.g. "admin"
  int64_t org_unit_id = 0;  // the org unit of that role; 0 if none
  std::string ip;           // client address, if any
  std::string request_id;   // HTTP request id, if any
};

struct AuditEntry {
  Actor actor;
  std::string action;       // dotted verb, e.g. "user.create", "auth.login_failed"
  std::string target_type;  // e.g. "user", "org_unit", "entity"
  std::string target_id;    // e.g. "42", a USCC
  nlohmann::json before;    // null for a creation; secrets never included
  nlohmann::json after;     // null for a deletion
};

// Limits Append enforces, so that every record can be stored verbatim on both
// engines (text must be UTF-8 without NUL bytes; PostgreSQL TEXT cannot hold
// NUL). `action` is 1..64 and `target_type` 0..64 characters of [a-z0-9_.];
// user_id and org_unit_id are >= 0; the summary is the JSON text
// `{"after":…,"before":…}` (keys sorted, compact).
inline constexpr std::size_t kMaxNameBytes = 64;   // action, target_type, role
inline constexpr std::size_t kMaxTextBytes = 512;  // username, ip, request_id, target_id
inline constexpr std::size_t kMaxSummaryBytes = 1 << 20;

// Appends `entry` inside the caller's transaction (so the record commits or
// rolls back with the change): seq = head + 1, recorded_at = clock.Now() in
// +08:00, prev_hash = the head's hash, hash over all of it (docs/audit.md).
// Must run inside Database::Transaction (or another open transaction); call
// it late in the transaction, since on PostgreSQL appenders queue on a
// transaction-scoped advisory lock from here until their commit.
//
// Errors: InvalidArgument naming the field ("action", "target_type",
// "target_id", "username", "role", "ip", "request_id", "user_id",
// "org_unit_id", "summary") for an entry breaking the limits above; Aborted
// when a concurrent append committed after this transaction's snapshot was
// taken (PostgreSQL SERIALIZABLE: the head this transaction can see is stale)
// — Database::Transaction reruns the body, so callers just propagate it;
// others from the store (storage/errors.h).
Status Append(soci::session& sql, const AuditEntry& entry, const Clock& clock);

}  // namespace amr::audit
