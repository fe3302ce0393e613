// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes of the name engine (docs/api.md, docs/names.md):
//   GET  /api/v1/names/check?name=&authority=REGION6&industry=CODE   public
//   POST /api/v1/names/reservations        names.reserve, Idempotency-Key
//   GET  /api/v1/names/reservations/{id}   names.reserve: the reserving user, or staff in scope
// Data scope of a reservation: the org unit whose region_code is the
// reservation's authority region (the first such unit), or none.
//
// Thread-safety: the handlers are thread-safe.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "http/router.h"
#include "names/name_service.h"
#include "storage/database.h"

namespace amr::names {

// {"verdict", "parts": {region, trade_name, industry, form}, "hits": [{name, uscc, rule,
// message}]} plus "reason" for an invalid name. The CLI prints the same.
nlohmann::json CheckJson(const NameCheck& check);
nlohmann::json ReservationJson(const Reservation& reservation);

// The routes share ownership of `names` (its index lives as long as the router).
void AddNameRoutes(http::Router& router, storage::Database& db, std::shared_ptr<NameService> names,
                   const Clock& clock);

}  // namespace amr::names
