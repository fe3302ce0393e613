// SPDX-License-Identifier: MulanPSL-2.0
// The HTTP API of change registration, 个转企 and beneficial-owner filing
// (docs/api.md, docs/lifecycle.md sections change and beneficial_owner):
//
//   POST /api/v1/entities/{uscc}/changes             registration.apply   licence admin / agent
//   POST /api/v1/window/entities/{uscc}/changes      registration.accept  window clerk
//   GET  /api/v1/entities/{uscc}/changes             public               version history
//   GET  /api/v1/registration/changes                registration.review  waiting for review
//   POST /api/v1/registration/changes/{id}/approve|reject   registration.review
//   POST /api/v1/entities/{uscc}/conversions         registration.apply   个转企
//   POST /api/v1/window/entities/{uscc}/conversions  registration.accept
//   POST /api/v1/entities/{uscc}/beneficial-owners   registration.apply   受益所有人备案
//   POST /api/v1/window/entities/{uscc}/beneficial-owners  registration.accept
//   GET  /api/v1/entities/{uscc}/beneficial-owners   beneficial_owner.read (scoped)
//   GET  /api/v1/applicant/entities/{uscc}/beneficial-owners  registration.apply (own licence)
//
// Writes honour Idempotency-Key (identity::RunWrite).
//
// Thread-safety: the routes share `service`; `db` and `clock` must outlive the router.
#pragma once

#include <memory>

#include "common/clock.h"
#include "http/router.h"
#include "lifecycle/change.h"
#include "storage/database.h"

namespace amr::lifecycle {

void AddChangeRoutes(http::Router& router, storage::Database& db,
                     std::shared_ptr<const ChangeService> service, const Clock& clock);
// The two 个转企 routes.
void AddConversionRoutes(http::Router& router, storage::Database& db,
                         std::shared_ptr<const ChangeService> service, const Clock& clock);

}  // namespace amr::lifecycle
