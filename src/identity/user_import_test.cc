// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/user_import.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <sstream>

#include "identity/auth_service.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::IsOk;

const FakeClock kClock(*ParseTime("2026-11-24T09:00:00+08:00"));

class UserImportTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override { ASSERT_TRUE(IsOk(testing::SeedTree(db(), kClock))); }
  StatusOr<UserImportReport> Import(const std::string& csv) {
    std::istringstream in(csv);
    return ImportUsers(db(), in, hasher_, Caller{nullptr, "", "", "cli:test"}, kClock);
  }
  long long Users() {
    long long n = -1;
    (void)db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM app_user", soci::into(n);
      return OkStatus();
    });
    return n;
  }
  PasswordHasher hasher_{MinimumCostForTest()};
};

constexpr const char* kHeader = "username,display_name,org_unit_code,roles,password\n";

TEST_P(UserImportTest, ImportsRowsWithRolesAndGeneratedPasswords) {
  auto report = Import(std::string(kHeader) +
                       "wang.wu,王五,station-a1,inspector,Given-pass-2026\n"
                       "zhao.liu,\"赵六, 窗口\",county-a,window_clerk; registrar,\n"
                       "\n"
                       "tax.clerk,'; DROP TABLE app_user; --,dept-tax,department_officer,\n");
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->created, 3);
  ASSERT_EQ(report->generated_passwords.size(), 2u);
  EXPECT_EQ(report->generated_passwords[0].first, "zhao.liu");
  EXPECT_EQ(Users(), 3);
  EXPECT_EQ(testing::CountAudit(db(), "user.create"), 3);

  AuthService auth(db(), hasher_, kClock);
  auto wang = auth.Login("wang.wu", "Given-pass-2026", Caller{});
  ASSERT_TRUE(IsOk(wang));
  EXPECT_TRUE(wang->user.must_change_password);
  auto zhao = auth.Login("zhao.liu", report->generated_passwords[0].second, Caller{});
  ASSERT_TRUE(IsOk(zhao));
  EXPECT_EQ(zhao->user.display_name, "赵六, 窗口");
  ASSERT_EQ(zhao->user.roles.size(), 2u);
  auto tax = auth.Login("tax.clerk", report->generated_passwords[1].second, Caller{});
  ASSERT_TRUE(IsOk(tax));
  EXPECT_EQ(tax->user.display_name, "'; DROP TABLE app_user; --");
  // The audit trail names the command line, never a password.
  const std::string audit = testing::AllAuditText(db());
  EXPECT_EQ(audit.find("Given-pass-2026"), std::string::npos);
  EXPECT_EQ(audit.find(report->generated_passwords[0].second), std::string::npos);
}

TEST_P(UserImportTest, TheFirstBadRowStopsEverythingAndIsNamed) {
  struct Case {
    std::string rows;
    std::string line;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"ok.one,甲,county-a,leader,\nBad Name,乙,county-a,leader,\n", "第 3 行", "username"},
      {"ok.one,甲,county-a,leader,\nok.two,乙,nowhere,leader,\n", "第 3 行", "org_unit_code"},
      {"ok.one,甲,county-a,leader,\nok.two,乙,county-a,wizard,\n", "第 3 行", "role"},
      {"ok.one,甲,county-a,leader,\nok.two,乙,county-a,,\n", "第 3 行", "roles"},
      {"ok.one,甲,county-a,leader,\nok.two,乙,county-a,applicant,\n", "第 3 行", "roles"},
      {"ok.one,甲,county-a,leader,\nok.two,乙,county-a,leader,short\n", "第 3 行", "password"},
      {"ok.one,甲,county-a,leader,\nok.one,乙,county-a,leader,\n", "第 3 行", "username"},
      {"ok.one,甲,county-a,leader,\nok.two,\"\xe2\x80\xae乙\",county-a,leader,\n", "第 3 行",
       "display_name"},
      {"ok.one,甲,county-a,leader,\nok.two,乙,county-a\n", "第 3 行", "file"},
  };
  for (const Case& c : cases) {
    auto report = Import(kHeader + c.rows);
    ASSERT_FALSE(report.ok()) << c.rows;
    EXPECT_TRUE(report.status().message().starts_with(c.line)) << report.status().message();
    EXPECT_EQ(report.status().field(), c.field) << report.status().message();
    EXPECT_EQ(Users(), 0);
  }
  // A name already in the store.
  ASSERT_TRUE(IsOk(Import(std::string(kHeader) + "taken,甲,county-a,leader,\n")));
  auto again =
      Import(std::string(kHeader) + "fresh,乙,county-a,leader,\ntaken,丙,county-a,leader,\n");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(again.status().message().starts_with("第 3 行")) << again.status().message();
  EXPECT_EQ(Users(), 1);
  // Files without the columns or rows.
  EXPECT_EQ(Import("").status().field(), "file");
  EXPECT_EQ(Import("username,display_name\n").status().field(), "org_unit_code");
  EXPECT_EQ(Import(kHeader).status().field(), "file");
}

INSTANTIATE_TEST_SUITE_P(Backends, UserImportTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
