// SPDX-License-Identifier: MulanPSL-2.0
// A small pool of threads of its own for password hashing, so that argon2id
// (64 MiB and a good fraction of a second of one core per hash) never runs on
// the server's request threads.
//
// Why: with hashing on the request threads, failed logins from a dozen
// addresses, each within its own rate limit, occupied every handler thread
// and pushed unrelated public reads from milliseconds to seconds. With the
// pool, at most `threads + queue` requests wait for a hash at any moment; the
// server's other handler threads stay free, and further logins are refused at
// once with ResourceExhausted (HTTP 429, "登录请求过多"), which costs nothing.
// The pool also bounds the memory argon2id takes (threads × 64 MiB).
//
// Choose threads + queue below the server's handler threads (serve_commands
// does): the pool then can never hold every request thread.
//
// Thread-safety: Run may be called from any number of threads at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/status.h"

namespace amr::identity {

struct PasswordWorkerOptions {
  size_t threads = 1;  // hashing threads
  size_t queue = 1;    // requests that may wait for a free thread
};

class PasswordWorkers {
 public:
  explicit PasswordWorkers(PasswordWorkerOptions options = {});
  ~PasswordWorkers();  // Finishes the queued work, then joins.
  PasswordWorkers(const PasswordWorkers&) = delete;
  PasswordWorkers& operator=(const PasswordWorkers&) = delete;

  // Runs `work` on a pool thread and waits for it. ResourceExhausted without
  // running it when all threads are busy and the queue is full.
  Status Run(const std::function<void()>& work);

  const PasswordWorkerOptions& options() const { return options_; }
  // Work running or queued now.
  size_t InFlightForTest();

 private:
  struct Job;
  void Loop();

  const PasswordWorkerOptions options_;
  std::mutex mu_;  // guards queue_, busy_, stopping_
  std::condition_variable ready_;
  std::deque<Job*> queue_;
  size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace amr::identity
