// SPDX-License-Identifier: MulanPSL-2.0
// The signup's rules without a store: input checks naming the field, the
// code's lifetime, attempts and resending, and the two states.
#include "accounts/signup.h"

#include <gtest/gtest.h>

#include "codes/citizen_id.h"

namespace amr::accounts {
namespace {

using std::chrono::seconds;

Clock::TimePoint At(std::string_view text) { return *ParseTime(text); }

SignupInput Valid() {
  return {.name = "张三",
          .citizen_id = *codes::MakeCitizenId("330106", *Date::FromYmd(1980, 5, 1), 123),
          .phone = "13812345678",
          .password = "Shop-owner-2026"};
}

std::string FieldOf(const Status& s) { return s.ok() ? "" : s.field(); }

TEST(SignupInputTest, AcceptsAPersonAndNormalises) {
  SignupInput in = Valid();
  in.name = " 阿依古丽·买买提 ";
  in.phone = "１３８１２３４５６７８";  // typed on a full-width keyboard
  std::string id = in.citizen_id;
  if (id.back() == 'X') in.citizen_id.back() = 'x';
  ASSERT_TRUE(ValidateSignupInput(in, *Date::FromYmd(2026, 12, 7)).ok());
  EXPECT_EQ(in.name, "阿依古丽·买买提");
  EXPECT_EQ(in.phone, "13812345678");
  EXPECT_EQ(in.citizen_id, id);
}

TEST(SignupInputTest, EachBadFieldIsNamed) {
  const Date today = *Date::FromYmd(2026, 12, 7);
  struct Case {
    void (*spoil)(SignupInput&);
    const char* field;
  };
  const Case cases[] = {
      {[](SignupInput& in) { in.name = ""; }, "name"},
      {[](SignupInput& in) { in.name = "张"; }, "name"},
      {[](SignupInput& in) { in.name = "张三3"; }, "name"},
      {[](SignupInput& in) { in.citizen_id = ""; }, "citizen_id"},
      {[](SignupInput& in) {  // the check character changed
         in.citizen_id.back() = in.citizen_id.back() == '1' ? '2' : '1';
       },
       "citizen_id"},
      {[](SignupInput& in) { in.phone = "1381234567"; }, "phone"},    // ten digits
      {[](SignupInput& in) { in.phone = "12812345678"; }, "phone"},   // no such prefix
      {[](SignupInput& in) { in.phone = "0571-8888888"; }, "phone"},  // a landline
      {[](SignupInput& in) { in.password = ""; }, "password"},
      {[](SignupInput& in) { in.password = "short"; }, "password"},
      {[](SignupInput& in) { in.password = "13812345678"; }, "password"},  // the phone itself
  };
  for (const Case& c : cases) {
    SignupInput in = Valid();
    c.spoil(in);
    EXPECT_EQ(FieldOf(ValidateSignupInput(in, today)), c.field) << c.field;
  }
}

TEST(SignupInputTest, ABirthDateInTheFutureIsRefused) {
  SignupInput in = Valid();
  in.citizen_id = *codes::MakeCitizenId("330106", *Date::FromYmd(2027, 1, 1), 123);
  EXPECT_EQ(FieldOf(ValidateSignupInput(in, *Date::FromYmd(2026, 12, 7))), "citizen_id");
}

TEST(PhoneTest, MobileNumbersAndTheirMask) {
  EXPECT_TRUE(IsMobilePhone("19912345678"));
  EXPECT_FALSE(IsMobilePhone("1991234567a"));
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
}

Signup Sent(Clock::TimePoint at, const std::string& code = "123456") {
  Signup s;
  std::string salt = NewSalt();
  std::string digest = CodeDigest(salt, code);
  s.CodeSent(salt, digest, at);
  return s;
}

TEST(SignupCodeTest, TheRightCodeWithinTenMinutesVerifiesOnce) {
  const CodeRules rules;
  Signup s = Sent(At("2026-12-07T10:00:00+08:00"));
  EXPECT_FALSE(CodeMatches(s, "654321"));
  EXPECT_EQ(s.Try(false, At("2026-12-07T10:01:00+08:00"), rules), CodeCheck::kWrong);
  EXPECT_EQ(s.attempts, 1);
  ASSERT_TRUE(CodeMatches(s, "123456"));
  EXPECT_EQ(s.Try(true, At("2026-12-07T10:10:00+08:00"), rules), CodeCheck::kAccepted);
  EXPECT_EQ(s.state, SignupState::kVerified);
  // The same request again (a retried call) finds the account made.
  EXPECT_EQ(s.Try(true, At("2026-12-07T10:11:00+08:00"), rules), CodeCheck::kAlreadyVerified);
  EXPECT_EQ(s.Try(false, At("2026-12-07T10:11:00+08:00"), rules), CodeCheck::kWrong);
  EXPECT_FALSE(s.CanSendCode(At("2026-12-07T11:00:00+08:00"), rules).ok());
}

TEST(SignupCodeTest, ACodeExpiresAfterTenMinutes) {
  const CodeRules rules;
  Signup s = Sent(At("2026-12-07T10:00:00+08:00"));
  EXPECT_EQ(s.Try(true, At("2026-12-07T10:10:01+08:00"), rules), CodeCheck::kExpired);
  EXPECT_EQ(s.state, SignupState::kPending);
  EXPECT_EQ(CodeCheckStatus(CodeCheck::kExpired).field(), "code");
}

TEST(SignupCodeTest, FiveWrongTriesUseTheCodeUp) {
  const CodeRules rules;
  const Clock::TimePoint t = At("2026-12-07T10:00:30+08:00");
  Signup s = Sent(At("2026-12-07T10:00:00+08:00"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.Try(false, t, rules), CodeCheck::kWrong);
  // Even the right code is refused now: guessing a million codes five at a
  // time needs a new code, and so a new SMS, every five.
  EXPECT_EQ(s.Try(true, t, rules), CodeCheck::kTooManyAttempts);
  // A new code starts the count again.
  s.CodeSent(NewSalt(), "x", At("2026-12-07T10:02:00+08:00"));
  EXPECT_EQ(s.attempts, 0);
}

TEST(SignupCodeTest, ResendingWaitsAMinuteAndStopsAtTenADay) {
  const CodeRules rules;
  Signup s = Sent(At("2026-12-07T10:00:00+08:00"));
  const Status soon = s.CanSendCode(At("2026-12-07T10:00:45+08:00"), rules);
  EXPECT_EQ(soon.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(soon.message().find("15 秒"), std::string::npos) << soon.message();
  EXPECT_TRUE(s.CanSendCode(At("2026-12-07T10:01:00+08:00"), rules).ok());
  Clock::TimePoint t = At("2026-12-07T10:00:00+08:00");
  for (int i = 1; i < 10; ++i) {
    t += seconds(120);
    ASSERT_TRUE(s.CanSendCode(t, rules).ok()) << i;
    s.CodeSent(NewSalt(), "x", t);
  }
  EXPECT_EQ(s.sends_that_day, 10);
  EXPECT_EQ(s.CanSendCode(t + seconds(120), rules).code(), StatusCode::kResourceExhausted);
  // The next China day (midnight in Beijing, 16:00 UTC) allows codes again.
  EXPECT_TRUE(s.CanSendCode(At("2026-12-08T00:00:00+08:00"), rules).ok());
  EXPECT_FALSE(s.CanSendCode(At("2026-12-07T23:59:59+08:00"), rules).ok());
}

TEST(SignupCodeTest, CodesAreSixDigitsAndTheMessageHidesTheName) {
  for (int i = 0; i < 100; ++i) {
    const std::string c = NewCode();
    ASSERT_EQ(c.size(), 6u);
    ASSERT_EQ(c.find_first_not_of("0123456789"), std::string::npos);
  }
  const std::string text = CodeMessage("042817", "张小三", CodeRules{});
  EXPECT_NE(text.find("042817"), std::string::npos);
  EXPECT_NE(text.find("张**"), std::string::npos);
  EXPECT_EQ(text.find("小三"), std::string::npos);
  EXPECT_NE(text.find("10 分钟"), std::string::npos);
}

}  // namespace
}  // namespace amr::accounts
