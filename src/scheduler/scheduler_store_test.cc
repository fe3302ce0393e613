// SPDX-License-Identifier: MulanPSL-2.0
// Persistent timers against a real database (both backends): idempotent
// scheduling, firing once and only when due, a failing handler's rollback and
// backoff, kinds without a handler, and two instances racing over one store.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <iostream>
#include <latch>
#include <set>
#include <thread>

#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::scheduler {
namespace {

using amr::testing::IsOk;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kKind[] = "suspension.expiry";

Clock::TimePoint At(std::string_view text) {
  StatusOr<Clock::TimePoint> t = ParseTime(text);
  EXPECT_TRUE(IsOk(t));
  return t.ok() ? *t : Clock::TimePoint();
}

// Monday 2 March 2026, 09:00 in China.
const Clock::TimePoint kStart = At("2026-03-02T09:00:00+08:00");

class SchedulerStoreTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    // Stands for a business table a handler writes to; no UNIQUE, so a
    // second firing would show as a second row.
    ASSERT_TRUE(IsOk(db().Transaction([](soci::session& sql) -> Status {
      sql << "CREATE TABLE fire_log (timer_key TEXT NOT NULL, instance TEXT NOT NULL, "
             "fired_now TEXT NOT NULL)";
      return OkStatus();
    })));
  }

  Status ScheduleOne(const std::string& key, Clock::TimePoint due,
                     nlohmann::json payload = {{"suspension_id", 42}},
                     const std::string& kind = kKind) {
    return db().Transaction([&](soci::session& sql) -> Status {
      return Schedule(sql, kind, key, due, payload, clock_);
    });
  }

  std::optional<Timer> Get(const std::string& key, const std::string& kind = kKind) {
    std::optional<Timer> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, Find(sql, kind, key));
      return OkStatus();
    })));
    return out;
  }

  long long Count(const std::string& query) {
    long long n = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << query, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  // A handler that logs each firing to fire_log in the firing transaction.
  static Handler Logging(std::string instance) {
    return [instance](soci::session& sql, const Timer& timer,
                      Clock::TimePoint now) -> StatusOr<std::string> {
      const std::string fired_now = FormatChinaTime(now);
      sql << "INSERT INTO fire_log (timer_key, instance, fired_now) VALUES (:k, :i, :n)",
          soci::use(timer.key), soci::use(instance), soci::use(fired_now);
      return std::string("已视为恢复营业");
    };
  }

  FakeClock clock_{kStart};
};

TEST_P(SchedulerStoreTest, ScheduleIsIdempotentAndMovesAPendingTimer) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-09-01T00:00:00+08:00"))));
  clock_.Advance(minutes(5));
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-09-01T00:00:00+08:00"))));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_timer"), 1);

  // Moved: the suspension was extended.
  ASSERT_TRUE(
      IsOk(ScheduleOne("suspension:42", At("2026-12-01T00:00:00+08:00"), {{"extended", true}})));
  std::optional<Timer> t = Get("suspension:42");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->state, "pending");
  EXPECT_EQ(t->due_at, "2026-12-01T00:00:00+08:00");
  EXPECT_EQ(t->payload, (nlohmann::json{{"extended", true}}));
  EXPECT_EQ(t->created_at, "2026-03-02T09:00:00+08:00");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_timer"), 1);

  // Another key of the same kind is another timer.
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:43", At("2026-09-01T00:00:00+08:00"))));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_timer"), 2);
  EXPECT_FALSE(Get("suspension:44").has_value());
}

