// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/serial_counter.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;

class SerialCounterTest : public testing::DbTest {
 protected:
  StatusOr<int64_t> Next(const std::string& name) {
    int64_t value = 0;
    Status status = db().Transaction([&](soci::session& session) -> Status {
      ASSIGN_OR_RETURN(value, NextSerial(session, name));
      return OkStatus();
    });
    if (!status.ok()) return status;
    return value;
  }
};

TEST_P(SerialCounterTest, CountsFromOnePerName) {
  EXPECT_EQ(*Next("uscc:110101"), 1);
  EXPECT_EQ(*Next("uscc:110101"), 2);
  EXPECT_EQ(*Next("uscc:110102"), 1);
  EXPECT_EQ(*Next("uscc:110101"), 3);
}

TEST_P(SerialCounterTest, RolledBackNumberIsIssuedAgain) {
  EXPECT_EQ(*Next("n"), 1);
  Status status = db().Transaction([](soci::session& session) -> Status {
    RETURN_IF_ERROR(NextSerial(session, "n"));
    return FailedPreconditionError("撤销");
  });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*Next("n"), 2);
}

TEST_P(SerialCounterTest, RejectsEmptyName) { EXPECT_EQ(Next("").status().field(), "name"); }

TEST_P(SerialCounterTest, ConcurrentTransactionsNeverShareANumber) {
  constexpr int kThreads = 4, kEach = 25;
  std::mutex mu;
  std::vector<int64_t> issued;  // Guarded by mu.
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto value = Next("shared");
        ASSERT_TRUE(IsOk(value));
        std::lock_guard<std::mutex> lock(mu);
        issued.push_back(*value);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<int64_t> distinct(issued.begin(), issued.end());
  EXPECT_EQ(distinct.size(), issued.size());
  ASSERT_EQ(issued.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), kThreads * kEach);  // No gaps either.
}

// USCC body codes: unique under concurrent READ COMMITTED writers, none
// rerun; on PostgreSQL a rolled-back draw is not issued again (the rules ask
// only for uniqueness), on SQLite it is (the counter is in the transaction).
TEST_P(SerialCounterTest, UsccBodiesAreUniqueAcrossConcurrentWriters) {
  constexpr int kThreads = 8, kEach = 20;
  std::vector<int64_t> issued;
  std::mutex mu;
  const long long reruns = db().reruns();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        int64_t value = 0;
        Status status = db().Transaction(
            [&](soci::session& session) -> Status {
              ASSIGN_OR_RETURN(value, NextUsccBody(session));
              return OkStatus();
            },
            Database::Isolation::kReadCommitted);
        ASSERT_TRUE(IsOk(status));
        std::lock_guard<std::mutex> lock(mu);
        issued.push_back(value);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<int64_t> distinct(issued.begin(), issued.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads * kEach));
  if (db().backend() == Backend::kPostgresql) {
    EXPECT_EQ(db().reruns(), reruns);
  }

  int64_t before = 0, after = 0;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& s) -> Status {
    ASSIGN_OR_RETURN(before, NextUsccBody(s));
    return OkStatus();
  })));
  Status undone = db().Transaction([](soci::session& s) -> Status {
    RETURN_IF_ERROR(NextUsccBody(s).status());
    return FailedPreconditionError("撤销");
  });
  EXPECT_EQ(undone.code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& s) -> Status {
    ASSIGN_OR_RETURN(after, NextUsccBody(s));
    return OkStatus();
  })));
  EXPECT_EQ(after, db().backend() == Backend::kPostgresql ? before + 2 : before + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SerialCounterTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::storage
