// SPDX-License-Identifier: MulanPSL-2.0
// The single permission check every route passes (the Router's guard).
//
// For a route whose permission is
//   "public":         the client's per-IP token bucket is charged (login has
//                     its own, stricter bucket, and one for all addresses
//                     together); an empty bucket is 429 with Retry-After. A valid bearer token, if
//                     sent, still sets the principal; a bad one is ignored (the route is public).
//   "authenticated":  a valid bearer token is required (else 401 with
//                     WWW-Authenticate: Bearer).
//   anything else:    a valid token (401) whose user holds a role granting
//                     the permission somewhere (else 403). A user who must
//                     change the password gets 403 on these until it has.
// On success Request::principal holds an identity::Principal. Whether the
// target of the request lies in the principal's data scope is decided by the
// handler, which knows the target (scope.h): also 403.
//
// Ownership and thread-safety: the Authorizer is shared by the guard it
// installs (Install); Check runs concurrently on handler threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "http/router.h"
#include "identity/auth_service.h"
#include "identity/rate_limiter.h"

namespace amr::identity {

struct AuthorizerOptions {
  // Public routes in general: browsing the public register, health checks.
  RateLimit public_limit{.burst = 300, .per_second = 100, .max_keys = 100'000};
  // Login: 20 attempts at once, then one every 3 seconds per client address.
  RateLimit login_limit{.burst = 20, .per_second = 1.0 / 3, .max_keys = 100'000};
  // Login from all addresses together: each attempt costs an argon2id hash,
  // so many addresses within their own limits could still use up the CPU.
  // Beyond this the login answers 429 at once, before any hashing.
  RateLimit global_login_limit{.burst = 40, .per_second = 5, .max_keys = 1};
  // The public routes charged to login_limit: each hashes a password or
  // tries a secret (self-registration and its code).
  std::vector<std::string> login_patterns = {"/api/v1/auth/login", "/api/v1/applicants",
                                             "/api/v1/applicants/verify",
                                             "/api/v1/notices/objection-codes"};
};

class Authorizer {
 public:
  // `auth` and `clock` must outlive the Authorizer.
  Authorizer(const AuthService& auth, const Clock& clock, AuthorizerOptions options = {});

  // The guard's work: nullopt to let the handler run, or the refusal.
  std::optional<http::Response> Check(http::Request& request, const http::RouteSpec& spec) const;

  // Sets `authorizer` as `router`'s guard, after checking that every route
  // names a known permission (roles.h); throws std::logic_error naming the
  // first route that does not (a programming error, caught at start-up).
  static void Install(http::Router& router, std::shared_ptr<const Authorizer> authorizer);

 private:
  const AuthService& auth_;
  AuthorizerOptions options_;
  mutable RateLimiter public_limiter_;
  mutable RateLimiter login_limiter_;
  mutable RateLimiter global_login_limiter_;
};

}  // namespace amr::identity
