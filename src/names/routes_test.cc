// SPDX-License-Identifier: MulanPSL-2.0
// The names routes against a real server on both backends: the public check
// (same JSON as the CLI), reservations with Idempotency-Key replay, the data
// scope of staff and the reserving applicant.
#include "names/routes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::names {
namespace {

using identity::Role;
using nlohmann::json;

class NameRoutesTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(testing::IsOk(tree));
    t_ = *tree;
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher_, "clerk-a", t_.a.id,
                                            {{Role::kWindowClerk, t_.a.id}})
                    .ok());
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher_, "clerk-b", t_.b.id,
                                            {{Role::kWindowClerk, t_.b.id}})
                    .ok());
    ASSERT_TRUE(identity::testing::AddApplicant(db(), clock_, hasher_, "app-1").ok());
    ASSERT_TRUE(identity::testing::AddApplicant(db(), clock_, hasher_, "app-2").ok());
    registry::Entity e;
    e.uscc = "91330106MA00000011";
    e.name = "杭州云帆科技有限公司";
    e.region_code = "330106";
    e.industry_code = "75";
    e.established_on = *Date::FromYmd(2024, 3, 1);
    ASSERT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
      return registry::InsertEntity(sql, e, "2024-03-01T10:00:00+08:00");
    })));
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    auto names = std::make_shared<NameService>(&db(), clock_);
    ASSERT_TRUE(testing::IsOk(names->Start()));
    AddNameRoutes(*router, db(), names, clock_);
    identity::AuthorizerOptions o;
    o.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    o.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    identity::Authorizer::Install(*router,
                                  std::make_shared<identity::Authorizer>(*auth_, clock_, o));
    server_ = http::testutil::StartServer(router);
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }
  testing::HttpResult Call(const std::string& method, const std::string& target,
                           const std::string& body = "", const std::string& token = "",
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return testing::HttpRequest(server_->port(), method, target, body, std::move(headers));
  }
  std::string Token(const std::string& username) {
    auto r =
        Call("POST", "/api/v1/auth/login",
             json{{"username", username}, {"password", identity::testing::kTestPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }
  static std::string Q(std::string_view s) {
    std::string out;
    for (unsigned char c : s) out += fmt::format("%{:02X}", c);
    return out;
  }

  FakeClock clock_{*ParseTime("2026-02-13T15:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

TEST_P(NameRoutesTest, PublicCheckGivesTheCliJson) {
  auto r = Call("GET", "/api/v1/names/check?name=" + Q("杭州云帆科技有限公司") +
                           "&authority=330105&industry=75");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  EXPECT_EQ(j["verdict"], "conflict");
  EXPECT_EQ(j["parts"]["trade_name"], "云帆");
  EXPECT_EQ(j["hits"][0]["uscc"], "91330106MA00000011");
  EXPECT_EQ(j["hits"][0]["rule"], "art17_identical_trade_name");
  r = Call("GET", "/api/v1/names/check?name=" + Q("杭州云帆科技有限公司") + "&authority=999999");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["field"], "authority") << r.body;
}

TEST_P(NameRoutesTest, ReserveReplayScopeAndOwner) {
  const std::string app1 = Token("app-1"), app2 = Token("app-2"), clerk_a = Token("clerk-a"),
                    clerk_b = Token("clerk-b");
  const std::string body = json{{"name", "杭州星河物流有限公司"}, {"authority", "330106"}}.dump();
  auto r = Call("POST", "/api/v1/names/reservations", body, app1, {{"Idempotency-Key", "k1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = r.Json()["id"];
  EXPECT_EQ(r.Json()["expires_on"], "2026-04-13");  // 民法典 Arts. 201-202
  auto replay = Call("POST", "/api/v1/names/reservations", body, app1, {{"Idempotency-Key", "k1"}});
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.Json()["id"], id);
  // Another reservation of the same 字号 in the city is refused (Art. 17), nothing written.
  r = Call("POST", "/api/v1/names/reservations",
           json{{"name", "杭州星河物流有限公司"}, {"authority", "330105"}}.dump(), app2);
  EXPECT_EQ(r.status, 422) << r.body;
  r = Call("POST", "/api/v1/names/reservations",
           json{{"name", "杭州星科技有限公司"}, {"authority", "330106"}}.dump(), app2);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["error"]["field"], "name");
  // Readers: the owner and staff in scope; not another applicant nor staff elsewhere.
  const std::string path = "/api/v1/names/reservations/" + std::to_string(id);
  EXPECT_EQ(Call("GET", path, "", app1).status, 200);
  EXPECT_EQ(Call("GET", path, "", clerk_a).status, 200);
  EXPECT_EQ(Call("GET", path, "", app2).status, 403);
  EXPECT_EQ(Call("GET", path, "", clerk_b).status, 403);
  // Staff reserve only within their scope.
  r = Call("POST", "/api/v1/names/reservations",
           json{{"name", "杭州明辉餐饮有限公司"}, {"authority", "330106"}}.dump(), clerk_b);
  EXPECT_EQ(r.status, 403) << r.body;
  // The public check sees the reservation at once.
  r = Call("GET", "/api/v1/names/check?name=" + Q("杭州星河物流有限公司") + "&authority=330105");
  EXPECT_EQ(r.Json()["verdict"], "conflict") << r.body;
}

TEST_P(NameRoutesTest, APreApprovalReservationIsKeptOneYear) {
  auto items = Call("GET", "/api/v1/names/pre-approval-items");
  ASSERT_EQ(items.status, 200) << items.body;
  const json list = items.Json()["items"];
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0]["code"], "P01");
  EXPECT_EQ(list[0]["name"], "证券公司设立审批");
  EXPECT_EQ(items.Json()["reservation_period"], "2 个月");
  EXPECT_EQ(items.Json()["pre_approval_period"], "1 年");
  const std::string app1 = Token("app-1");
  auto r = Call(
      "POST", "/api/v1/names/reservations",
      json{{"name", "杭州鼎信证券有限公司"}, {"authority", "330106"}, {"pre_approval_item", "P01"}}
          .dump(),
      app1);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json()["expires_on"], "2027-02-13");
  EXPECT_EQ(r.Json()["pre_approval_item"], "P01");
  r = Call("POST", "/api/v1/names/reservations",
           json{{"name", "杭州鼎盛证券有限公司"}, {"authority", "330106"}, {"pre_approval_item", 1}}
               .dump(),
           app1);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["error"]["field"], "pre_approval_item") << r.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, NameRoutesTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::names
