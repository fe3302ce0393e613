// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/user_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <set>

#include "identity/internal/rows.h"
#include "identity/org_unit_store.h"
#include "identity/roles.h"
#include "storage/sql_text.h"

namespace amr::identity {
namespace {

using internal::Params;
using internal::RowInt;
using internal::RowText;

constexpr const char* kUserColumns =
    "u.id, u.username, u.display_name, u.kind, u.org_unit_id, o.code, o.name, o.path, "
    "u.region_code, u.entity_uscc, u.citizen_id, u.active, u.must_change_password, "
    "u.failed_logins, u.locked_until, u.password_changed_at, u.created_at";
constexpr const char* kUserFrom = " FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id ";

User FromRow(const soci::row& r) {
  User u;
  u.id = RowInt(r, 0);
  u.username = RowText(r, 1);
  u.display_name = RowText(r, 2);
  u.kind = RowText(r, 3) == "applicant" ? UserKind::kApplicant : UserKind::kStaff;
  if (!internal::RowIsNull(r, 4)) {
    u.org_unit = OrgUnitRef{RowInt(r, 4), RowText(r, 5), RowText(r, 6), RowText(r, 7)};
  }
  u.region_code = RowText(r, 8);
  u.entity_uscc = RowText(r, 9);
  u.citizen_id = RowText(r, 10);
  u.active = RowInt(r, 11) != 0;
  u.must_change_password = RowInt(r, 12) != 0;
  u.failed_logins = static_cast<int>(RowInt(r, 13));
  u.locked_until = RowText(r, 14);
  u.password_changed_at = RowText(r, 15);
  u.created_at = RowText(r, 16);
  return u;
}

Status LoadRoles(soci::session& sql, User& user) {
  Params p;
  const std::string q =
      "SELECT r.role, o.id, o.code, o.name, o.path FROM user_role r JOIN org_unit o ON o.id = "
      "r.org_unit_id WHERE r.user_id = " +
      p.Int(user.id) + " ORDER BY r.role, o.id";
  user.roles.clear();
  RETURN_IF_ERROR(internal::Query(sql, q, p, [&](const soci::row& r) -> Status {
    auto role = ParseRole(RowText(r, 0));
    if (!role.ok()) return InternalError("库中有未知角色：" + RowText(r, 0));
    user.roles.push_back(
        {*role, OrgUnitRef{RowInt(r, 1), RowText(r, 2), RowText(r, 3), RowText(r, 4)}});
    return OkStatus();
  }));
  return OkStatus();
}

StatusOr<User> SelectUser(soci::session& sql, const std::string& where, Params& p,
                          const std::string& missing) {
  std::optional<User> found;
  RETURN_IF_ERROR(internal::Query(sql, std::string("SELECT ") + kUserColumns + kUserFrom + where, p,
                                  [&](const soci::row& r) {
                                    found = FromRow(r);
                                    return OkStatus();
                                  }));
  if (!found) return NotFoundError(missing);
  RETURN_IF_ERROR(LoadRoles(sql, *found));
  return *std::move(found);
}

std::string MaskCitizenId(const std::string& id) {
  if (id.size() < 10) return id.empty() ? id : std::string(id.size(), '*');
  return id.substr(0, 6) + std::string(id.size() - 10, '*') + id.substr(id.size() - 4);
}

Status InsertRoles(soci::session& sql, int64_t user_id, const std::vector<RoleAssignment>& roles) {
  for (const RoleAssignment& r : roles) {
    long long uid = user_id, unit = r.org_unit_id;
    std::string role(RoleId(r.role));
    sql << "INSERT INTO user_role (user_id, role, org_unit_id) VALUES (:u, :r, :o)", soci::use(uid),
        soci::use(role), soci::use(unit);
  }
  return OkStatus();
}

Status CheckUnitsExist(soci::session& sql, const std::vector<RoleAssignment>& roles) {
  std::set<int64_t> seen;
  for (const RoleAssignment& r : roles) {
    if (!seen.insert(r.org_unit_id).second) continue;
    auto unit = GetOrgUnit(sql, r.org_unit_id);
    if (unit.status().code() == StatusCode::kNotFound) {
      return InvalidArgumentError(fmt::format("角色所在机构 {} 不存在", r.org_unit_id), "roles");
    }
    RETURN_IF_ERROR(unit.status());
  }
  return OkStatus();
}

}  // namespace

nlohmann::json RolesJson(const std::vector<RoleGrant>& roles) {
  nlohmann::json out = nlohmann::json::array();
  for (const RoleGrant& g : roles) {
    out.push_back(
        {{"role", RoleId(g.role)},
         {"role_name", RoleName(g.role)},
         {"org_unit",
          {{"id", g.org_unit.id}, {"code", g.org_unit.code}, {"name", g.org_unit.name}}}});
  }
  return out;
}

nlohmann::json UserJson(const User& u) {
  auto text_or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
  };
  nlohmann::json unit = nullptr;
  if (u.org_unit) {
    unit = {{"id", u.org_unit->id}, {"code", u.org_unit->code}, {"name", u.org_unit->name}};
  }
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"kind", UserKindId(u.kind)},
          {"org_unit", unit},
          {"entity_uscc", text_or_null(u.entity_uscc)},
          {"citizen_id", text_or_null(MaskCitizenId(u.citizen_id))},
          {"active", u.active},
          {"must_change_password", u.must_change_password},
          {"failed_logins", u.failed_logins},
          {"locked_until", text_or_null(u.locked_until)},
          {"password_changed_at", u.password_changed_at},
          {"created_at", u.created_at},
          {"roles", RolesJson(u.roles)}};
}

