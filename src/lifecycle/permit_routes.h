// SPDX-License-Identifier: MulanPSL-2.0
// HTTP API of the lifecycle core (docs/lifecycle.md, "证照并销"):
//   GET  /api/v1/permit-kinds                      public: the kinds of permit recorded
//   GET  /api/v1/entities/{uscc}/permits           public: an entity's permits
//   POST /api/v1/entities/{uscc}/permits           permits.write: record one
//   POST /api/v1/permits/{id}/cancellation         permits.write: cancel one
//   GET  /api/v1/entities/{uscc}/deregistration    public: how and when it ended
//
// Thread-safety: the handlers are; db and clock must outlive the router.
#pragma once

#include "common/clock.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::lifecycle {

void AddPermitRoutes(http::Router& router, storage::Database& db, const Clock& clock);

}  // namespace amr::lifecycle
