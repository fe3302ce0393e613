// SPDX-License-Identifier: MulanPSL-2.0
// The administrators' outbox API over a real server, behind the real
// authorizer, on both backends: subscriptions (the secret never echoed),
// the dead-letter list, the attempts of a delivery, and a retry with an
// Idempotency-Key that leads to delivery.
#include "outbox/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "http/server_test_util.h"
#include "identity/admin_routes.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "outbox/delivery_worker.h"
#include "outbox/outbox.h"
#include "outbox/receiver_test_util.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::outbox {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

constexpr char kSecret[] = "seal-engraver-secret-2026";

class OutboxRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    const identity::testing::Tree& t = *tree;
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher_, "root-admin", t.root.id,
                                            {{Role::kAdmin, t.root.id}})
                    .ok());
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher_, "registrar-a", t.a.id,
                                            {{Role::kRegistrar, t.a.id}})
                    .ok());
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher_, "county-admin", t.a.id,
                                            {{Role::kAdmin, t.a.id}})
                    .ok());
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    AddOutboxRoutes(
        *router, db(), clock_,
        {"https://10.20.30.40:8080/amr/", "https://tax.example.gov.cn", "http://127.0.0.1:"});
    identity::AuthorizerOptions limits;
    limits.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    limits.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    identity::Authorizer::Install(*router,
                                  std::make_shared<identity::Authorizer>(*auth_, clock_, limits));
    server_ = http::testutil::StartServer(router);
    ASSERT_NE(server_, nullptr);
    admin_ = Token("root-admin");
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& body, const std::string& token,
                                std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return amr::testing::HttpRequest(server_->port(), method, target, body, std::move(headers));
  }
  std::string Token(const std::string& username) {
    auto r = Call(
        "POST", "/api/v1/auth/login",
        json{{"username", username}, {"password", identity::testing::kTestPassword}}.dump(), "");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }
  long long Count(const std::string& query) {
    long long n = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << query, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-09-30T15:00:00+08:00")};  // the eve of National Day
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
  std::string admin_;
};

TEST_P(OutboxRoutesTest, SubscriptionsAreManagedAndTheSecretIsNeverEchoed) {
  auto created = Call("POST", "/api/v1/outbox/subscriptions",
                      json{{"topic", "establishment.step.dispatched"},
                           {"endpoint_url", "https://10.20.30.40:8080/amr/hook"},
                           {"secret", kSecret},
                           {"description", "刻章企业"}}
                          .dump(),
                      admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body.find(kSecret), std::string::npos);
  EXPECT_FALSE(created.Json().contains("secret"));
  EXPECT_EQ(created.Json()["active"], true);
  const std::string id = std::to_string(created.Json()["id"].get<int64_t>());

  auto list = Call("GET", "/api/v1/outbox/subscriptions", "", admin_);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_EQ(list.body.find(kSecret), std::string::npos);

  const std::string new_secret = "rotated-secret-0123456789";
  auto patched = Call("PATCH", "/api/v1/outbox/subscriptions/" + id,
                      json{{"secret", new_secret}, {"active", false}}.dump(), admin_);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json()["active"], false);
  EXPECT_EQ(patched.body.find(new_secret), std::string::npos);
  auto one = Call("GET", "/api/v1/outbox/subscriptions/" + id, "", admin_);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.Json()["active"], false);
  EXPECT_EQ(one.Json()["description"], "刻章企业");

  // Audited, without the secrets.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'outbox.subscription_%'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%secret-%'"), 0);
}

