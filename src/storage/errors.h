// SPDX-License-Identifier: MulanPSL-2.0
// Turning database exceptions into Status values.
//
// SOCI reports failures by throwing. Stores catch at their boundary (or let
// Database::Transaction catch) and convert with StatusFromException, so the
// rest of the program sees canonical codes:
//   unique / exclusion violation                  -> AlreadyExists
//   foreign-key violation                         -> FailedPrecondition
//   SQLite BUSY/LOCKED, PostgreSQL serialization
//   failure, deadlock, lock not available         -> Aborted (retryable conflict)
//   connection lost or refused, server shutting
//   down, disk I/O error                          -> Unavailable
//   statement timeout                             -> DeadlineExceeded
//   anything else (bad SQL, CHECK/NOT NULL/type
//   violations, which mean the caller skipped
//   validation)                                   -> Internal
// The message is Chinese followed by the engine's own text (which names the
// constraint and, on PostgreSQL, the duplicated key).
//
// Thread-safety: pure functions.
#pragma once

#include <exception>

#include "common/status.h"

namespace amr::storage {

Status StatusFromException(const std::exception& e);

}  // namespace amr::storage