TEST_P(SchedulerStoreTest, CancelIsIdempotentAndACancelledTimerStaysCancelled) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-09-01T00:00:00+08:00"))));
  auto cancel = [&](const std::string& key) {
    return db().Transaction(
        [&](soci::session& sql) -> Status { return Cancel(sql, kKind, key, clock_); });
  };
  ASSERT_TRUE(IsOk(cancel("suspension:42")));
  ASSERT_TRUE(IsOk(cancel("suspension:42")));
  ASSERT_TRUE(IsOk(cancel("suspension:99")));  // none: OK
  EXPECT_EQ(Get("suspension:42")->state, "cancelled");

  // Scheduling the same fact again does not revive it.
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-10-01T00:00:00+08:00"))));
  std::optional<Timer> t = Get("suspension:42");
  EXPECT_EQ(t->state, "cancelled");
  EXPECT_EQ(t->due_at, "2026-09-01T00:00:00+08:00");

  // A cancelled timer never fires.
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, Logging("test:1"));
  clock_.Set(At("2026-11-01T00:00:00+08:00"));
  StatusOr<RunReport> report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log"), 0);
}

TEST_P(SchedulerStoreTest, RejectsBadNamesAndWritesNothing) {
  const Clock::TimePoint due = At("2026-09-01T00:00:00+08:00");
  Status s = ScheduleOne("suspension:42", due, {}, "");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "kind");
  s = ScheduleOne(std::string(101, 'k'), due);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "key");
  s = ScheduleOne("", due);
  EXPECT_EQ(s.field(), "key");
  s = ScheduleOne("suspension:42", due, nlohmann::json::array({1, 2}));
  EXPECT_EQ(s.field(), "payload");
  EXPECT_TRUE(IsOk(ScheduleOne(std::string(100, 'k'), due)));  // exactly 100 bytes is allowed
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_timer"), 1);
}

TEST_P(SchedulerStoreTest, NotFiredBeforeItIsDue) {
  // Due at the end of a suspension: 2026-10-09 00:00 (the day after National Day).
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-10-09T00:00:00+08:00"))));
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, Logging("test:1"));

  clock_.Set(At("2026-10-08T23:59:59+08:00"));
  StatusOr<RunReport> report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 0);
  EXPECT_EQ(Get("suspension:42")->state, "pending");

  clock_.Set(At("2026-10-09T00:00:00+08:00"));
  report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 1);
}

TEST_P(SchedulerStoreTest, FiresOnceWithTheHandlersWritesCommitted) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-03-05T00:00:00+08:00"))));
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:43", At("2026-03-04T00:00:00+08:00"))));
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:44", At("2026-04-01T00:00:00+08:00"))));
  Scheduler scheduler(db(), clock_, "host-a:101");
  std::vector<std::string> order;
  nlohmann::json seen_payload;
  Handler log = Logging("host-a:101");
  scheduler.Register(kKind, [&](soci::session& sql, const Timer& timer, Clock::TimePoint now) {
    order.push_back(timer.key);
    seen_payload = timer.payload;
    return log(sql, timer, now);
  });

  clock_.Set(At("2026-03-06T08:30:00+08:00"));
  StatusOr<RunReport> report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 2);
  EXPECT_EQ(report->failed, 0);
  EXPECT_EQ(order, (std::vector<std::string>{"suspension:43", "suspension:42"}));  // oldest first
  EXPECT_EQ(seen_payload, (nlohmann::json{{"suspension_id", 42}}));

  std::optional<Timer> t = Get("suspension:42");
  EXPECT_EQ(t->state, "fired");
  EXPECT_EQ(t->fired_at, "2026-03-06T08:30:00+08:00");
  EXPECT_EQ(t->fired_by, "host-a:101");
  EXPECT_EQ(t->outcome, "已视为恢复营业");
  EXPECT_EQ(t->attempts, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log WHERE timer_key = 'suspension:42' AND "
                  "fired_now = '2026-03-06T08:30:00+08:00'"),
            1);

  // Again, and a day later: nothing fires twice; the April timer still waits.
  report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 0);
  clock_.Advance(std::chrono::hours(24));
  report = scheduler.RunDue();
  EXPECT_EQ(report->fired, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log"), 2);
  EXPECT_EQ(Get("suspension:44")->state, "pending");

  // A fired timer is not moved by scheduling the same fact again.
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-05-01T00:00:00+08:00"))));
  EXPECT_EQ(Get("suspension:42")->state, "fired");
  EXPECT_EQ(Get("suspension:42")->due_at, "2026-03-05T00:00:00+08:00");
}

