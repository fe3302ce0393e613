// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/password_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace amr::identity {
namespace {

TEST(PasswordWorkersTest, RunsWorkOnItsOwnThread) {
  PasswordWorkers workers({.threads = 1, .queue = 1});
  std::thread::id ran_on;
  ASSERT_TRUE(workers.Run([&] { ran_on = std::this_thread::get_id(); }).ok());
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

// At most threads + queue callers wait; the next is refused at once, so the
// pool can never hold every request thread of the server.
TEST(PasswordWorkersTest, RefusesAtOnceWhenThreadsAndQueueAreFull) {
  PasswordWorkers workers({.threads = 1, .queue = 1});
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  int started = 0;
  auto blocker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    ++started;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
  };
  std::thread first([&] { EXPECT_TRUE(workers.Run(blocker).ok()); });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return started == 1; });  // the thread is busy
  }
  std::atomic<bool> second_done{false};
  std::thread second([&] {
    EXPECT_TRUE(workers.Run([] {}).ok());  // queued behind the first
    second_done = true;
  });
  // Once the second is queued, a third is refused without waiting.
  while (workers.InFlightForTest() < 2) std::this_thread::yield();
  Status third = workers.Run([] { ADD_FAILURE() << "ran beyond the bound"; });
  EXPECT_EQ(third.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(third.message(), "登录请求过多，请稍后再试");
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  first.join();
  second.join();
  EXPECT_TRUE(second_done);
  EXPECT_TRUE(workers.Run([] {}).ok());  // free again
}

TEST(PasswordWorkersTest, ABugInTheWorkReachesTheCaller) {
  PasswordWorkers workers;
  EXPECT_THROW((void)workers.Run([] { throw std::logic_error("bug"); }), std::logic_error);
  EXPECT_TRUE(workers.Run([] {}).ok());
}

}  // namespace
}  // namespace amr::identity
