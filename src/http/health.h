// SPDX-License-Identifier: MulanPSL-2.0
// Liveness for load balancers and operators.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/router.h"

namespace amr::http {

// Registers the public route GET /healthz: 200 {"status":"ok"} when
// `db_ping` returns OK, otherwise the error body of its Status with 503 (the
// instance should be taken out of rotation whatever the cause). `db_ping` is
// called on every probe, on any handler thread: it must be thread-safe and
// quick. An empty `db_ping` means there is nothing to check.
void AddHealthRoutes(Router& router, std::function<Status()> db_ping);

// One thing an instance needs before it takes traffic.
struct ReadinessCheck {
  std::string name;               // "store", "migrations", "name_index"
  std::function<Status()> check;  // OK when ready; thread-safe and quick
};

// The public route GET /readyz: 200 {"status":"ready","checks":{name:"ok"}}
// when every check passes, else 503 with each failed check's message
// ({"status":"not_ready","checks":{name:"…"}}). Load balancers send traffic
// only to ready instances.
void AddReadinessRoute(Router& router, std::vector<ReadinessCheck> checks);

}  // namespace amr::http
