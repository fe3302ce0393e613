// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/uscc.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace amr::codes {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// DOMAIN.md §1 vectors: real codes whose both checks were recomputed there.
constexpr const char* kValid[] = {
    "91310110666007217T", "91310115591693856A", "91110000MA01A7RH2R",
    "53640000MJX173672F", "53640000MJX173680A", "91350100M000100Y43",
    "91512081MA62K0260E", "91110000802100433B", "91350582MA8RFY385R",
};

// Early Fujian pilot codes: pass GB 11714, fail mod 31.
constexpr const char* kLegacy[] = {
    "91350211M00013FA1N",
    "91350100M0001TGQXM",
    "91350211M0000XUF46",
    "91350203M0001FUE2P",
};

TEST(UsccTest, AcceptsEveryValidVector) {
  for (const char* code : kValid) {
    UsccCheck check = CheckUscc(code);
    EXPECT_TRUE(check.valid) << code << ": " << check.problem.message();
    EXPECT_FALSE(check.legacy) << code;
    EXPECT_TRUE(check.problem.ok()) << code;
    EXPECT_EQ(check.expected_check, code[17]) << code;
    EXPECT_EQ(UsccCheckChar(std::string_view(code).substr(0, 17)), code[17]) << code;
  }
}

TEST(UsccTest, DescribesTheParts) {
  UsccCheck enterprise = CheckUscc("91310110666007217T");
  EXPECT_EQ(enterprise.department, "9");
  EXPECT_EQ(enterprise.department_name, "市场监督管理（工商）");
  EXPECT_EQ(enterprise.kind, "1");
  EXPECT_EQ(enterprise.kind_name, "企业");
  EXPECT_EQ(enterprise.region_code, "310110");

  UsccCheck foundation = CheckUscc("53640000MJX173672F");
  EXPECT_EQ(foundation.department_name, "民政");
  EXPECT_EQ(foundation.kind_name, "基金会");
  EXPECT_EQ(foundation.region_code, "640000");
}

TEST(UsccTest, UnknownDepartmentIsLenient) {
  // Same body and region as a valid code, department 'B' (unassigned): the
  // checks decide validity, the description just says 其他.
  std::string code = "B1310110666007217";
  code += UsccCheckChar(code);
  UsccCheck check = CheckUscc(code);
  EXPECT_TRUE(check.valid) << check.problem.message();
  EXPECT_EQ(check.department_name, "其他");
  EXPECT_EQ(check.kind_name, "");
}

TEST(UsccTest, StandardsWorkedExampleHasAWrongCheck) {
  UsccCheck check = CheckUscc("91350100M000100Y4Z");
  EXPECT_FALSE(check.valid);
  // 'Z' is not even in the alphabet, so this cannot be an issued (legacy) code,
  // although its GB 11714 check ('4') is right.
  EXPECT_FALSE(check.legacy);
  EXPECT_EQ(check.expected_check, '3');
  EXPECT_EQ(check.problem.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check.problem.field(), "uscc");
  EXPECT_THAT(check.problem.message(), HasSubstr("第 18 位字符“Z”"));
  EXPECT_THAT(check.problem.message(), Not(HasSubstr("“3”")));
}

TEST(UsccTest, WrongCheckCharacter) {
  // The worked example with an alphabet character in position 18 that is not
  // the right one. Its GB 11714 check passes, so it reads as a legacy code: a
  // mistyped 18th character cannot be told apart from a pilot code.
  UsccCheck check = CheckUscc("91350100M000100Y44");
  EXPECT_FALSE(check.valid);
  EXPECT_TRUE(check.legacy);
  EXPECT_EQ(check.expected_check, '3');
  // The message says the check fails, never which character would pass.
  EXPECT_THAT(check.problem.message(), HasSubstr("统一社会信用代码校验不通过，请核对"));
  EXPECT_THAT(check.problem.message(), Not(HasSubstr("“3”")));

  // Both checks wrong.
  UsccCheck both = CheckUscc("91350100M000100Y54");
  EXPECT_FALSE(both.valid);
  EXPECT_FALSE(both.legacy);
  EXPECT_EQ(both.problem.message(), "统一社会信用代码校验不通过，请核对");
}

TEST(UsccTest, MistypedCheckOutsideThePilotPatternIsNotLegacy) {
  // Shanghai, body code without "M": a wrong 18th character is simply invalid.
  UsccCheck check = CheckUscc("91310110666007217X");
  EXPECT_FALSE(check.valid);
  EXPECT_FALSE(check.legacy);
  EXPECT_EQ(check.expected_check, 'T');
}

TEST(UsccTest, LegacyPilotCodesAreFlagged) {
  for (const char* code : kLegacy) {
    UsccCheck check = CheckUscc(code);
    EXPECT_FALSE(check.valid) << code;
    EXPECT_TRUE(check.legacy) << code;
    EXPECT_NE(check.expected_check, code[17]) << code;
    EXPECT_EQ(check.problem.code(), StatusCode::kInvalidArgument) << code;
    EXPECT_THAT(check.problem.message(), HasSubstr("历史数据")) << code;
  }
}

