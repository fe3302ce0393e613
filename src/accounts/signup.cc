// SPDX-License-Identifier: MulanPSL-2.0
#include "accounts/signup.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "codes/citizen_id.h"
#include "common/text.h"
#include "identity/password.h"
#include "identity/sodium_init.h"

namespace amr::accounts {
namespace {

constexpr size_t kMaxNameChars = 50;

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.resize(n * 2);
  return out;
}

// A name as on an ID card: Chinese characters, letters, the middle dot of
// minority and foreign names, spaces between Latin words; no digits or marks.
bool IsNameCharacter(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;    // CJK unified ideographs
  if (c >= 0x3400 && c <= 0x4DBF) return true;    // extension A
  if (c >= 0x20000 && c <= 0x2EBEF) return true;  // extensions B–F (rare names)
  if (c == 0x00B7 || c == 0x30FB) return true;    // · and ・ in 阿依古丽·买买提
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ') return true;
  return false;
}

}  // namespace

bool IsMobilePhone(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  return std::all_of(phone.begin(), phone.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
}

Status ValidateSignupInput(SignupInput& input, const Date& today) {
  input.name = Trim(FullWidthToHalfWidth(input.name));
  if (input.name.empty()) return InvalidArgumentError("请填写姓名", "name");
  if (!IsValidUtf8(input.name)) return InvalidArgumentError("姓名含有无法识别的字符", "name");
  const std::vector<char32_t> chars = DecodeUtf8(input.name);
  if (chars.size() < 2 || chars.size() > kMaxNameChars) {
    return InvalidArgumentError(fmt::format("姓名应为 2 至 {} 个字", kMaxNameChars), "name");
  }
  if (!std::all_of(chars.begin(), chars.end(), IsNameCharacter)) {
    return InvalidArgumentError("姓名只能含汉字、字母和间隔号“·”，请按身份证填写", "name");
  }

  input.citizen_id = Trim(FullWidthToHalfWidth(input.citizen_id));
  if (input.citizen_id.empty()) return InvalidArgumentError("请填写身份证号码", "citizen_id");
  std::replace(input.citizen_id.begin(), input.citizen_id.end(), 'x', 'X');
  const codes::CitizenIdCheck id = codes::CheckCitizenId(input.citizen_id, &today);
  if (!id.valid) return InvalidArgumentError("身份证号码校验不通过，请核对", "citizen_id");

  input.phone = Trim(FullWidthToHalfWidth(input.phone));
  if (input.phone.empty()) return InvalidArgumentError("请填写手机号码", "phone");
  if (!IsMobilePhone(input.phone)) {
    return InvalidArgumentError("手机号码应为 11 位数字，以 13 至 19 开头", "phone");
  }

  if (input.password.empty()) return InvalidArgumentError("请设置密码", "password");
  identity::PasswordContext context{
      .username = input.phone, .display_name = input.name, .units = {}};
  return identity::CheckPasswordPolicy(input.password, context, "password");
}

std::string_view SignupStateId(SignupState s) {
  return s == SignupState::kVerified ? "verified" : "pending";
}

StatusOr<SignupState> ParseSignupState(std::string_view id) {
  if (id == "pending") return SignupState::kPending;
  if (id == "verified") return SignupState::kVerified;
  return InternalError(fmt::format("注册记录的状态 {} 无法识别", id));
}

Status CodeCheckStatus(CodeCheck check) {
  switch (check) {
    case CodeCheck::kAccepted:
    case CodeCheck::kAlreadyVerified:
      return OkStatus();
    case CodeCheck::kWrong:
      return InvalidArgumentError("验证码不正确，请核对短信中的 6 位数字", "code");
    case CodeCheck::kExpired:
      return FailedPreconditionError("验证码已过期，请重新获取", "code");
    case CodeCheck::kTooManyAttempts:
      return FailedPreconditionError("验证码输错次数过多，请重新获取", "code");
  }
  return InternalError("验证结果无法识别");
}

Status Signup::CanSendCode(Clock::TimePoint now, const CodeRules& rules) const {
  if (state == SignupState::kVerified) {
    return FailedPreconditionError("该手机号码已注册，请直接登录", "phone");
  }
  const auto since = std::chrono::duration_cast<std::chrono::seconds>(now - code_sent_at);
  if (since < rules.resend_after) {
    return ResourceExhaustedError(
        fmt::format("验证码已发送，请 {} 秒后再重新获取", (rules.resend_after - since).count()));
  }
  if (send_day == ChinaDate(now) && sends_that_day >= rules.max_sends_per_day) {
    return ResourceExhaustedError(
        fmt::format("该手机号码今天已获取 {} 次验证码，请明天再试", sends_that_day));
  }
  return OkStatus();
}

void Signup::CodeSent(std::string salt, std::string digest, Clock::TimePoint now) {
  const Date today = ChinaDate(now);
  sends_that_day = send_day == today ? sends_that_day + 1 : 1;
  send_day = today;
  code_salt = std::move(salt);
  code_digest = std::move(digest);
  code_sent_at = now;
  attempts = 0;
}

CodeCheck Signup::Try(bool matches, Clock::TimePoint now, const CodeRules& rules) {
  if (state == SignupState::kVerified) {
    return matches ? CodeCheck::kAlreadyVerified : CodeCheck::kWrong;
  }
  if (attempts >= rules.max_attempts) return CodeCheck::kTooManyAttempts;
  if (now - code_sent_at > rules.lifetime) return CodeCheck::kExpired;
  ++attempts;
  if (!matches) return CodeCheck::kWrong;
  state = SignupState::kVerified;
  return CodeCheck::kAccepted;
}

std::string NewCode() {
  identity::EnsureSodium();
  return fmt::format("{:06d}", randombytes_uniform(1'000'000));
}

std::string NewSalt() {
  identity::EnsureSodium();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return Hex(bytes, sizeof bytes);
}

std::string CodeDigest(std::string_view salt, std::string_view code) {
  identity::EnsureSodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(code.data()),
                     code.size(), reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
  return Hex(out, sizeof out);
}

bool CodeMatches(const Signup& signup, std::string_view code) {
  return CodeMatchesDigest(signup.code_salt, signup.code_digest, code);
}

bool CodeMatchesDigest(std::string_view salt, std::string_view digest, std::string_view code) {
  const std::string mine = CodeDigest(salt, code);
  return mine.size() == digest.size() &&
         sodium_memcmp(mine.data(), digest.data(), mine.size()) == 0;
}

std::string CodeMessage(std::string_view code, std::string_view name, const CodeRules& rules) {
  const std::vector<char32_t> chars = DecodeUtf8(name);
  std::string masked;
  if (!chars.empty()) AppendUtf8(chars.front(), masked);
  for (size_t i = 1; i < chars.size(); ++i) masked += "*";
  return fmt::format(
      "【市场监管】验证码 {}，用于注册市场监管政务服务账号（{}），{} 分钟内有效。"
      "非本人操作请忽略，切勿告诉他人。",
      code, masked, rules.lifetime.count() / 60);
}

}  // namespace amr::accounts
