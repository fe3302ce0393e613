// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for logging in and out and one's own account:
//   POST /api/v1/auth/login     public  {"username","password"} → {"token","expires_at",
//                                        "must_change_password","user"}
//   POST /api/v1/auth/logout    authenticated → {"logged_out":true}; the token stops working
//   GET  /api/v1/auth/me        authenticated → the user, its roles with org units, its
//                                        permissions and the session's expiry
//   POST /api/v1/auth/password  authenticated {"current_password","new_password"} →
//   {"changed":true}
// docs/security.md describes the rules (lockout, expiry, policy).
#pragma once

#include "common/clock.h"
#include "http/router.h"
#include "identity/auth_service.h"

namespace amr::identity {

// `auth` must outlive the router.
void AddAuthRoutes(http::Router& router, const AuthService& auth);

}  // namespace amr::identity
