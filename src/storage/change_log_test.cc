// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/change_log.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;

constexpr char kAt[] = "2026-02-13T15:30:00+08:00";

class ChangeLogTest : public testing::DbTest {
 protected:
  Status Append(const std::string& key, const std::string& op = "insert") {
    return db().Transaction([&](soci::session& session) {
      return AppendChange(session, "entity", key, op, "110101", kAt);
    });
  }
};

TEST_P(ChangeLogTest, ReadsChangesInAppendOrder) {
  ASSERT_TRUE(IsOk(Append("A")));
  ASSERT_TRUE(IsOk(Append("B", "update")));
  ASSERT_TRUE(IsOk(Append("A", "delete")));
  auto changes = ChangesSince(db(), 0, 100);
  ASSERT_TRUE(IsOk(changes));
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].row_key, "A");
  EXPECT_EQ((*changes)[0].op, "insert");
  EXPECT_EQ((*changes)[1].row_key, "B");
  EXPECT_EQ((*changes)[1].op, "update");
  EXPECT_EQ((*changes)[2].op, "delete");
  EXPECT_EQ((*changes)[2].table_name, "entity");
  EXPECT_EQ((*changes)[2].region_code, "110101");
  EXPECT_EQ((*changes)[2].changed_at, kAt);
  EXPECT_LT((*changes)[0].seq, (*changes)[1].seq);
  EXPECT_LT((*changes)[1].seq, (*changes)[2].seq);
}

TEST_P(ChangeLogTest, ReadsFromACursorInPages) {
  for (const char* key : {"A", "B", "C", "D", "E"}) ASSERT_TRUE(IsOk(Append(key)));
  auto first = ChangesSince(db(), 0, 2);
  ASSERT_TRUE(IsOk(first));
  ASSERT_EQ(first->size(), 2u);
  auto rest = ChangesSince(db(), first->back().seq, 10);
  ASSERT_TRUE(IsOk(rest));
  ASSERT_EQ(rest->size(), 3u);
  EXPECT_EQ(rest->front().row_key, "C");
  auto none = ChangesSince(db(), rest->back().seq, 10);
  ASSERT_TRUE(IsOk(none));
  EXPECT_TRUE(none->empty());
}

TEST_P(ChangeLogTest, RejectsBadOpAndLimit) {
  Status status = Append("A", "upsert");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "op");
  EXPECT_EQ(ChangesSince(db(), 0, 0).status().field(), "limit");
  EXPECT_EQ(ChangesSince(db(), 0, 10001).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(ChangeLogTest, RolledBackChangeIsNeverSeen) {
  Status status = db().Transaction([](soci::session& session) {
    RETURN_IF_ERROR(AppendChange(session, "entity", "X", "insert", "110101", kAt));
    return FailedPreconditionError("撤销");
  });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(IsOk(Append("A")));
  auto changes = ChangesSince(db(), 0, 10);
  ASSERT_TRUE(IsOk(changes));
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().row_key, "A");
}

TEST_P(ChangeLogTest, LastChangeSeqIsTheNewestCommittedSeq) {
  int64_t last = -1;
  auto read_last = [&] {
    return db().ReadTransaction([&](soci::session& session) -> Status {
      ASSIGN_OR_RETURN(last, LastChangeSeq(session));
      return OkStatus();
    });
  };
  ASSERT_TRUE(IsOk(read_last()));
  EXPECT_EQ(last, 0);
  ASSERT_TRUE(IsOk(Append("A")));
  ASSERT_TRUE(IsOk(Append("B")));
  ASSERT_TRUE(IsOk(read_last()));
  auto changes = ChangesSince(db(), 0, 10);
  ASSERT_TRUE(IsOk(changes));
  EXPECT_EQ(last, changes->back().seq);
}

// Writers commit in an order unrelated to when they appended; a follower that
// keeps only its last seq must still see every change exactly once.
TEST_P(ChangeLogTest, FollowerMissesNothingWhileWritersRace) {
  constexpr int kWriters = 4, kEach = 15;
  std::atomic<int> running = kWriters;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      std::minstd_rand rng(w + 1);
      for (int i = 0; i < kEach; ++i) {
        std::string key = std::to_string(w) + "-" + std::to_string(i);
        Status status = db().Transaction([&](soci::session& session) -> Status {
          RETURN_IF_ERROR(AppendChange(session, "entity", key, "insert", "110101", kAt));
          // Work after the append widens the window between seq and commit.
          std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
          return OkStatus();
        });
        EXPECT_TRUE(IsOk(status));
      }
      --running;
    });
  }
  std::set<std::string> seen;
  int duplicates = 0;
  int64_t cursor = 0;
  auto poll = [&] {
    auto changes = ChangesSince(db(), cursor, 1000);
    ASSERT_TRUE(IsOk(changes));
    for (const Change& change : *changes) {
      if (!seen.insert(change.row_key).second) ++duplicates;
      cursor = change.seq;
    }
  };
  while (running > 0) {
    poll();
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  for (std::thread& writer : writers) writer.join();
  poll();
  EXPECT_EQ(duplicates, 0);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWriters * kEach));
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeLogTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::storage
