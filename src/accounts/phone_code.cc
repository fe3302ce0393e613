// SPDX-License-Identifier: MulanPSL-2.0
#include "accounts/phone_code.h"

#include <fmt/format.h>

namespace amr::accounts {

Status PhoneCode::CanSend(Clock::TimePoint now, const CodeRules& rules) const {
  // The same waits as a signup's code: one rule for every code a phone gets.
  Signup as_signup;
  as_signup.code_sent_at = code_sent_at;
  as_signup.send_day = send_day;
  as_signup.sends_that_day = sends_that_day;
  return as_signup.CanSendCode(now, rules);
}

void PhoneCode::Sent(std::string salt, std::string digest, Clock::TimePoint now) {
  const Date today = ChinaDate(now);
  sends_that_day = send_day == today ? sends_that_day + 1 : 1;
  send_day = today;
  code_salt = std::move(salt);
  code_digest = std::move(digest);
  code_sent_at = now;
  attempts = 0;
  confirmed_at.clear();
}

CodeCheck PhoneCode::Try(bool matches, Clock::TimePoint now, const CodeRules& rules) {
  if (!confirmed_at.empty()) return matches ? CodeCheck::kAlreadyVerified : CodeCheck::kWrong;
  if (attempts >= rules.max_attempts) return CodeCheck::kTooManyAttempts;
  if (now - code_sent_at > rules.lifetime) return CodeCheck::kExpired;
  ++attempts;
  if (!matches) return CodeCheck::kWrong;
  confirmed_at = FormatChinaTime(now);
  return CodeCheck::kAccepted;
}

bool PhoneCode::ConfirmedAt(Clock::TimePoint now) const {
  if (confirmed_at.empty()) return false;
  auto at = ParseTime(confirmed_at);
  return at.ok() && now - *at <= kConfirmedFor;
}

std::string PhoneCodeMessage(std::string_view code, std::string_view purpose,
                             const CodeRules& rules) {
  const std::string_view what =
      purpose == kObjectionPurpose ? "对简易注销公告提出异议" : "确认手机号码";
  return fmt::format("【市场监管】验证码 {}，用于{}，{} 分钟内有效。非本人操作请忽略。", code, what,
                     rules.lifetime.count() / 60);
}

}  // namespace amr::accounts