StatusOr<User> CreateUser(soci::session& sql, const NewUser& user, std::string_view password_hash,
                          const Caller& caller, const Clock& clock) {
  std::string scope_path, region;
  std::optional<OrgUnit> unit;
  if (user.org_unit_id) {
    auto found = GetOrgUnit(sql, *user.org_unit_id);
    if (found.status().code() == StatusCode::kNotFound) {
      return InvalidArgumentError(fmt::format("机构 {} 不存在", *user.org_unit_id), "org_unit_id");
    }
    RETURN_IF_ERROR(found.status());
    unit = *found;
    region = unit->region_code;
    scope_path = unit->path;
  }
  RETURN_IF_ERROR(CheckUnitsExist(sql, user.roles));
  long long taken = 0;
  sql << "SELECT COUNT(*) FROM app_user WHERE username = :u", soci::use(user.username),
      soci::into(taken);
  if (taken > 0) {
    return AlreadyExistsError(fmt::format("用户名“{}”已被使用", user.username), "username");
  }

  const std::string now = FormatChinaTime(clock.Now());
  const std::string kind(UserKindId(user.kind)), hash(password_hash);
  long long unit_id = user.org_unit_id.value_or(0), staff_id = user.staff_id.value_or(0);
  soci::indicator unit_ind = user.org_unit_id ? soci::i_ok : soci::i_null;
  soci::indicator staff_ind = user.staff_id ? soci::i_ok : soci::i_null;
  soci::indicator uscc_ind = user.entity_uscc.empty() ? soci::i_null : soci::i_ok;
  soci::indicator cid_ind = user.citizen_id.empty() ? soci::i_null : soci::i_ok;
  const int must_change = user.must_change_password ? 1 : 0;
  sql << "INSERT INTO app_user (username, display_name, kind, org_unit_id, staff_id, entity_uscc, "
         "citizen_id, password_hash, must_change_password, active, failed_logins, "
         "password_changed_at, created_at, updated_at, region_code) VALUES (:username, :display, "
         ":kind, :unit, :staff, :uscc, :cid, :hash, :must_change, 1, 0, :now1, :now2, :now3, "
         ":region)",
      soci::use(user.username), soci::use(user.display_name), soci::use(kind),
      soci::use(unit_id, unit_ind), soci::use(staff_id, staff_ind),
      soci::use(user.entity_uscc, uscc_ind), soci::use(user.citizen_id, cid_ind), soci::use(hash),
      soci::use(must_change), soci::use(now), soci::use(now), soci::use(now), soci::use(region);
  ASSIGN_OR_RETURN(User created, GetUserByUsername(sql, user.username));
  RETURN_IF_ERROR(InsertRoles(sql, created.id, user.roles));
  RETURN_IF_ERROR(LoadRoles(sql, created));
  RETURN_IF_ERROR(audit::Append(sql,
                                {ActorFor(caller, perm::kUsersWrite, scope_path), "user.create",
                                 "user", std::to_string(created.id), nullptr, UserJson(created)},
                                clock));
  return created;
}

