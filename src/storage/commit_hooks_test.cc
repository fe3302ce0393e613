// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/commit_hooks.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/change_log.h"
#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;

class CommitHooksTest : public testing::DbTest {
 protected:
  long long Count(const std::string& sql_text) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }
};

TEST_P(CommitHooksTest, BeforeCommitRunsInsideAndAfterCommitOutsideTheTransaction) {
  std::vector<std::string> order;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    EXPECT_TRUE(InWriteTransaction(sql));
    EXPECT_TRUE(BeforeCommit(sql, "b", [&](soci::session& s) -> Status {
      order.push_back("before");
      s << "INSERT INTO serial_counter (name, value) VALUES ('hook', 7)";
      return OkStatus();
    }));
    EXPECT_TRUE(AfterCommit(sql, "a", [&](soci::session& s) -> Status {
      order.push_back("after");
      EXPECT_FALSE(InWriteTransaction(s));
      return OkStatus();
    }));
    order.push_back("body");
    return OkStatus();
  })));
  EXPECT_EQ(order, (std::vector<std::string>{"body", "before", "after"}));
  EXPECT_EQ(Count("SELECT value FROM serial_counter WHERE name = 'hook'"), 7);
}

TEST_P(CommitHooksTest, LockedWorkRunsAfterAllOtherWorkBeforeCommit) {
  std::vector<std::string> order;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    EXPECT_TRUE(BeforeCommitLocked(sql, "lock", [&](soci::session&) -> Status {
      order.push_back("locked");
      return OkStatus();
    }));
    EXPECT_TRUE(BeforeCommit(sql, "one", [&](soci::session& s) -> Status {
      order.push_back("one");
      // Work registered while running still runs before the locked work.
      BeforeCommit(s, "two", [&](soci::session&) { return order.push_back("two"), OkStatus(); });
      return OkStatus();
    }));
    return OkStatus();
  })));
  EXPECT_EQ(order, (std::vector<std::string>{"one", "two", "locked"}));
}

TEST_P(CommitHooksTest, SharedWorkRunsAfterEveryWritersCommitBeforeItReturns) {
  // Each writer inserts a row; the shared work notes every row it can see.
  // Whichever writer ran it, each writer's row was seen by a run before its
  // Transaction returned.
  std::mutex mu;
  std::set<long long> seen;
  std::atomic<int> runs{0};
  constexpr int kThreads = 6, kEach = 15;
  std::vector<std::thread> threads;
  std::atomic<int> missed{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const long long mine = t * 1000 + i;
        Status status = db().Transaction([&](soci::session& sql) -> Status {
          sql << "INSERT INTO serial_counter (name, value) VALUES (:n, :v)",
              soci::use("w" + std::to_string(mine)), soci::use(mine);
          AfterCommitShared(sql, "note", [&](soci::session& s) -> Status {
            ++runs;
            std::vector<long long> values(kThreads * kEach + 10);
            s << "SELECT value FROM serial_counter WHERE name LIKE 'w%'", soci::into(values);
            std::lock_guard lock(mu);
            seen.insert(values.begin(), values.end());
            return OkStatus();
          });
          return OkStatus();
        });
        if (!status.ok()) {
          ++missed;
          continue;
        }
        std::lock_guard lock(mu);
        if (!seen.count(mine)) ++missed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(missed.load(), 0);
  EXPECT_GE(runs.load(), 1);
  EXPECT_LE(runs.load(), kThreads * kEach);
}

TEST_P(CommitHooksTest, AKeyRunsOnceAndARolledBackAttemptRunsNothing) {
  int before = 0, after = 0;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    for (int i = 0; i < 3; ++i) {
      BeforeCommit(sql, "k", [&](soci::session&) { return ++before, OkStatus(); });
      AfterCommit(sql, "k", [&](soci::session&) { return ++after, OkStatus(); });
    }
    return OkStatus();
  })));
  EXPECT_EQ(before, 1);
  EXPECT_EQ(after, 1);

  Status failed = db().Transaction([&](soci::session& sql) -> Status {
    AfterCommit(sql, "k", [&](soci::session&) { return ++after, OkStatus(); });
    return InvalidArgumentError("不提交", "x");
  });
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(after, 1);
}

TEST_P(CommitHooksTest, AnErrorBeforeCommitRollsTheTransactionBack) {
  Status status = db().Transaction([&](soci::session& sql) -> Status {
    sql << "INSERT INTO serial_counter (name, value) VALUES ('rolled', 1)";
    BeforeCommit(sql, "fail", [](soci::session&) { return InternalError("提交前失败"); });
    return OkStatus();
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM serial_counter WHERE name = 'rolled'"), 0);
}

TEST_P(CommitHooksTest, OutsideAWriteTransactionNothingIsRegistered) {
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    EXPECT_FALSE(InWriteTransaction(sql));
    EXPECT_FALSE(AfterCommit(sql, "x", [](soci::session&) { return OkStatus(); }));
    EXPECT_EQ(AttemptSlot(sql, "x"), nullptr);
    return OkStatus();
  })));
}

// PostgreSQL buffers the change until just before COMMIT: not visible later
// in the same transaction, visible (in order) after it.
TEST_P(CommitHooksTest, AChangeIsWrittenAtCommitOnPostgresql) {
  long long inside = -1;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    RETURN_IF_ERROR(
        AppendChange(sql, "entity", "A", "insert", "110101", "2026-12-07T10:00:00+08:00"));
    RETURN_IF_ERROR(
        AppendChange(sql, "entity", "B", "insert", "110101", "2026-12-07T10:00:00+08:00"));
    sql << "SELECT COUNT(*) FROM change_log", soci::into(inside);
    return OkStatus();
  })));
  EXPECT_EQ(inside, db().backend() == Backend::kPostgresql ? 0 : 2);
  auto changes = ChangesSince(db(), 0, 10);
  ASSERT_TRUE(IsOk(changes));
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].row_key, "A");
  EXPECT_EQ((*changes)[1].row_key, "B");
}

INSTANTIATE_TEST_SUITE_P(Backends, CommitHooksTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::storage
