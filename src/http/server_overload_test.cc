// SPDX-License-Identifier: MulanPSL-2.0
// Under overload the server answers 503 with Retry-After at once instead of
// queueing without bound (server.h). No timing is asserted: a handler blocks
// on a promise the test releases, so the refusals provably arrive while it is
// still blocked.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/metrics.h"
#include "http/server.h"
#include "http/server_test_util.h"
#include "testing/http_client.h"

namespace amr::http {
namespace {

using ::amr::testing::HttpRequest;
using ::amr::testing::HttpResult;
using testutil::StartServer;
using testutil::TestOptions;

// The value of an unlabelled series in `text`, or -1.
double Series(const std::string& text, const std::string& name) {
  const std::string key = "\n" + name + " ";
  const size_t at = text.find(key);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + key.size()));
}

// Polls `metrics` until the gauge reads `want` (a bound for a broken server,
// not a timing assertion).
bool AwaitGauge(const Metrics& metrics, const std::string& name, double want) {
  for (int attempt = 0; attempt < 3000; ++attempt) {
    if (Series(metrics.Render(), name) == want) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(OverloadTest, AFullQueueIsAnswered503WithRetryAfterWhileTheHandlerStillRuns) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> entered;
  std::atomic<int> ran{0};
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/block", "public", [&](Request&) {
    if (ran.fetch_add(1) == 0) entered.set_value();
    released.wait_for(std::chrono::seconds(60));
    return Response::Json({{"done", true}});
  });
  router->Get("/api/v1/fast", "public", [](Request&) { return Response::Json({{"a", 1}}); });
  auto metrics = std::make_shared<Metrics>();
  ServerOptions options = TestOptions();
  options.threads = 1;  // /block holds the only handler thread
  options.max_queued_requests = 1;
  options.request_timeout = std::chrono::seconds(120);
  options.metrics = metrics;
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);
  const uint16_t port = server->port();
  auto call = [port](std::string target) {
    return std::async(std::launch::async,
                      [port, target] { return HttpRequest(port, "GET", target); });
  };

  EXPECT_EQ(Series(metrics->Render(), "amr_http_queue_capacity"), 1);
  auto running = call("/api/v1/block");
  entered.get_future().wait();
  auto queued = call("/api/v1/block");
  ASSERT_TRUE(AwaitGauge(*metrics, "amr_http_queued_requests", 1));

  constexpr int kExtra = 6;
  std::vector<std::future<HttpResult>> extra;
  for (int i = 0; i < kExtra; ++i) extra.push_back(call(i % 2 ? "/api/v1/block" : "/api/v1/fast"));
  for (auto& f : extra) {
    HttpResult r = f.get();
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.Header("retry-after"), "1");
    EXPECT_EQ(r.Json()["error"]["code"], "unavailable");
    EXPECT_EQ(r.Json()["error"]["message"], "服务器繁忙，请稍后重试");
    EXPECT_EQ(r.Json()["error"]["request_id"], r.Header("x-request-id"));
  }
  // All answered while the first handler was still blocked: they never ran.
  EXPECT_EQ(ran.load(), 1);

  release.set_value();
  HttpResult first = running.get();
  HttpResult second = queued.get();
  EXPECT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(ran.load(), 2);
  EXPECT_EQ(HttpRequest(port, "GET", "/api/v1/fast").status, 200);

  const std::string text = metrics->Render();
  EXPECT_EQ(Series(text, "amr_http_overloaded_total"), kExtra);
  EXPECT_EQ(Series(text, "amr_http_queued_requests"), 0);
  EXPECT_NE(
      text.find("amr_http_requests_total{method=\"GET\",route=\"overloaded\",status=\"503\"} " +
                std::to_string(kExtra)),
      std::string::npos)
      << text;
}

TEST(OverloadTest, TheQueueHoldsAMultipleOfTheThreadsByDefault) {
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/fast", "public", [](Request&) { return Response::Json({{"a", 1}}); });
  auto metrics = std::make_shared<Metrics>();
  ServerOptions options = TestOptions();
  options.threads = 3;
  options.metrics = metrics;
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Series(metrics->Render(), "amr_http_queue_capacity"), 3 * kQueuedPerThread);
  // Requests one after another never wait behind a full queue.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(HttpRequest(server->port(), "GET", "/api/v1/fast").status, 200);
  EXPECT_EQ(Series(metrics->Render(), "amr_http_overloaded_total"), 0);
}

}  // namespace
}  // namespace amr::http
