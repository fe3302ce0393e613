// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/principal.h"

#include <algorithm>

namespace amr::identity {

std::string_view UserKindId(UserKind kind) {
  return kind == UserKind::kApplicant ? "applicant" : "staff";
}

StatusOr<UserKind> ParseUserKind(std::string_view id) {
  if (id == "staff") return UserKind::kStaff;
  if (id == "applicant") return UserKind::kApplicant;
  return InvalidArgumentError("用户类型应为 staff（工作人员）或 applicant（申请人）", "kind");
}

bool PathInScope(std::string_view scope_path, std::string_view unit_path) {
  if (scope_path.empty() || unit_path.empty()) return false;
  return unit_path.starts_with(scope_path);
}

namespace {

// "/7/": one id between the slashes, a unit without a parent.
bool IsRootPath(std::string_view p) { return p.size() >= 3 && p.find('/', 1) == p.size() - 1; }

// Whether grant `g` carries `permission`: its role grants it, and a
// platform-level permission only at the root (roles.h).
bool Carries(const RoleGrant& g, std::string_view permission) {
  if (!RoleGrants(g.role, permission)) return false;
  return !IsPlatformPermission(permission) || IsRootPath(g.org_unit.path);
}

}  // namespace

bool Principal::Can(std::string_view permission) const {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const RoleGrant& g) { return Carries(g, permission); });
}

bool Principal::InScope(std::string_view permission, std::string_view unit_path) const {
  return GrantFor(permission, unit_path) != nullptr;
}

const RoleGrant* Principal::GrantFor(std::string_view permission,
                                     std::string_view unit_path) const {
  const RoleGrant* best = nullptr;
  for (const RoleGrant& g : grants) {
    if (!Carries(g, permission)) continue;
    if (unit_path.empty()) return &g;
    if (!PathInScope(g.org_unit.path, unit_path)) continue;
    if (best == nullptr || g.org_unit.path.size() > best->org_unit.path.size()) best = &g;
  }
  return best;
}

std::vector<const RoleGrant*> Principal::ScopesFor(std::string_view permission) const {
  std::vector<const RoleGrant*> out;
  for (const RoleGrant& g : grants) {
    if (Carries(g, permission) && !g.org_unit.path.empty()) out.push_back(&g);
  }
  return out;
}

bool Principal::HasRootScope(std::string_view permission) const {
  for (const RoleGrant* g : ScopesFor(permission)) {
    if (IsRootPath(g->org_unit.path)) return true;
  }
  return false;
}

bool Principal::OwnsEntity(std::string_view uscc) const {
  return kind == UserKind::kApplicant && !entity_uscc.empty() && entity_uscc == uscc;
}

std::vector<std::string_view> Principal::Permissions() const {
  std::vector<std::string_view> out;
  for (const PermissionInfo& p : AllPermissions()) {
    if (Can(p.name)) out.push_back(p.name);
  }
  return out;
}

}  // namespace amr::identity
