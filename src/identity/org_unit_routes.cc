// SPDX-License-Identifier: MulanPSL-2.0
// The org-unit half of admin_routes.h.
#include <nlohmann/json.hpp>

#include "identity/admin_routes.h"
#include "identity/admin_service.h"
#include "identity/idempotent_write.h"
#include "identity/route_support.h"

namespace amr::identity {
namespace {

std::string Perm(std::string_view p) { return std::string(p); }

nlohmann::json UnitJson(const OrgUnit& u) {
  return {
      {"id", u.id},
      {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr)},
      {"code", u.code},
      {"name", u.name},
      {"kind", u.kind},
      {"department", u.department.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.department)},
      {"region_code", u.region_code},
      {"depth", std::count(u.path.begin(), u.path.end(), '/') - 1}};
}

nlohmann::json UnitsJson(const std::vector<OrgUnit>& units) {
  nlohmann::json out = nlohmann::json::array();
  for (const OrgUnit& u : units) out.push_back(UnitJson(u));
  return out;
}

StatusOr<NewOrgUnit> ParseNewOrgUnit(const nlohmann::json& body) {
  NewOrgUnit unit;
  ASSIGN_OR_RETURN(std::optional<int64_t> parent, IdField(body, "parent_id"));
  if (!parent) return InvalidArgumentError("新机构必须指定上级机构 parent_id", "parent_id");
  unit.parent_id = *parent;
  ASSIGN_OR_RETURN(unit.code, StringField(body, "code", true));
  ASSIGN_OR_RETURN(unit.name, StringField(body, "name", true));
  ASSIGN_OR_RETURN(unit.kind, StringField(body, "kind", true));
  ASSIGN_OR_RETURN(unit.department, StringField(body, "department", false));
  ASSIGN_OR_RETURN(unit.region_code, StringField(body, "region_code", true));
  RETURN_IF_ERROR(ValidateNewOrgUnit(unit));
  return unit;
}

}  // namespace

void AddOrgUnitRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  router.Get("/api/v1/org-units", Perm(perm::kOrgUnitsRead), [&db](http::Request& req) {
    auto parent = req.IntQuery("parent_id", 0, 1, INT64_MAX);
    if (!parent.ok()) return http::Response::Error(parent.status());
    std::vector<OrgUnit> units;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          units, ListOrgUnitsAs(sql, CallerOf(req),
                                *parent == 0 ? std::nullopt : std::optional<int64_t>(*parent)));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    return http::Response::Json({{"items", UnitsJson(units)}});
  });
  router.Post("/api/v1/org-units", Perm(perm::kOrgUnitsWrite), [&db, &clock](http::Request& req) {
    auto body = ObjectBody(req);
    if (!body.ok()) return http::Response::Error(body.status());
    auto unit = ParseNewOrgUnit(*body);
    if (!unit.ok()) return http::Response::Error(unit.status());
    return RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
      ASSIGN_OR_RETURN(OrgUnit created, CreateOrgUnitAs(sql, CallerOf(req), *unit, clock));
      return WriteReply{201, UnitJson(created), {}};
    });
  });
  router.Get("/api/v1/org-units/{id}", Perm(perm::kOrgUnitsRead), [&db](http::Request& req) {
    auto id = IdParam(req, "id");
    if (!id.ok()) return http::Response::Error(id.status());
    OrgUnitDetail detail;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(detail, GetOrgUnitAs(sql, CallerOf(req), *id));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    nlohmann::json out = UnitJson(detail.unit);
    out["ancestors"] = UnitsJson(detail.ancestors);
    out["children"] = UnitsJson(detail.children);
    return http::Response::Json(out);
  });
}

}  // namespace amr::identity
