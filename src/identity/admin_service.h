// SPDX-License-Identifier: MulanPSL-2.0
// The administration use cases behind the admin API: users, roles and org
// units, each checked against the caller's permission AND data scope.
//
// Every function runs inside the caller's transaction on `sql` (so a route can
// wrap it with an idempotency key) and needs a caller with a principal. The
// route's permission has already been checked by the authorizer; these add
// the scope: the target (a user's unit, a unit, a parent, every unit a role
// is granted or withdrawn at) must lie in a subtree where the caller holds the
// permission, else PermissionDenied "该数据不在您的管辖范围内".
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "identity/org_unit_store.h"
#include "identity/user_input.h"
#include "identity/user_store.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::identity {

// users.write at the user's unit and at every role's unit. `user` must have
// passed ValidateNewUser; `password_hash` is the hash of its first password.
// PermissionDenied (field "roles") for the role `auditor`: 三员分立, auditors
// are appointed at the server's console, never by an administrator.
StatusOr<User> CreateUserAs(soci::session& sql, const Caller& caller, const NewUser& user,
                            const std::string& password_hash, const Clock& clock);

// users.read at the user's unit. NotFound if there is no such user.
StatusOr<User> GetUserAs(soci::session& sql, const Caller& caller, int64_t id);

// The users in the caller's users.read scope, optionally only those under
// `org_unit_id` (which must itself be in scope) or matching `text`.
StatusOr<UserPage> FindUsersAs(soci::session& sql, const Caller& caller,
                               std::optional<int64_t> org_unit_id, const std::string& text,
                               int limit, int offset);

// Replaces a user's roles. users.write at the user's unit and at the unit of
// every role added or withdrawn. FailedPrecondition for one's own roles, and
// for withdrawing the last administrator's role; PermissionDenied (field
// "roles") for adding or withdrawing `auditor`; InvalidArgument for admin and
// auditor on one account.
StatusOr<User> ReplaceRolesAs(soci::session& sql, const Caller& caller, int64_t id,
                              std::vector<RoleAssignment> roles, const Clock& clock);

// users.write at the user's unit.
StatusOr<User> UnlockUserAs(soci::session& sql, const Caller& caller, int64_t id,
                            const Clock& clock);

// org_units.write at the parent.
StatusOr<OrgUnit> CreateOrgUnitAs(soci::session& sql, const Caller& caller, const NewOrgUnit& unit,
                                  const Clock& clock);

// The units in the caller's org_units.read scope (the union of its subtrees),
// or, with `parent_id`, that unit's children (the unit must be in scope).
StatusOr<std::vector<OrgUnit>> ListOrgUnitsAs(soci::session& sql, const Caller& caller,
                                              std::optional<int64_t> parent_id);

struct OrgUnitDetail {
  OrgUnit unit;
  std::vector<OrgUnit> ancestors;  // the root first
  std::vector<OrgUnit> children;
};
// org_units.read at the unit. NotFound if there is no such unit.
StatusOr<OrgUnitDetail> GetOrgUnitAs(soci::session& sql, const Caller& caller, int64_t id);

}  // namespace amr::identity
