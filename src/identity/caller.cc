// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/caller.h"

namespace amr::identity {

audit::Actor ActorFor(const Caller& caller, std::string_view permission,
                      std::string_view unit_path) {
  audit::Actor actor;
  actor.ip = caller.ip;
  actor.request_id = caller.request_id;
  if (caller.principal == nullptr) {
    actor.username = caller.name;
    return actor;
  }
  const Principal& p = *caller.principal;
  actor.user_id = p.user_id;
  actor.username = p.username;
  if (const RoleGrant* g = p.GrantFor(permission, unit_path)) {
    actor.role = std::string(RoleId(g->role));
    actor.org_unit_id = g->org_unit.id;
  } else if (p.kind == UserKind::kApplicant) {
    actor.role = std::string(RoleId(Role::kApplicant));
  }
  return actor;
}

}  // namespace amr::identity
