// SPDX-License-Identifier: MulanPSL-2.0
// The outbox against a real database (both backends) and a real receiving
// HTTP server: enqueue in the business transaction, signed delivery, retries
// on the FakeClock's schedule, the dead-letter list, and two workers sharing
// one queue.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <asio.hpp>
#include <atomic>
#include <set>
#include <thread>

#include "outbox/delivery_worker.h"
#include "outbox/outbox.h"
#include "outbox/receiver_test_util.h"
#include "outbox/store.h"
#include "testing/db_fixture.h"

namespace amr::outbox {
namespace {

using amr::testing::IsOk;
using std::chrono::milliseconds;

constexpr char kSecret[] = "tax-bureau-secret-2026";
constexpr char kTopic[] = "establishment.step.dispatched";

int64_t Ms(Clock::TimePoint t) {
  return std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count();
}

class OutboxStoreTest : public amr::testing::DbTest {
 protected:
  // A subscription of kTopic to `url`.
  int64_t Subscribe(const std::string& url, const std::string& secret = kSecret,
                    const std::string& topic = kTopic) {
    int64_t id = 0;
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          Subscription s,
          CreateSubscription(sql, audit::Actor{}, {topic, url, secret, "税务", true}, clock_));
      id = s.id;
      return OkStatus();
    })));
    return id;
  }

  Status EnqueueOne(const std::string& key, nlohmann::json payload = {{"application_id", 42}}) {
    return db().Transaction(
        [&](soci::session& sql) -> Status { return Enqueue(sql, kTopic, payload, key, clock_); });
  }

  std::vector<Delivery> Deliveries(const std::string& key) {
    std::vector<Delivery> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, DeliveriesOfEvent(sql, key));
      return OkStatus();
    })));
    return out;
  }

  std::vector<Attempt> Attempts(int64_t delivery_id) {
    std::vector<Attempt> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, ListAttempts(sql, delivery_id));
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

  WorkerOptions Options(int max_attempts) {
    WorkerOptions o;
    o.retry.max_attempts = max_attempts;
    o.retry.initial_delay = milliseconds(10'000);
    o.retry.multiplier = 2.0;
    o.retry.max_delay = milliseconds(600'000);
    o.retry.jitter = 0.2;
    o.request_timeout = milliseconds(5'000);
    o.random = [] { return 0.75; };  // +10 % jitter, every time
    return o;
  }

  // 2026-02-16 is 除夕 (the eve of the Spring Festival holiday); the outbox
  // does not care about working days, only about elapsed time.
  FakeClock clock_{*ParseTime("2026-02-16T16:30:00+08:00")};
};

TEST_P(OutboxStoreTest, EnqueueWritesOneDeliveryPerActiveSubscription) {
  Subscribe("http://127.0.0.1:9/a");
  Subscribe("http://127.0.0.1:9/b");
  int64_t inactive = Subscribe("http://127.0.0.1:9/c");
  Subscribe("http://127.0.0.1:9/d", kSecret, "other.topic");
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    SubscriptionChange off;
    off.active = false;
    return UpdateSubscription(sql, audit::Actor{}, inactive, off, clock_).status();
  })));
  ASSERT_TRUE(IsOk(EnqueueOne("step:42:tax")));
  std::vector<Delivery> d = Deliveries("step:42:tax");
  ASSERT_EQ(d.size(), 2u);
  for (const Delivery& x : d) {
    EXPECT_EQ(x.status, "pending");
    EXPECT_EQ(x.attempts, 0);
    EXPECT_EQ(x.topic, kTopic);
    EXPECT_EQ(x.event_created_at, "2026-02-16T16:30:00+08:00");
  }
}

TEST_P(OutboxStoreTest, ADuplicateDedupeKeyIsANoOp) {
  Subscribe("http://127.0.0.1:9/a");
  ASSERT_TRUE(IsOk(EnqueueOne("step:42:tax", {{"v", 1}})));
  ASSERT_TRUE(IsOk(EnqueueOne("step:42:tax", {{"v", 2}})));
  // Even twice in one transaction.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    RETURN_IF_ERROR(Enqueue(sql, kTopic, {{"v", 3}}, "step:43:tax", clock_));
    return Enqueue(sql, kTopic, {{"v", 4}}, "step:43:tax", clock_);
  })));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_delivery"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE payload = '{\"v\":1}'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE payload = '{\"v\":3}'"), 1);
}

