// SPDX-License-Identifier: MulanPSL-2.0
// Checking the audit chain (amr audit verify, GET /api/v1/audit/verify).
//
// Verify walks audit_log in seq order inside one read snapshot, in batches
// (constant memory, whatever the length), and for each row checks, in order:
//   1. seq is the next one (1, 2, 3 …)              else kMissingRecord / kUnexpectedRecord
//   2. the stored hash equals the recomputed hash   else kContentChanged
//   3. prev_hash equals the previous row's hash     else kLinkBroken
//   4. at the checkpoint's seq, the hash matches it else kCheckpointMismatch
// and, at the end, that the chain reaches the checkpoint (else kTruncated).
// It stops at the first broken record.
//
// What the chain alone cannot show: records removed from the end, or the last
// records rewritten with recomputed hashes. A published checkpoint (Head,
// `amr audit head`) closes that gap up to the checkpoint. docs/audit.md.
//
// Thread-safety: functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/database.h"

namespace amr::audit {

// A record's seq and hash, as published to fix the chain up to that point;
// written "SEQ:HASH". The empty chain's is 0:kGenesisHash.
struct Checkpoint {
  int64_t seq = 0;
  std::string hash;

  std::string ToString() const;  // "42:9f86d081…"
};

// Parses "SEQ:HASH" (seq >= 1, hash 64 hex digits, either case).
// Errors: InvalidArgument with field "checkpoint".
StatusOr<Checkpoint> ParseCheckpoint(std::string_view text);

enum class BreakKind {
  kMissingRecord,       // the expected seq is absent (a row was deleted)
  kUnexpectedRecord,    // a row with a seq below 1 (inserted by hand)
  kContentChanged,      // a column of the row, or its hash, was changed
  kLinkBroken,          // the row is self-consistent but does not follow its predecessor
  kCheckpointMismatch,  // the row at the checkpoint's seq has another hash
  kTruncated,           // the chain ends before the checkpoint's seq
};

// "missing_record", "unexpected_record", "content_changed", "link_broken",
// "checkpoint_mismatch", "truncated".
std::string_view BreakKindSlug(BreakKind kind);

struct ChainBreak {
  int64_t seq = 0;  // the first record that fails a check (for kTruncated: the first absent one)
  BreakKind kind = BreakKind::kContentChanged;
  std::string message;  // Chinese, names the record: "第 17 条审计记录……"
};

struct VerifyReport {
  int64_t records_checked = 0;  // records found intact before the first break
  Checkpoint head;              // the last intact record (0:kGenesisHash if none)
  std::optional<ChainBreak> first_break;

  bool intact() const { return !first_break.has_value(); }
};

struct VerifyOptions {
  std::optional<Checkpoint> checkpoint;  // a previously published head
  int batch_size = 1000;                 // rows per query (>= 1); tests make it small
};

// Errors: InvalidArgument (field "batch_size"); Unavailable/Internal from the
// store. A broken chain is not an error: it is reported in first_break.
StatusOr<VerifyReport> Verify(storage::Database& db);
StatusOr<VerifyReport> Verify(storage::Database& db, const VerifyOptions& options);

// The newest record as stored (not verified).
struct ChainHead {
  Checkpoint checkpoint;    // 0:kGenesisHash for an empty chain
  std::string recorded_at;  // empty for an empty chain
};
StatusOr<ChainHead> Head(storage::Database& db);
// The same inside the caller's session (e.g. the snapshot a backup reads).
StatusOr<ChainHead> HeadIn(soci::session& sql);

}  // namespace amr::audit
