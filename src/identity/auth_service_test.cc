// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/auth_service.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_test_util.h"
#include "identity/token.h"
#include "testing/db_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::IsOk;
using testing::AddStaff;
using testing::kTestPassword;

const Clock::TimePoint kStart = *ParseTime("2026-11-24T09:00:00+08:00");

class AuthServiceTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    auto user = AddStaff(db(), clock_, hasher_, "zhang.san", t_.a1.id,
                         {{Role::kInspector, t_.a1.id}, {Role::kLeader, t_.a.id}});
    ASSERT_TRUE(IsOk(user));
    user_ = *user;
    auth_ = std::make_unique<AuthService>(db(), hasher_, clock_);
  }
  StatusOr<AuthService::LoginResult> Login(const std::string& password,
                                           const std::string& username = "zhang.san") {
    return auth_->Login(username, password, Caller{nullptr, "192.0.2.9", "req"});
  }

  FakeClock clock_{kStart};
  PasswordHasher hasher_{MinimumCostForTest()};
  testing::Tree t_;
  User user_;
  std::unique_ptr<AuthService> auth_;
};

TEST_P(AuthServiceTest, LoginGivesATokenThatResolvesToThePrincipal) {
  auto login = Login(kTestPassword);
  ASSERT_TRUE(IsOk(login));
  EXPECT_EQ(login->expires_at, "2026-11-24T17:00:00+08:00");
  auto p = auth_->Resolve(login->token);
  ASSERT_TRUE(IsOk(p));
  EXPECT_EQ(p->user_id, user_.id);
  EXPECT_EQ(p->username, "zhang.san");
  ASSERT_EQ(p->grants.size(), 2u);
  EXPECT_TRUE(p->InScope(perm::kInspectionTaskWrite, t_.a1.path));
  EXPECT_FALSE(p->InScope(perm::kInspectionTaskWrite, t_.a2.path));
  EXPECT_TRUE(p->InScope(perm::kInspectionTaskRead, t_.a2.path));
  // The store holds the token's hash only; the audit trail holds neither.
  std::string stored;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT token_hash FROM auth_session", soci::into(stored);
    return OkStatus();
  })));
  EXPECT_EQ(stored, *HashToken(login->token));
  const std::string audit = testing::AllAuditText(db());
  EXPECT_EQ(audit.find(login->token), std::string::npos);
  EXPECT_EQ(audit.find(stored), std::string::npos);
  EXPECT_EQ(audit.find(kTestPassword), std::string::npos);
  EXPECT_EQ(testing::CountAudit(db(), "auth.login"), 1);
}

