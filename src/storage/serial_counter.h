// SPDX-License-Identifier: MulanPSL-2.0
// Named counters that issue consecutive numbers inside a transaction, e.g.
// the body codes of the USCCs one registration authority issues.
//
// Unlike a database sequence, a counter is part of the caller's transaction:
// if the transaction rolls back, the number is issued again, so committed
// numbers have no gaps. Concurrent transactions on the same counter queue on
// its row (PostgreSQL: the loser of a SERIALIZABLE conflict is retried by
// Database::Transaction).
//
// Thread-safety: thread-safe across sessions; a session is not.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage {

// Increments counter `name` (creating it at 0 first) and returns the new value:
// 1, 2, 3, ... Call inside Database::Transaction.
// Errors: InvalidArgument (field "name") for an empty name; others from the
// database (errors.h), Aborted on a conflict.
StatusOr<int64_t> NextSerial(soci::session& session, std::string_view name);

// The next body code for a USCC the deployment issues (GB 32100: unique
// within the deployment; the rules ask for no particular order and no
// absence of gaps). SQLite: the "uscc.body" counter above (one writer at a
// time, so nothing queues behind it). PostgreSQL: the sequence
// uscc_body_seq (migration 0042), drawn outside the transaction's snapshot,
// so concurrent registrations neither queue on one row nor conflict; a
// rolled-back registration leaves its number unused.
StatusOr<int64_t> NextUsccBody(soci::session& session);

}  // namespace amr::storage
