// SPDX-License-Identifier: MulanPSL-2.0
#include "leads/lead_service.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "leads/lead_store.h"

namespace amr::leads {

namespace perm = identity::perm;
using nlohmann::json;

StatusOr<std::vector<Lead>> LeadService::List(const identity::Caller& caller, int limit) {
  if (caller.principal == nullptr) return PermissionDeniedError("需要登录");
  std::vector<std::string> paths;
  for (const identity::RoleGrant* grant : caller.principal->ScopesFor(perm::kLeadsRead)) {
    if (!grant->org_unit.path.empty()) paths.push_back(grant->org_unit.path);
  }
  std::vector<Lead> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, ListLeads(sql, paths, limit));
    return audit::Append(sql,
                         {identity::ActorFor(caller, perm::kLeadsRead), "lead.read", "case_lead",
                          "list", nullptr, json{{"count", out.size()}}},
                         clock_);
  }));
  return out;
}

StatusOr<Lead> LeadService::Get(const identity::Caller& caller, int64_t id) {
  if (caller.principal == nullptr) return PermissionDeniedError("需要登录");
  std::optional<Lead> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Lead lead, GetLead(sql, id));
    if (!caller.principal->InScope(perm::kLeadsRead, lead.unit_path)) {
      return identity::OutOfScopeError();
    }
    RETURN_IF_ERROR(audit::Append(sql,
                                  {identity::ActorFor(caller, perm::kLeadsRead, lead.unit_path),
                                   "lead.read", "case_lead", std::to_string(id), nullptr, nullptr},
                                  clock_));
    out = std::move(lead);
    return OkStatus();
  }));
  return *std::move(out);
}

}  // namespace amr::leads
