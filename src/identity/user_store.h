// SPDX-License-Identifier: MulanPSL-2.0
// Users and their roles in the store (tables app_user, user_role).
//
// Every function that changes a user writes its audit record in the same
// transaction (the caller's, on `sql`); records never hold password hashes or
// tokens. Whether the caller may act on the user (permission, data scope) is
// checked by the use cases in user_service.h, not here.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "identity/principal.h"
#include "identity/user_input.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::identity {

// A user as the program shows it: never the password hash.
struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  UserKind kind = UserKind::kStaff;
  std::optional<OrgUnitRef> org_unit;  // staff: always set
  std::string region_code;
  std::string entity_uscc;
  std::string citizen_id;
  bool active = true;
  bool must_change_password = false;
  int failed_logins = 0;
  std::string locked_until;  // RFC 3339, "" when not locked (or a past lock)
  std::string password_changed_at;
  std::string created_at;
  std::vector<RoleGrant> roles;  // by role id ("inspector" < "leader"), then unit id

  // The path that decides who may manage the user: its unit's, or "" for
  // users of no unit (applicants), whom only root scopes cover.
  std::string ScopePath() const { return org_unit ? org_unit->path : std::string(); }
};

// Creates `user` (validated with ValidateNewUser) with `password_hash` and
// its roles, audited as "user.create". Errors: InvalidArgument naming
// "org_unit_id" or "roles" for a unit that does not exist; AlreadyExists
// (field "username") if the name is taken.
StatusOr<User> CreateUser(soci::session& sql, const NewUser& user, std::string_view password_hash,
                          const Caller& caller, const Clock& clock);

// NotFound if there is no such user.
StatusOr<User> GetUser(soci::session& sql, int64_t id);
StatusOr<User> GetUserByUsername(soci::session& sql, std::string_view username);

// The secrets and counters login needs; nullopt if there is no such user.
struct Credentials {
  int64_t user_id = 0;
  std::string username;
  std::string password_hash;
  bool active = false;
  int failed_logins = 0;
  std::string locked_until;
};
StatusOr<std::optional<Credentials>> GetCredentials(soci::session& sql, std::string_view username);

struct UserQuery {
  // The subtrees to search (at least one, or include_unassigned); see
  // Principal::ScopesFor.
  std::vector<std::string> scope_paths = {};
  bool include_unassigned = false;  // users of no unit (applicants)
  std::string within_path = {};     // optional: only this unit's subtree
  std::string text = {};            // optional: part of the username or name
  int limit = 50;
  int offset = 0;
};
struct UserPage {
  int64_t total = 0;
  std::vector<User> items;
};
StatusOr<UserPage> FindUsers(soci::session& sql, const UserQuery& query);

// Replaces the user's roles, audited as "user.roles" with the role lists
// before and after.
StatusOr<User> ReplaceRoles(soci::session& sql, const User& user,
                            const std::vector<RoleAssignment>& roles, const Caller& caller,
                            std::string_view scope_path, const Clock& clock);

// Clears a lock and the failure count, audited as "user.unlock".
StatusOr<User> UnlockUser(soci::session& sql, const User& user, const Caller& caller,
                          const Clock& clock);

// Stores a new password hash, ends the user's sessions except `keep_token_hash`,
// and audits `action` ("user.password_change", "user.password_reset").
Status SetPasswordHash(soci::session& sql, const User& user, std::string_view password_hash,
                       bool must_change, std::string_view keep_token_hash, std::string_view action,
                       const Caller& caller, const Clock& clock);

// How many active users hold the role `admin` anywhere.
StatusOr<int64_t> CountActiveAdmins(soci::session& sql);

// Who is told of work at a unit (the message centre, src/messages/): the
// active users holding a role that grants `permission` at the unit itself;
// when nobody does, those at its parent, and so on up to the root (the
// nearest level whose queue shows the unit's work). By user id; empty when
// nobody on the path holds it. NotFound for no such unit.
StatusOr<std::vector<int64_t>> UsersServingUnit(soci::session& sql, int64_t unit_id,
                                                std::string_view permission);

// JSON for the admin API and the audit trail (no secrets; the citizen ID
// number masked to its first 6 and last 4 characters).
nlohmann::json UserJson(const User& user);
nlohmann::json RolesJson(const std::vector<RoleGrant>& roles);

}  // namespace amr::identity
