// SPDX-License-Identifier: MulanPSL-2.0
// Signups in the store (table applicant_signup, migration 0036) and the
// look-ups registration needs. Runs on the caller's session, inside its
// transaction; audit records are the service's.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/signup.h"
#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::accounts {

// The signup of `phone`, if any.
StatusOr<std::optional<Signup>> FindSignup(soci::session& sql, std::string_view phone);
// Inserts a new signup (id and created_at are set from the store / `now`).
StatusOr<Signup> InsertSignup(soci::session& sql, Signup signup, std::string_view now);
// Stores every changing field of `signup` (by id).
Status UpdateSignup(soci::session& sql, const Signup& signup);

// Whether an applicant account already belongs to this citizen ID number.
StatusOr<bool> CitizenHasAccount(soci::session& sql, std::string_view citizen_id);
// Whether a user of this username exists (a phone number taken by any account).
StatusOr<bool> UsernameTaken(soci::session& sql, std::string_view username);

// The mobile phone an account confirmed by code when it registered itself
// (the message centre sends its texts there); "" for an account made
// otherwise (staff, applicants an administrator created).
StatusOr<std::string> ConfirmedPhoneOf(soci::session& sql, int64_t user_id);

}  // namespace amr::accounts
