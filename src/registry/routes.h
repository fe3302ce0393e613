// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for market entities (public disclosure: 国家企业信用信息公示):
//   GET /api/v1/entities?q=&region_code=&kind=&status=&limit=&offset=
//   GET /api/v1/entities/{uscc}
//   GET /api/v1/entities/export.xlsx?q=&region_code=&kind=&status=   (the list as Excel)
//   GET /api/v1/entities/stats?region_code=&from_year=   (stats.read, the caller's regions)
// Legal representatives' ID numbers are never part of a public answer.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "http/router.h"
#include "registry/profile_cache.h"
#include "storage/database.h"

namespace amr::registry {

// 经营范围 of an entity as its licence states it ("" when it has none, e.g.
// an entity imported without one), read from `db`. The composition root
// reads the licence.
using BusinessScopeOf =
    std::function<StatusOr<std::string>(storage::Database& db, std::string_view uscc)>;

// The store a request's reads go to. The composition root decides (a read
// replica for anonymous callers, docs/operations.md "A read replica"); the
// store returned must outlive the router.
using ReadsFor = std::function<storage::Database&(const http::Request&)>;

// The cache a request's profile may be answered from and stored in (the
// public's: profile_cache.h), or nullptr for none. It must cache what
// `reads_for` of that request reads, and outlive the router.
using ProfileCacheFor = std::function<ProfileCache*(const http::Request&)>;

// The public look-ups read from `reads_for(request)`. The profile (GET
// /api/v1/entities/{uscc}) states 经营范围 from `scope_of` when one is given,
// and is answered from `cache_for(request)` when it has it.
void AddEntityRoutes(http::Router& router, ReadsFor reads_for, BusinessScopeOf scope_of = nullptr,
                     ProfileCacheFor cache_for = nullptr);
// The same, every read from `db` (which must outlive the router).
void AddEntityRoutes(http::Router& router, storage::Database& db,
                     BusinessScopeOf scope_of = nullptr);

// The most rows one Excel export holds; the sheet says when more matched.
inline constexpr int kMaxExportRows = 5000;

// The region-code prefixes the caller of a request may count ("" stands for
// everywhere; none: nowhere). The composition root derives them from the
// caller's stats.read grants and the regions of their org units.
using RegionScope = std::function<StatusOr<std::vector<std::string>>(const http::Request&)>;

// The leaders' dashboard figures (stats.read). Without region_code the
// caller's first region is counted; a region_code outside every region of
// the caller is refused (403).
void AddEntityStatsRoutes(http::Router& router, storage::Database& db, RegionScope scope);

}  // namespace amr::registry
