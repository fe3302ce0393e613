// SPDX-License-Identifier: MulanPSL-2.0
// Self-registration of applicants (申请人自助注册; docs/security.md,
// "Applicant accounts"): a person gives their name, citizen ID number, mobile
// phone and a password; a six-digit code goes to the phone; the code confirms
// the phone and makes the account, whose username is the phone number.
//
// The rules here hold no SQL and no HTTP: input checks, the code's lifetime,
// attempts and resending, and the signup's two states.
//
// Thread-safety: values; functions are thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::accounts {

// What a person types to register, normalised by ValidateSignupInput.
struct SignupInput {
  std::string name;        // 姓名, as on the ID card
  std::string citizen_id;  // GB 11643, folded (upper-case X)
  std::string phone;       // mainland mobile number, 11 digits
  std::string password;
};

// A mainland mobile number: 11 digits, the first 1, the second 3–9.
bool IsMobilePhone(std::string_view phone);
// "138****5678": what a page or a log may show of a number.
std::string MaskPhone(std::string_view phone);

// Checks and normalises every field (trimmed, full-width folded), the
// password against the policy (not built from the phone or the name).
// InvalidArgument naming the field; Internal if the policy's word list cannot
// be read.
Status ValidateSignupInput(SignupInput& input, const Date& today);

// How codes are sent and tried. Platform settings, not rules of law.
struct CodeRules {
  std::chrono::seconds lifetime{10 * 60};  // a code is good for ten minutes
  int max_attempts = 5;                    // wrong tries before a new code is needed
  std::chrono::seconds resend_after{60};   // between two codes to one phone
  int max_sends_per_day = 10;              // codes to one phone in one China day
};

enum class SignupState { kPending, kVerified };
std::string_view SignupStateId(SignupState s);
StatusOr<SignupState> ParseSignupState(std::string_view id);

// The outcome of one try of a code.
enum class CodeCheck {
  kAccepted,         // the right code in time: the signup is now verified
  kAlreadyVerified,  // the right code again after success (a retried request)
  kWrong,
  kExpired,
  kTooManyAttempts,
};
// The error a refused try answers with (field "code"); OK for the two
// successes.
Status CodeCheckStatus(CodeCheck check);

// A signup as stored.
struct Signup {
  int64_t id = 0;
  std::string phone;
  std::string name;
  std::string citizen_id;
  std::string password_hash;  // argon2id
  std::string code_salt;      // hex, per code
  std::string code_digest;    // CodeDigest(code_salt, code)
  Clock::TimePoint code_sent_at{};
  int attempts = 0;
  Date send_day = Date::FromSysDays({});  // China date of the last code
  int sends_that_day = 0;
  SignupState state = SignupState::kPending;
  int64_t user_id = 0;  // once verified
  std::string created_at;
  std::string verified_at;

  // Whether a new code may be sent now: OK, FailedPrecondition("phone") when
  // the phone already has its account, ResourceExhausted when the last code
  // is younger than resend_after or the day's codes are used up (the message
  // says how long to wait).
  Status CanSendCode(Clock::TimePoint now, const CodeRules& rules) const;
  // Takes a new code (its salt and digest) sent at `now`: attempts start over.
  void CodeSent(std::string salt, std::string digest, Clock::TimePoint now);
  // One try of a code: counts a wrong one, and on the right one in time
  // moves a pending signup to verified. `matches` is CodeMatches' answer.
  CodeCheck Try(bool matches, Clock::TimePoint now, const CodeRules& rules);
};

// Six random digits (libsodium), "000000"–"999999".
std::string NewCode();
// 16 random bytes as hex: the salt of one code.
std::string NewSalt();
// Hex of a keyed BLAKE2b digest of the code under the salt.
std::string CodeDigest(std::string_view salt, std::string_view code);
// Compares in constant time.
bool CodeMatches(const Signup& signup, std::string_view code);
// Whether `code` under `salt` gives `digest`, compared in constant time.
bool CodeMatchesDigest(std::string_view salt, std::string_view digest, std::string_view code);

// The text of the SMS that carries the code.
std::string CodeMessage(std::string_view code, std::string_view name, const CodeRules& rules);

}  // namespace amr::accounts