TEST_P(SchedulerStoreTest, RunDueStopsAtTheLimit) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(IsOk(ScheduleOne("k" + std::to_string(i), kStart)));
  }
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, Logging("test:1"));
  StatusOr<RunReport> report = scheduler.RunDue(3);
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 3);
  report = scheduler.RunDue(3);
  EXPECT_EQ(report->fired, 2);
}

TEST_P(SchedulerStoreTest, FailingHandlerRollsBackRecordsTheErrorAndBacksOff) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", At("2026-03-02T09:00:00+08:00"))));
  Scheduler scheduler(db(), clock_, "test:1");
  int calls = 0, failures_left = 2;
  Handler log = Logging("test:1");
  scheduler.Register(
      kKind,
      [&](soci::session& sql, const Timer& timer, Clock::TimePoint now) -> StatusOr<std::string> {
        ++calls;
        // The write happens before the failure: it must be rolled back.
        StatusOr<std::string> out = log(sql, timer, now);
        if (failures_left > 0) {
          --failures_left;
          return FailedPreconditionError("歇业记录 42 不存在", "suspension_id");
        }
        return out;
      });

  StatusOr<RunReport> report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 0);
  EXPECT_EQ(report->failed, 1);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log"), 0);
  std::optional<Timer> t = Get("suspension:42");
  EXPECT_EQ(t->state, "pending");
  EXPECT_EQ(t->attempts, 1);
  EXPECT_EQ(t->last_error, "歇业记录 42 不存在");
  EXPECT_EQ(t->next_attempt_at, "2026-03-02T09:01:00+08:00");
  EXPECT_EQ(t->fired_at, "");

  // Backoff respected: not retried 59 s later.
  clock_.Advance(seconds(59));
  report = scheduler.RunDue();
  EXPECT_EQ(report->failed, 0);
  EXPECT_EQ(calls, 1);

  // At 09:01 it runs again and fails again: now 2 minutes.
  clock_.Set(At("2026-03-02T09:01:00+08:00"));
  report = scheduler.RunDue();
  EXPECT_EQ(report->failed, 1);
  EXPECT_EQ(calls, 2);
  t = Get("suspension:42");
  EXPECT_EQ(t->attempts, 2);
  EXPECT_EQ(t->next_attempt_at, "2026-03-02T09:03:00+08:00");

  clock_.Set(At("2026-03-02T09:02:59+08:00"));
  report = scheduler.RunDue();
  EXPECT_EQ(calls, 2);

  // Then it succeeds: fired once, with its write.
  clock_.Set(At("2026-03-02T09:03:00+08:00"));
  report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 1);
  EXPECT_EQ(calls, 3);
  t = Get("suspension:42");
  EXPECT_EQ(t->state, "fired");
  EXPECT_EQ(t->attempts, 2);  // the history of failures stays visible
  EXPECT_EQ(t->fired_at, "2026-03-02T09:03:00+08:00");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log"), 1);
}

TEST_P(SchedulerStoreTest, AThrowingHandlerIsAFailureToo) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", kStart)));
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, [](soci::session& sql, const Timer&, Clock::TimePoint) {
    sql << "INSERT INTO no_such_table (x) VALUES (1)";
    return StatusOr<std::string>(std::string("不会到这里"));
  });
  StatusOr<RunReport> report = scheduler.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->failed, 1);
  std::optional<Timer> t = Get("suspension:42");
  EXPECT_EQ(t->state, "pending");
  EXPECT_EQ(t->attempts, 1);
  EXPECT_NE(t->last_error, "");
}

TEST(RetryDelayTest, DoublesFromOneMinuteUpToAnHour) {
  EXPECT_EQ(RetryDelay(1), minutes(1));
  EXPECT_EQ(RetryDelay(2), minutes(2));
  EXPECT_EQ(RetryDelay(3), minutes(4));
  EXPECT_EQ(RetryDelay(6), minutes(32));
  EXPECT_EQ(RetryDelay(7), minutes(60));  // 64 capped
  EXPECT_EQ(RetryDelay(30), minutes(60));
}

