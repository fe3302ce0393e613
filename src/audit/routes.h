// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for auditors, all behind the permission "audit.read":
//   GET /api/v1/audit?target_type=&target_id=&user=&from=&to=&action=&limit=&offset=
//       → {"total", "limit", "offset", "items": [record…]}, newest first
//   GET /api/v1/audit/verify[?checkpoint=SEQ:HASH]
//       → {"intact", "records_checked", "head": {"seq", "hash", "checkpoint"},
//          "first_break": null | {"seq", "reason", "message"}}
//   GET /api/v1/audit/actions
//       → {"items": [{"code", "name", "group"}…]}: the catalogue of actions
//         (actions.h) with their Chinese names, for the page's filter
// A record is {"seq", "recorded_at", "user_id", "username", "role",
// "org_unit_id", "ip", "request_id", "action", "action_name" (its Chinese
// name, "其他操作" for one the catalogue does not know), "target_type", "target_id",
// "before", "after", "prev_hash", "hash"}. Bad parameters are 400 naming the
// field (query.h has the rules; from/to are RFC 3339).
#pragma once

#include <functional>

#include "audit/query.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::audit {

inline constexpr const char* kAuditReadPermission = "audit.read";

// Narrows a query to the caller's data scope (AuditQuery::scope_paths); set by
// the composition root from the authenticated principal.
using ScopeResolver = std::function<void(const http::Request&, AuditQuery&)>;

// `db` must outlive the router. Without a resolver every record is readable
// by whoever passes the "audit.read" check.
void AddAuditRoutes(http::Router& router, storage::Database& db, ScopeResolver scope = {});

}  // namespace amr::audit
