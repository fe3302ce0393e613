// SPDX-License-Identifier: MulanPSL-2.0
#include "accounts/signup_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "accounts/signup_store.h"
#include "audit/audit_log.h"
#include "common/text.h"
#include "outbox/outbox.h"

namespace amr::accounts {
namespace {

using nlohmann::json;

constexpr char kSmsTopic[] = "notify.sms";

std::string MaskCitizenId(std::string_view id) {
  if (id.size() < 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') +
         std::string(id.substr(id.size() - 4));
}

// What the audit trail keeps of a signup: no password hash, no code.
json SignupJson(const Signup& s) {
  return {{"phone", MaskPhone(s.phone)},
          {"name", s.name},
          {"citizen_id", MaskCitizenId(s.citizen_id)},
          {"state", SignupStateId(s.state)},
          {"code_sent_at", FormatChinaTime(s.code_sent_at)},
          {"sends_that_day", s.sends_that_day}};
}

audit::Actor SignupActor(const identity::Caller& caller, std::string_view phone) {
  audit::Actor a;
  a.username = "signup:" + MaskPhone(phone);
  a.role = "applicant";
  a.ip = caller.ip;
  a.request_id = caller.request_id;
  return a;
}

}  // namespace

SignupService::SignupService(storage::Database& db, const identity::PasswordHasher& hasher,
                             const Clock& clock, SignupOptions options)
    : db_(db), hasher_(hasher), clock_(clock), options_(std::move(options)) {}

StatusOr<SignupReceipt> SignupService::Start(SignupInput input, const identity::Caller& caller) {
  const Clock::TimePoint now = clock_.Now();
  RETURN_IF_ERROR(ValidateSignupInput(input, ChinaDate(now)));
  if (options_.real_name) {
    ASSIGN_OR_RETURN(RealNameCheck::Verdict v,
                     options_.real_name->Check(input.name, input.citizen_id));
    if (v == RealNameCheck::Verdict::kInconsistent) {
      return InvalidArgumentError("姓名与身份证号码不一致，请按身份证核对", "name");
    }
  }

  // A retry of the request just made (same person, same password) sends no
  // second code. The password is compared before the transaction: argon2id
  // takes a while and must not hold the store.
  std::optional<Signup> before;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(before, FindSignup(sql, input.phone));
    return OkStatus();
  }));
  const bool same_request = before && before->state == SignupState::kPending &&
                            before->name == input.name && before->citizen_id == input.citizen_id &&
                            now - before->code_sent_at < options_.rules.resend_after &&
                            hasher_.Verify(before->password_hash, input.password);
  ASSIGN_OR_RETURN(std::string password_hash, hasher_.Hash(input.password));

  const std::string code = NewCode();
  SignupReceipt receipt{.phone_masked = MaskPhone(input.phone),
                        .code_sent = true,
                        .resend_after_seconds = options_.rules.resend_after.count(),
                        .code_lifetime_seconds = options_.rules.lifetime.count()};
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    receipt.code_sent = true;
    ASSIGN_OR_RETURN(bool taken, UsernameTaken(sql, input.phone));
    if (taken) return AlreadyExistsError("该手机号码已注册账号，请直接登录", "phone");
    ASSIGN_OR_RETURN(bool has_account, CitizenHasAccount(sql, input.citizen_id));
    if (has_account) {
      return AlreadyExistsError("该身份证号码已注册账号，请用注册时的手机号码登录", "citizen_id");
    }
    ASSIGN_OR_RETURN(std::optional<Signup> existing, FindSignup(sql, input.phone));
    if (existing && same_request && existing->code_sent_at == before->code_sent_at) {
      receipt.code_sent = false;
      return OkStatus();
    }
    Signup signup;
    json was = nullptr;
    if (existing) {
      RETURN_IF_ERROR(existing->CanSendCode(now, options_.rules));
      was = SignupJson(*existing);
      signup = std::move(*existing);
    } else {
      signup.phone = input.phone;
    }
    signup.name = input.name;
    signup.citizen_id = input.citizen_id;
    signup.password_hash = password_hash;
    std::string salt = NewSalt();
    std::string digest = CodeDigest(salt, code);
    signup.CodeSent(std::move(salt), std::move(digest), now);
    if (existing) {
      RETURN_IF_ERROR(UpdateSignup(sql, signup));
    } else {
      ASSIGN_OR_RETURN(signup, InsertSignup(sql, signup, FormatChinaTime(now)));
    }
    const json sms = {
        {"phone", signup.phone},
        {"template", "applicant_signup_code"},
        {"params", {{"code", code}, {"minutes", options_.rules.lifetime.count() / 60}}},
        {"text", CodeMessage(code, signup.name, options_.rules)}};
    RETURN_IF_ERROR(outbox::Enqueue(
        sql, kSmsTopic, sms,
        fmt::format("notify.sms:signup:{}:{}", signup.id, FormatChinaTime(now)), clock_));
    return audit::Append(sql,
                         {SignupActor(caller, signup.phone), "applicant.signup", "applicant_signup",
                          std::to_string(signup.id), was, SignupJson(signup)},
                         clock_);
  }));
  if (receipt.code_sent && options_.log_codes && options_.log_codes->load()) {
    spdlog::info("演示环境：手机 {} 的注册验证码 {}（正式部署由短信网关发送，不写入日志）",
                 input.phone, code);
  }
  return receipt;
}

