// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/auth_routes.h"

#include <nlohmann/json.hpp>

#include "identity/route_support.h"

namespace amr::identity {
namespace {

std::string Perm(std::string_view p) { return std::string(p); }

http::Response Login(const AuthService& auth, http::Request& req) {
  auto body = ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  auto username = StringField(*body, "username", true);
  if (!username.ok()) return http::Response::Error(username.status());
  auto password = StringField(*body, "password", true);
  if (!password.ok()) return http::Response::Error(password.status());
  auto result = auth.Login(*username, *password, CallerOf(req));
  if (!result.ok()) return http::Response::Error(result.status());
  return http::Response::Json({{"token", result->token},
                               {"token_type", "Bearer"},
                               {"expires_at", result->expires_at},
                               {"must_change_password", result->user.must_change_password},
                               {"user", UserJson(result->user)}});
}

http::Response Me(const http::Request& req) {
  const Principal* p = PrincipalOf(req);
  if (p == nullptr) return http::Response::Error(UnauthenticatedError("请先登录"));
  std::vector<RoleGrant> staff_roles;
  for (const RoleGrant& g : p->grants) {
    if (g.org_unit.id != 0) staff_roles.push_back(g);
  }
  nlohmann::json roles = RolesJson(staff_roles);
  if (p->kind == UserKind::kApplicant) {
    roles.push_back({{"role", RoleId(Role::kApplicant)},
                     {"role_name", RoleName(Role::kApplicant)},
                     {"org_unit", nullptr}});
  }
  nlohmann::json permissions = nlohmann::json::array();
  for (std::string_view name : p->Permissions()) permissions.push_back(name);
  return http::Response::Json(
      {{"id", p->user_id},
       {"username", p->username},
       {"display_name", p->display_name},
       {"kind", UserKindId(p->kind)},
       {"org_unit_id",
        p->org_unit_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(p->org_unit_id)},
       {"entity_uscc",
        p->entity_uscc.empty() ? nlohmann::json(nullptr) : nlohmann::json(p->entity_uscc)},
       {"must_change_password", p->must_change_password},
       {"roles", roles},
       {"permissions", permissions},
       {"session_expires_at", p->session_expires_at}});
}

}  // namespace

void AddAuthRoutes(http::Router& router, const AuthService& auth) {
  router.Post("/api/v1/auth/login", Perm(kPublicPermission),
              [&auth](http::Request& req) { return Login(auth, req); });
  router.Post("/api/v1/auth/logout", Perm(kAuthenticatedPermission), [&auth](http::Request& req) {
    if (Status s = auth.Logout(CallerOf(req)); !s.ok()) return http::Response::Error(s);
    return http::Response::Json({{"logged_out", true}});
  });
  router.Get("/api/v1/auth/me", Perm(kAuthenticatedPermission), Me);
  router.Post("/api/v1/auth/password", Perm(kAuthenticatedPermission), [&auth](http::Request& req) {
    auto body = ObjectBody(req);
    if (!body.ok()) return http::Response::Error(body.status());
    auto current = StringField(*body, "current_password", true);
    if (!current.ok()) return http::Response::Error(current.status());
    auto next = StringField(*body, "new_password", true);
    if (!next.ok()) return http::Response::Error(next.status());
    if (Status s = auth.ChangePassword(CallerOf(req), *current, *next); !s.ok()) {
      return http::Response::Error(s);
    }
    return http::Response::Json({{"changed", true}});
  });
}

}  // namespace amr::identity
