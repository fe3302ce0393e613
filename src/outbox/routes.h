// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for administrators of the outbox (docs/outbox.md, docs/api.md).
// Reads need "outbox.read", writes "outbox.write" (the administrator's); the
// records belong to no org unit, so there is no data scope beyond the
// permission (like the audit trail). Writes take an Idempotency-Key. The
// secret is accepted, never returned.
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

#include "common/clock.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::outbox {

// `db` and `clock` must outlive the router.
void AddOutboxRoutes(http::Router& router, storage::Database& db, const Clock& clock);

}  // namespace amr::outbox
