// SPDX-License-Identifier: MulanPSL-2.0
// /metrics: requests counted by route pattern (never the raw path), the
// histogram's buckets, gauges read at scrape time, who may scrape; and
// /readyz answering 503 naming the check that fails.
#include "http/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/health.h"
#include "http/server_test_util.h"
#include "testing/http_client.h"

namespace amr::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Request MakeRequest(std::string method, std::string target, std::string ip) {
  Request r;
  r.method = std::move(method);
  r.request_id = "req-1";
  r.remote_ip = std::move(ip);
  EXPECT_TRUE(r.SetTarget(target).ok()) << target;
  return r;
}

TEST(MetricsTest, CountsByRoutePatternAndStatusWithAHistogram) {
  Metrics m;
  m.ObserveRequest("GET", "/api/v1/entities/{uscc}", 200, 0.003);
  m.ObserveRequest("GET", "/api/v1/entities/{uscc}", 200, 0.2);
  m.ObserveRequest("GET", "/api/v1/entities/{uscc}", 404, 0.001);
  const std::string text = m.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE amr_http_requests_total counter"));
  EXPECT_THAT(text, HasSubstr("amr_http_requests_total{method=\"GET\",route=\"/api/v1/entities/"
                              "{uscc}\",status=\"200\"} 2"));
  EXPECT_THAT(text, HasSubstr("amr_http_requests_total{method=\"GET\",route=\"/api/v1/entities/"
                              "{uscc}\",status=\"404\"} 1"));
  // Buckets are cumulative: 0.005 holds the 1 ms and 3 ms answers, 0.25 all three.
  EXPECT_THAT(text, HasSubstr("amr_http_request_duration_seconds_bucket{method=\"GET\",route=\"/"
                              "api/v1/entities/{uscc}\",le=\"0.005\"} 2"));
  EXPECT_THAT(text, HasSubstr("amr_http_request_duration_seconds_bucket{method=\"GET\",route=\"/"
                              "api/v1/entities/{uscc}\",le=\"0.25\"} 3"));
  EXPECT_THAT(text, HasSubstr("amr_http_request_duration_seconds_count{method=\"GET\",route=\"/"
                              "api/v1/entities/{uscc}\"} 3"));
}

TEST(MetricsTest, GaugesAreReadAtScrapeTimeAndErrorsCounted) {
  Metrics m;
  int calls = 0;
  m.AddGauge("amr_test_value", "A value.", [&calls]() -> StatusOr<double> { return ++calls; });
  m.AddGauge("amr_test_labels", "Labelled.", []() -> StatusOr<std::vector<MetricSample>> {
    return std::vector<MetricSample>{{{{"state", "a\"b"}}, 2.5}};
  });
  m.AddGauge("amr_test_broken", "Broken.",
             []() -> StatusOr<double> { return UnavailableError("store down"); });
  EXPECT_THAT(m.Render(), HasSubstr("amr_test_value 1\n"));
  const std::string text = m.Render();
  EXPECT_THAT(text, HasSubstr("amr_test_value 2\n"));
  EXPECT_THAT(text, HasSubstr("amr_test_labels{state=\"a\\\"b\"} 2.5\n"));
  EXPECT_THAT(text, Not(HasSubstr("amr_test_broken ")));
  EXPECT_THAT(text, HasSubstr("amr_metrics_read_errors_total 2\n"));
  EXPECT_THROW(m.AddGauge("Bad-Name", "x", []() -> StatusOr<double> { return 0; }),
               std::logic_error);
}

TEST(MetricsTest, CountersKeptElsewhereAreTypedAsCounters) {
  Metrics m;
  uint64_t reads = 41;
  m.AddCounter("amr_test_reads_total", "Reads.", [&reads] { return ++reads; });
  const std::string text = m.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE amr_test_reads_total counter\namr_test_reads_total 42\n"));
  EXPECT_THROW(m.AddCounter("Bad-Name", "x", [] { return uint64_t{0}; }), std::logic_error);
}

TEST(MetricsTest, OnlyLoopbackOrTheTokenMayScrape) {
  auto metrics = std::make_shared<Metrics>();
  Router router;
  AddMetricsRoute(router, metrics, {"s3cret-token"});
  Request local = MakeRequest("GET", "/metrics", "127.0.0.1");
  Response ok = router.Dispatch(local);
  EXPECT_EQ(ok.status, 200);
  EXPECT_THAT(ok.content_type, HasSubstr("text/plain; version=0.0.4"));
  Request remote = MakeRequest("GET", "/metrics", "10.1.2.3");
  EXPECT_EQ(router.Dispatch(remote).status, 403);
  Request wrong = MakeRequest("GET", "/metrics", "10.1.2.3");
  wrong.headers["authorization"] = "Bearer s3cret-tokeX";
  EXPECT_EQ(router.Dispatch(wrong).status, 403);
  Request right = MakeRequest("GET", "/metrics", "10.1.2.3");
  right.headers["authorization"] = "Bearer s3cret-token";
  EXPECT_EQ(router.Dispatch(right).status, 200);
  // Without a token configured, only loopback.
  Router closed;
  AddMetricsRoute(closed, metrics, {});
  Request remote_bearer = MakeRequest("GET", "/metrics", "10.1.2.3");
  remote_bearer.headers["authorization"] = "Bearer ";
  EXPECT_EQ(closed.Dispatch(remote_bearer).status, 403);
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopback("128.0.0.1"));
}

TEST(MetricsTest, TheServerCountsTheMatchedRouteNotThePath) {
  auto metrics = std::make_shared<Metrics>();
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/things/{id}", std::string(kPublic), [](Request&) {
    return Response::Json({{"ok", true}});
  });
  ServerOptions options = testutil::TestOptions();
  options.metrics = metrics;
  auto server = testutil::StartServer(router, options);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(amr::testing::HttpRequest(server->port(), "GET", "/api/v1/things/1").status, 200);
  EXPECT_EQ(amr::testing::HttpRequest(server->port(), "GET", "/api/v1/things/2").status, 200);
  EXPECT_EQ(amr::testing::HttpRequest(server->port(), "GET", "/nothing/here").status, 404);
  server.reset();
  const std::string text = metrics->Render();
  EXPECT_THAT(text, HasSubstr("route=\"/api/v1/things/{id}\",status=\"200\"} 2"));
  EXPECT_THAT(text, HasSubstr("route=\"unmatched\",status=\"404\"} 1"));
  EXPECT_THAT(text, Not(HasSubstr("/api/v1/things/1")));
}

TEST(ReadinessTest, NotReadyNamesTheFailingCheck) {
  bool migrated = false;
  Router router;
  AddReadinessRoute(router, {{"store", [] { return OkStatus(); }},
                             {"migrations", [&migrated]() -> Status {
                                if (migrated) return OkStatus();
                                return FailedPreconditionError("请运行 amr migrate");
                              }}});
  Request r = MakeRequest("GET", "/readyz", "127.0.0.1");
  Response not_ready = router.Dispatch(r);
  EXPECT_EQ(not_ready.status, 503);
  nlohmann::json body = nlohmann::json::parse(not_ready.body);
  EXPECT_EQ(body["status"], "not_ready");
  EXPECT_EQ(body["checks"]["store"], "ok");
  EXPECT_EQ(body["checks"]["migrations"], "请运行 amr migrate");
  migrated = true;
  Request again = MakeRequest("GET", "/readyz", "127.0.0.1");
  Response ready = router.Dispatch(again);
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(nlohmann::json::parse(ready.body)["status"], "ready");
}

}  // namespace
}  // namespace amr::http