TEST_P(SchedulerStoreTest, AKindWithoutHandlerStaysPendingAndBlocksNothing) {
  // The unhandled timers are older, and more than the run's limit.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(IsOk(
        ScheduleOne("old:" + std::to_string(i), At("2026-03-01T00:00:00+08:00"), {}, "retired")));
  }
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", kStart)));
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, Logging("test:1"));
  StatusOr<RunReport> report = scheduler.RunDue(2);
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 1);
  EXPECT_EQ(report->failed, 0);
  EXPECT_EQ(Get("suspension:42")->state, "fired");
  std::optional<Timer> old = Get("old:0", "retired");
  EXPECT_EQ(old->state, "pending");
  EXPECT_EQ(old->attempts, 0);
  EXPECT_EQ(old->last_error, "");

  // No handler at all: nothing is claimed.
  Scheduler bare(db(), clock_, "test:2");
  report = bare.RunDue();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 0);
}

TEST_P(SchedulerStoreTest, ListsAndCountsByKindAndState) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:1", At("2026-03-03T00:00:00+08:00"))));
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:2", At("2026-03-01T00:00:00+08:00"))));
  ASSERT_TRUE(IsOk(ScheduleOne("notice:1", At("2026-03-02T00:00:00+08:00"), {}, "notice.end")));
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, Logging("test:1"));
  ASSERT_TRUE(IsOk(scheduler.RunDue()));  // fires suspension:2 (due 03-01)

  std::vector<Timer> all, pending;
  int64_t pending_count = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(all, ListTimers(sql, {}));
    ASSIGN_OR_RETURN(pending, ListTimers(sql, {kKind, "pending", 10, 0}));
    ASSIGN_OR_RETURN(pending_count, CountTimers(sql, {"", "pending", 1, 0}));
    return OkStatus();
  })));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].key, "suspension:2");  // by due time
  EXPECT_EQ(all[1].key, "notice:1");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].key, "suspension:1");
  EXPECT_EQ(pending_count, 2);
  nlohmann::json j = TimerJson(all[0]);
  EXPECT_EQ(j["state"], "fired");
  EXPECT_EQ(j["fired_by"], "test:1");
  EXPECT_TRUE(j["last_error"].is_null());

  Status s = db().ReadTransaction([&](soci::session& sql) -> Status {
    return ListTimers(sql, {"", "done", 10, 0}).status();
  });
  EXPECT_EQ(s.field(), "state");
  s = db().ReadTransaction([&](soci::session& sql) -> Status {
    return ListTimers(sql, {"", "", 0, 0}).status();
  });
  EXPECT_EQ(s.field(), "limit");
  s = db().ReadTransaction([&](soci::session& sql) -> Status {
    return ListTimers(sql, {"", "", 10, -1}).status();
  });
  EXPECT_EQ(s.field(), "offset");
}

