// SPDX-License-Identifier: MulanPSL-2.0
// Engine error codes -> Status, shared by StatusFromException and the code
// that talks to libpq / SQLite directly (bulk loader, scripts, transactions).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace amr::storage::internal {

// `sqlstate` is PostgreSQL's five-character code, empty if unknown;
// `connection_lost` says the connection is no longer usable.
Status StatusFromSqlState(std::string_view sqlstate, std::string_view detail,
                          bool connection_lost = false);

// `code` is an SQLite result code, extended or primary.
Status StatusFromSqliteCode(int code, std::string_view detail);

// Collapses the engine's multi-line message into one line.
std::string OneLine(std::string_view text);

}  // namespace amr::storage::internal
