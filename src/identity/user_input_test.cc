// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/user_input.h"

#include <gtest/gtest.h>

namespace amr::identity {
namespace {

// Hostile input every text field must store verbatim or refuse.
const std::vector<std::string> kStoredVerbatim = {
    "' OR 1=1 --", "\"; DROP TABLE app_user; --",        "<script>alert(1)</script>",
    "王小明😀",     "Robert'); DELETE FROM user_role;--", "100%_\\"};
const std::vector<std::string> kRefused = {std::string("张\0三", 7), std::string(10'000, 'x'),
                                           "abc\xe2\x80\x8f",
                                           "\xe2\x80\xae"
                                           "cba",
                                           "\xe2\x81\xa6x", "\x1b[31m", "\xc3\x28", "   ",
                                           // Invisible format characters (text_rules.h).
                                           "张\xe2\x80\x8b三", "\xef\xbb\xbf张三", "张\xc2\xad三"};

TEST(UserInputTest, NamesAreStoredVerbatimOrRefused) {
  for (const std::string& text : kStoredVerbatim) {
    auto name = CheckName(text, "display_name", 50, "姓名");
    ASSERT_TRUE(name.ok()) << text << ": " << name.status().ToString();
    EXPECT_EQ(*name, text);
  }
  for (const std::string& text : kRefused) {
    auto name = CheckName(text, "display_name", 50, "姓名");
    ASSERT_FALSE(name.ok()) << text;
    EXPECT_EQ(name.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(name.status().field(), "display_name");
  }
  EXPECT_EQ(*CheckName("  张三　", "name", 50, "姓名"), "张三");
  EXPECT_TRUE(CheckName(std::string(50 * 3, 'a').substr(0, 50), "n", 50, "x").ok());
  EXPECT_FALSE(CheckName(std::string(51, 'a'), "n", 50, "x").ok());
}

TEST(UserInputTest, Usernames) {
  for (const char* ok : {"admin", "330106-amr-01", "zhang.san", "li_si@xihu", "abc"}) {
    EXPECT_TRUE(CheckUsername(ok).ok()) << ok;
  }
  for (const std::string& bad :
       {std::string("ab"), std::string("Admin"), std::string("-abc"), std::string("a b c"),
        std::string("zhang' OR 1=1 --"), std::string("张三"), std::string(65, 'a'),
        std::string("abc\0", 4), std::string("<script>")}) {
    Status s = CheckUsername(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.field(), "username");
  }
}

TEST(UserInputTest, RolesNeedUnitsAndNoDuplicates) {
  auto ok = CheckRoleAssignments({{Role::kRegistrar, 3}, {Role::kInspector, 3}}, UserKind::kStaff);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[0].role, Role::kRegistrar);  // sorted by role
  EXPECT_FALSE(CheckRoleAssignments({{Role::kInspector, 0}}, UserKind::kStaff).ok());
  EXPECT_FALSE(
      CheckRoleAssignments({{Role::kInspector, 3}, {Role::kInspector, 3}}, UserKind::kStaff).ok());
  EXPECT_FALSE(CheckRoleAssignments({{Role::kApplicant, 3}}, UserKind::kStaff).ok());
  EXPECT_FALSE(CheckRoleAssignments({{Role::kInspector, 3}}, UserKind::kApplicant).ok());
}

TEST(UserInputTest, NewUsers) {
  NewUser staff{"zhang.san", " 张三 ", UserKind::kStaff, 3, {}, "", "", {{Role::kInspector, 3}}};
  ASSERT_TRUE(ValidateNewUser(staff).ok());
  EXPECT_EQ(staff.display_name, "张三");
  NewUser no_unit = staff;
  no_unit.org_unit_id.reset();
  EXPECT_EQ(ValidateNewUser(no_unit).field(), "org_unit_id");

  NewUser applicant{
      "li.si", "李四", UserKind::kApplicant, {}, {}, "91350100m000100y43", "11010519491231002x",
      {}};
  ASSERT_TRUE(ValidateNewUser(applicant).ok());
  EXPECT_EQ(applicant.entity_uscc, "91350100M000100Y43");
  EXPECT_EQ(applicant.citizen_id, "11010519491231002X");
  NewUser bad_uscc = applicant;
  bad_uscc.entity_uscc = "' OR 1=1 --";
  EXPECT_EQ(ValidateNewUser(bad_uscc).field(), "entity_uscc");
  NewUser bad_id = applicant;
  bad_id.citizen_id = "110105194912310021";
  EXPECT_EQ(ValidateNewUser(bad_id).field(), "citizen_id");
}

TEST(UserInputTest, OrgUnits) {
  NewOrgUnit unit{5, "330106-new", "新设所", "station", "", "330106"};
  EXPECT_TRUE(ValidateNewOrgUnit(unit).ok());
  NewOrgUnit dept{5, "330106-fund", "公积金中心", "department", "housing_fund", "330106"};
  EXPECT_TRUE(ValidateNewOrgUnit(dept).ok());
  struct Case {
    NewOrgUnit unit;
    const char* field;
  };
  const std::vector<Case> bad = {
      {{0, "c", "n", "station", "", "330106"}, "parent_id"},
      {{5, "a b", "n", "station", "", "330106"}, "code"},
      {{5, "' OR 1=1 --", "n", "station", "", "330106"}, "code"},
      {{5, "c", std::string(101, 'n'), "station", "", "330106"}, "name"},
      {{5, "c", "n", "castle", "", "330106"}, "kind"},
      {{5, "c", "n", "platform", "", "330106"}, "kind"},
      {{5, "c", "n", "station", "tax", "330106"}, "department"},
      {{5, "c", "n", "department", "", "330106"}, "department"},
      {{5, "c", "n", "department", "DROP TABLE", "330106"}, "department"},
      {{5, "c", "n", "station", "", "339999"}, "region_code"},
      {{5, "c", "n", "station", "", "33010"}, "region_code"},
  };
  for (Case c : bad) {
    Status s = ValidateNewOrgUnit(c.unit);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(s.field(), c.field) << s.message();
  }
}

TEST(UserInputTest, IdempotencyKeys) {
  EXPECT_TRUE(CheckIdempotencyKey("4f1c2a7e-8b1d-4c3a-9e2f-0a1b2c3d4e5f").ok());
  EXPECT_FALSE(CheckIdempotencyKey("").ok());
  EXPECT_FALSE(CheckIdempotencyKey("has space").ok());
  EXPECT_FALSE(CheckIdempotencyKey(std::string(201, 'k')).ok());
  EXPECT_EQ(CheckIdempotencyKey("键").field(), "Idempotency-Key");
}

}  // namespace
}  // namespace amr::identity
