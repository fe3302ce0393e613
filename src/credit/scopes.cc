// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/scopes.h"

#include <fmt/format.h>

#include <algorithm>

#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"

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

Status MayActForEntity(soci::session& sql, const identity::Caller& caller, const std::string& uscc,
                       const std::string& authority_path, Clock::TimePoint now,
                       std::string_view what) {
  const identity::Principal* p = caller.principal;
  if (p == nullptr || !p->Can(identity::perm::kCreditFile)) {
    return PermissionDeniedError("需要登录");
  }
  if (p->kind == identity::UserKind::kApplicant) {
    ASSIGN_OR_RETURN(bool may, license::IsAuthorized(sql, uscc, p->user_id, "annual_report", now));
    if (!may) {
      return PermissionDeniedError(
          fmt::format("只有本企业电子营业执照的管理员或被授权的经办人可以{}", what));
    }
    return OkStatus();
  }
  if (!p->InScope(identity::perm::kCreditFile, authority_path)) {
    return identity::OutOfScopeError();
  }
  return OkStatus();
}

}  // namespace amr::credit
