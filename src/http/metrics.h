// SPDX-License-Identifier: MulanPSL-2.0
// Numbers a monitoring system scrapes: GET /metrics in the Prometheus text
// exposition format (version 0.0.4).
//
// The server records every answered request (method, the matched route's
// pattern — never the raw path, so ids do not explode the label set — and
// the status) as a counter and a latency histogram, and the requests refused
// because the server was overloaded. Other parts register
// gauges read at scrape time (open transactions, timers due and failed,
// outbox pending and dead, the name index's size, calendar years entered,
// the last backup).
//
// Access: the route answers only loopback clients, or a client sending
// "Authorization: Bearer <token>" with the token an operator configured
// (compared in constant time); others get 403. docs/operations.md.
//
// Thread-safety: thread-safe. Register gauges before serving.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "common/status.h"
#include "http/router.h"

namespace amr::http {

struct MetricSample {
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

class Metrics {
 public:
  // Seconds; the buckets of amr_http_request_duration_seconds.
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10};

  void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);
  // A request refused 503 because the queue before the handler threads was
  // full (server.h): amr_http_overloaded_total.
  void ObserveOverload();

  // A gauge read at every scrape; `read` errors are skipped (and counted in
  // amr_metrics_read_errors_total). `name` must be [a-z_][a-z0-9_]*.
  void AddGauge(std::string name, std::string help,
                std::function<StatusOr<std::vector<MetricSample>>()> read);
  // A gauge with one unlabelled value.
  void AddGauge(std::string name, std::string help, std::function<StatusOr<double>()> read);
  // A counter kept elsewhere (it only grows), read at every scrape. `name`
  // should end in _total.
  void AddCounter(std::string name, std::string help, std::function<uint64_t()> read);

  // The whole exposition, gauges read now.
  std::string Render() const;

 private:
  struct RequestSeries {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<StatusOr<std::vector<MetricSample>>()> read;
    const char* type = "gauge";  // or "counter"
  };
  mutable std::mutex mutex_;
  // (method, route, status) → counts; guarded by mutex_.
  std::map<std::tuple<std::string, std::string, int>, RequestSeries> requests_;
  std::vector<Gauge> gauges_;
  uint64_t overloaded_ = 0;           // guarded by mutex_
  mutable uint64_t read_errors_ = 0;  // guarded by mutex_
};

struct MetricsAccess {
  std::string token;  // "" = loopback clients only
};

// GET /metrics (public as far as the authorizer goes; the handler checks
// MetricsAccess itself).
void AddMetricsRoute(Router& router, std::shared_ptr<const Metrics> metrics, MetricsAccess access);

// Whether `ip` is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x).
bool IsLoopback(std::string_view ip);

}  // namespace amr::http
