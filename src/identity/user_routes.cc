// SPDX-License-Identifier: MulanPSL-2.0
// The user half of admin_routes.h.
#include <nlohmann/json.hpp>

#include "identity/admin_routes.h"
#include "identity/admin_service.h"
#include "identity/idempotent_write.h"
#include "identity/route_support.h"

namespace amr::identity {
namespace {

std::string Perm(std::string_view p) { return std::string(p); }

// [{"role": "inspector", "org_unit_id": 5}, …]; a role without org_unit_id is
// held at `default_unit`.
StatusOr<std::vector<RoleAssignment>> ParseRoleList(const nlohmann::json& body,
                                                    std::optional<int64_t> default_unit) {
  std::vector<RoleAssignment> out;
  auto it = body.find("roles");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgumentError("roles 应为数组", "roles");
  for (const nlohmann::json& item : *it) {
    if (!item.is_object()) {
      return InvalidArgumentError("roles 的每一项应为 {\"role\", \"org_unit_id\"}", "roles");
    }
    ASSIGN_OR_RETURN(std::string role_id, StringField(item, "role", true));
    auto role = ParseRole(role_id);
    if (!role.ok()) return role.status().WithField("roles");
    auto unit = IdField(item, "org_unit_id");
    if (!unit.ok()) return unit.status().WithField("roles");
    std::optional<int64_t> unit_id = *unit ? *unit : default_unit;
    if (!unit_id) return InvalidArgumentError("角色缺少 org_unit_id", "roles");
    out.push_back({*role, *unit_id});
  }
  return out;
}

StatusOr<NewUser> ParseNewUser(const nlohmann::json& body) {
  NewUser user;
  ASSIGN_OR_RETURN(user.username, StringField(body, "username", true));
  ASSIGN_OR_RETURN(user.display_name, StringField(body, "display_name", true));
  ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", false));
  if (!kind.empty()) {
    ASSIGN_OR_RETURN(user.kind, ParseUserKind(kind));
  }
  ASSIGN_OR_RETURN(user.org_unit_id, IdField(body, "org_unit_id"));
  ASSIGN_OR_RETURN(user.entity_uscc, StringField(body, "entity_uscc", false));
  ASSIGN_OR_RETURN(user.citizen_id, StringField(body, "citizen_id", false));
  ASSIGN_OR_RETURN(user.roles, ParseRoleList(body, user.org_unit_id));
  user.must_change_password = true;
  RETURN_IF_ERROR(ValidateNewUser(user));
  return user;
}

http::Response ListUsers(storage::Database& db, http::Request& req) {
  auto unit = req.IntQuery("org_unit_id", 0, 1, INT64_MAX);
  if (!unit.ok()) return http::Response::Error(unit.status());
  auto limit = req.IntQuery("limit", 50, 1, 500);
  if (!limit.ok()) return http::Response::Error(limit.status());
  auto offset = req.IntQuery("offset", 0, 0, 10'000'000);
  if (!offset.ok()) return http::Response::Error(offset.status());
  const std::string text = req.Query("q").value_or("");
  if (text.size() > 200) return http::Response::Error(InvalidArgumentError("查询词过长", "q"));
  UserPage page;
  Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(page, FindUsersAs(sql, CallerOf(req),
                                       *unit == 0 ? std::nullopt : std::optional<int64_t>(*unit),
                                       text, static_cast<int>(*limit), static_cast<int>(*offset)));
    return OkStatus();
  });
  if (!s.ok()) return http::Response::Error(s);
  nlohmann::json items = nlohmann::json::array();
  for (const User& u : page.items) items.push_back(UserJson(u));
  return http::Response::Json(
      {{"total", page.total}, {"limit", *limit}, {"offset", *offset}, {"items", items}});
}

http::Response CreateUserRoute(storage::Database& db, const PasswordHasher& hasher,
                               const Clock& clock, http::Request& req) {
  auto body = ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  auto user = ParseNewUser(*body);
  if (!user.ok()) return http::Response::Error(user.status());
  auto given = StringField(*body, "password", false);
  if (!given.ok()) return http::Response::Error(given.status());
  std::string password = *given;
  const bool generated = password.empty();
  if (generated) {
    password = GeneratePassword();
  } else if (Status s = CheckPasswordPolicy(
                 password, PasswordContext{user->username, user->display_name, {}});
             !s.ok()) {
    return http::Response::Error(s);
  }
  auto hash = hasher.Hash(password);
  if (!hash.ok()) return http::Response::Error(hash.status());
  return RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
    ASSIGN_OR_RETURN(User created, CreateUserAs(sql, CallerOf(req), *user, *hash, clock));
    nlohmann::json out = UserJson(created);
    out["initial_password"] = generated ? nlohmann::json(password) : nlohmann::json(nullptr);
    return WriteReply{201, std::move(out), {"initial_password"}};
  });
}

}  // namespace

void AddUserRoutes(http::Router& router, storage::Database& db, const PasswordHasher& hasher,
                   const Clock& clock) {
  router.Get("/api/v1/users", Perm(perm::kUsersRead),
             [&db](http::Request& req) { return ListUsers(db, req); });
  router.Post("/api/v1/users", Perm(perm::kUsersWrite), [&db, &hasher, &clock](http::Request& req) {
    return CreateUserRoute(db, hasher, clock, req);
  });
  router.Get("/api/v1/users/{id}", Perm(perm::kUsersRead), [&db](http::Request& req) {
    auto id = IdParam(req, "id");
    if (!id.ok()) return http::Response::Error(id.status());
    User user;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(user, GetUserAs(sql, CallerOf(req), *id));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    return http::Response::Json(UserJson(user));
  });
  router.Put(
      "/api/v1/users/{id}/roles", Perm(perm::kUsersWrite), [&db, &clock](http::Request& req) {
        auto id = IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        auto body = ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        if (!body->contains("roles")) {
          return http::Response::Error(InvalidArgumentError("缺少字段 roles", "roles"));
        }
        auto roles = ParseRoleList(*body, std::nullopt);
        if (!roles.ok()) return http::Response::Error(roles.status());
        return RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(User user, ReplaceRolesAs(sql, CallerOf(req), *id, *roles, clock));
          return WriteReply{200, UserJson(user), {}};
        });
      });
  router.Post("/api/v1/users/{id}/unlock", Perm(perm::kUsersWrite),
              [&db, &clock](http::Request& req) {
                auto id = IdParam(req, "id");
                if (!id.ok()) return http::Response::Error(id.status());
                return RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
                  ASSIGN_OR_RETURN(User user, UnlockUserAs(sql, CallerOf(req), *id, clock));
                  return WriteReply{200, UserJson(user), {}};
                });
              });
}

}  // namespace amr::identity
