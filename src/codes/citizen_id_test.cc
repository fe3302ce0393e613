// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/citizen_id.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amr::codes {
namespace {

using ::testing::HasSubstr;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// GB 11643-1999 校验码, written out again so the tests do not trust the code under test.
std::string WithCheck(std::string first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

TEST(CitizenIdTest, StandardVectors) {
  CitizenIdCheck woman = CheckCitizenId("11010519491231002X");
  EXPECT_TRUE(woman.valid) << woman.problem.message();
  EXPECT_EQ(woman.birth_date, D(1949, 12, 31));
  EXPECT_EQ(woman.sex, "female");
  EXPECT_EQ(woman.region_code, "110105");
  EXPECT_TRUE(woman.problem.ok());

  CitizenIdCheck man = CheckCitizenId("440524188001010014");
  EXPECT_TRUE(man.valid) << man.problem.message();
  EXPECT_EQ(man.birth_date, D(1880, 1, 1));
  EXPECT_EQ(man.sex, "male");
  EXPECT_EQ(man.region_code, "440524");
}

TEST(CitizenIdTest, FoldsInput) {
  EXPECT_TRUE(CheckCitizenId("11010519491231002x").valid);
  EXPECT_TRUE(CheckCitizenId(" １１０１０５１９４９１２３１００２Ｘ　").valid);
}

TEST(CitizenIdTest, WrongCheckCharacter) {
  CitizenIdCheck check = CheckCitizenId("110105194912310021");
  EXPECT_FALSE(check.valid);
  EXPECT_EQ(check.problem.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check.problem.field(), "citizen_id");
  EXPECT_EQ(check.problem.message(), "居民身份证号码校验不通过，请核对");  // never the right one
  EXPECT_EQ(check.birth_date, D(1949, 12, 31));                            // Still described.
}

TEST(CitizenIdTest, WrongLength) {
  EXPECT_THAT(CheckCitizenId("110105491231002").problem.message(), HasSubstr("收到 15 位"));
  EXPECT_THAT(CheckCitizenId("11010519491231002X1").problem.message(), HasSubstr("收到 19 位"));
  EXPECT_FALSE(CheckCitizenId("").valid);
}

TEST(CitizenIdTest, BadCharacter) {
  CitizenIdCheck x_inside = CheckCitizenId("1101051949123100X2");
  EXPECT_FALSE(x_inside.valid);
  EXPECT_THAT(x_inside.problem.message(), HasSubstr("第 17 位字符“X”"));
  EXPECT_THAT(CheckCitizenId("11010519491231002Y").problem.message(), HasSubstr("第 18 位"));
}

TEST(CitizenIdTest, BirthDateMustExist) {
  // 1949-02-30 does not exist; the check character is right so only the date fails.
  const std::string id = WithCheck("11010519490230002");
  CitizenIdCheck check = CheckCitizenId(id);
  EXPECT_FALSE(check.valid);
  EXPECT_FALSE(check.birth_date.has_value());
  EXPECT_THAT(check.problem.message(), HasSubstr("19490230 不存在"));
}

TEST(CitizenIdTest, BirthDateBounds) {
  EXPECT_THAT(CheckCitizenId(WithCheck("11010518791231001")).problem.message(),
              HasSubstr("早于 1880 年"));
  EXPECT_TRUE(CheckCitizenId(WithCheck("11010518800101001")).valid);

  StatusOr<std::string> future = MakeCitizenId("110105", D(2030, 6, 1), 2);
  ASSERT_TRUE(future.ok());
  const Date today = D(2026, 3, 1);
  EXPECT_TRUE(CheckCitizenId(*future).valid);  // Without `today` nothing is in the future.
  CitizenIdCheck check = CheckCitizenId(*future, &today);
  EXPECT_FALSE(check.valid);
  EXPECT_THAT(check.problem.message(), HasSubstr("晚于今天"));
  const Date birthday = D(2030, 6, 1);
  EXPECT_TRUE(CheckCitizenId(*future, &birthday).valid);  // Born today is fine.
}

TEST(CitizenIdTest, MakeRoundTrips) {
  EXPECT_EQ(*MakeCitizenId("110105", D(1949, 12, 31), 2), "11010519491231002X");
  EXPECT_EQ(*MakeCitizenId("440524", D(1880, 1, 1), 1), "440524188001010014");
  for (int seq = 0; seq <= 999; seq += 7) {
    StatusOr<std::string> id = MakeCitizenId("330106", D(1990, 7, 15), seq);
    ASSERT_TRUE(id.ok());
    CitizenIdCheck check = CheckCitizenId(*id);
    EXPECT_TRUE(check.valid) << *id;
    EXPECT_EQ(check.sex, seq % 2 == 1 ? "male" : "female");
  }
}

TEST(CitizenIdTest, MakeRejectsBadInput) {
  EXPECT_EQ(MakeCitizenId("11010", D(1990, 1, 1), 1).status().field(), "region_code");
  EXPECT_EQ(MakeCitizenId("110105", D(1990, 1, 1), 1000).status().field(), "sequence");
  EXPECT_EQ(MakeCitizenId("110105", D(1990, 1, 1), -1).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeCitizenId("110105", D(1879, 12, 31), 1).status().field(), "birth_date");
}

}  // namespace
}  // namespace amr::codes
