// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/delivery_worker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <random>

#include "outbox/http_post.h"
#include "outbox/store.h"

namespace amr::outbox {

Status DeliveryWorker::ValidateOptions(const WorkerOptions& options) {
  RETURN_IF_ERROR(ValidateRetryPolicy(options.retry));
  if (options.request_timeout.count() < 1 || options.request_timeout > std::chrono::minutes(10)) {
    return InvalidArgumentError("推送超时须在 1 毫秒至 10 分钟之间", "request_timeout");
  }
  if (options.batch_size < 1 || options.batch_size > 1000) {
    return InvalidArgumentError("每批推送条数须在 1 至 1000 之间", "batch_size");
  }
  if (options.poll_interval.count() < 1) {
    return InvalidArgumentError("轮询间隔须至少 1 毫秒", "poll_interval");
  }
  return OkStatus();
}

DeliveryWorker::DeliveryWorker(storage::Database& db, const Clock& clock, WorkerOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {
  std::random_device device;
  lease_prefix_ = fmt::format("{:08x}{:08x}", device(), device());
  if (!options_.random) {
    auto engine = std::make_shared<std::mt19937_64>((uint64_t{device()} << 32) | device());
    auto lock = std::make_shared<std::mutex>();
    options_.random = [engine, lock]() {
      std::lock_guard<std::mutex> guard(*lock);
      return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
  }
}

DeliveryWorker::~DeliveryWorker() { Stop(); }

double DeliveryWorker::Draw() { return options_.random(); }

StatusOr<RunStats> DeliveryWorker::RunOnce() {
  // The lease outlasts the POST with room to record it.
  const auto lease = options_.request_timeout * 2 + std::chrono::seconds(30);
  const std::string token = fmt::format("{}-{}", lease_prefix_, ++lease_counter_);
  ASSIGN_OR_RETURN(std::vector<Claimed> claimed,
                   ClaimDue(db_, clock_.Now(), lease, options_.batch_size, token));
  RunStats stats;
  for (const Claimed& c : claimed) {
    if (stop_requested_.load()) {
      RETURN_IF_ERROR(ReleaseLeases(db_, token));
      break;
    }
    const Clock::TimePoint started = clock_.Now();
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(started.time_since_epoch()).count());
    const std::vector<std::pair<std::string, std::string>> headers = {
        {kEventIdHeader, std::to_string(c.event_id)},
        {kTopicHeader, c.topic},
        {kTimestampHeader, timestamp},
        {kSignatureHeader, Signature(c.secret, timestamp, c.payload)},
        {kDeliveryIdHeader, std::to_string(c.delivery_id)},
        {kAttemptHeader, std::to_string(c.attempts + 1)}};
    const auto wall_start = std::chrono::steady_clock::now();
    PostResult post;
    Status allowed = options_.allowed_endpoints
                         ? CheckEndpointAllowed(c.endpoint_url, *options_.allowed_endpoints)
                         : OkStatus();
    if (allowed.ok()) {
      post = PostJson(c.endpoint_url, headers, c.payload, options_.request_timeout, options_.tls);
    } else {
      post.error = allowed.message();
    }
    AttemptResult result;
    result.http_status = post.http_status;
    result.error = post.error;
    result.started = started;
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - wall_start);
    ASSIGN_OR_RETURN(std::string status,
                     RecordAttempt(db_, c, result, options_.retry, Draw(), clock_));
    ++stats.attempted;
    if (status == "delivered") {
      ++stats.delivered;
    } else if (status == "dead") {
      ++stats.dead;
      spdlog::warn(
          "推送 {}（主题 {}，事件 {}）已达最多次数，转入失败队列：{}", c.delivery_id, c.topic,
          c.event_id,
          result.error.empty() ? "HTTP " + std::to_string(post.http_status) : result.error);
    } else {
      ++stats.retrying;
    }
  }
  return stats;
}

void DeliveryWorker::Start() {
  std::lock_guard<std::mutex> guard(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  stop_requested_.store(false);
  thread_ = std::thread([this] { Loop(); });
}

void DeliveryWorker::Stop() {
  stop_requested_.store(true);
  {
    std::lock_guard<std::mutex> guard(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::Loop() {
  for (;;) {
    bool busy = false;
    auto stats = RunOnce();
    if (!stats.ok()) {
      spdlog::error("推送外部部门失败：{}", stats.status().ToString());
    } else {
      busy = stats->attempted >= options_.batch_size;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (busy) continue;
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace amr::outbox
