// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/auth_service.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "identity/internal/rows.h"
#include "identity/token.h"
#include "identity/user_input.h"

namespace amr::identity {
namespace {

using internal::Params;
using internal::RowInt;
using internal::RowText;

Status WrongLogin() { return UnauthenticatedError("用户名或密码错误"); }
Status BadSession() { return UnauthenticatedError("登录已失效，请重新登录"); }

// Whether the RFC 3339 time `until` is after `now`. An unreadable time counts
// as a lock (fail closed).
bool IsAfter(const std::string& until, Clock::TimePoint now) {
  if (until.empty()) return false;
  auto t = ParseTime(until);
  return !t.ok() || *t > now;
}

audit::Actor AnonymousActor(const Caller& caller, int64_t user_id, std::string_view username) {
  audit::Actor actor = ActorFor(caller, kAuthenticatedPermission);
  if (caller.principal == nullptr) {
    actor.user_id = user_id;
    actor.username = std::string(username);
  }
  return actor;
}

}  // namespace

Status LockedError(std::string_view until) {
  std::string shown(until);
  if (auto t = ParseTime(until); t.ok()) {
    // "2026-11-24T09:15:00+08:00" → "2026-11-24 09:15:00"
    shown = FormatChinaTime(*t).substr(0, 19);
    shown[10] = ' ';
  }
  return ResourceExhaustedError(fmt::format(
      "密码连续错误次数过多，账户已锁定至 {}（北京时间），请届时再试或联系管理员解锁", shown));
}

AuthService::AuthService(storage::Database& db, const PasswordHasher& hasher, const Clock& clock,
                         AuthOptions options)
    : db_(db),
      hasher_(hasher),
      clock_(clock),
      options_(options),
      workers_(std::make_unique<PasswordWorkers>(options_.password_workers)),
      unknown_(std::make_unique<UnknownUserLockout>(options_.max_failures, options_.lockout,
                                                    options_.max_unknown_names)) {}

AuthService::~AuthService() = default;

Status AuthService::Hashing(const std::function<void()>& work) const { return workers_->Run(work); }

Status AuthService::RecordFailure(int64_t user_id, std::string_view action, const Caller& caller,
                                  Status wrong) const {
  Status answer;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    const auto now = clock_.Now();
    long long uid = user_id;
    std::string locked_until;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT locked_until FROM app_user WHERE id = :u", soci::use(uid),
        soci::into(locked_until, ind);
    // A failed attempt is not the user's act: the actor is whoever tried.
    audit::Actor actor = AnonymousActor(caller, 0, "anonymous");
    if (ind == soci::i_ok && IsAfter(locked_until, now)) {
      // Locked meanwhile by a concurrent attempt.
      answer = LockedError(locked_until);
      return audit::Append(sql,
                           {actor,
                            std::string(action),
                            "user",
                            std::to_string(user_id),
                            nullptr,
                            {{"reason", "locked"}, {"locked_until", locked_until}}},
                           clock_);
    }
    sql << "UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = :u", soci::use(uid);
    int failures = 0;
    sql << "SELECT failed_logins FROM app_user WHERE id = :u", soci::use(uid), soci::into(failures);
    RETURN_IF_ERROR(audit::Append(sql,
                                  {actor,
                                   std::string(action),
                                   "user",
                                   std::to_string(user_id),
                                   nullptr,
                                   {{"reason", "bad_password"}, {"failures", failures}}},
                                  clock_));
    answer = wrong;
    if (failures < options_.max_failures) return OkStatus();
    const std::string until = FormatChinaTime(now + options_.lockout);
    sql << "UPDATE app_user SET failed_logins = 0, locked_until = :until WHERE id = :u",
        soci::use(until), soci::use(uid);
    answer = LockedError(until);
    return audit::Append(sql,
                         {actor,
                          "auth.lock",
                          "user",
                          std::to_string(user_id),
                          nullptr,
                          {{"locked_until", until}, {"failures", failures}}},
                         clock_);
  }));
  return answer;
}

Status AuthService::AuditRefusedLogin(const Caller& caller, std::string target_id,
                                      nlohmann::json after) const {
  return db_.Transaction([&](soci::session& sql) {
    return audit::Append(sql,
                         {AnonymousActor(caller, 0, "anonymous"), "auth.login_failed", "user",
                          target_id, nullptr, after},
                         clock_);
  });
}

