// SPDX-License-Identifier: MulanPSL-2.0
// The auth API over a real server: login, the bearer token, expiry, logout,
// lockout, rate limits, the must-change flag.
#include <gtest/gtest.h>

#include "identity/http_test_fixture.h"
#include "identity/token.h"

namespace amr::identity {
namespace {

using testing::kTestPassword;

class AuthRoutesTest : public testing::IdentityHttpTest {};

TEST_P(AuthRoutesTest, LoginGivesABearerTokenForTheOtherRoutes) {
  auto login = Login("inspector-a1");
  ASSERT_EQ(login.status, 200) << login.body;
  const nlohmann::json j = login.Json();
  const std::string token = j["token"];
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(j["expires_at"], "2026-11-24T17:00:00+08:00");
  EXPECT_TRUE(ParseTime(j["expires_at"].get<std::string>()).ok());
  EXPECT_EQ(j["user"]["username"], "inspector-a1");
  EXPECT_FALSE(j["user"].contains("password_hash"));

  auto me = Call("GET", "/api/v1/auth/me", "", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["roles"][0]["role"], "inspector");
  EXPECT_EQ(me.Json()["roles"][0]["org_unit"]["code"], "station-a1");
  EXPECT_EQ(me.Json()["permissions"].size(), PermissionsOf(Role::kInspector).size());

  auto anonymous = Call("GET", "/api/v1/auth/me");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Json()["error"]["code"], "unauthenticated");
  EXPECT_EQ(anonymous.Header("www-authenticate"), "Bearer realm=\"openamr\"");
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", GenerateToken().token).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", "' OR 1=1 --").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", "", {{"Authorization", "Basic YTpi"}}).status, 401);
  // A known user without the permission: 403.
  auto users = Call("GET", "/api/v1/users", "", token);
  EXPECT_EQ(users.status, 403);
  EXPECT_EQ(users.Json()["error"]["code"], "permission_denied");
  // Public routes ignore a bad token and see a valid one.
  EXPECT_EQ(Call("GET", "/api/v1/ping", "", "bad").Json()["anonymous"], true);
  EXPECT_EQ(Call("GET", "/api/v1/ping", "", token).Json()["anonymous"], false);
}

TEST_P(AuthRoutesTest, BadLoginsAreRefusedAlike) {
  const auto wrong = Login("inspector-a1", "Wrong-pass-2026");
  const auto unknown = Login("nobody-here");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.Json()["error"]["message"], unknown.Json()["error"]["message"]);
  auto not_json = Call("POST", "/api/v1/auth/login", "username=a&password=b");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.Json()["error"]["field"], "body");
  auto missing = Call("POST", "/api/v1/auth/login", R"({"username":"inspector-a1"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Json()["error"]["field"], "password");
  auto typed = Call("POST", "/api/v1/auth/login", R"({"username":42,"password":"x"})");
  EXPECT_EQ(typed.Json()["error"]["field"], "username");
}

TEST_P(AuthRoutesTest, LogoutEndsTheTokenAndTokensExpire) {
  const std::string a = Token("inspector-a1");
  const std::string b = Token("inspector-a1");
  auto out = Call("POST", "/api/v1/auth/logout", "", a);
  EXPECT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", a).status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/auth/logout", "", a).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", b).status, 200);
  clock_.Advance(std::chrono::hours(8));
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", b).status, 401);
  EXPECT_EQ(Login("inspector-a1").status, 200);
}

TEST_P(AuthRoutesTest, FiveWrongPasswordsLockTheAccountUntilUnlocked) {
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(Login("inspector-a1", "Wrong-pass-2026").status, 401);
  auto locked = Login("inspector-a1", "Wrong-pass-2026");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.Json()["error"]["code"], "resource_exhausted");
  const std::string message = locked.Json()["error"]["message"];
  EXPECT_NE(message.find("锁定至 2026-11-24 09:15:00"), std::string::npos) << message;
  EXPECT_EQ(Login("inspector-a1").status, 429);
  // An administrator unlocks it at once.
  const std::string admin = Token("root-admin");
  auto unlock =
      Call("POST", "/api/v1/users/" + std::to_string(inspector_.id) + "/unlock", "", admin);
  ASSERT_EQ(unlock.status, 200) << unlock.body;
  EXPECT_TRUE(unlock.Json()["locked_until"].is_null());
  EXPECT_EQ(Login("inspector-a1").status, 200);
  EXPECT_EQ(testing::CountAudit(db(), "auth.lock"), 1);
  EXPECT_EQ(testing::CountAudit(db(), "user.unlock"), 1);
}

