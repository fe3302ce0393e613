// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for market entities (public disclosure: 国家企业信用信息公示):
//   GET /api/v1/entities?q=&region_code=&kind=&status=&limit=&offset=
//   GET /api/v1/entities/{uscc}
// Legal representatives' ID numbers are never part of a public answer.
#pragma once

#include "http/router.h"
#include "storage/database.h"

namespace amr::registry {

// `db` must outlive the router.
void AddEntityRoutes(http::Router& router, storage::Database& db);

}  // namespace amr::registry
