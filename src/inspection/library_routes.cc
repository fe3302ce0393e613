// SPDX-License-Identifier: MulanPSL-2.0
// The 一单两库 half of routes.h.
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "identity/route_support.h"
#include "identity/scope.h"
#include "inspection/library_store.h"
#include "inspection/routes.h"

namespace amr::inspection::internal {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

std::vector<std::string> ScopePaths(const http::Request& req, std::string_view permission) {
  std::vector<std::string> out;
  const identity::Principal* p = identity::PrincipalOf(req);
  if (p == nullptr) return out;
  for (const identity::RoleGrant* g : p->ScopesFor(permission)) out.push_back(g->org_unit.path);
  return out;
}

http::Response ListLibrary(storage::Database& db, http::Request& req) {
  auto kind = ParseLibraryKind(req.Param("kind"));
  if (!kind.ok()) return http::Response::Error(kind.status());
  auto unit = req.IntQuery("org_unit_id", 0, 0, INT64_MAX);
  if (!unit.ok()) return http::Response::Error(unit.status());
  const identity::Principal* principal = identity::PrincipalOf(req);
  json items = json::array();
  Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
    items = json::array();
    std::optional<int64_t> only;
    if (*unit != 0) {
      ASSIGN_OR_RETURN(std::string path, UnitPath(sql, *unit));
      RETURN_IF_ERROR(identity::RequireScope(*principal, perm::kInspectionLibraryRead, path));
      only = *unit;
    }
    const auto scope = ScopePaths(req, perm::kInspectionLibraryRead);
    switch (*kind) {
      case LibraryKind::kItems: {
        ASSIGN_OR_RETURN(auto list, ListItems(sql, scope, only));
        for (const Item& i : list) {
          items.push_back({{"id", i.id},
                           {"code", i.code},
                           {"org_unit_id", i.org_unit_id},
                           {"name", i.name},
                           {"category", i.category},
                           {"legal_basis", i.legal_basis},
                           {"content", i.content},
                           {"entity_kinds", i.entity_kinds},
                           {"industries", i.industries}});
        }
        break;
      }
      case LibraryKind::kTargets: {
        ASSIGN_OR_RETURN(auto list, ListTargets(sql, scope, only));
        for (const Target& t : list) {
          items.push_back({{"id", t.id},
                           {"target_key", t.target_key},
                           {"kind", t.kind},
                           {"name", t.name},
                           {"entity_uscc", t.entity_uscc},
                           {"org_unit_id", t.org_unit_id},
                           {"labels", t.labels},
                           {"special_library", t.special_library}});
        }
        break;
      }
      case LibraryKind::kOfficers: {
        ASSIGN_OR_RETURN(auto list, ListOfficers(sql, scope, only));
        for (const Officer& f : list) {
          items.push_back(
              {{"id", f.id},
               {"code", f.code},
               {"name", f.name},
               {"org_unit_id", f.org_unit_id},
               {"station_unit_id", f.station_unit_id ? json(*f.station_unit_id) : json()},
               {"user_id", f.user_id ? json(*f.user_id) : json()},
               {"qualifications", f.qualifications},
               {"status", f.status},
               {"conflicts", f.conflicts}});
        }
        break;
      }
    }
    return OkStatus();
  });
  if (!s.ok()) return http::Response::Error(s);
  return http::Response::Json({{"kind", LibraryKindId(*kind)}, {"items", items}});
}

}  // namespace

void AddLibraryRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  router.Get("/api/v1/inspection/library/{kind}", std::string(perm::kInspectionLibraryRead),
             [&db](http::Request& req) { return ListLibrary(db, req); });
  router.Post(
      "/api/v1/inspection/library/{kind}/import", std::string(perm::kInspectionLibraryWrite),
      [&db, &clock](http::Request& req) {
        auto kind = ParseLibraryKind(req.Param("kind"));
        if (!kind.ok()) return http::Response::Error(kind.status());
        const identity::Principal* principal = identity::PrincipalOf(req);
        std::istringstream csv(req.body);
        auto report = ImportLibrary(
            db, *kind, csv, identity::CallerOf(req),
            [principal](std::string_view path) {
              return identity::RequireScope(*principal, perm::kInspectionLibraryWrite, path);
            },
            clock);
        if (!report.ok()) return http::Response::Error(report.status());
        return http::Response::Json({{"kind", LibraryKindId(*kind)}, {"rows", report->rows}}, 201);
      });
}

}  // namespace amr::inspection::internal
