// SPDX-License-Identifier: MulanPSL-2.0
#include "testing/route_server.h"

#include <gtest/gtest.h>

#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"

namespace amr::testing {

RouteServer::RouteServer(storage::Database& db, const Clock& clock,
                         const std::function<void(http::Router&)>& add_routes)
    : hasher_(identity::MinimumCostForTest()),
      auth_(std::make_unique<identity::AuthService>(db, hasher_, clock)) {
  auto router = std::make_shared<http::Router>();
  identity::AddAuthRoutes(*router, *auth_);
  add_routes(*router);
  identity::AuthorizerOptions limits;
  limits.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
  limits.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
  identity::Authorizer::Install(*router,
                                std::make_shared<identity::Authorizer>(*auth_, clock, limits));
  server_ = http::testutil::StartServer(router);
}

RouteServer::~RouteServer() { server_.reset(); }

uint16_t RouteServer::port() const { return server_->port(); }

std::string RouteServer::Token(const std::string& username) {
  auto r = HttpRequest(
      port(), "POST", "/api/v1/auth/login",
      nlohmann::json{{"username", username}, {"password", identity::testing::kTestPassword}}
          .dump());
  EXPECT_EQ(r.status, 200) << username << ": " << r.body;
  return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
}

HttpResult RouteServer::Call(const std::string& method, const std::string& target,
                             const std::string& user, const nlohmann::json& body,
                             const std::string& key) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!user.empty()) headers.emplace_back("Authorization", "Bearer " + Token(user));
  if (!body.is_null()) headers.emplace_back("Content-Type", "application/json");
  if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
  return HttpRequest(port(), method, target, body.is_null() ? "" : body.dump(), std::move(headers));
}

}  // namespace amr::testing
