// SPDX-License-Identifier: MulanPSL-2.0
// Opening, checking and resetting pooled sessions (used by Database).
#pragma once

#include <string>

#include "common/status.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage::internal {

// Opens `session` with SOCI's backend for `backend` and applies the
// per-connection settings (SQLite pragmas, PostgreSQL client encoding).
Status OpenSession(soci::session& session, Backend backend, const std::string& connect_string);

// Before a lease: re-establishes a lost PostgreSQL connection.
Status EnsureUsable(soci::session& session, Backend backend);

// After a lease: rolls back a transaction the holder left open. Never throws.
void ResetForReuse(soci::session& session, Backend backend) noexcept;

}  // namespace amr::storage::internal