StatusOr<AuthService::LoginResult> AuthService::Login(std::string_view username,
                                                      std::string_view password,
                                                      const Caller& caller) const {
  const bool well_formed = CheckUsername(username).ok() && password.size() <= 1024;
  std::optional<Credentials> creds;
  if (well_formed) {
    RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(creds, GetCredentials(sql, username));
      return OkStatus();
    }));
  }
  if (!creds) {
    // Answered exactly as an existing account would be: the same work, the
    // same refusal, and the same lock after max_failures.
    nlohmann::json after = {{"reason", "unknown_user"}};
    if (well_formed) after["username"] = std::string(username);
    if (well_formed) {
      if (auto until = unknown_->LockedUntil(username, clock_.Now())) {
        const std::string shown = FormatChinaTime(*until);
        after["locked_until"] = shown;
        RETURN_IF_ERROR(AuditRefusedLogin(caller, "", std::move(after)));
        return LockedError(shown);
      }
    }
    RETURN_IF_ERROR(Hashing([&] { hasher_.VerifyDummy(password); }));
    std::optional<Clock::TimePoint> locks;
    if (well_formed) locks = unknown_->RecordFailure(username, clock_.Now());
    if (locks) after["locked_until"] = FormatChinaTime(*locks);
    RETURN_IF_ERROR(AuditRefusedLogin(caller, "", std::move(after)));
    if (locks) return LockedError(FormatChinaTime(*locks));
    return WrongLogin();
  }
  if (IsAfter(creds->locked_until, clock_.Now())) {
    RETURN_IF_ERROR(
        AuditRefusedLogin(caller, std::to_string(creds->user_id),
                          {{"reason", "locked"}, {"locked_until", creds->locked_until}}));
    return LockedError(creds->locked_until);
  }
  bool right = false;
  RETURN_IF_ERROR(Hashing([&] { right = hasher_.Verify(creds->password_hash, password); }));
  if (!right) {
    return RecordFailure(creds->user_id, "auth.login_failed", caller, WrongLogin());
  }
  if (!creds->active) {
    RETURN_IF_ERROR(
        AuditRefusedLogin(caller, std::to_string(creds->user_id), {{"reason", "inactive"}}));
    return PermissionDeniedError("账户已停用，请联系管理员");
  }
  std::optional<std::string> rehash;
  if (hasher_.NeedsRehash(creds->password_hash)) {
    StatusOr<std::string> fresh = InternalError("未计算");
    RETURN_IF_ERROR(Hashing([&] { fresh = hasher_.Hash(password); }));
    ASSIGN_OR_RETURN(rehash, std::move(fresh));
  }

  LoginResult result;
  Status refused;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    refused = OkStatus();
    const auto now = clock_.Now();
    long long uid = creds->user_id;
    std::string locked_until;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT locked_until FROM app_user WHERE id = :u", soci::use(uid),
        soci::into(locked_until, ind);
    if (ind == soci::i_ok && IsAfter(locked_until, now)) {
      refused = LockedError(locked_until);
      return OkStatus();
    }
    sql << "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :u",
        soci::use(uid);
    if (rehash) {
      sql << "UPDATE app_user SET password_hash = :h WHERE id = :u", soci::use(*rehash),
          soci::use(uid);
    }
    const NewToken token = GenerateToken();
    const std::string created = FormatChinaTime(now);
    const std::string expires = FormatChinaTime(now + options_.session_ttl);
    sql << "INSERT INTO auth_session (token_hash, user_id, created_at, expires_at, revoked_at, ip) "
           "VALUES (:h, :u, :c, :e, NULL, :ip)",
        soci::use(token.hash), soci::use(uid), soci::use(created), soci::use(expires),
        soci::use(caller.ip);
    RETURN_IF_ERROR(audit::Append(sql,
                                  {AnonymousActor(caller, creds->user_id, creds->username),
                                   "auth.login",
                                   "user",
                                   std::to_string(creds->user_id),
                                   nullptr,
                                   {{"expires_at", expires}, {"rehashed", rehash.has_value()}}},
                                  clock_));
    ASSIGN_OR_RETURN(result.user, GetUser(sql, creds->user_id));
    result.token = token.token;
    result.expires_at = expires;
    return OkStatus();
  }));
  RETURN_IF_ERROR(refused);
  return result;
}