StatusOr<identity::User> SignupService::Verify(std::string phone, std::string code,
                                               const identity::Caller& caller) {
  phone = Trim(FullWidthToHalfWidth(phone));
  code = Trim(FullWidthToHalfWidth(code));
  if (!IsMobilePhone(phone)) {
    return InvalidArgumentError("手机号码应为 11 位数字，以 13 至 19 开头", "phone");
  }
  if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      })) {
    return InvalidArgumentError("验证码为短信中的 6 位数字", "code");
  }
  const Clock::TimePoint now = clock_.Now();
  CodeCheck check = CodeCheck::kWrong;
  identity::User user;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::optional<Signup> found, FindSignup(sql, phone));
    if (!found) {
      return InvalidArgumentError("验证码不正确或已失效，请重新获取", "code");
    }
    Signup& signup = *found;
    const json was = SignupJson(signup);
    check = signup.Try(CodeMatches(signup, code), now, options_.rules);
    switch (check) {
      case CodeCheck::kAlreadyVerified: {
        ASSIGN_OR_RETURN(user, identity::GetUser(sql, signup.user_id));
        return OkStatus();
      }
      case CodeCheck::kWrong:
        return UpdateSignup(sql, signup);  // the try counts; the error follows the commit
      case CodeCheck::kExpired:
      case CodeCheck::kTooManyAttempts:
        return OkStatus();
      case CodeCheck::kAccepted:
        break;
    }
    identity::NewUser account;
    account.username = signup.phone;
    account.display_name = signup.name;
    account.kind = identity::UserKind::kApplicant;
    account.citizen_id = signup.citizen_id;
    account.must_change_password = false;
    RETURN_IF_ERROR(identity::ValidateNewUser(account));
    identity::Caller self = caller;
    self.name = "signup:" + MaskPhone(signup.phone);
    ASSIGN_OR_RETURN(user, identity::CreateUser(sql, account, signup.password_hash, self, clock_));
    signup.user_id = user.id;
    signup.verified_at = FormatChinaTime(now);
    RETURN_IF_ERROR(UpdateSignup(sql, signup));
    return audit::Append(sql,
                         {SignupActor(caller, signup.phone), "applicant.verify", "applicant_signup",
                          std::to_string(signup.id), was, SignupJson(signup)},
                         clock_);
  }));
  RETURN_IF_ERROR(CodeCheckStatus(check));
  return user;
}

}  // namespace amr::accounts
