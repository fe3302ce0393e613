// SPDX-License-Identifier: MulanPSL-2.0
// One stored audit record and the hash that chains it: the pure rules of the
// audit trail, no I/O. docs/audit.md specifies the encoding for auditors who
// re-implement it; audit_record_test.cc pins it with a test vector.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "audit/audit_log.h"

namespace amr::audit {

// prev_hash of the first record (seq 1): 64 zeros.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Tags the encoding; a future change of the field list gets a new tag.
inline constexpr std::string_view kEncodingTag = "openamr.audit.v1";

// A row of audit_log.
struct AuditRecord {
  int64_t seq = 0;          // 1, 2, 3 … without gaps
  std::string recorded_at;  // "2026-02-13T15:30:00+08:00"
  Actor actor;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string summary;    // JSON text, exactly as stored (SummaryText)
  std::string prev_hash;  // the previous record's hash; kGenesisHash for seq 1
  std::string hash;       // RecordHash of this record
};

// The stored summary: {"after":…,"before":…}, compact, object keys sorted by
// their UTF-8 bytes at every level, non-ASCII unescaped, invalid UTF-8 in
// strings replaced by U+FFFD.
std::string SummaryText(const nlohmann::json& before, const nlohmann::json& after);

// The bytes hashed: for each of these 14 fields in this order, its length as a
// 4-byte big-endian unsigned integer followed by its bytes:
//   kEncodingTag, seq, prev_hash, recorded_at, user_id, username, role,
//   org_unit_id, ip, request_id, action, target_type, target_id, summary
// Integers are written in decimal ASCII ("0", "42"); text as stored (UTF-8).
// record.hash is not part of it.
std::string CanonicalEncoding(const AuditRecord& record);

// Lowercase hex SHA-256 (libsodium crypto_hash_sha256) of CanonicalEncoding.
std::string RecordHash(const AuditRecord& record);

// Whether `text` is 64 lowercase hex digits.
bool IsHashText(std::string_view text);

}  // namespace amr::audit