TEST_P(AuthServiceTest, TokensExpireAndLogoutEndsThem) {
  auto first = Login(kTestPassword);
  auto second = Login(kTestPassword);
  ASSERT_TRUE(first.ok() && second.ok());
  clock_.Advance(std::chrono::hours(8) - std::chrono::seconds(1));
  EXPECT_TRUE(auth_->Resolve(first->token).ok());
  auto p = auth_->Resolve(second->token);
  ASSERT_TRUE(IsOk(p));
  ASSERT_TRUE(IsOk(auth_->Logout(Caller{&*p, "", ""})));
  EXPECT_EQ(auth_->Resolve(second->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(auth_->Resolve(first->token).ok());  // other sessions continue
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(auth_->Resolve(first->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(auth_->Resolve("garbage").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(auth_->Resolve(GenerateToken().token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(testing::CountAudit(db(), "auth.logout"), 1);
}

TEST_P(AuthServiceTest, UnknownUsersAndWrongPasswordsGetTheSameAnswer) {
  auto unknown = Login(kTestPassword, "nobody");
  auto wrong = Login("Wrong-pass-2026");
  auto hostile = Login(kTestPassword, "' OR 1=1 --");
  for (const auto* r : {&unknown, &wrong, &hostile}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(r->status().message(), "用户名或密码错误");
  }
  EXPECT_EQ(testing::CountAudit(db(), "auth.login_failed"), 3);
}

// The lockout must not tell real names from unknown ones: an existing account
// answered 429 "账户已锁定" after five failures while an unknown name stayed
// 401 for ever.
TEST_P(AuthServiceTest, UnknownNamesLockExactlyAsAccountsDo) {
  for (int i = 1; i <= 7; ++i) {
    auto real = Login("Wrong-pass-2026");
    auto unknown = Login("Wrong-pass-2026", "no.such.user");
    ASSERT_FALSE(real.ok() || unknown.ok());
    EXPECT_EQ(real.status().code(), unknown.status().code()) << i;
    EXPECT_EQ(real.status().message(), unknown.status().message()) << i;
    EXPECT_EQ(unknown.status().code(),
              i < 5 ? StatusCode::kUnauthenticated : StatusCode::kResourceExhausted)
        << i;
  }
  auto locked = Login(kTestPassword, "no.such.user");
  EXPECT_EQ(locked.status().message(),
            "密码连续错误次数过多，账户已锁定至 2026-11-24 09:15:00（北京时间），"
            "请届时再试或联系管理员解锁");
  // Both unlock at the same time.
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_EQ(Login("Wrong-pass-2026", "no.such.user").status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(IsOk(Login(kTestPassword)));
}

TEST_P(AuthServiceTest, FiveFailuresLockForFifteenMinutes) {
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(Login("Wrong-pass-2026").status().code(), StatusCode::kUnauthenticated) << i;
  }
  auto fifth = Login("Wrong-pass-2026");
  EXPECT_EQ(fifth.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(fifth.status().message().find("2026-11-24 09:15:00"), std::string::npos)
      << fifth.status().message();
  // Locked: even the right password is refused, and not checked.
  clock_.Advance(std::chrono::minutes(14));
  EXPECT_EQ(Login(kTestPassword).status().code(), StatusCode::kResourceExhausted);
  clock_.Advance(std::chrono::minutes(1));
  auto after = Login(kTestPassword);
  ASSERT_TRUE(IsOk(after));
  EXPECT_EQ(after->user.failed_logins, 0);
  EXPECT_EQ(testing::CountAudit(db(), "auth.lock"), 1);
  // The count restarts: four more failures do not lock again.
  for (int i = 1; i <= 4; ++i) EXPECT_FALSE(Login("Wrong-pass-2026").ok());
  EXPECT_TRUE(Login(kTestPassword).ok());
}

TEST_P(AuthServiceTest, ChangingThePasswordEndsOtherSessions) {
  auto here = Login(kTestPassword);
  auto elsewhere = Login(kTestPassword);
  ASSERT_TRUE(here.ok() && elsewhere.ok());
  auto p = auth_->Resolve(here->token);
  ASSERT_TRUE(IsOk(p));
  const Caller caller{&*p, "", ""};
  EXPECT_EQ(auth_->ChangePassword(caller, kTestPassword, "short").field(), "new_password");
  EXPECT_EQ(auth_->ChangePassword(caller, kTestPassword, kTestPassword).field(), "new_password");
  Status wrong = auth_->ChangePassword(caller, "Wrong-pass-2026", "Brand-new-2026");
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong.field(), "current_password");
  ASSERT_TRUE(IsOk(auth_->ChangePassword(caller, kTestPassword, "Brand-new-2026")));
  EXPECT_TRUE(auth_->Resolve(here->token).ok());
  EXPECT_EQ(auth_->Resolve(elsewhere->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_FALSE(Login(kTestPassword).ok());
  EXPECT_TRUE(Login("Brand-new-2026").ok());
  EXPECT_EQ(testing::CountAudit(db(), "user.password_change"), 1);
  EXPECT_EQ(testing::CountAudit(db(), "user.password_change_failed"), 1);
}

TEST_P(AuthServiceTest, DeactivatedUsersAreRefusedAndWeakHashesUpgraded) {
  auto login = Login(kTestPassword);
  ASSERT_TRUE(login.ok());
  // A stronger hasher upgrades the stored hash at the next login.
  PasswordHasher stronger({MinimumCostForTest().ops + 1, MinimumCostForTest().mem_bytes});
  AuthService upgraded(db(), stronger, clock_);
  ASSERT_TRUE(IsOk(upgraded.Login("zhang.san", kTestPassword, Caller{})));
  std::string hash;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT password_hash FROM app_user WHERE username = 'zhang.san'", soci::into(hash);
    return OkStatus();
  })));
  EXPECT_FALSE(stronger.NeedsRehash(hash));
  EXPECT_TRUE(hasher_.NeedsRehash(hash));

  ASSERT_TRUE(IsOk(db().Transaction([](soci::session& sql) {
    sql << "UPDATE app_user SET active = 0 WHERE username = 'zhang.san'";
    return OkStatus();
  })));
  EXPECT_EQ(auth_->Resolve(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Login(kTestPassword).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Login("Wrong-pass-2026").status().code(), StatusCode::kUnauthenticated);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthServiceTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