TEST_P(AuthRoutesTest, AFirstPasswordMustBeChangedBeforeWorking) {
  auto fresh = testing::AddStaff(db(), clock_, hasher_, "fresh-admin", t_.a.id,
                                 {{Role::kAdmin, t_.a.id}}, kTestPassword, /*must_change=*/true);
  ASSERT_TRUE(fresh.ok());
  auto login = Login("fresh-admin");
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.Json()["must_change_password"], true);
  const std::string token = login.Json()["token"];
  auto refused = Call("GET", "/api/v1/users", "", token);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("修改初始密码"),
            std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", token).status, 200);
  auto weak = Call("POST", "/api/v1/auth/password",
                   R"({"current_password":"Test-pass-2026","new_password":"abc"})", token);
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.Json()["error"]["field"], "new_password");
  auto wrong =
      Call("POST", "/api/v1/auth/password",
           R"({"current_password":"Nope-pass-2026","new_password":"Brand-new-2026"})", token);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.Json()["error"]["field"], "current_password");
  auto changed =
      Call("POST", "/api/v1/auth/password",
           R"({"current_password":"Test-pass-2026","new_password":"Brand-new-2026"})", token);
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Call("GET", "/api/v1/users", "", token).status, 200);
  EXPECT_EQ(Login("fresh-admin").status, 401);
  EXPECT_EQ(Login("fresh-admin", "Brand-new-2026").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

// Per-client token buckets on public routes, login's the strictest.
class RateLimitTest : public testing::IdentityHttpTest {
 protected:
  AuthorizerOptions Limits() override {
    AuthorizerOptions o;
    o.login_limit = {.burst = 3, .per_second = 1.0 / 60, .max_keys = 100};
    o.public_limit = {.burst = 5, .per_second = 1, .max_keys = 100};
    return o;
  }
};

TEST_P(RateLimitTest, ThrottledClientsGet429WithRetryAfter) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login("inspector-a1", "Wrong-pass-2026").status, 401);
  auto throttled = Login("inspector-a1");  // even with the right password
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.Json()["error"]["code"], "resource_exhausted");
  EXPECT_EQ(throttled.Header("retry-after"), "60");
  // Other public routes have their own bucket; routes behind a login none.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Call("GET", "/api/v1/ping").status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/ping").status, 429);
  clock_.Advance(std::chrono::seconds(60));
  const std::string token = Token("inspector-a1");
  for (int i = 0; i < 20; ++i) EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", token).status, 200);
  EXPECT_EQ(Login("inspector-a1").status, 429);
}

INSTANTIATE_TEST_SUITE_P(Backends, RateLimitTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

// Logins from all addresses together are limited too: each costs a hash.
class GlobalLoginLimitTest : public testing::IdentityHttpTest {
 protected:
  AuthorizerOptions Limits() override {
    AuthorizerOptions o = IdentityHttpTest::Limits();
    o.global_login_limit = {.burst = 4, .per_second = 1.0 / 10, .max_keys = 1};
    return o;
  }
};

TEST_P(GlobalLoginLimitTest, ManyAddressesTogetherGet429BeforeAnyHashing) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Login("inspector-a1", "Wrong-pass-2026").status, 401);
  auto throttled = Login("inspector-a1");
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.Header("retry-after"), "10");
  // Refused before the password was looked at: no failure was counted.
  EXPECT_EQ(testing::CountAudit(db(), "auth.login_failed"), 4);
  clock_.Advance(std::chrono::seconds(10));
  EXPECT_EQ(Login("inspector-a1").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, GlobalLoginLimitTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