TEST_P(OutboxRoutesTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  auto post = [&](json body) {
    return Call("POST", "/api/v1/outbox/subscriptions", body.dump(), admin_);
  };
  const json good = {{"topic", "establishment.step.dispatched"},
                     {"endpoint_url", "http://127.0.0.1:9/hook"},
                     {"secret", kSecret}};
  struct Case {
    const char* key;
    json value;
    const char* field;
  };
  for (const Case& c : std::vector<Case>{
           {"endpoint_url", "http://tax.example.gov.cn/hook", "endpoint_url"},
           {"endpoint_url", "https://tax.example/hook", "endpoint_url"},
           {"endpoint_url", "https://tax.example.gov.cn.evil.example/hook", "endpoint_url"},
           {"endpoint_url", "not a url", "endpoint_url"},
           {"secret", "short", "secret"},
           {"topic", "税务", "topic"},
           {"active", "yes", "active"}}) {
    json body = good;
    body[c.key] = c.value;
    auto r = post(body);
    EXPECT_EQ(r.status, 400) << c.key << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << r.body;
  }
  json missing = good;
  missing.erase("secret");
  EXPECT_EQ(post(missing).status, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_subscription"), 0);

  auto created = post(good);
  ASSERT_EQ(created.status, 201);
  const std::string id = std::to_string(created.Json()["id"].get<int64_t>());
  auto topic = Call("PATCH", "/api/v1/outbox/subscriptions/" + id,
                    json{{"topic", "other.topic"}}.dump(), admin_);
  EXPECT_EQ(topic.status, 400);
  EXPECT_EQ(topic.Json()["error"]["field"], "topic");
}

// A county administrator holds outbox.* only within its county, and the
// outbox belongs to the whole platform: it must neither read every county's
// dead letters nor point the platform's subscriptions at itself.
TEST_P(OutboxRoutesTest, ACountyAdministratorCannotReachThePlatformsOutbox) {
  auto created = Call("POST", "/api/v1/outbox/subscriptions",
                      json{{"topic", "establishment.submitted"},
                           {"endpoint_url", "https://tax.example.gov.cn/hook"},
                           {"secret", kSecret}}
                          .dump(),
                      admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["id"].get<int64_t>());
  const std::string county = Token("county-admin");
  EXPECT_EQ(Call("GET", "/api/v1/outbox/subscriptions", "", county).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/outbox/dead-letters", "", county).status, 403);
  auto redirect = Call("PATCH", "/api/v1/outbox/subscriptions/" + id,
                       json{{"endpoint_url", "https://county.example.net/steal"}}.dump(), county);
  EXPECT_EQ(redirect.status, 403) << redirect.body;
  auto own = Call("POST", "/api/v1/outbox/subscriptions",
                  json{{"topic", "establishment.submitted"},
                       {"endpoint_url", "https://county.example.net/steal"},
                       {"secret", kSecret}}
                      .dump(),
                  county);
  EXPECT_EQ(own.status, 403);
  // Even the platform's administrator cannot send outside the allow-list.
  auto elsewhere = Call("PATCH", "/api/v1/outbox/subscriptions/" + id,
                        json{{"endpoint_url", "https://county.example.net/steal"}}.dump(), admin_);
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_EQ(elsewhere.Json()["error"]["field"], "endpoint_url");
  auto still = Call("GET", "/api/v1/outbox/subscriptions/" + id, "", admin_);
  EXPECT_EQ(still.Json()["endpoint_url"], "https://tax.example.gov.cn/hook");
}

TEST_P(OutboxRoutesTest, OnlyTheOutboxPermissionsOpenTheApi) {
  const std::string registrar = Token("registrar-a");
  EXPECT_EQ(Call("GET", "/api/v1/outbox/dead-letters", "", registrar).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/outbox/subscriptions", "", registrar).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/outbox/dead-letters", "", "").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/outbox/dead-letters/1/retry", "", registrar).status, 403);
}

TEST_P(OutboxRoutesTest, ADeadLetterIsListedRetriedOnceAndDelivered) {
  std::string dead_url;
  {
    testing::Receiver gone(kSecret);
    dead_url = gone.url();
  }
  auto created = Call("POST", "/api/v1/outbox/subscriptions",
                      json{{"topic", "establishment.step.dispatched"},
                           {"endpoint_url", dead_url},
                           {"secret", kSecret}}
                          .dump(),
                      admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string sub = std::to_string(created.Json()["id"].get<int64_t>());
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    return Enqueue(sql, "establishment.step.dispatched",
                   {{"application_id", 5}, {"department", "seal"}}, "step:5:seal", clock_);
  })));
  WorkerOptions o;
  o.retry.max_attempts = 2;
  o.request_timeout = std::chrono::milliseconds(5'000);
  DeliveryWorker worker(db(), clock_, o);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(IsOk(worker.RunOnce()));
    clock_.Advance(std::chrono::hours(2));
  }

  auto dead = Call("GET", "/api/v1/outbox/dead-letters", "", admin_);
  ASSERT_EQ(dead.status, 200) << dead.body;
  ASSERT_EQ(dead.Json()["total"], 1);
  const json letter = dead.Json()["items"][0];
  EXPECT_EQ(letter["status"], "dead");
  EXPECT_EQ(letter["attempts"], 2);
  EXPECT_EQ(letter["dedupe_key"], "step:5:seal");
  const std::string id = std::to_string(letter["id"].get<int64_t>());
  auto detail = Call("GET", "/api/v1/outbox/deliveries/" + id, "", admin_);
  ASSERT_EQ(detail.status, 200);
  ASSERT_EQ(detail.Json()["attempts_log"].size(), 2u);
  EXPECT_EQ(detail.Json()["attempts_log"][0]["http_status"], 0);
  EXPECT_NE(detail.Json()["attempts_log"][0]["error"].get<std::string>().find("连接失败"),
            std::string::npos);

  testing::Receiver receiver(kSecret);
  ASSERT_EQ(Call("PATCH", "/api/v1/outbox/subscriptions/" + sub,
                 json{{"endpoint_url", receiver.url()}}.dump(), admin_)
                .status,
            200);
  const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "retry-5"}};
  auto retry = Call("POST", "/api/v1/outbox/dead-letters/" + id + "/retry", "", admin_, key);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.Json()["status"], "pending");
  auto replay = Call("POST", "/api/v1/outbox/dead-letters/" + id + "/retry", "", admin_, key);
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.Header("idempotency-replayed"), "true");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry'"), 1);

  auto stats = worker.RunOnce();
  ASSERT_TRUE(IsOk(stats));
  EXPECT_EQ(stats->delivered, 1);
  EXPECT_EQ(receiver.accepted().size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/outbox/dead-letters", "", admin_).Json()["total"], 0);
  auto done = Call("GET", "/api/v1/outbox/deliveries/" + id, "", admin_);
  EXPECT_EQ(done.Json()["status"], "delivered");
  EXPECT_EQ(done.Json()["attempts_log"].size(), 3u);
  // A delivered event cannot be "retried".
  auto again = Call("POST", "/api/v1/outbox/dead-letters/" + id + "/retry", "", admin_,
                    {{"Idempotency-Key", "retry-5-again"}});
  EXPECT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(Call("POST", "/api/v1/outbox/dead-letters/999999/retry", "", admin_).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::outbox
