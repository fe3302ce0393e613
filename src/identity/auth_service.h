// SPDX-License-Identifier: MulanPSL-2.0
// Logging in and out, sessions, and one's own password.
//
// Login. A wrong password counts one failure; `max_failures` (5) in a row
// lock the account for `lockout` (15 min): while locked every login is
// refused with ResourceExhausted (HTTP 429) saying until when, without
// checking the password. A right password resets the count. An unknown
// username costs as much time as a wrong password and gets the same answers:
// Unauthenticated "用户名或密码错误", and after `max_failures` in a row the
// same lock (counted in memory, unknown_user_lockout.h), so names cannot be
// probed through the answer, its timing or the lockout. Every attempt, good or
// bad, and every lock is audited.
//
// Hashing. Every argon2id hash and verification runs on the service's own
// small pool of threads (password_workers.h), never on the caller's; when the
// pool is full the login is refused at once with ResourceExhausted
// ("登录请求过多，请稍后再试"), before any password is checked or counted.
//
// Sessions. A login makes a 256-bit token (token.h) valid for `session_ttl`
// (8 h); the store keeps its SHA-256 only. Logout and a password change end
// sessions; deactivating a user ends them all at once (checked per request).
//
// Errors: Unauthenticated for a bad login or token; ResourceExhausted for a
// locked account; PermissionDenied for a deactivated one (only once its
// password was right); InvalidArgument for a new password against the
// policy; Unavailable etc. from the store.
//
// Thread-safety: thread-safe. Password hashing runs outside any transaction,
// so slow hashes never hold the store's write lock.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "identity/password.h"
#include "identity/password_workers.h"
#include "identity/principal.h"
#include "identity/unknown_user_lockout.h"
#include "identity/user_store.h"
#include "storage/database.h"

namespace amr::identity {

struct AuthOptions {
  std::chrono::seconds session_ttl = std::chrono::hours(8);
  int max_failures = 5;
  std::chrono::seconds lockout = std::chrono::minutes(15);
  // The hashing pool: keep threads + queue below the server's handler threads.
  PasswordWorkerOptions password_workers;
  // Unknown user names whose failures are remembered.
  size_t max_unknown_names = 100'000;
};

// Everything the auth use cases need; members must outlive the service.
class AuthService {
 public:
  AuthService(storage::Database& db, const PasswordHasher& hasher, const Clock& clock,
              AuthOptions options = {});
  ~AuthService();

  struct LoginResult {
    std::string token;
    std::string expires_at;  // RFC 3339
    User user;
  };
  // `caller` carries the client's address and request id (no principal).
  StatusOr<LoginResult> Login(std::string_view username, std::string_view password,
                              const Caller& caller) const;

  // The principal of a token as sent; Unauthenticated if it is malformed,
  // unknown, revoked, expired, or its user is deactivated.
  StatusOr<Principal> Resolve(std::string_view token) const;

  // Ends the session `principal` came with, audited as "auth.logout".
  Status Logout(const Caller& caller) const;

  // Changes the caller's own password: `current` must be right (a wrong one
  // counts as a failed login and can lock the account); `next` must meet the
  // policy and differ from `current`. Ends the user's other sessions and
  // clears the must-change flag. Audited as "user.password_change".
  Status ChangePassword(const Caller& caller, std::string_view current,
                        std::string_view next) const;

  const AuthOptions& options() const { return options_; }
  const PasswordHasher& hasher() const { return hasher_; }

 private:
  // Counts a failed password for `user_id` and locks when due. Returns the
  // status to answer with (Unauthenticated, or ResourceExhausted once locked).
  Status RecordFailure(int64_t user_id, std::string_view action, const Caller& caller,
                       Status wrong) const;
  // Audits, in a transaction of its own, a login refused before any password
  // was counted (unknown name, locked or inactive account).
  Status AuditRefusedLogin(const Caller& caller, std::string target_id, nlohmann::json after) const;

  // Runs `work` (a hash or a verification) on the pool.
  Status Hashing(const std::function<void()>& work) const;

  storage::Database& db_;
  const PasswordHasher& hasher_;
  const Clock& clock_;
  AuthOptions options_;
  std::unique_ptr<PasswordWorkers> workers_;
  std::unique_ptr<UnknownUserLockout> unknown_;
};

// The Chinese refusal for an account locked until `until` (RFC 3339).
Status LockedError(std::string_view until);

}  // namespace amr::identity