// The issue's condition: two instances (two connection pools to one store)
// racing over 200 due timers fire every one exactly once.
TEST_P(SchedulerStoreTest, TwoInstancesFireEachTimerExactlyOnce) {
  constexpr int kTimers = 200;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    for (int i = 0; i < kTimers; ++i) {
      RETURN_IF_ERROR(Schedule(sql, kKind, "suspension:" + std::to_string(i),
                               kStart - minutes(kTimers - i), {{"n", i}}, clock_));
    }
    return OkStatus();
  })));

  StatusOr<std::unique_ptr<storage::Database>> other = storage::Database::Open(url());
  ASSERT_TRUE(IsOk(other));
  Scheduler a(db(), clock_, "host-a:1");
  Scheduler b(**other, clock_, "host-b:2");
  // A handler that takes a moment, so the two instances' transactions overlap.
  auto slow = [](std::string instance) -> Handler {
    return [log = Logging(instance)](soci::session& sql, const Timer& timer, Clock::TimePoint now) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return log(sql, timer, now);
    };
  };
  a.Register(kKind, slow("host-a:1"));
  b.Register(kKind, slow("host-b:2"));
  std::latch start(2);

  std::atomic<int> fired{0}, errors{0}, conflicts{0};
  auto run = [&](Scheduler& s) {
    start.arrive_and_wait();
    // Small batches so that the two interleave; stop when a run finds nothing.
    for (int round = 0; round < 1000; ++round) {
      StatusOr<RunReport> report = s.RunDue(5);
      if (!report.ok()) {
        ++errors;
        continue;
      }
      fired += report->fired;
      conflicts += report->conflicts;
      EXPECT_EQ(report->failed, 0);
      if (report->fired == 0 && report->conflicts == 0) return;
    }
  };
  std::thread ta(run, std::ref(a));
  std::thread tb(run, std::ref(b));
  ta.join();
  tb.join();

  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(fired.load(), kTimers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_timer WHERE attempts > 0"), 0);
  std::cout << "fired by host-a: "
            << Count("SELECT COUNT(*) FROM fire_log WHERE instance = 'host-a:1'")
            << ", conflicts given up (taken later): " << conflicts.load() << "\n";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log"), kTimers);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT timer_key) FROM fire_log"), kTimers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_timer WHERE state = 'fired'"), kTimers);
  // Each timer's fired_by names the instance whose handler wrote its row.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log f JOIN scheduled_timer t ON t.key = f.timer_key "
                  "AND t.fired_by = f.instance"),
            kTimers);
}

TEST_P(SchedulerStoreTest, BackgroundThreadFiresAndStops) {
  ASSERT_TRUE(IsOk(ScheduleOne("suspension:42", kStart)));
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(kKind, Logging("test:1"));
  scheduler.Start(std::chrono::milliseconds(20));
  for (int i = 0; i < 250 && Get("suspension:42")->state != "fired"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  scheduler.Stop();
  EXPECT_EQ(Get("suspension:42")->state, "fired");
  scheduler.Stop();  // twice is fine
}

// A large job done in steps, each scheduling the next due at once (the
// credit risk classification): on SQLite, where a firing holds the store's
// one write lock, a writer of this process waiting for it gets it between two
// long steps, not after the whole job.
TEST_P(SchedulerStoreTest, AWriterWaitingForTheLockGetsItBetweenTwoLongSteps) {
  if (backend() != storage::Backend::kSqlite) GTEST_SKIP() << "writers do not wait on PostgreSQL";
  constexpr char kJob[] = "test.job_step";
  std::atomic<bool> started{false};
  Scheduler scheduler(db(), clock_, "test:1");
  scheduler.Register(
      kJob,
      [&](soci::session& sql, const Timer& timer, Clock::TimePoint now) -> StatusOr<std::string> {
        started = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        RETURN_IF_ERROR(Logging("step")(sql, timer, now).status());
        const int step = timer.payload.value("step", 1);
        if (step < 3) {
          RETURN_IF_ERROR(Schedule(sql, kJob, "job#" + std::to_string(step + 1), now,
                                   {{"step", step + 1}}, clock_));
        }
        return std::string("完成一步");
      });
  ASSERT_TRUE(IsOk(ScheduleOne("job#1", kStart, {{"step", 1}}, kJob)));
  std::thread writer([&] {
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(IsOk(db().Transaction([](soci::session& sql) -> Status {
      sql << "INSERT INTO fire_log (timer_key, instance, fired_now) VALUES ('writer', 'w', '')";
      return OkStatus();
    })));
  });
  StatusOr<RunReport> report = scheduler.RunDue(10);
  writer.join();
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 3);
  // In the order written: the writer's row right after the first step's.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM fire_log WHERE rowid < (SELECT rowid FROM fire_log WHERE "
                  "timer_key = 'writer')"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::scheduler
