// SPDX-License-Identifier: MulanPSL-2.0
// `amr serve --aggregate`: a province's aggregate store (docs/operations.md,
// "A province: federation of county stores"). Its public tables are filled by
// logical replication from the counties (amr federation subscribe), so it
// serves only what reads them — the province-wide public search and profile,
// the entity figures — with the reference data, health and metrics, and its
// own accounts (login, users, org units) for the province's leaders. Every
// other route is refused before the login check with 422 failed_precondition
// and a message saying where to go instead: nothing is registered, changed or
// decided on an aggregate.
#pragma once

#include <memory>

#include "http/router.h"
#include "identity/authorizer.h"

namespace amr::cli {

// Whether an aggregate store answers the route `spec`.
bool AggregateServes(const http::RouteSpec& spec);

// The router's guard on an aggregate: routes it does not serve are refused,
// the others go through `authorizer`.
http::Guard AggregateGuard(std::shared_ptr<const identity::Authorizer> authorizer);

}  // namespace amr::cli
