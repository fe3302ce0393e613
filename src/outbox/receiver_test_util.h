// SPDX-License-Identifier: MulanPSL-2.0
// A real webhook receiver for the outbox tests: an HTTP server on 127.0.0.1
// that verifies each request's signature the way docs/outbox.md tells
// receivers to, answers 500 to the first `fail_first` requests and 204 after,
// and counts what it accepted per event id.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/server_test_util.h"
#include "outbox/delivery_worker.h"
#include "outbox/rules.h"

namespace amr::outbox::testing {

struct Received {
  std::string event_id;
  std::string topic;
  std::string timestamp;
  std::string attempt;
  std::string body;
  bool signature_ok = false;
};

class Receiver {
 public:
  explicit Receiver(std::string secret, int fail_first = 0)
      : secret_(std::move(secret)), fail_first_(fail_first) {
    auto router = std::make_shared<http::Router>();
    router->Post("/hook", std::string(http::kPublic), [this](http::Request& req) {
      Received r;
      r.event_id = req.Header(kEventIdHeader).value_or("");
      r.topic = req.Header(kTopicHeader).value_or("");
      r.timestamp = req.Header(kTimestampHeader).value_or("");
      r.attempt = req.Header(kAttemptHeader).value_or("");
      r.body = req.body;
      r.signature_ok =
          req.Header(kSignatureHeader).value_or("") == Signature(secret_, r.timestamp, r.body);
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(r);
      if (!r.signature_ok) return http::Response::Json({{"error", "bad signature"}}, 401);
      if (static_cast<int>(requests_.size()) <= fail_first_) {
        return http::Response::Json({{"error", "try later"}}, 500);
      }
      ++accepted_[r.event_id];
      return http::Response::Text("", "text/plain");
    });
    server_ = http::testutil::StartServer(router);
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/hook";
  }

  std::vector<Received> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  // Accepted (2xx) requests per event id.
  std::map<std::string, int> accepted() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return accepted_;
  }

 private:
  std::string secret_;
  int fail_first_;
  mutable std::mutex mutex_;
  std::vector<Received> requests_;
  std::map<std::string, int> accepted_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace amr::outbox::testing