TEST_P(OutboxStoreTest, ManyEventsOfOneTransactionAreWrittenInTheirOrder) {
  Subscribe("http://127.0.0.1:9/a");
  Subscribe("http://127.0.0.1:9/b");
  // More events than one statement takes (PostgreSQL writes them in batches).
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    for (int i = 0; i < 450; ++i) {
      RETURN_IF_ERROR(Enqueue(sql, kTopic, {{"n", i}}, "step:" + std::to_string(i), clock_));
    }
    return Enqueue(sql, kTopic, {{"n", -1}}, "step:7", clock_);  // a repeat: no-op
  })));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event"), 450);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_delivery"), 900);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE payload = '{\"n\":-1}'"), 0);
  // Ids follow the order of Enqueue.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event a JOIN outbox_event b ON a.id < b.id "
                  "WHERE CAST(SUBSTR(a.dedupe_key, 6) AS INTEGER) > "
                  "CAST(SUBSTR(b.dedupe_key, 6) AS INTEGER)"),
            0);
}

TEST_P(OutboxStoreTest, ARolledBackBusinessChangeLeavesNoEvent) {
  Subscribe("http://127.0.0.1:9/a");
  Status s = db().Transaction([&](soci::session& sql) -> Status {
    RETURN_IF_ERROR(Enqueue(sql, kTopic, {{"application_id", 7}}, "step:7:tax", clock_));
    return FailedPreconditionError("业务规则拒绝");  // the business change fails after enqueuing
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_delivery"), 0);
  // And the key is free for the fact when it does happen.
  ASSERT_TRUE(IsOk(EnqueueOne("step:7:tax")));
  EXPECT_EQ(Deliveries("step:7:tax").size(), 1u);
}

TEST_P(OutboxStoreTest, BadInputWritesNothing) {
  Subscribe("http://127.0.0.1:9/a");
  auto enqueue = [&](std::string topic, nlohmann::json payload, std::string key) {
    return db().Transaction(
        [&](soci::session& sql) -> Status { return Enqueue(sql, topic, payload, key, clock_); });
  };
  EXPECT_EQ(enqueue("Bad Topic", {{"a", 1}}, "k").field(), "topic");
  EXPECT_EQ(enqueue(kTopic, nlohmann::json::array({1}), "k").field(), "payload");
  EXPECT_EQ(enqueue(kTopic, {{"a", 1}}, "").field(), "dedupe_key");
  EXPECT_EQ(enqueue(kTopic, {{"a", 1}}, "a\nb").field(), "dedupe_key");
  EXPECT_EQ(enqueue(kTopic, {{"a", 1}}, std::string(201, 'k')).field(), "dedupe_key");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event"), 0);
}

TEST_P(OutboxStoreTest, FailsThreeTimesThenDeliversOnceOnTheBackoffSchedule) {
  testing::Receiver receiver(kSecret, /*fail_first=*/3);
  Subscribe(receiver.url());
  ASSERT_TRUE(IsOk(EnqueueOne("step:42:tax", {{"application_id", 42}, {"department", "tax"}})));
  DeliveryWorker worker(db(), clock_, Options(5));
  const int64_t id = Deliveries("step:42:tax").at(0).id;

  // Delays after failures 1, 2, 3: 10 s, 20 s, 40 s, each +10 % jitter.
  const std::vector<int64_t> delays = {11'000, 22'000, 44'000};
  for (int failure = 0; failure < 3; ++failure) {
    auto stats = worker.RunOnce();
    ASSERT_TRUE(IsOk(stats));
    EXPECT_EQ(stats->attempted, 1);
    EXPECT_EQ(stats->retrying, 1);
    Delivery d = Deliveries("step:42:tax").at(0);
    EXPECT_EQ(d.status, "pending");
    EXPECT_EQ(d.attempts, failure + 1);
    EXPECT_EQ(d.next_attempt_ms, Ms(clock_.Now()) + delays[failure]);
    EXPECT_EQ(d.last_error, "HTTP 500");
    // Not due a millisecond early.
    clock_.Advance(milliseconds(delays[failure] - 1));
    auto early = worker.RunOnce();
    ASSERT_TRUE(IsOk(early));
    EXPECT_EQ(early->attempted, 0);
    clock_.Advance(milliseconds(1));
  }
  auto last = worker.RunOnce();
  ASSERT_TRUE(IsOk(last));
  EXPECT_EQ(last->delivered, 1);
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(worker.RunOnce()->attempted, 0);  // delivered stays delivered

  Delivery d = Deliveries("step:42:tax").at(0);
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 4);
  EXPECT_FALSE(d.delivered_at.empty());

  std::vector<testing::Received> got = receiver.requests();
  ASSERT_EQ(got.size(), 4u);
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(got[i].signature_ok);
    EXPECT_EQ(got[i].event_id, std::to_string(d.event_id));  // the same id every time
    EXPECT_EQ(got[i].topic, kTopic);
    EXPECT_EQ(got[i].attempt, std::to_string(i + 1));
    EXPECT_EQ(nlohmann::json::parse(got[i].body),
              (nlohmann::json{{"application_id", 42}, {"department", "tax"}}));
  }
  EXPECT_EQ(receiver.accepted(), (std::map<std::string, int>{{std::to_string(d.event_id), 1}}));

  std::vector<Attempt> attempts = Attempts(id);
  ASSERT_EQ(attempts.size(), 4u);
  EXPECT_EQ(attempts[0].http_status, 500);
  EXPECT_EQ(attempts[0].attempted_at, "2026-02-16T16:30:00+08:00");
  EXPECT_EQ(attempts[1].attempted_at, "2026-02-16T16:30:11+08:00");
  EXPECT_EQ(attempts[2].attempted_at, "2026-02-16T16:30:33+08:00");
  EXPECT_EQ(attempts[3].attempted_at, "2026-02-16T16:31:17+08:00");
  EXPECT_EQ(attempts[3].http_status, 200);
  EXPECT_EQ(attempts[3].error, "");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.delivered'"), 1);
}

TEST_P(OutboxStoreTest, AWrongSecretIsRefusedByTheReceiverAndRetried) {
  testing::Receiver receiver("the-receivers-own-secret");
  Subscribe(receiver.url(), "a-different-secret-xyz");
  ASSERT_TRUE(IsOk(EnqueueOne("step:1:seal")));
  DeliveryWorker worker(db(), clock_, Options(5));
  ASSERT_TRUE(IsOk(worker.RunOnce()));
  ASSERT_EQ(receiver.requests().size(), 1u);
  EXPECT_FALSE(receiver.requests()[0].signature_ok);
  EXPECT_EQ(Deliveries("step:1:seal").at(0).last_error, "HTTP 401");
  EXPECT_TRUE(receiver.accepted().empty());
}

TEST_P(OutboxStoreTest, ADeadEndpointIsDeadLetteredThenRetriedAndDelivered) {
  // A port nothing listens on: a receiver started and stopped.
  std::string dead_url;
  {
    testing::Receiver gone(kSecret);
    dead_url = gone.url();
  }
  const int64_t sub = Subscribe(dead_url);
  ASSERT_TRUE(IsOk(EnqueueOne("step:9:bank")));
  DeliveryWorker worker(db(), clock_, Options(3));
  for (int i = 0; i < 3; ++i) {
    auto stats = worker.RunOnce();
    ASSERT_TRUE(IsOk(stats));
    EXPECT_EQ(stats->attempted, 1);
    clock_.Advance(std::chrono::minutes(10));
  }
  Delivery d = Deliveries("step:9:bank").at(0);
  EXPECT_EQ(d.status, "dead");
  EXPECT_EQ(d.attempts, 3);
  EXPECT_NE(d.last_error.find("连接失败"), std::string::npos) << d.last_error;
  EXPECT_EQ(worker.RunOnce()->attempted, 0);  // dead letters wait for an administrator
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.dead_letter'"), 1);
  std::vector<Delivery> dead;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(dead, ListDeliveries(sql, "dead", 50, 0));
    return OkStatus();
  })));
  ASSERT_EQ(dead.size(), 1u);

  // The department fixes its endpoint; the administrator points at it and retries.
  testing::Receiver receiver(kSecret);
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    SubscriptionChange fixed;
    fixed.endpoint_url = receiver.url();
    RETURN_IF_ERROR(UpdateSubscription(sql, audit::Actor{}, sub, fixed, clock_).status());
    return RetryDeadLetter(sql, audit::Actor{}, d.id, clock_).status();
  })));
  // Retrying something not dead is refused.
  Status again = db().Transaction([&](soci::session& sql) -> Status {
    return RetryDeadLetter(sql, audit::Actor{}, d.id, clock_).status();
  });
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  auto stats = worker.RunOnce();
  ASSERT_TRUE(IsOk(stats));
  EXPECT_EQ(stats->delivered, 1);
  d = Deliveries("step:9:bank").at(0);
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(Attempts(d.id).size(), 4u);  // 3 failed + 1, numbered through
  EXPECT_EQ(Attempts(d.id).back().attempt, 4);
  EXPECT_EQ(receiver.accepted().size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry'"), 1);
}

