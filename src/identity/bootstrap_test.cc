// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/bootstrap.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/auth_service.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::IsOk;

const FakeClock kClock(*ParseTime("2026-11-24T09:00:00+08:00"));

class BootstrapTest : public amr::testing::DbTest {
 protected:
  StatusOr<AuthService::LoginResult> Login(const std::string& password) {
    return AuthService(db(), hasher_, kClock).Login("admin", password, Caller{});
  }
  PasswordHasher hasher_{MinimumCostForTest()};
};

TEST_P(BootstrapTest, AnEmptyStoreGetsARootAndAnAdminWithAOneTimePassword) {
  auto first = EnsureAdmin(db(), hasher_, kClock, std::nullopt);
  ASSERT_TRUE(IsOk(first));
  EXPECT_TRUE(first->created);
  EXPECT_TRUE(first->root_created);
  EXPECT_EQ(first->username, "admin");
  EXPECT_TRUE(CheckPasswordPolicy(first->generated_password, "admin").ok());
  auto login = Login(first->generated_password);
  ASSERT_TRUE(IsOk(login));
  EXPECT_TRUE(login->user.must_change_password);
  ASSERT_EQ(login->user.roles.size(), 1u);
  EXPECT_EQ(login->user.roles[0].role, Role::kAdmin);
  EXPECT_EQ(login->user.roles[0].org_unit.code, "root");
  // No default password exists: the usual guesses fail.
  for (const char* guess : {"admin", "admin123", "Admin@123", "123456", "password", ""}) {
    EXPECT_FALSE(Login(guess).ok()) << guess;
  }
  // Once an admin exists nothing more happens, and the password is never shown again.
  auto second = EnsureAdmin(db(), hasher_, kClock, std::nullopt);
  ASSERT_TRUE(IsOk(second));
  EXPECT_FALSE(second->created);
  EXPECT_TRUE(second->generated_password.empty());
  EXPECT_EQ(testing::AllAuditText(db()).find(first->generated_password), std::string::npos);
}

TEST_P(BootstrapTest, ThePasswordMayComeFromTheEnvironment) {
  auto tree = testing::SeedTree(db(), kClock);  // an existing tree: its root is used
  ASSERT_TRUE(IsOk(tree));
  auto weak = EnsureAdmin(db(), hasher_, kClock, std::string("admin123"));
  EXPECT_EQ(weak.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(weak.status().field(), "AMR_ADMIN_PASSWORD");
  auto result = EnsureAdmin(db(), hasher_, kClock, std::string("Env-secret-2026"));
  ASSERT_TRUE(IsOk(result));
  EXPECT_TRUE(result->created);
  EXPECT_FALSE(result->root_created);
  EXPECT_TRUE(result->generated_password.empty());
  auto login = Login("Env-secret-2026");
  ASSERT_TRUE(IsOk(login));
  EXPECT_FALSE(login->user.must_change_password);
  EXPECT_EQ(login->user.roles[0].org_unit.id, tree->root.id);
}

TEST_P(BootstrapTest, AnAdminNamedUserWithoutTheRoleIsLeftToTheOperator) {
  auto tree = testing::SeedTree(db(), kClock);
  ASSERT_TRUE(IsOk(tree));
  ASSERT_TRUE(IsOk(testing::AddStaff(db(), kClock, hasher_, "admin", tree->a.id, {})));
  auto result = EnsureAdmin(db(), hasher_, kClock, std::nullopt);
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, BootstrapTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
