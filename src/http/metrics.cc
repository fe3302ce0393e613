// SPDX-License-Identifier: MulanPSL-2.0
#include "http/metrics.h"

#include <fmt/format.h>

#include <cmath>

#include "http/errors.h"

namespace amr::http {

namespace {

// Label values escape backslash, quote and newline (exposition format).
std::string Escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Labels(const std::vector<std::pair<std::string, std::string>>& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ",";
    out += fmt::format("{}=\"{}\"", labels[i].first, Escape(labels[i].second));
  }
  return out + "}";
}

std::string Number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{}", v);
}

bool ValidName(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

// Constant-time equality of two secrets (length leaks, content does not).
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds) {
  std::lock_guard lock(mutex_);
  RequestSeries& s = requests_[{std::string(method), std::string(route), status}];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
}

void Metrics::ObserveOverload() {
  std::lock_guard lock(mutex_);
  ++overloaded_;
}

void Metrics::AddGauge(std::string name, std::string help,
                       std::function<StatusOr<std::vector<MetricSample>>()> read) {
  if (!ValidName(name)) throw std::logic_error("invalid metric name: " + name);
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read), "gauge"});
}

void Metrics::AddCounter(std::string name, std::string help, std::function<uint64_t()> read) {
  if (!ValidName(name)) throw std::logic_error("invalid metric name: " + name);
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help),
                     [read = std::move(read)]() -> StatusOr<std::vector<MetricSample>> {
                       return std::vector<MetricSample>{{{}, static_cast<double>(read())}};
                     },
                     "counter"});
}

void Metrics::AddGauge(std::string name, std::string help, std::function<StatusOr<double>()> read) {
  AddGauge(std::move(name), std::move(help),
           [read = std::move(read)]() -> StatusOr<std::vector<MetricSample>> {
             ASSIGN_OR_RETURN(double v, read());
             return std::vector<MetricSample>{{{}, v}};
           });
}

std::string Metrics::Render() const {
  std::string out;
  std::map<std::tuple<std::string, std::string, int>, RequestSeries> requests;
  std::vector<Gauge> gauges;
  uint64_t overloaded = 0;
  {
    std::lock_guard lock(mutex_);
    requests = requests_;
    gauges = gauges_;
    overloaded = overloaded_;
  }
  out += "# HELP amr_http_requests_total HTTP requests answered, by route pattern and status.\n";
  out += "# TYPE amr_http_requests_total counter\n";
  for (const auto& [key, s] : requests) {
    const auto& [method, route, status] = key;
    out += fmt::format(
        "amr_http_requests_total{} {}\n",
        Labels({{"method", method}, {"route", route}, {"status", std::to_string(status)}}),
        s.count);
  }
  out += "# HELP amr_http_request_duration_seconds Time from a request's arrival to its answer.\n";
  out += "# TYPE amr_http_request_duration_seconds histogram\n";
  std::map<std::pair<std::string, std::string>, RequestSeries> by_route;
  for (const auto& [key, s] : requests) {
    RequestSeries& r = by_route[{std::get<0>(key), std::get<1>(key)}];
    r.count += s.count;
    r.sum += s.sum;
    for (size_t i = 0; i < kBuckets.size(); ++i) r.buckets[i] += s.buckets[i];
  }
  for (const auto& [key, s] : by_route) {
    const auto& [method, route] = key;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("amr_http_request_duration_seconds_bucket{} {}\n",
                      Labels({{"method", method}, {"route", route}, {"le", Number(kBuckets[i])}}),
                      s.buckets[i]);
    }
    out += fmt::format("amr_http_request_duration_seconds_bucket{} {}\n",
                       Labels({{"method", method}, {"route", route}, {"le", "+Inf"}}), s.count);
    out += fmt::format("amr_http_request_duration_seconds_sum{} {}\n",
                       Labels({{"method", method}, {"route", route}}), Number(s.sum));
    out += fmt::format("amr_http_request_duration_seconds_count{} {}\n",
                       Labels({{"method", method}, {"route", route}}), s.count);
  }
  out +=
      "# HELP amr_http_overloaded_total Requests refused 503 because too many were waiting for "
      "a handler thread.\n";
  out += "# TYPE amr_http_overloaded_total counter\n";
  out += fmt::format("amr_http_overloaded_total {}\n", overloaded);
  uint64_t errors = 0;
  for (const Gauge& g : gauges) {
    StatusOr<std::vector<MetricSample>> samples = g.read ? g.read() : std::vector<MetricSample>{};
    if (!samples.ok()) {
      ++errors;
      continue;
    }
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", g.name, g.help, g.name, g.type);
    for (const MetricSample& s : *samples) {
      out += fmt::format("{}{} {}\n", g.name, Labels(s.labels), Number(s.value));
    }
  }
  {
    std::lock_guard lock(mutex_);
    read_errors_ += errors;
    errors = read_errors_;
  }
  out += "# HELP amr_metrics_read_errors_total Gauges that could not be read at a scrape.\n";
  out += "# TYPE amr_metrics_read_errors_total counter\n";
  out += fmt::format("amr_metrics_read_errors_total {}\n", errors);
  return out;
}

bool IsLoopback(std::string_view ip) {
  if (ip.starts_with("[") && ip.ends_with("]")) ip = ip.substr(1, ip.size() - 2);
  return ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
}

void AddMetricsRoute(Router& router, std::shared_ptr<const Metrics> metrics, MetricsAccess access) {
  router.Get("/metrics", std::string(kPublic),
             [metrics, token = std::move(access.token)](Request& req) {
               bool allowed = IsLoopback(req.remote_ip);
               if (!allowed && !token.empty()) {
                 const std::string header = req.Header("authorization").value_or("");
                 constexpr std::string_view kBearer = "Bearer ";
                 allowed = header.starts_with(kBearer) &&
                           SameSecret(std::string_view(header).substr(kBearer.size()), token);
               }
               if (!allowed) {
                 return Response::Error(PermissionDeniedError(
                     "监控指标只对本机或持有监控令牌（--metrics-token）的客户端开放"));
               }
               return Response::Text(metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
             });
}

}  // namespace amr::http
