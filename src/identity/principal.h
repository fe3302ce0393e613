// SPDX-License-Identifier: MulanPSL-2.0
// The authenticated principal: who is calling, with which roles where.
//
// Data scope. A role held at an org unit covers that unit and everything
// below it. Units carry a materialised path ("/1/3/7/" for unit 7 under 3
// under 1, column org_unit.path), so "unit X is in the scope of a role held at
// unit G" is "X's path starts with G's path". Handlers that act on something
// an org unit owns load the owner's path with it and ask InScope; outside the
// scope is 403.
//
// Applicants hold the role `applicant` implicitly (user kind "applicant", no
// user_role row) and have no org-unit scope: they reach only their own
// records (OwnsEntity, user_id).
//
// The authorizer (authorizer.h) puts a Principal into http::Request::principal;
// handlers read it with RequirePrincipal (route_support.h).
//
// Thread-safety: a value; safe to copy between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "identity/roles.h"

namespace amr::identity {

enum class UserKind { kStaff, kApplicant };

// "staff" / "applicant".
std::string_view UserKindId(UserKind kind);
// InvalidArgument (field "kind") otherwise.
StatusOr<UserKind> ParseUserKind(std::string_view id);

struct OrgUnitRef {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string path;  // "/1/3/"
};

struct RoleGrant {
  Role role = Role::kApplicant;
  OrgUnitRef org_unit;  // id 0 and empty path for the implicit applicant role
};

// Whether the unit at `unit_path` lies in the subtree of the unit at
// `scope_path` (itself included). Empty paths are never in any scope.
bool PathInScope(std::string_view scope_path, std::string_view unit_path);

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  UserKind kind = UserKind::kStaff;
  int64_t org_unit_id = 0;  // the user's own unit; 0 for most applicants
  std::string entity_uscc;  // applicants: the enterprise they act for
  std::string citizen_id;   // applicants: the natural person
  bool must_change_password = false;
  std::vector<RoleGrant> grants;
  // The session: the hash of the token used (for logout) and when it ends.
  std::string token_hash;
  std::string session_expires_at;

  // Whether any role grants `permission` anywhere.
  bool Can(std::string_view permission) const;
  // Whether a role granting `permission` is held at a unit whose subtree
  // contains the unit at `unit_path`.
  bool InScope(std::string_view permission, std::string_view unit_path) const;
  // The grant under which `permission` is exercised on `unit_path` (the one
  // nearest to the unit), or on no particular unit when `unit_path` is empty
  // (the first grant with the permission); nullptr if none. For audit records.
  const RoleGrant* GrantFor(std::string_view permission, std::string_view unit_path = {}) const;
  // The grants that carry `permission`: the roots of its data scope.
  std::vector<const RoleGrant*> ScopesFor(std::string_view permission) const;
  // Whether a scope of `permission` is a root of the org tree (a unit with no
  // parent), which also covers records owned by no unit (applicant accounts).
  bool HasRootScope(std::string_view permission) const;
  // Applicants: whether they act for the enterprise `uscc`.
  bool OwnsEntity(std::string_view uscc) const;
  // Every permission the principal holds somewhere, in table order.
  std::vector<std::string_view> Permissions() const;
};

}  // namespace amr::identity
