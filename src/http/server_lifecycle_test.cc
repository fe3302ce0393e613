// SPDX-License-Identifier: MulanPSL-2.0
// Starting, stopping and signals.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "http/server.h"
#include "http/server_test_util.h"
#include "testing/http_client.h"

namespace amr::http {
namespace {

using ::amr::testing::CanConnect;
using ::amr::testing::HttpRequest;
using ::amr::testing::HttpResult;
using testutil::StartServer;
using testutil::TestOptions;

// Polls until nothing accepts connections on `port` any more (bounded).
bool WaitUntilClosed(uint16_t port) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (CanConnect(port)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// A router with /slow, which blocks until the test releases it.
struct SlowRouter {
  SlowRouter() : released(release.get_future().share()) {
    router->Get("/api/v1/slow", "public", [this](Request&) {
      entered.set_value();
      released.wait_for(std::chrono::seconds(20));
      return Response::Json({{"done", true}});
    });
    router->Get("/api/v1/hello", "public", [](Request&) { return Response::Json({{"a", 1}}); });
  }
  std::shared_ptr<Router> router = std::make_shared<Router>();
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released;
};

TEST(LifecycleTest, PortZeroGetsARealPort) {
  auto server = StartServer(std::make_shared<Router>());
  ASSERT_NE(server, nullptr);
  EXPECT_NE(server->port(), 0);
  EXPECT_TRUE(CanConnect(server->port()));
}

TEST(LifecycleTest, PortInUseIsUnavailable) {
  auto first = StartServer(std::make_shared<Router>());
  ASSERT_NE(first, nullptr);
  ServerOptions options = TestOptions();
  options.port = first->port();
  auto second = Server::Start(options, std::make_shared<Router>());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("端口已被占用"), std::string::npos)
      << second.status().message();
  EXPECT_EQ(HttpRequest(first->port(), "GET", "/x").status, 404);  // The first is unharmed.
}

TEST(LifecycleTest, BadHostIsInvalidArgument) {
  ServerOptions options = TestOptions();
  options.host = "not-an-address";
  auto server = Server::Start(options, std::make_shared<Router>());
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(server.status().field(), "host");
}

TEST(LifecycleTest, StopLetsAnInFlightRequestComplete) {
  SlowRouter slow;
  auto server = StartServer(slow.router);
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();

  auto response =
      std::async(std::launch::async, [port] { return HttpRequest(port, "GET", "/api/v1/slow"); });
  slow.entered.get_future().wait();
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server->Stop();
    stopped = true;
  });
  EXPECT_TRUE(WaitUntilClosed(port)) << "still accepting after Stop()";
  EXPECT_FALSE(stopped) << "Stop() returned while a request was in flight";
  slow.release.set_value();
  HttpResult r = response.get();
  stopper.join();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["done"], true);
  EXPECT_EQ(r.Header("connection"), "close");
  server->Stop();  // Idempotent.
}

TEST(LifecycleTest, SignalStopsGracefully) {
  SlowRouter slow;
  auto server = StartServer(slow.router);
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();
  server->StopOnSignals({SIGTERM});

  auto response =
      std::async(std::launch::async, [port] { return HttpRequest(port, "GET", "/api/v1/slow"); });
  slow.entered.get_future().wait();
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    server->Wait();
    done = true;
  });
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  EXPECT_TRUE(WaitUntilClosed(port));
  EXPECT_FALSE(done);
  slow.release.set_value();
  HttpResult r = response.get();
  waiter.join();
  EXPECT_TRUE(done);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(LifecycleTest, WaitReturnsAfterStopFromAnotherThread) {
  auto server = StartServer(std::make_shared<Router>());
  ASSERT_NE(server, nullptr);
  auto waited = std::async(std::launch::async, [&] { server->Wait(); });
  EXPECT_EQ(waited.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  server->Stop();
  EXPECT_EQ(waited.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_FALSE(CanConnect(server->port()));
}

TEST(LifecycleTest, DestructorStops) {
  uint16_t port = 0;
  {
    auto server = StartServer(std::make_shared<Router>());
    ASSERT_NE(server, nullptr);
    port = server->port();
    EXPECT_TRUE(CanConnect(port));
  }
  EXPECT_FALSE(CanConnect(port));
}

}  // namespace
}  // namespace amr::http