TEST_P(OutboxStoreTest, ASilentEndpointTimesOut) {
  // Accepts the connection (the kernel's backlog) but never answers.
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  const std::string url =
      "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()) + "/hook";
  Subscribe(url);
  ASSERT_TRUE(IsOk(EnqueueOne("step:3:tax")));
  WorkerOptions o = Options(5);
  o.request_timeout = milliseconds(200);
  DeliveryWorker worker(db(), clock_, o);
  ASSERT_TRUE(IsOk(worker.RunOnce()));
  Delivery d = Deliveries("step:3:tax").at(0);
  EXPECT_EQ(d.status, "pending");
  EXPECT_NE(d.last_error.find("超时"), std::string::npos) << d.last_error;
}

TEST_P(OutboxStoreTest, TwoWorkersNeverDeliverTheSameEventTwice) {
  testing::Receiver receiver(kSecret);
  Subscribe(receiver.url());
  constexpr int kEvents = 60;
  for (int i = 0; i < kEvents; ++i) ASSERT_TRUE(IsOk(EnqueueOne("step:" + std::to_string(i))));

  // Two servers: two pools on the same store, one worker each.
  auto other = storage::Database::Open(url());
  ASSERT_TRUE(IsOk(other));
  WorkerOptions o = Options(5);
  o.batch_size = 3;
  DeliveryWorker a(db(), clock_, o), b(**other, clock_, o);
  std::atomic<int> delivered_a{0}, delivered_b{0};
  auto drain = [](DeliveryWorker& w, std::atomic<int>& delivered) {
    for (int idle = 0; idle < 3;) {
      auto stats = w.RunOnce();
      ASSERT_TRUE(IsOk(stats));
      delivered += stats->delivered;
      idle = stats->attempted == 0 ? idle + 1 : 0;
    }
  };
  std::thread ta([&] { drain(a, delivered_a); });
  std::thread tb([&] { drain(b, delivered_b); });
  ta.join();
  tb.join();

  EXPECT_EQ(delivered_a + delivered_b, kEvents);
  std::map<std::string, int> accepted = receiver.accepted();
  EXPECT_EQ(accepted.size(), static_cast<std::size_t>(kEvents));
  for (const auto& [event, times] : accepted) EXPECT_EQ(times, 1) << "event " << event;
  EXPECT_EQ(receiver.requests().size(), static_cast<std::size_t>(kEvents));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_attempt"), kEvents);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_delivery WHERE status = 'delivered'"), kEvents);
  std::cout << "worker A delivered " << delivered_a << ", worker B " << delivered_b << "\n";
}

TEST_P(OutboxStoreTest, AStoppedWorkerPostsNothingAndGivesItsLeasesBack) {
  testing::Receiver receiver(kSecret);
  Subscribe(receiver.url());
  ASSERT_TRUE(IsOk(EnqueueOne("step:8:tax")));
  DeliveryWorker stopped(db(), clock_, Options(5));
  stopped.Stop();  // as on SIGTERM between the lease and the POST
  auto stats = stopped.RunOnce();
  ASSERT_TRUE(IsOk(stats));
  EXPECT_EQ(stats->attempted, 0);
  EXPECT_TRUE(receiver.requests().empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_delivery WHERE lease_token <> ''"), 0);
  // Another server takes it at once, without waiting for the lease to run out.
  DeliveryWorker other(db(), clock_, Options(5));
  EXPECT_EQ(other.RunOnce()->delivered, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::outbox
