// SPDX-License-Identifier: MulanPSL-2.0
// The tamper-evident audit trail (执法全过程记录): one record per state change,
// written in the same transaction as the change, each record's SHA-256 hash
// covering the previous record's hash, so an edited, inserted or deleted row
// breaks the chain from that point on.
//
// Thread-safety: functions are thread-safe; see Append for how writers are
// ordered on the chain.
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
// Must run inside Database::Transaction (or another open transaction).
//
// Ordering. SQLite: the record is linked at once (one writer at a time).
// PostgreSQL inside Database::Transaction: the record is written to
// audit_pending in the caller's transaction (committed or rolled back with
// it) and linked into the chain just after the commit by SealPending, under
// the chain's lock in a short READ COMMITTED transaction, so concurrent
// writers neither queue for the chain nor rerun for a stale head; the caller's
// records are in audit_log when Database::Transaction returns (unless the
// seal failed, e.g. the connection dropped: then the next seal, by any writer,
// the scheduler or `amr audit verify`, links them). A record is therefore not
// in audit_log yet for a SELECT later in the same transaction. PostgreSQL on
// a raw session (not through Database::Transaction): linked at once under a
// transaction-scoped advisory lock held until commit.
//
// Errors: InvalidArgument naming the field ("action", "target_type",
// "target_id", "username", "role", "ip", "request_id", "user_id",
// "org_unit_id", "summary") for an entry breaking the limits above; Aborted
// when, on a raw PostgreSQL session, a concurrent append committed after this
// transaction's snapshot was taken (its head is stale) — rerun the
// transaction; others from the store (storage/errors.h).
Status Append(soci::session& sql, const AuditEntry& entry, const Clock& clock);

// Links every record waiting in audit_pending into the chain, oldest first
// (PostgreSQL; a no-op on SQLite). `sql` must not be inside a transaction.
// Safe to run from any number of instances at once: they queue on the chain's
// lock and each record is linked once.
Status SealPending(soci::session& sql);
Status SealPending(storage::Database& db);
// How many records wait in audit_pending (0 on SQLite): /metrics.
StatusOr<int64_t> PendingCount(storage::Database& db);

}  // namespace amr::audit
