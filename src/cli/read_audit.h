// SPDX-License-Identifier: MulanPSL-2.0
// The audit of sensitive reads: who read applications with full citizen IDs,
// restrictions, user records, a licence's PDF, the audit trail itself, or
// exported any list to Excel, as beneficial-owner reads already were
// (lifecycle/beneficial_owner.h, "beneficial_owner.read").
//
// Each successful (200) read by a logged-in user through one of the routes of
// the table in read_audit.cc, and every `format=xlsx` export, appends one
// audit record in a transaction of its own: the actor (user, the role and unit
// that allowed it, address, request id), an action such as "user.read",
// target "http" and the path read, and in the summary the route pattern and
// the query (long digit runs masked, so an ID searched for is not copied into
// the trail). Nothing of the answer itself is recorded. A read whose record
// cannot be written is answered with that error, not with the data.
//
// Thread-safety: the decorated handlers are as thread-safe as the originals.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::cli {

// The audit action for a GET of `pattern`, or "" if it is not audited.
std::string_view SensitiveReadAction(std::string_view method, std::string_view pattern);

// Decorates the routes registered so far. `db` and `clock` must outlive the
// router.
void AuditSensitiveReads(http::Router& router, storage::Database& db, const Clock& clock);

}  // namespace amr::cli
