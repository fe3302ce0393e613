// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/applicants: self-registration (public, charged to the login rate
// limit: each request hashes a password). docs/api.md lists the fields.
#pragma once

#include <memory>

#include "accounts/phone_code_service.h"
#include "accounts/signup_service.h"
#include "http/router.h"

namespace amr::accounts {

void AddSignupRoutes(http::Router& router, std::shared_ptr<SignupService> service);

// POST /api/v1/notices/objection-codes {"phone"}: a code to the phone of a
// member of the public about to object to a 简易注销 (public, charged to the
// login rate limit).
void AddPhoneCodeRoutes(http::Router& router, std::shared_ptr<PhoneCodeService> service);

}  // namespace amr::accounts
