// SPDX-License-Identifier: MulanPSL-2.0
// Liveness for load balancers and operators.
#pragma once

#include <functional>

#include "common/status.h"
#include "http/router.h"

namespace amr::http {

// Registers the public route GET /healthz: 200 {"status":"ok"} when
// `db_ping` returns OK, otherwise the error body of its Status with 503 (the
// instance should be taken out of rotation whatever the cause). `db_ping` is
// called on every probe, on any handler thread: it must be thread-safe and
// quick. An empty `db_ping` means there is nothing to check.
void AddHealthRoutes(Router& router, std::function<Status()> db_ping);

}  // namespace amr::http
