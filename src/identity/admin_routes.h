// SPDX-License-Identifier: MulanPSL-2.0
// The admin API: users, roles and the org tree (docs/api.md lists the bodies).
//   GET  /api/v1/users?org_unit_id=&q=&limit=&offset=   users.read
//   POST /api/v1/users                                  users.write
//   GET  /api/v1/users/{id}                             users.read
//   PUT  /api/v1/users/{id}/roles                       users.write
//   POST /api/v1/users/{id}/unlock                      users.write
//   GET  /api/v1/org-units?parent_id=                   org_units.read
//   POST /api/v1/org-units                              org_units.write
//   GET  /api/v1/org-units/{id}                         org_units.read
// Every one also checks the data scope (admin_service.h): 403 outside it.
// Writes accept an Idempotency-Key (idempotent_write.h) and are audited.
#pragma once

#include "common/clock.h"
#include "http/router.h"
#include "identity/password.h"
#include "storage/database.h"

namespace amr::identity {

// `db`, `hasher` and `clock` must outlive the router.
void AddUserRoutes(http::Router& router, storage::Database& db, const PasswordHasher& hasher,
                   const Clock& clock);
void AddOrgUnitRoutes(http::Router& router, storage::Database& db, const Clock& clock);

}  // namespace amr::identity