TEST(UsccTest, FoldsInputBeforeChecking) {
  // Full-width, lower case, surrounding spaces (ASCII and U+3000).
  UsccCheck check = CheckUscc("　９１３１０１１０６６６００７２１７ｔ ");
  EXPECT_TRUE(check.valid) << check.problem.message();
  EXPECT_TRUE(CheckUscc(" 91110000ma01a7rh2r").valid);
}

TEST(UsccTest, WrongLengthSaysTheLength) {
  UsccCheck short_code = CheckUscc("91310110666007217");
  EXPECT_FALSE(short_code.valid);
  EXPECT_EQ(short_code.expected_check, 0);
  EXPECT_EQ(short_code.problem.field(), "uscc");
  EXPECT_THAT(short_code.problem.message(), HasSubstr("收到 17 位"));
  EXPECT_THAT(CheckUscc("91310110666007217TT").problem.message(), HasSubstr("收到 19 位"));
  EXPECT_EQ(CheckUscc("").problem.code(), StatusCode::kInvalidArgument);
  // Chinese characters count as one position each, not as their UTF-8 bytes.
  EXPECT_THAT(CheckUscc("9131011066600721甲").problem.message(), HasSubstr("收到 17 位"));
}

TEST(UsccTest, BadCharacterSaysWhichAndWhere) {
  UsccCheck letter_o = CheckUscc("91310110666OO7217T");
  EXPECT_FALSE(letter_o.valid);
  EXPECT_THAT(letter_o.problem.message(), HasSubstr("第 12 位字符“O”"));
  EXPECT_THAT(letter_o.problem.message(), HasSubstr("I、O、Z、S、V"));
  EXPECT_EQ(letter_o.expected_check, 0);

  UsccCheck hanzi = CheckUscc("9131011066600721甲T");
  EXPECT_THAT(hanzi.problem.message(), HasSubstr("第 17 位字符“甲”"));

  // A bad check character: positions 1–17 still give the expected one.
  UsccCheck bad_check = CheckUscc("91310110666007217I");
  EXPECT_THAT(bad_check.problem.message(), HasSubstr("第 18 位字符“I”"));
  EXPECT_THAT(bad_check.problem.message(), Not(HasSubstr("“T”")));
  EXPECT_EQ(bad_check.expected_check, 'T');
}

TEST(UsccTest, OrganizationCodeCheckFailure) {
  // Change position 17 of a valid code and recompute position 18, so that only
  // the GB 11714 check fails.
  std::string code = "91310110666007218";
  code += UsccCheckChar(code);
  UsccCheck check = CheckUscc(code);
  EXPECT_FALSE(check.valid);
  EXPECT_FALSE(check.legacy);
  EXPECT_THAT(check.problem.message(), HasSubstr("第 9–17 位（组织机构代码）不符合 GB 11714"));
  EXPECT_THAT(check.problem.message(), Not(HasSubstr("“7”")));
}

TEST(UsccTest, OrganizationCodeCheckChar) {
  EXPECT_EQ(OrganizationCodeCheckChar("66600721"), '7');
  EXPECT_EQ(OrganizationCodeCheckChar("MA01A7RH"), '2');
  EXPECT_EQ(OrganizationCodeCheckChar("MJX17367"), '2');
}

TEST(UsccTest, IssuedCodesValidateAndAreDistinct) {
  std::set<std::string> seen;
  const uint64_t kLimit = 887503681;  // 31^6
  std::vector<uint64_t> serials = {0, 1, 30, 31, 961, kLimit - 1};
  for (uint64_t s = 0; s < 5000; ++s) serials.push_back(s * 177491 % kLimit);
  for (uint64_t serial : serials) {
    StatusOr<std::string> code = IssueUscc('9', '1', "330106", serial);
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    ASSERT_EQ(code->size(), 18u);
    EXPECT_EQ(code->substr(0, 10), "91330106MA");
    UsccCheck check = CheckUscc(*code);
    EXPECT_TRUE(check.valid) << *code << ": " << check.problem.message();
    seen.insert(*code);
  }
  std::set<uint64_t> distinct_serials(serials.begin(), serials.end());
  EXPECT_EQ(seen.size(), distinct_serials.size());
}

TEST(UsccTest, IssueEncodesTheSerialInBase31) {
  EXPECT_EQ(IssueUscc('9', '2', "110101", 0)->substr(8, 8), "MA000000");
  EXPECT_EQ(IssueUscc('9', '2', "110101", 31)->substr(8, 8), "MA000010");
  EXPECT_EQ(IssueUscc('9', '2', "110101", 887503680)->substr(8, 8), "MAYYYYYY");
}

TEST(UsccTest, IssueRejectsBadInput) {
  EXPECT_EQ(IssueUscc('9', '1', "33010", 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(IssueUscc('9', '1', "33010A", 1).status().field(), "region_code");
  EXPECT_EQ(IssueUscc('9', '1', "330106", 887503681).status().field(), "serial");
  EXPECT_EQ(IssueUscc('O', '1', "330106", 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(IssueUscc('9', 'i', "330106", 1).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace amr::codes
