// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/json.h"

#include <gtest/gtest.h>

namespace amr::codes {
namespace {

TEST(CodesJsonTest, ValidUscc) {
  const nlohmann::json j = UsccCheckToJson(CheckUscc("91310110666007217T"));
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["legacy"], false);
  EXPECT_FALSE(j.contains("expected_check"));  // never shown: it invites making up a code
  EXPECT_EQ(j["department_name"], "市场监督管理（工商）");
  EXPECT_EQ(j["kind_name"], "企业");
  EXPECT_EQ(j["region_code"], "310110");
  EXPECT_EQ(j["region"], "310110");
  EXPECT_EQ(j["region_name"], "上海市 杨浦区");
  EXPECT_TRUE(j["problem"].is_null());
}

TEST(CodesJsonTest, InvalidUscc) {
  const nlohmann::json j = UsccCheckToJson(CheckUscc("123"));
  EXPECT_EQ(j["valid"], false);
  EXPECT_FALSE(j.contains("expected_check"));
  EXPECT_EQ(j["problem"]["code"], "invalid_argument");
  EXPECT_EQ(j["problem"]["field"], "uscc");
  EXPECT_EQ(j["problem"]["message"], "统一社会信用代码应为 18 位，收到 3 位");
}

TEST(CodesJsonTest, CitizenId) {
  const nlohmann::json valid = CitizenIdCheckToJson(CheckCitizenId("11010519491231002X"));
  EXPECT_EQ(valid["valid"], true);
  EXPECT_EQ(valid["birth_date"], "1949-12-31");
  EXPECT_EQ(valid["sex"], "female");
  EXPECT_TRUE(valid["problem"].is_null());

  const nlohmann::json invalid = CitizenIdCheckToJson(CheckCitizenId("1101"));
  EXPECT_EQ(invalid["valid"], false);
  EXPECT_TRUE(invalid["birth_date"].is_null());
  EXPECT_EQ(invalid["problem"]["field"], "citizen_id");
}

}  // namespace
}  // namespace amr::codes
