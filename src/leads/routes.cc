// SPDX-License-Identifier: MulanPSL-2.0
#include "leads/routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::leads {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// A lead; with its evidence when `full` (the list leaves it out).
json LeadJson(const Lead& l, bool full) {
  json out = {{"id", l.id},
              {"source", SourceId(l.source)},
              {"source_name", SourceName(l.source)},
              {"source_ref", l.source_ref},
              {"uscc", l.uscc},
              {"business_name", l.business_name},
              {"description", l.description},
              {"unit", {{"id", l.unit_id}, {"path", l.unit_path}, {"name", l.unit_name}}},
              {"status", l.status},
              {"status_name", l.status == "open" ? "待处理" : l.status},
              {"created_at", l.created_at}};
  if (full) {
    json evidence = json::array();
    for (const Evidence& e : l.evidence) evidence.push_back({{"title", e.title}, {"ref", e.ref}});
    out["evidence"] = evidence;
  }
  return out;
}

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddLeadRoutes(http::Router& router, std::shared_ptr<LeadService> shared) {
  LeadService& service = *shared;
  const std::string read(identity::perm::kLeadsRead);
  router.Get("/api/v1/leads", read, [&service, shared](Request& req) {
    auto limit = req.IntQuery("limit", 100, 1, 500);
    if (!limit.ok()) return Response::Error(limit.status());
    auto leads = service.List(identity::CallerOf(req), static_cast<int>(*limit));
    if (!leads.ok()) return Response::Error(leads.status());
    json items = json::array();
    for (const Lead& l : *leads) items.push_back(LeadJson(l, false));
    return NoStore(Response::Json({{"items", items}}));
  });
  router.Get("/api/v1/leads/{id}", read, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto lead = service.Get(identity::CallerOf(req), *id);
    if (!lead.ok()) return Response::Error(lead.status());
    return NoStore(Response::Json(LeadJson(*lead, true)));
  });
}

}  // namespace amr::leads
