// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/authorizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "identity/token.h"

namespace amr::identity {
namespace {

http::Response Unauthenticated(const Status& status) {
  http::Response r = http::Response::Error(status);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"openamr\"");
  return r;
}

StatusOr<Principal> Authenticate(const AuthService& auth, const http::Request& request) {
  auto header = request.Header("Authorization");
  if (!header) return UnauthenticatedError("请先登录（缺少 Authorization: Bearer 登录凭证）");
  ASSIGN_OR_RETURN(std::string token, BearerToken(*header));
  return auth.Resolve(token);
}

}  // namespace

Authorizer::Authorizer(const AuthService& auth, const Clock& clock, AuthorizerOptions options)
    : auth_(auth),
      options_(std::move(options)),
      public_limiter_(options_.public_limit, clock),
      login_limiter_(options_.login_limit, clock),
      global_login_limiter_(options_.global_login_limit, clock) {}

std::optional<http::Response> Authorizer::Check(http::Request& request,
                                                const http::RouteSpec& spec) const {
  if (spec.permission == kPublicPermission) {
    const bool login = std::find(options_.login_patterns.begin(), options_.login_patterns.end(),
                                 spec.pattern) != options_.login_patterns.end();
    RateLimiter& limiter = login ? login_limiter_ : public_limiter_;
    RateLimiter::Decision d = limiter.Take(ClientKey(request.remote_ip));
    if (d.allowed && login) d = global_login_limiter_.Take("*");
    if (!d.allowed) {
      http::Response r = http::Response::Error(ResourceExhaustedError(
          fmt::format("请求过于频繁，请 {} 秒后再试", std::max<long>(1, d.retry_after.count()))));
      r.headers.emplace_back("Retry-After",
                             std::to_string(std::max<long>(1, d.retry_after.count())));
      return r;
    }
    if (request.Header("Authorization")) {
      auto principal = Authenticate(auth_, request);
      if (principal.ok()) {
        request.principal = *std::move(principal);
      } else if (principal.status().code() != StatusCode::kUnauthenticated) {
        return http::Response::Error(principal.status());
      }
    }
    return std::nullopt;
  }

  auto principal = Authenticate(auth_, request);
  if (!principal.ok()) {
    if (principal.status().code() == StatusCode::kUnauthenticated) {
      return Unauthenticated(principal.status());
    }
    return http::Response::Error(principal.status());
  }
  if (spec.permission != kAuthenticatedPermission) {
    if (principal->must_change_password) {
      return http::Response::Error(
          PermissionDeniedError("请先修改初始密码（POST /api/v1/auth/password）"));
    }
    if (!principal->Can(spec.permission)) {
      return http::Response::Error(
          PermissionDeniedError(fmt::format("您没有执行此操作的权限（需要 {}）", spec.permission)));
    }
  }
  request.principal = *std::move(principal);
  return std::nullopt;
}

void Authorizer::Install(http::Router& router, std::shared_ptr<const Authorizer> authorizer) {
  for (const http::RouteSpec& spec : router.routes()) {
    if (!IsKnownPermission(spec.permission)) {
      throw std::logic_error("route " + spec.method + " " + spec.pattern +
                             " names unknown permission " + spec.permission);
    }
  }
  router.SetGuard([authorizer](http::Request& request, const http::RouteSpec& spec) {
    return authorizer->Check(request, spec);
  });
}

}  // namespace amr::identity
