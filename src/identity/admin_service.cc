// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/admin_service.h"

#include <algorithm>
#include <set>

#include "identity/scope.h"

namespace amr::identity {
namespace {

StatusOr<const Principal*> PrincipalOf(const Caller& caller) {
  if (caller.principal == nullptr) return UnauthenticatedError("请先登录");
  return caller.principal;
}

// The path of unit `id` for a scope check; InvalidArgument naming `field` if
// there is no such unit.
StatusOr<std::string> UnitPath(soci::session& sql, int64_t id, const char* field) {
  auto unit = GetOrgUnit(sql, id);
  if (unit.status().code() == StatusCode::kNotFound) {
    return InvalidArgumentError(unit.status().message(), field);
  }
  RETURN_IF_ERROR(unit.status());
  return unit->path;
}

std::vector<std::string> ScopePaths(const Principal& p, std::string_view permission) {
  std::vector<std::string> out;
  for (const RoleGrant* g : p.ScopesFor(permission)) out.push_back(g->org_unit.path);
  return out;
}

// 三员分立: whoever holds users.write may neither appoint nor remove an
// auditor (it could otherwise make one with a password it chose, or have
// another administrator make it one, and read the trail it should be audited
// by). Auditors are appointed at the server's console (`amr users create
// --role auditor`), which needs access to the server, not an admin account.
Status RefuseAuditorRole(const std::vector<RoleAssignment>& roles) {
  for (const RoleAssignment& r : roles) {
    if (r.role == Role::kAuditor) {
      return PermissionDeniedError(
                 "审计员角色不能由管理员授予或撤销（三员分立），请在服务器控制台用 amr users "
                 "create "
                 "--role auditor 任命审计员")
          .WithField("roles");
    }
  }
  return OkStatus();
}

}  // namespace

StatusOr<User> CreateUserAs(soci::session& sql, const Caller& caller, const NewUser& user,
                            const std::string& password_hash, const Clock& clock) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  std::string path;
  if (user.org_unit_id) {
    ASSIGN_OR_RETURN(path, UnitPath(sql, *user.org_unit_id, "org_unit_id"));
  }
  RETURN_IF_ERROR(RequireScope(*p, perm::kUsersWrite, path));
  RETURN_IF_ERROR(RefuseAuditorRole(user.roles));
  for (const RoleAssignment& r : user.roles) {
    ASSIGN_OR_RETURN(std::string role_path, UnitPath(sql, r.org_unit_id, "roles"));
    RETURN_IF_ERROR(RequireScope(*p, perm::kUsersWrite, role_path));
  }
  return CreateUser(sql, user, password_hash, caller, clock);
}

StatusOr<User> GetUserAs(soci::session& sql, const Caller& caller, int64_t id) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  ASSIGN_OR_RETURN(User user, GetUser(sql, id));
  RETURN_IF_ERROR(RequireScope(*p, perm::kUsersRead, user.ScopePath()));
  return user;
}

StatusOr<UserPage> FindUsersAs(soci::session& sql, const Caller& caller,
                               std::optional<int64_t> org_unit_id, const std::string& text,
                               int limit, int offset) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  UserQuery q;
  q.scope_paths = ScopePaths(*p, perm::kUsersRead);
  q.include_unassigned = p->HasRootScope(perm::kUsersRead);
  if (org_unit_id) {
    ASSIGN_OR_RETURN(q.within_path, UnitPath(sql, *org_unit_id, "org_unit_id"));
    RETURN_IF_ERROR(RequireScope(*p, perm::kUsersRead, q.within_path));
  }
  q.text = text;
  q.limit = limit;
  q.offset = offset;
  return FindUsers(sql, q);
}

StatusOr<User> ReplaceRolesAs(soci::session& sql, const Caller& caller, int64_t id,
                              std::vector<RoleAssignment> roles, const Clock& clock) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  ASSIGN_OR_RETURN(User user, GetUser(sql, id));
  RETURN_IF_ERROR(RequireScope(*p, perm::kUsersWrite, user.ScopePath()));
  if (user.id == p->user_id) {
    return FailedPreconditionError("不能修改自己的角色，请由另一名管理员操作");
  }
  ASSIGN_OR_RETURN(roles, CheckRoleAssignments(std::move(roles), user.kind));

  std::set<RoleAssignment> before, after(roles.begin(), roles.end());
  for (const RoleGrant& g : user.roles) before.insert({g.role, g.org_unit.id});
  std::vector<RoleAssignment> changed;
  std::set_symmetric_difference(before.begin(), before.end(), after.begin(), after.end(),
                                std::back_inserter(changed));
  RETURN_IF_ERROR(RefuseAuditorRole(changed));
  for (const RoleAssignment& r : changed) {
    ASSIGN_OR_RETURN(std::string path, UnitPath(sql, r.org_unit_id, "roles"));
    RETURN_IF_ERROR(RequireScope(*p, perm::kUsersWrite, path));
  }
  const bool had_admin = std::any_of(before.begin(), before.end(),
                                     [](const auto& r) { return r.role == Role::kAdmin; });
  const bool keeps_admin =
      std::any_of(after.begin(), after.end(), [](const auto& r) { return r.role == Role::kAdmin; });
  if (had_admin && !keeps_admin && user.active) {
    ASSIGN_OR_RETURN(int64_t admins, CountActiveAdmins(sql));
    if (admins <= 1) return FailedPreconditionError("系统中至少要保留一名管理员");
  }
  return ReplaceRoles(sql, user, roles, caller, user.ScopePath(), clock);
}

StatusOr<User> UnlockUserAs(soci::session& sql, const Caller& caller, int64_t id,
                            const Clock& clock) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  ASSIGN_OR_RETURN(User user, GetUser(sql, id));
  RETURN_IF_ERROR(RequireScope(*p, perm::kUsersWrite, user.ScopePath()));
  return UnlockUser(sql, user, caller, clock);
}

StatusOr<OrgUnit> CreateOrgUnitAs(soci::session& sql, const Caller& caller, const NewOrgUnit& unit,
                                  const Clock& clock) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  ASSIGN_OR_RETURN(std::string parent_path, UnitPath(sql, unit.parent_id, "parent_id"));
  RETURN_IF_ERROR(RequireScope(*p, perm::kOrgUnitsWrite, parent_path));
  return CreateOrgUnit(sql, unit, caller, clock);
}

StatusOr<std::vector<OrgUnit>> ListOrgUnitsAs(soci::session& sql, const Caller& caller,
                                              std::optional<int64_t> parent_id) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  if (parent_id) {
    ASSIGN_OR_RETURN(std::string path, UnitPath(sql, *parent_id, "parent_id"));
    RETURN_IF_ERROR(RequireScope(*p, perm::kOrgUnitsRead, path));
    return ChildrenOf(sql, *parent_id);
  }
  return OrgUnitsUnder(sql, ScopePaths(*p, perm::kOrgUnitsRead));
}

StatusOr<OrgUnitDetail> GetOrgUnitAs(soci::session& sql, const Caller& caller, int64_t id) {
  ASSIGN_OR_RETURN(const Principal* p, PrincipalOf(caller));
  OrgUnitDetail detail;
  ASSIGN_OR_RETURN(detail.unit, GetOrgUnit(sql, id));
  RETURN_IF_ERROR(RequireScope(*p, perm::kOrgUnitsRead, detail.unit.path));
  ASSIGN_OR_RETURN(detail.ancestors, AncestorsOf(sql, detail.unit));
  ASSIGN_OR_RETURN(detail.children, ChildrenOf(sql, id));
  return detail;
}

}  // namespace amr::identity
