// SPDX-License-Identifier: MulanPSL-2.0
// Searching the audit trail for auditors (GET /api/v1/audit).
//
// Thread-safety: functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_record.h"
#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::audit {

inline constexpr int kMaxQueryLimit = 500;
inline constexpr int kMaxQueryOffset = 1'000'000;

// Every set filter must hold. Empty strings and nullopt mean "any".
struct AuditQuery {
  std::string target_type;  // exact
  std::string target_id;    // exact; requires target_type
  // A username (exact). When it is all digits it also matches that user_id.
  std::string user;
  // recorded_at in [from, to). Records carry whole seconds, so both bounds
  // are compared at whole seconds (fractions dropped).
  std::optional<Clock::TimePoint> from;
  std::optional<Clock::TimePoint> to;
  // An exact action ("user.create"), or a prefix ending in ".*" ("auth.*").
  std::string action;
  int limit = 50;  // 1..kMaxQueryLimit
  int offset = 0;  // 0..kMaxQueryOffset
  // The reader's data scope: org-tree subtrees as materialised paths
  // ("/1/3/"). A record belongs to the org unit of the role it was done under
  // or, when none (logins, own password), to its user's own unit. nullopt:
  // every record (the CLI, the platform). An empty list sees nothing.
  std::optional<std::vector<std::string>> scope_paths;
  // With scope_paths: also the records that belong to no unit (the platform
  // itself, failed logins of unknown names). For readers with a root scope.
  bool include_unowned = false;
};

struct AuditPage {
  int64_t total = 0;               // records matching the filters
  std::vector<AuditRecord> items;  // newest (highest seq) first
};

// Errors: InvalidArgument naming the field ("target_id" without
// "target_type", "to" not after "from", "limit", "offset"); others from the
// store.
StatusOr<AuditPage> Query(storage::Database& db, const AuditQuery& query);

}  // namespace amr::audit
