// SPDX-License-Identifier: MulanPSL-2.0
// The delivery worker: leases due deliveries (store.h ClaimDue), POSTs each
// event, signed, to its subscription's endpoint, and records the attempt
// (RecordAttempt): 2xx delivered; otherwise retried with exponential backoff
// and jitter, then dead-lettered. `amr serve` runs one on a thread; tests call
// RunOnce() with a FakeClock.
//
// Headers of every POST (docs/outbox.md shows how a receiver verifies them):
//   X-AMR-Event-Id:   the event's id; the same for every retry, so receivers
//                     deduplicate by it (delivery is at least once)
//   X-AMR-Topic:      the event's topic
//   X-AMR-Timestamp:  Unix seconds of this attempt
//   X-AMR-Signature:  "v1=" + hex HMAC-SHA256(secret, timestamp + "." + body)
//   X-AMR-Delivery-Id, X-AMR-Attempt: for the receiver's logs
//
// Thread-safety: RunOnce may be called from several threads or processes at
// once (they never take the same delivery); Start/Stop from one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "outbox/http_post.h"
#include "outbox/rules.h"
#include "storage/database.h"

namespace amr::outbox {

inline constexpr char kEventIdHeader[] = "X-AMR-Event-Id";
inline constexpr char kTopicHeader[] = "X-AMR-Topic";
inline constexpr char kTimestampHeader[] = "X-AMR-Timestamp";
inline constexpr char kSignatureHeader[] = "X-AMR-Signature";
inline constexpr char kDeliveryIdHeader[] = "X-AMR-Delivery-Id";
inline constexpr char kAttemptHeader[] = "X-AMR-Attempt";

struct WorkerOptions {
  RetryPolicy retry;
  std::chrono::milliseconds request_timeout{10'000};  // one whole POST
  int batch_size = 20;                                // deliveries leased per RunOnce
  std::chrono::milliseconds poll_interval{1'000};     // the thread's pause when idle
  // A draw u in [0, 1) for the jitter; default: a seeded PRNG. Tests fix it.
  std::function<double()> random;
  // HTTPS: the trust store to verify receivers with, and the client
  // certificate to present (http_post.h).
  TlsOptions tls;
  // The operator's allow-list (rules.h CheckEndpointAllowed): a delivery to an
  // endpoint outside it is not sent and counts as a failed attempt (a
  // subscription made before the list was narrowed). nullopt: no list.
  std::optional<std::vector<std::string>> allowed_endpoints;
};

struct RunStats {
  int attempted = 0;
  int delivered = 0;
  int retrying = 0;
  int dead = 0;
};

class DeliveryWorker {
 public:
  // InvalidArgument for options out of range (ValidateRetryPolicy, a timeout
  // under 1 ms, a batch size outside 1..1000).
  static Status ValidateOptions(const WorkerOptions& options);

  // `db` and `clock` must outlive the worker. Options must be valid.
  DeliveryWorker(storage::Database& db, const Clock& clock, WorkerOptions options);
  ~DeliveryWorker();  // Stops the thread.
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  // Leases the deliveries due now (up to batch_size), POSTs each and records
  // the outcome. Once Stop() was called it POSTs nothing more and gives back
  // the leases it still holds. Errors: those of the store.
  StatusOr<RunStats> RunOnce();

  // Runs RunOnce on a thread until Stop(): at once again after a full batch,
  // after poll_interval otherwise (or after a failure, which is logged).
  void Start();
  void Stop();

 private:
  void Loop();
  double Draw();

  storage::Database& db_;
  const Clock& clock_;
  WorkerOptions options_;
  std::string lease_prefix_;
  std::atomic<uint64_t> lease_counter_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> stop_requested_{false};
  std::thread thread_;
};

}  // namespace amr::outbox
