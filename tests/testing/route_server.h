// SPDX-License-Identifier: MulanPSL-2.0
// The one fixture route tests share: a real server behind the real authorizer
// (rate limits lifted), with the login route, and helpers to log in and call.
//
//   testing::RouteServer server(db(), clock_, [&](http::Router& r) {
//     AddThingRoutes(r, service);
//   });
//   auto r = server.Call("POST", "/api/v1/things", "officer-a", json{{"name", "x"}}, "key-1");
//
// Users are made beforehand (identity_test_util.h AddStaff / AddApplicant,
// password identity::testing::kTestPassword).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "identity/auth_service.h"
#include "identity/password.h"
#include "storage/database.h"
#include "testing/http_client.h"

namespace amr::testing {

class RouteServer {
 public:
  RouteServer(storage::Database& db, const Clock& clock,
              const std::function<void(http::Router&)>& add_routes);
  ~RouteServer();

  // Whether the server started (ASSERT it in SetUp).
  bool ok() const { return server_ != nullptr; }
  uint16_t port() const;

  // A fresh session token for `username` ("" if the login failed, with a
  // test failure saying why).
  std::string Token(const std::string& username);
  // One request: as `user` when not empty (a fresh login), with a JSON body
  // when `body` is not null, with an Idempotency-Key when `key` is not empty.
  HttpResult Call(const std::string& method, const std::string& target,
                  const std::string& user = "", const nlohmann::json& body = nullptr,
                  const std::string& key = "");

 private:
  identity::PasswordHasher hasher_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace amr::testing
