// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/password_workers.h"

#include <algorithm>
#include <exception>

namespace amr::identity {

struct PasswordWorkers::Job {
  const std::function<void()>* work = nullptr;
  bool done = false;
  std::exception_ptr failure;  // a bug in `work`, rethrown on the caller's thread
  std::condition_variable finished;
};

PasswordWorkers::PasswordWorkers(PasswordWorkerOptions options) : options_(options) {
  const size_t n = std::max<size_t>(1, options_.threads);
  threads_.reserve(n);
  for (size_t i = 0; i < n; ++i) threads_.emplace_back([this] { Loop(); });
}

PasswordWorkers::~PasswordWorkers() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

Status PasswordWorkers::Run(const std::function<void()>& work) {
  Job job;
  job.work = &work;
  std::unique_lock<std::mutex> lock(mu_);
  const size_t idle = threads_.size() - std::min(busy_, threads_.size());
  if (stopping_ || queue_.size() >= idle + options_.queue) {
    return ResourceExhaustedError("登录请求过多，请稍后再试");
  }
  queue_.push_back(&job);
  ready_.notify_one();
  job.finished.wait(lock, [&] { return job.done; });
  if (job.failure) std::rethrow_exception(job.failure);
  return OkStatus();
}

size_t PasswordWorkers::InFlightForTest() {
  std::lock_guard<std::mutex> lock(mu_);
  return busy_ + queue_.size();
}

void PasswordWorkers::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    Job* job = queue_.front();
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    std::exception_ptr failure;
    try {
      (*job->work)();
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    job->failure = failure;
    --busy_;
    job->done = true;
    job->finished.notify_one();
  }
}

}  // namespace amr::identity
