// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for administrators of the outbox (docs/outbox.md, docs/api.md).
// Reads need "outbox.read", writes "outbox.write": platform-level permissions
// (identity/roles.h), held only by an administrator at the root of the org
// tree, because the records belong to no org unit. A subscription's endpoint
// must be on the operator's allow-list (CheckEndpointAllowed, outbox/rules.h),
// else 400 naming endpoint_url. Writes take an Idempotency-Key. The secret is
// accepted, never returned.
//   GET   /api/v1/outbox/subscriptions            → {"items": [subscription…]}
//   POST  /api/v1/outbox/subscriptions            {"topic","endpoint_url","secret",
//                                                  "description"?,"active"?} → 201 subscription
//   GET   /api/v1/outbox/subscriptions/{id}       → subscription
//   PATCH /api/v1/outbox/subscriptions/{id}       {"endpoint_url"?,"secret"?,"description"?,
//                                                  "active"?} → subscription
//   GET   /api/v1/outbox/dead-letters?limit=&offset= →
//   {"total","limit","offset","items":[delivery…]} GET   /api/v1/outbox/deliveries/{id}          →
//   delivery + "attempts_log": [attempt…] POST  /api/v1/outbox/dead-letters/{id}/retry  → delivery
//   (pending again)
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::outbox {

// `db` and `clock` must outlive the router. `allowed_endpoints`: the
// operator's allow-list of endpoint prefixes (empty: no subscription can be
// created or pointed anywhere).
void AddOutboxRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                     std::vector<std::string> allowed_endpoints);

}  // namespace amr::outbox
