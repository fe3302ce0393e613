// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/applicants: self-registration (public, charged to the login rate
// limit: each request hashes a password). docs/api.md lists the fields.
#pragma once

#include <memory>

#include "accounts/signup_service.h"
#include "http/router.h"

namespace amr::accounts {

void AddSignupRoutes(http::Router& router, std::shared_ptr<SignupService> service);

}  // namespace amr::accounts
