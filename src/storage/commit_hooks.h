// SPDX-License-Identifier: MulanPSL-2.0
// Work a store hands to the enclosing Database::Transaction, to be done at its
// commit rather than where the store is called.
//
// Why: on PostgreSQL the rows whose order is the commit order (the change log,
// the audit chain) need a lock from their append to the commit. Taken where
// the store appends, that lock serialises the rest of every writer's
// transaction; taken just before COMMIT, only the append itself. And a chain
// link (the audit hash of the previous record) cannot be read correctly inside
// a SERIALIZABLE transaction at all: its snapshot predates the other writers'
// commits. So the change log buffers its rows until just before COMMIT, and the
// audit trail links its records in a short transaction of its own just after.
//
//   BeforeCommit: runs inside the transaction, after the body returned OK and
//                 before COMMIT; an error rolls the transaction back (Aborted
//                 reruns it, as from the body).
//   BeforeCommitLocked: the same, after all BeforeCommit work: for work that
//                 takes a lock held until COMMIT (the change log's), so no
//                 other work runs while it is held.
//   AfterCommitShared: as AfterCommit, for work that does the same for every
//                 writer whatever it wrote (the audit seal links every record
//                 pending): writers of one Database that commit at about the
//                 same time share one run. Each returns once a run that began
//                 after its COMMIT has finished; the first writer to find no
//                 run going does it, on its connection, for all then waiting.
//   AfterCommit:  runs after a successful COMMIT, on the same connection,
//                 outside any transaction; it must open its own. Its error is
//                 logged, not returned: the caller's change is committed, and
//                 whatever it left undone must be picked up later by another
//                 run of the same work (see audit::SealPending).
// Work is keyed: a key registered twice in one attempt runs once (the first
// registration's function). A rolled-back attempt drops its work.
//
// Thread-safety: the hooks belong to the calling thread's current transaction.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage {

using CommitWork = std::function<Status(soci::session&)>;

// False when `session` is not the session of a Database::Transaction body on
// this thread (a raw session, a read transaction): the caller then does its
// work at once.
bool InWriteTransaction(soci::session& session);

// Both return false, and register nothing, when !InWriteTransaction(session).
bool BeforeCommit(soci::session& session, std::string_view key, CommitWork work);
bool BeforeCommitLocked(soci::session& session, std::string_view key, CommitWork work);
bool AfterCommit(soci::session& session, std::string_view key, CommitWork work);
bool AfterCommitShared(soci::session& session, std::string_view key, CommitWork work);

// A value that lives as long as the current attempt of the write transaction
// of `session`, found by `key` (e.g. rows buffered for BeforeCommit work).
// Null when !InWriteTransaction(session); else a slot, empty the first time.
std::shared_ptr<void>* AttemptSlot(soci::session& session, std::string_view key);

}  // namespace amr::storage