StatusOr<User> GetUser(soci::session& sql, int64_t id) {
  Params p;
  const std::string where = "WHERE u.id = " + p.Int(id);
  return SelectUser(sql, where, p, fmt::format("用户 {} 不存在", id));
}

StatusOr<User> GetUserByUsername(soci::session& sql, std::string_view username) {
  Params p;
  const std::string where = "WHERE u.username = " + p.Text(std::string(username));
  return SelectUser(sql, where, p, "用户不存在");
}

StatusOr<std::optional<Credentials>> GetCredentials(soci::session& sql, std::string_view username) {
  Params p;
  const std::string q =
      "SELECT id, username, password_hash, active, failed_logins, locked_until FROM app_user "
      "WHERE username = " +
      p.Text(std::string(username));
  std::optional<Credentials> out;
  RETURN_IF_ERROR(internal::Query(sql, q, p, [&](const soci::row& r) {
    out = Credentials{RowInt(r, 0),
                      RowText(r, 1),
                      RowText(r, 2),
                      RowInt(r, 3) != 0,
                      static_cast<int>(RowInt(r, 4)),
                      RowText(r, 5)};
    return OkStatus();
  }));
  return out;
}

StatusOr<UserPage> FindUsers(soci::session& sql, const UserQuery& query) {
  Params p;
  std::string scope;
  for (const std::string& path : query.scope_paths) {
    if (!scope.empty()) scope += " OR ";
    scope += "o.path LIKE " + p.Text(storage::EscapeLike(path) + "%") + " ESCAPE '\\'";
  }
  if (query.include_unassigned) scope += std::string(scope.empty() ? "" : " OR ") + "o.id IS NULL";
  if (scope.empty()) return UserPage{};
  std::string where = "WHERE (" + scope + ")";
  if (!query.within_path.empty()) {
    where +=
        " AND o.path LIKE " + p.Text(storage::EscapeLike(query.within_path) + "%") + " ESCAPE '\\'";
  }
  if (!query.text.empty()) {
    const std::string like = "%" + storage::EscapeLike(query.text) + "%";
    where += " AND (u.username LIKE " + p.Text(like) + " ESCAPE '\\' OR u.display_name LIKE " +
             p.Text(like) + " ESCAPE '\\')";
  }
  UserPage page;
  RETURN_IF_ERROR(internal::Query(sql, "SELECT COUNT(*)" + std::string(kUserFrom) + where, p,
                                  [&](const soci::row& r) {
                                    page.total = RowInt(r, 0);
                                    return OkStatus();
                                  }));
  const std::string q = std::string("SELECT ") + kUserColumns + kUserFrom + where +
                        " ORDER BY u.id LIMIT " + p.Int(query.limit) + " OFFSET " +
                        p.Int(query.offset);
  RETURN_IF_ERROR(internal::Query(sql, q, p, [&](const soci::row& r) {
    page.items.push_back(FromRow(r));
    return OkStatus();
  }));
  for (User& u : page.items) RETURN_IF_ERROR(LoadRoles(sql, u));
  return page;
}

StatusOr<User> ReplaceRoles(soci::session& sql, const User& user,
                            const std::vector<RoleAssignment>& roles, const Caller& caller,
                            std::string_view scope_path, const Clock& clock) {
  RETURN_IF_ERROR(CheckUnitsExist(sql, roles));
  long long uid = user.id;
  sql << "DELETE FROM user_role WHERE user_id = :u", soci::use(uid);
  RETURN_IF_ERROR(InsertRoles(sql, user.id, roles));
  const std::string now = FormatChinaTime(clock.Now());
  sql << "UPDATE app_user SET updated_at = :now WHERE id = :u", soci::use(now), soci::use(uid);
  ASSIGN_OR_RETURN(User after, GetUser(sql, user.id));
  RETURN_IF_ERROR(audit::Append(sql,
                                {ActorFor(caller, perm::kUsersWrite, scope_path),
                                 "user.roles",
                                 "user",
                                 std::to_string(user.id),
                                 {{"roles", RolesJson(user.roles)}},
                                 {{"roles", RolesJson(after.roles)}}},
                                clock));
  return after;
}

