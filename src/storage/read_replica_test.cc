// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/read_replica.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>

#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

TEST(LagTrackerTest, CaughtUpAtTheLastSampleIsNoLag) {
  const Clock::time_point t0{};
  LagTracker lag(t0);
  lag.Sample(t0 + seconds(1), 1000, 1000);
  EXPECT_EQ(lag.LagSeconds(t0 + seconds(50)), 0);
}

TEST(LagTrackerTest, BehindCountsFromTheLatestSampleItReached) {
  const Clock::time_point t0{};
  LagTracker lag(t0);
  lag.Sample(t0 + seconds(1), 100, 100);  // caught up
  lag.Sample(t0 + seconds(2), 200, 150);  // behind 200
  lag.Sample(t0 + seconds(3), 300, 200);  // reached 200 (taken at 2 s), not 300
  EXPECT_DOUBLE_EQ(lag.LagSeconds(t0 + seconds(3)), 1);
  EXPECT_DOUBLE_EQ(lag.LagSeconds(t0 + seconds(10)), 8);
  lag.Sample(t0 + seconds(11), 300, 300);  // replayed everything again
  EXPECT_EQ(lag.LagSeconds(t0 + seconds(12)), 0);
}

TEST(LagTrackerTest, NeverCaughtUpCountsFromTheStart) {
  const Clock::time_point t0{};
  LagTracker lag(t0);
  lag.Sample(t0 + seconds(5), 500, 10);
  lag.Sample(t0 + seconds(6), 600, 20);
  EXPECT_DOUBLE_EQ(lag.LagSeconds(t0 + seconds(7)), 7);
}

TEST(ReadReplicaTest, RefusedBesideSqlite) {
  auto temp = testing::TempDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(IsOk(temp));
  auto db = Database::Open((*temp)->url());
  ASSERT_TRUE(IsOk(db));
  auto replica = ReadReplica::Start(**db, {.url = "postgresql://postgres@127.0.0.1:1/x"});
  ASSERT_FALSE(replica.ok());
  EXPECT_EQ(replica.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(replica.status().field(), "read-db");
}

// A router that answers reads itself, so the view's routing shows.
class CountingRouter : public Database::ReadRouter {
 public:
  explicit CountingRouter(Database& target) : target_(target) {}
  Status Read(const std::function<Status(soci::session&)>& body) override {
    ++reads;
    return target_.ReadTransaction(body);
  }
  std::atomic<int> reads{0};

 private:
  Database& target_;
};

TEST(ReadViewTest, ReadsGoThroughTheRouterWritesToThePrimary) {
  auto primary_temp = testing::TempDatabase::Create(Backend::kSqlite);
  auto other_temp = testing::TempDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(IsOk(primary_temp));
  ASSERT_TRUE(IsOk(other_temp));
  auto primary = Database::Open((*primary_temp)->url());
  auto other = Database::Open((*other_temp)->url());
  ASSERT_TRUE(IsOk(primary));
  ASSERT_TRUE(IsOk(other));
  for (Database* db : {primary->get(), other->get()}) {
    ASSERT_TRUE(IsOk(db->Transaction([](soci::session& sql) {
      sql << "CREATE TABLE t (v INTEGER)";
      return OkStatus();
    })));
  }
  auto router = std::make_shared<CountingRouter>(**other);
  std::unique_ptr<Database> view = Database::ReadView(**primary, router);
  EXPECT_EQ(view->backend(), Backend::kSqlite);
  ASSERT_TRUE(IsOk(view->Transaction([](soci::session& sql) {
    sql << "INSERT INTO t (v) VALUES (7)";
    return OkStatus();
  })));
  auto count = [](Database& db) {
    long long n = -1;
    EXPECT_TRUE(IsOk(db.ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM t", soci::into(n);
      return OkStatus();
    })));
    return n;
  };
  EXPECT_EQ(count(**primary), 1);  // the write went to the primary
  EXPECT_EQ(count(*view), 0);      // the read went through the router to the other store
  EXPECT_EQ(router->reads.load(), 1);
}

}  // namespace
}  // namespace amr::storage
