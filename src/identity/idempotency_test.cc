// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/idempotency.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>
#include <vector>

#include "testing/db_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::IsOk;

class IdempotencyTest : public amr::testing::DbTest {
 protected:
  // Claims `request`; if new, "does the work" (a row in serial_counter) and
  // saves `body`. Returns the answer given.
  StatusOr<StoredReply> Run(const IdempotencyRequest& request, const std::string& body) {
    StoredReply answer;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(auto prior, ClaimIdempotencyKey(sql, request, clock_));
      if (prior) {
        answer = *prior;
        return OkStatus();
      }
      sql << "INSERT INTO serial_counter (name, value) VALUES (:n, 1)", soci::use(body);
      answer = {201, body};
      return SaveIdempotentReply(sql, request, answer);
    }));
    return answer;
  }
  long long Work() {
    long long n = -1;
    (void)db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM serial_counter", soci::into(n);
      return OkStatus();
    });
    return n;
  }
  FakeClock clock_{*ParseTime("2026-11-24T09:00:00+08:00")};
};

TEST_P(IdempotencyTest, ARetryGetsTheFirstAnswerAndDoesNothing) {
  const IdempotencyRequest req{7, "key-1", "fingerprint-a"};
  auto first = Run(req, "{\"id\":1}");
  ASSERT_TRUE(IsOk(first));
  auto retry = Run(req, "{\"id\":2}");
  ASSERT_TRUE(IsOk(retry));
  EXPECT_EQ(retry->status, 201);
  EXPECT_EQ(retry->body, "{\"id\":1}");
  EXPECT_EQ(Work(), 1);
  // The same key from another user is another request.
  ASSERT_TRUE(IsOk(Run({8, "key-1", "fingerprint-a"}, "{\"id\":3}")));
  EXPECT_EQ(Work(), 2);
  // The same key for a different request is refused.
  auto misuse = Run({7, "key-1", "fingerprint-b"}, "{\"id\":4}");
  EXPECT_EQ(misuse.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(misuse.status().field(), "Idempotency-Key");
  EXPECT_EQ(Work(), 2);
}

TEST_P(IdempotencyTest, ConcurrentRetriesDoTheWorkOnce) {
  const IdempotencyRequest req{7, "key-concurrent", "fp"};
  std::vector<StatusOr<StoredReply>> answers(4, InternalError("not run"));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back(
        [&, i] { answers[i] = Run(req, "{\"attempt\":" + std::to_string(i) + "}"); });
  }
  for (auto& t : threads) t.join();
  for (const auto& a : answers) {
    ASSERT_TRUE(IsOk(a));
    EXPECT_EQ(a->body, answers[0]->body);
  }
  EXPECT_EQ(Work(), 1);
}

TEST_P(IdempotencyTest, AFailedRequestLeavesNoKey) {
  const IdempotencyRequest req{7, "key-2", "fp"};
  Status failed = db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto prior, ClaimIdempotencyKey(sql, req, clock_));
    EXPECT_FALSE(prior.has_value());
    return InvalidArgumentError("坏输入", "name");
  });
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(IsOk(Run(req, "{}")));
  EXPECT_EQ(Work(), 1);
}

TEST_P(IdempotencyTest, OldKeysArePurged) {
  ASSERT_TRUE(IsOk(Run({7, "old", "fp"}, "{\"n\":1}")));
  clock_.Advance(kIdempotencyRetention + std::chrono::seconds(1));
  ASSERT_TRUE(IsOk(Run({7, "new", "fp"}, "{\"n\":2}")));
  ASSERT_TRUE(IsOk(PurgeIdempotencyKeys(db(), clock_)));
  long long left = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM idempotency_key", soci::into(left);
    return OkStatus();
  })));
  EXPECT_EQ(left, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, IdempotencyTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