StatusOr<User> UnlockUser(soci::session& sql, const User& user, const Caller& caller,
                          const Clock& clock) {
  long long uid = user.id;
  const std::string now = FormatChinaTime(clock.Now());
  sql << "UPDATE app_user SET locked_until = NULL, failed_logins = 0, updated_at = :now "
         "WHERE id = :u",
      soci::use(now), soci::use(uid);
  nlohmann::json before = {
      {"locked_until",
       user.locked_until.empty() ? nlohmann::json(nullptr) : nlohmann::json(user.locked_until)},
      {"failed_logins", user.failed_logins}};
  RETURN_IF_ERROR(audit::Append(sql,
                                {ActorFor(caller, perm::kUsersWrite, user.ScopePath()),
                                 "user.unlock",
                                 "user",
                                 std::to_string(user.id),
                                 before,
                                 {{"locked_until", nullptr}, {"failed_logins", 0}}},
                                clock));
  return GetUser(sql, user.id);
}

Status SetPasswordHash(soci::session& sql, const User& user, std::string_view password_hash,
                       bool must_change, std::string_view keep_token_hash, std::string_view action,
                       const Caller& caller, const Clock& clock) {
  long long uid = user.id;
  const std::string now = FormatChinaTime(clock.Now()), hash(password_hash), keep(keep_token_hash);
  const int must = must_change ? 1 : 0;
  sql << "UPDATE app_user SET password_hash = :hash, must_change_password = :must, "
         "password_changed_at = :now1, updated_at = :now2, failed_logins = 0, locked_until = NULL "
         "WHERE id = :u",
      soci::use(hash), soci::use(must), soci::use(now), soci::use(now), soci::use(uid);
  sql << "UPDATE auth_session SET revoked_at = :now WHERE user_id = :u AND revoked_at IS NULL "
         "AND token_hash <> :keep",
      soci::use(now), soci::use(uid), soci::use(keep);
  return audit::Append(sql,
                       {ActorFor(caller, perm::kUsersWrite, user.ScopePath()),
                        std::string(action),
                        "user",
                        std::to_string(user.id),
                        {{"must_change_password", user.must_change_password}},
                        {{"must_change_password", must_change}, {"other_sessions_ended", true}}},
                       clock);
}

StatusOr<int64_t> CountActiveAdmins(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(DISTINCT u.id) FROM app_user u JOIN user_role r ON r.user_id = u.id "
         "WHERE r.role = 'admin' AND u.active = 1",
      soci::into(n);
  return static_cast<int64_t>(n);
}

StatusOr<std::vector<int64_t>> UsersServingUnit(soci::session& sql, int64_t unit_id,
                                                std::string_view permission) {
  ASSIGN_OR_RETURN(OrgUnit unit, GetOrgUnit(sql, unit_id));
  // The roles that carry the permission (the table in roles.cc).
  std::string roles;
  for (Role role : AllRoles()) {
    if (!RoleGrants(role, permission)) continue;
    roles += fmt::format("{}'{}'", roles.empty() ? "" : ", ", RoleId(role));
  }
  std::vector<int64_t> out;
  if (roles.empty()) return out;
  // "/1/3/7/": the unit, then 3, then the root 1.
  std::vector<long long> chain;
  for (size_t start = 1; start < unit.path.size();) {
    const size_t end = unit.path.find('/', start);
    if (end == std::string::npos) break;
    chain.insert(chain.begin(), std::stoll(unit.path.substr(start, end - start)));
    start = end + 1;
  }
  for (long long id : chain) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT DISTINCT r.user_id FROM user_role r JOIN app_user u ON u.id = "
                        "r.user_id WHERE r.org_unit_id = :unit AND u.active = 1 AND r.role IN (" +
                            roles + ") ORDER BY r.user_id",
         soci::use(id));
    for (const soci::row& r : rows) out.push_back(RowInt(r, 0));
    if (!out.empty()) break;
  }
  return out;
}

}  // namespace amr::identity
