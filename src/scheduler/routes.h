// SPDX-License-Identifier: MulanPSL-2.0
// HTTP route for administrators watching the persistent timers
// (docs/lifecycle.md, section scheduler). Needs "scheduler.read" (the
// administrator's); timers belong to no org unit, so there is no data scope
// beyond the permission (like the outbox).
//   GET /api/v1/scheduler/timers?kind=&state=&limit=&offset=
//       → {"total","limit","offset","items":[timer…]}, oldest due first;
//       state is pending | fired | cancelled; limit 1..500 (default 50).
#pragma once

#include "http/router.h"
#include "storage/database.h"

namespace amr::scheduler {

// `db` must outlive the router.
void AddSchedulerRoutes(http::Router& router, storage::Database& db);

}  // namespace amr::scheduler
