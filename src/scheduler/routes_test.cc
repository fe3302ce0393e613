// SPDX-License-Identifier: MulanPSL-2.0
// The administrators' timer list over a real server, behind the real
// authorizer, on both backends: filters, paging, a failed timer's error, bad
// filters naming the field, and who may look.
#include "scheduler/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::scheduler {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class SchedulerRoutesTest : public amr::testing::DbTest {
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
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    AddSchedulerRoutes(*router, db());
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

  amr::testing::HttpResult Get(const std::string& target, const std::string& token) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return amr::testing::HttpRequest(server_->port(), "GET", target, "", std::move(headers));
  }
  std::string Token(const std::string& username) {
    auto r = amr::testing::HttpRequest(
        server_->port(), "POST", "/api/v1/auth/login",
        json{{"username", username}, {"password", identity::testing::kTestPassword}}.dump(), {});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }
  void ScheduleAt(const std::string& kind, const std::string& key, std::string_view due) {
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      return Schedule(sql, kind, key, *ParseTime(due), {{"id", key}}, clock_);
    })));
  }

  FakeClock clock_{*ParseTime("2026-09-30T15:00:00+08:00")};  // the eve of National Day
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
  std::string admin_;
};

TEST_P(SchedulerRoutesTest, ListsTimersByKindAndStateWithAFailedOnesError) {
  ScheduleAt("suspension.expiry", "suspension:1", "2026-10-08T00:00:00+08:00");
  ScheduleAt("suspension.expiry", "suspension:2", "2026-09-30T12:00:00+08:00");
  ScheduleAt("notice.end", "notice:7", "2026-09-30T14:00:00+08:00");
  // suspension:2 is due and its handler fails; notice:7 has no handler here.
  Scheduler scheduler(db(), clock_, "host-a:7");
  scheduler.Register("suspension.expiry",
                     [](soci::session&, const Timer&, Clock::TimePoint) -> StatusOr<std::string> {
                       return FailedPreconditionError("歇业记录 2 已撤销", "suspension_id");
                     });
  ASSERT_TRUE(IsOk(scheduler.RunDue()));

  auto all = Get("/api/v1/scheduler/timers", admin_);
  ASSERT_EQ(all.status, 200) << all.body;
  json j = all.Json();
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(j["limit"], 50);
  ASSERT_EQ(j["items"].size(), 3u);
  const json& failed = j["items"][0];  // oldest due first
  EXPECT_EQ(failed["key"], "suspension:2");
  EXPECT_EQ(failed["state"], "pending");
  EXPECT_EQ(failed["attempts"], 1);
  EXPECT_EQ(failed["last_error"], "歇业记录 2 已撤销");
  EXPECT_EQ(failed["next_attempt_at"], "2026-09-30T15:01:00+08:00");
  EXPECT_TRUE(failed["fired_at"].is_null());
  EXPECT_EQ(failed["payload"], (json{{"id", "suspension:2"}}));

  auto by_kind = Get("/api/v1/scheduler/timers?kind=suspension.expiry&limit=1&offset=1", admin_);
  ASSERT_EQ(by_kind.status, 200) << by_kind.body;
  EXPECT_EQ(by_kind.Json()["total"], 2);
  ASSERT_EQ(by_kind.Json()["items"].size(), 1u);
  EXPECT_EQ(by_kind.Json()["items"][0]["key"], "suspension:1");

  auto fired = Get("/api/v1/scheduler/timers?state=fired", admin_);
  ASSERT_EQ(fired.status, 200);
  EXPECT_EQ(fired.Json()["total"], 0);
}

TEST_P(SchedulerRoutesTest, BadFiltersNameTheField) {
  auto bad_state = Get("/api/v1/scheduler/timers?state=done", admin_);
  EXPECT_EQ(bad_state.status, 400);
  EXPECT_NE(bad_state.body.find("state"), std::string::npos);
  auto bad_limit = Get("/api/v1/scheduler/timers?limit=0", admin_);
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_NE(bad_limit.body.find("limit"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/scheduler/timers?kind=" + std::string(101, 'k'), admin_).status, 400);
}

TEST_P(SchedulerRoutesTest, OnlyAdministratorsMayLook) {
  EXPECT_EQ(Get("/api/v1/scheduler/timers", Token("registrar-a")).status, 403);
  EXPECT_EQ(Get("/api/v1/scheduler/timers", "").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::scheduler
