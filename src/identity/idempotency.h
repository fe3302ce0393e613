// SPDX-License-Identifier: MulanPSL-2.0
// Idempotency keys: a client that sends a write with an Idempotency-Key and
// retries it (a lost answer, a timeout) gets the first answer again, and the
// retry changes nothing. Generic: any context's store or route may use it
// (identity/idempotent_write.h wraps it for HTTP handlers).
//
// Keys are scoped by user (0 for anonymous callers, who should use random
// keys such as UUIDs) and remembered with a fingerprint of the request (its
// method, target and body) and the answer, in table idempotency_key, for
// kIdempotencyRetention. Only successful answers are stored: a refused request
// wrote nothing, so retrying it is harmless and gives the same refusal.
//
// Use inside the transaction of the change:
//   ASSIGN_OR_RETURN(auto prior, ClaimIdempotencyKey(sql, req, clock));
//   if (prior) return *prior;                // a retry: answer as before
//   … make the change …
//   RETURN_IF_ERROR(SaveIdempotentReply(sql, req, reply));
// The claim inserts the key before the change, so a concurrent retry waits
// for (PostgreSQL) or is serialised after (SQLite) the first and then finds
// its answer.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::identity {

inline constexpr std::chrono::hours kIdempotencyRetention{24};

struct IdempotencyRequest {
  int64_t user_id = 0;
  std::string key;          // as sent, checked with CheckIdempotencyKey
  std::string fingerprint;  // e.g. Sha256Hex(method + '\n' + target + '\n' + body)
};

struct StoredReply {
  int status = 200;
  std::string body;
};

// The stored answer if this request was seen before; otherwise claims the key
// and returns nullopt. Errors: FailedPrecondition (field "Idempotency-Key")
// if the key was used for a different request; Aborted if another
// transaction claimed it at the same moment (Database::Transaction retries
// and then finds its answer).
StatusOr<std::optional<StoredReply>> ClaimIdempotencyKey(soci::session& sql,
                                                         const IdempotencyRequest& request,
                                                         const Clock& clock);

// Stores the answer for a key claimed in this transaction.
Status SaveIdempotentReply(soci::session& sql, const IdempotencyRequest& request,
                           const StoredReply& reply);

// Forgets keys older than kIdempotencyRetention (at start and now and then).
Status PurgeIdempotencyKeys(storage::Database& db, const Clock& clock);

}  // namespace amr::identity
