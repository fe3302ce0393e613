// SPDX-License-Identifier: MulanPSL-2.0
// The first start: a store without an administrator gets one.
//
// If no active user holds the role `admin`, EnsureAdmin creates the user
// `admin` with that role at the root of the org tree (creating the root "本平台"
// if the store has no org unit at all). Its password is `env_password` (from
// AMR_ADMIN_PASSWORD) if given, which must meet the policy; otherwise a random
// one-time password that must be changed at the first login. There is no
// default password. Audited as "user.create" by "system".
//
// Thread-safety: thread-safe; servers starting together create one admin.
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "identity/password.h"
#include "storage/database.h"

namespace amr::identity {

struct BootstrapResult {
  bool created = false;            // false: an administrator already existed
  bool root_created = false;       // the root org unit was made too
  std::string username;            // "admin"
  std::string generated_password;  // set only if one was generated: print it once
};

// Errors: InvalidArgument (field "AMR_ADMIN_PASSWORD") for an env password
// against the policy; FailedPrecondition if a user named "admin" exists
// without the role (the operator must decide, `amr users create`).
StatusOr<BootstrapResult> EnsureAdmin(storage::Database& db, const PasswordHasher& hasher,
                                      const Clock& clock,
                                      const std::optional<std::string>& env_password);

}  // namespace amr::identity
