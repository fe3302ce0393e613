// SPDX-License-Identifier: MulanPSL-2.0
// The change log: one row per changed row that other parties follow.
//
// A store that changes a row of a followed table calls AppendChange in the
// same transaction. Readers (the in-memory name index and inspection pool of
// every server instance, the change feed) keep the last seq they applied and
// poll ChangesSince(last_seq).
//
// Ordering. seq is assigned at insert, but transactions commit in their own
// order; on PostgreSQL a reader could see seq 105 committed while 104 is
// still in flight, move its cursor past 104 and never see it. AppendChange
// prevents this by serialising appenders with a transaction-scoped advisory
// lock taken before the seq is drawn, so a larger seq always commits after a
// smaller one (the lock is released only after the commit is visible).
// Readers may therefore trust `seq > last_seq`. Seqs may have gaps (rolled
// back transactions); never wait for a missing one. Inside a
// Database::Transaction the rows are buffered and the lock taken just before
// COMMIT (storage/commit_hooks.h), so writers queue only for their own
// inserts and commit, not for the rest of their transaction; a row appended
// there is therefore not visible to a SELECT later in the same transaction.
// SQLite has one writer at a time, so the order holds there by construction.
// Rows must be written only through AppendChange; direct INSERTs would bypass
// the lock and break this guarantee.
//
// Thread-safety: the functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage {

struct Change {
  int64_t seq = 0;
  std::string table_name;
  std::string row_key;  // The changed row's key, e.g. the USCC.
  std::string op;       // "insert", "update" or "delete".
  std::string region_code;
  std::string changed_at;  // RFC 3339.
};

// Appends a change inside the caller's transaction on `session`.
// Errors: InvalidArgument (field "op") for an op other than the three above;
// others from the database (errors.h).
Status AppendChange(soci::session& session, std::string_view table, std::string_view row_key,
                    std::string_view op, std::string_view region_code, std::string_view changed_at);

// Many changes at once, in the order of `select`: a SELECT giving the five
// columns (table_name, row_key, op, region_code, changed_at) of each change,
// with `params` bound in order to its placeholders (text; CAST where a
// number is compared). The same ordering guarantee as AppendChange; for a
// batch of rows written by one statement (a yearly listing of thousands).
// `select` is the caller's constant SQL text, never built from input.
Status AppendChangesFrom(soci::session& session, const std::string& select,
                         const std::vector<std::string>& params);

// Up to `limit` (1..10000) committed changes with seq > after_seq, by seq.
// Errors: InvalidArgument (field "limit"); Unavailable etc. from the database.
StatusOr<std::vector<Change>> ChangesSince(Database& db, int64_t after_seq, int limit);

// The same, read on `session` (a ReadTransaction's: of a read replica, say).
StatusOr<std::vector<Change>> ChangesSince(soci::session& session, int64_t after_seq, int limit);

// How many transactions of this process that appended changes have
// committed (a raw session's append counts at once). It only grows; a cache
// of what the change log covers takes it before reading the store and keeps
// an entry only while it is unchanged, so this process's own changes show at
// once (others' show when the cache follows the change log).
uint64_t LocalChangeCommits();

// The largest seq committed so far, 0 if none. Read it in the same
// ReadTransaction as a table snapshot to know where to start following.
StatusOr<int64_t> LastChangeSeq(soci::session& session);

}  // namespace amr::storage
