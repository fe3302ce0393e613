// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/scopes.h"

#include <algorithm>

#include "identity/principal.h"

namespace amr::credit {

std::vector<std::string> OutermostScopes(const identity::Caller& caller,
                                         std::string_view permission) {
  std::vector<std::string> all, out;
  if (caller.principal == nullptr) return out;
  for (const identity::RoleGrant* g : caller.principal->ScopesFor(permission)) {
    all.push_back(g->org_unit.path);
  }
  for (const std::string& p : all) {
    const bool inside = std::any_of(
        all.begin(), all.end(), [&](const std::string& q) { return q != p && p.starts_with(q); });
    if (!inside && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  }
  return out;
}

}  // namespace amr::credit