StatusOr<Principal> AuthService::Resolve(std::string_view token) const {
  ASSIGN_OR_RETURN(std::string hash, HashToken(token));
  Principal p;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    p = Principal{};
    Params params;
    const std::string q =
        "SELECT s.expires_at, s.revoked_at, u.id, u.username, u.display_name, u.kind, "
        "u.org_unit_id, u.entity_uscc, u.citizen_id, u.must_change_password, u.active "
        "FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = " +
        params.Text(hash);
    bool found = false;
    RETURN_IF_ERROR(internal::Query(sql, q, params, [&](const soci::row& r) -> Status {
      auto expires = ParseTime(RowText(r, 0));
      if (!expires.ok() || *expires <= clock_.Now() || !internal::RowIsNull(r, 1) ||
          RowInt(r, 10) == 0) {
        return OkStatus();
      }
      found = true;
      p.session_expires_at = RowText(r, 0);
      p.user_id = RowInt(r, 2);
      p.username = RowText(r, 3);
      p.display_name = RowText(r, 4);
      p.kind = RowText(r, 5) == "applicant" ? UserKind::kApplicant : UserKind::kStaff;
      p.org_unit_id = RowInt(r, 6);
      p.entity_uscc = RowText(r, 7);
      p.citizen_id = RowText(r, 8);
      p.must_change_password = RowInt(r, 9) != 0;
      return OkStatus();
    }));
    if (!found) return BadSession();
    p.token_hash = hash;
    ASSIGN_OR_RETURN(User user, GetUser(sql, p.user_id));
    p.grants = std::move(user.roles);
    if (p.kind == UserKind::kApplicant) p.grants.push_back({Role::kApplicant, OrgUnitRef{}});
    return OkStatus();
  }));
  return p;
}

Status AuthService::Logout(const Caller& caller) const {
  if (caller.principal == nullptr) return BadSession();
  const Principal& p = *caller.principal;
  return db_.Transaction([&](soci::session& sql) {
    const std::string now = FormatChinaTime(clock_.Now());
    sql << "UPDATE auth_session SET revoked_at = :now WHERE token_hash = :h AND revoked_at IS NULL",
        soci::use(now), soci::use(p.token_hash);
    return audit::Append(sql,
                         {ActorFor(caller, kAuthenticatedPermission), "auth.logout", "user",
                          std::to_string(p.user_id), nullptr, nullptr},
                         clock_);
  });
}

Status AuthService::ChangePassword(const Caller& caller, std::string_view current,
                                   std::string_view next) const {
  if (caller.principal == nullptr) return BadSession();
  const Principal& p = *caller.principal;
  PasswordContext context{p.username, p.display_name, {}};
  for (const RoleGrant& g : p.grants) {
    if (g.org_unit.id == 0) continue;
    context.units.push_back(g.org_unit.name);
    context.units.push_back(g.org_unit.code);
  }
  RETURN_IF_ERROR(CheckPasswordPolicy(next, context, "new_password"));
  if (next == current) {
    return InvalidArgumentError("新密码不能与当前密码相同", "new_password");
  }
  std::optional<Credentials> creds;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(creds, GetCredentials(sql, p.username));
    return OkStatus();
  }));
  if (!creds) return BadSession();
  if (IsAfter(creds->locked_until, clock_.Now())) return LockedError(creds->locked_until);
  bool right = false;
  RETURN_IF_ERROR(Hashing([&] { right = hasher_.Verify(creds->password_hash, current); }));
  if (!right) {
    return RecordFailure(p.user_id, "user.password_change_failed", caller,
                         InvalidArgumentError("当前密码不正确", "current_password"));
  }
  StatusOr<std::string> fresh = InternalError("未计算");
  RETURN_IF_ERROR(Hashing([&] { fresh = hasher_.Hash(next); }));
  ASSIGN_OR_RETURN(std::string hash, std::move(fresh));
  return db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(User user, GetUser(sql, p.user_id));
    return SetPasswordHash(sql, user, hash, /*must_change=*/false, p.token_hash,
                           "user.password_change", caller, clock_);
  });
}

}  // namespace amr::identity
