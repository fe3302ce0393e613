// SPDX-License-Identifier: MulanPSL-2.0
// A mobile phone confirmed by an SMS code for one purpose (a member of the
// public objecting to a 简易注销 leaves a number that is really theirs): the
// code's rules are those of self-registration (signup.h CodeRules), and a
// confirmed phone stays confirmed for `kConfirmedFor`.
//
// Thread-safety: values.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "accounts/signup.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::accounts {

// The purposes a code may be asked for.
inline constexpr std::string_view kObjectionPurpose = "objection";
// How long a confirmed phone may be used (to file the objection it was for).
inline constexpr std::chrono::minutes kConfirmedFor{30};

struct PhoneCode {
  int64_t id = 0;
  std::string purpose;
  std::string phone;
  std::string code_salt;
  std::string code_digest;
  Clock::TimePoint code_sent_at{};
  int attempts = 0;
  Date send_day = Date::FromSysDays({});
  int sends_that_day = 0;
  std::string confirmed_at;  // "" until the code came back

  // OK, or ResourceExhausted: the last code is younger than resend_after, or
  // the day's codes are used up (the message says how long to wait).
  Status CanSend(Clock::TimePoint now, const CodeRules& rules) const;
  // A new code went out at `now`: attempts and the confirmation start over.
  void Sent(std::string salt, std::string digest, Clock::TimePoint now);
  // One try of a code (`matches`: the digest agrees): counts a wrong one; the
  // right one within the lifetime confirms the phone.
  CodeCheck Try(bool matches, Clock::TimePoint now, const CodeRules& rules);
  // Whether the phone was confirmed within kConfirmedFor of `now`.
  bool ConfirmedAt(Clock::TimePoint now) const;
};

std::string PhoneCodeMessage(std::string_view code, std::string_view purpose,
                             const CodeRules& rules);

}  // namespace amr::accounts
