// SPDX-License-Identifier: MulanPSL-2.0
// A real server with identity's routes behind the authorizer, on every
// backend, with a FakeClock: the fixture of identity's HTTP tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "http/server_test_util.h"
#include "identity/admin_routes.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::identity::testing {

class IdentityHttpTest : public amr::testing::DbTest {
 protected:
  // Generous limits unless a test suite says otherwise.
  virtual AuthorizerOptions Limits() {
    AuthorizerOptions o;
    o.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    o.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    o.global_login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 1};
    return o;
  }

  // The server's options; a test suite may change them (trusted proxies).
  virtual http::ServerOptions HttpOptions() { return http::testutil::TestOptions(); }

  void SetUpStore() override {
    auto tree = SeedTree(db(), clock_);
    ASSERT_TRUE(amr::testing::IsOk(tree));
    t_ = *tree;
    auto admin =
        AddStaff(db(), clock_, hasher_, "root-admin", t_.root.id, {{Role::kAdmin, t_.root.id}});
    auto inspector =
        AddStaff(db(), clock_, hasher_, "inspector-a1", t_.a1.id, {{Role::kInspector, t_.a1.id}});
    ASSERT_TRUE(admin.ok() && inspector.ok());
    admin_ = *admin;
    inspector_ = *inspector;
    auth_ = std::make_unique<AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    AddAuthRoutes(*router, *auth_);
    AddUserRoutes(*router, db(), hasher_, clock_);
    AddOrgUnitRoutes(*router, db(), clock_);
    router->Get("/api/v1/ping", "public", [](http::Request& req) {
      return http::Response::Json({{"anonymous", !req.principal.has_value()}});
    });
    Authorizer::Install(*router, std::make_shared<Authorizer>(*auth_, clock_, Limits()));
    server_ = http::testutil::StartServer(router, HttpOptions());
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override {
    server_.reset();  // before the store closes
    DbTest::TearDown();
  }

  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& body = "", const std::string& token = "",
                                std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return amr::testing::HttpRequest(server_->port(), method, target, body, std::move(headers));
  }

  amr::testing::HttpResult Login(const std::string& username,
                                 const std::string& password = kTestPassword) {
    return Call("POST", "/api/v1/auth/login",
                nlohmann::json{{"username", username}, {"password", password}}.dump());
  }

  // A token for `username`, or "" (and a test failure).
  std::string Token(const std::string& username, const std::string& password = kTestPassword) {
    auto r = Login(username, password);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }

  FakeClock clock_{*ParseTime("2026-11-24T09:00:00+08:00")};
  PasswordHasher hasher_{MinimumCostForTest()};
  Tree t_;
  User admin_, inspector_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace amr::identity::testing
