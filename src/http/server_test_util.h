// SPDX-License-Identifier: MulanPSL-2.0
// Test helpers: a real Server on a free port of 127.0.0.1.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <utility>

#include "http/router.h"
#include "http/server.h"

namespace amr::http::testutil {

// Options for tests: any free port, a few threads.
inline ServerOptions TestOptions() {
  ServerOptions o;
  o.port = 0;
  o.threads = 4;
  o.io_threads = 2;
  return o;
}

// Starts a server or fails the test (and returns nullptr).
inline std::unique_ptr<Server> StartServer(std::shared_ptr<const Router> router,
                                           ServerOptions options = TestOptions()) {
  StatusOr<std::unique_ptr<Server>> server = Server::Start(std::move(options), std::move(router));
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  if (!server.ok()) return nullptr;
  return *std::move(server);
}

}  // namespace amr::http::testutil
