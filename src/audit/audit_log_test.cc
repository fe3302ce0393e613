// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

#include "audit/audit_record.h"
#include "audit/audit_test_util.h"
#include "audit/internal/record_rows.h"
#include "audit/verify.h"

namespace amr::audit {
namespace {

using ::amr::testing::IsOk;

class AuditLogTest : public testing::AuditDbTest {
 protected:
  // Every row, by seq, read with plain SQL.
  std::vector<AuditRecord> Rows() {
    std::vector<AuditRecord> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      out.clear();
      internal::RowBuffer row;
      soci::details::prepare_temp_type st =
          (sql.prepare << std::string("SELECT ") + internal::kRecordColumns +
                              " FROM audit_log ORDER BY seq");
      internal::IntoRow(st, row);
      soci::statement stmt(st);
      stmt.execute();
      while (stmt.fetch()) {
        AuditRecord record;
        EXPECT_TRUE(internal::ToRecord(row, record));
        out.push_back(record);
      }
      return OkStatus();
    })));
    return out;
  }
};

TEST_P(AuditLogTest, AppendsAChainFromTheGenesisHash) {
  AppendSamples(3);
  std::vector<AuditRecord> rows = Rows();
  ASSERT_EQ(rows.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const AuditRecord& r = rows[i];
    EXPECT_EQ(r.seq, i + 1);
    EXPECT_EQ(r.prev_hash, i == 0 ? std::string(kGenesisHash) : rows[i - 1].hash);
    EXPECT_EQ(r.hash, RecordHash(r));
    const AuditEntry e = testing::SampleEntry(i + 1);
    EXPECT_EQ(r.actor.user_id, e.actor.user_id);
    EXPECT_EQ(r.actor.username, e.actor.username);
    EXPECT_EQ(r.actor.role, "admin");
    EXPECT_EQ(r.actor.org_unit_id, 7);
    EXPECT_EQ(r.actor.ip, "10.0.0.1");
    EXPECT_EQ(r.actor.request_id, e.actor.request_id);
    EXPECT_EQ(r.action, e.action);
    EXPECT_EQ(r.target_type, "user");
    EXPECT_EQ(r.target_id, std::to_string(i + 1));
    EXPECT_EQ(r.summary, SummaryText(e.before, e.after));
  }
  EXPECT_EQ(rows[0].recorded_at, "2026-02-13T15:31:00+08:00");
  EXPECT_EQ(rows[2].recorded_at, "2026-02-13T15:33:00+08:00");
  EXPECT_EQ(rows[0].summary, R"({"after":{"name":"新名1"},"before":null})");

  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 3);
  EXPECT_EQ(report->head.seq, 3);
  EXPECT_EQ(report->head.hash, rows[2].hash);
  auto head = Head(db());
  ASSERT_TRUE(IsOk(head));
  EXPECT_EQ(head->checkpoint.ToString(), "3:" + rows[2].hash);
  EXPECT_EQ(head->recorded_at, "2026-02-13T15:33:00+08:00");
}

TEST_P(AuditLogTest, ManyRecordsOfOneTransactionAreLinkedInTheirOrder) {
  // More records than one statement writes (both when they wait and when
  // they are linked), with the values that differ per record.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    for (int i = 1; i <= 250; ++i) RETURN_IF_ERROR(Append(sql, testing::SampleEntry(i), clock_));
    return OkStatus();
  })));
  std::vector<AuditRecord> rows = Rows();
  ASSERT_EQ(rows.size(), 250u);
  for (int i = 0; i < 250; ++i) {
    const AuditEntry e = testing::SampleEntry(i + 1);
    EXPECT_EQ(rows[i].seq, i + 1);
    EXPECT_EQ(rows[i].target_id, std::to_string(i + 1));
    EXPECT_EQ(rows[i].actor.username, e.actor.username);
    EXPECT_EQ(rows[i].actor.request_id, e.actor.request_id);
    EXPECT_EQ(rows[i].summary, SummaryText(e.before, e.after));
    EXPECT_EQ(rows[i].prev_hash, i == 0 ? std::string(kGenesisHash) : rows[i - 1].hash);
  }
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 250);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_pending"), 0);
}

TEST_P(AuditLogTest, AnEmptyChainIsIntact) {
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 0);
  EXPECT_EQ(report->head.ToString(), "0:" + std::string(kGenesisHash));
  auto head = Head(db());
  ASSERT_TRUE(IsOk(head));
  EXPECT_EQ(head->checkpoint.seq, 0);
  EXPECT_EQ(head->recorded_at, "");
}

TEST_P(AuditLogTest, ARolledBackTransactionLeavesNoRecordAndNoGap) {
  AppendSamples(1);
  Status status = db().Transaction([&](soci::session& sql) -> Status {
    sql << "INSERT INTO serial_counter (name, value) VALUES ('x', 1)";  // the audited change
    RETURN_IF_ERROR(Append(sql, testing::SampleEntry(2), clock_));
    return FailedPreconditionError("业务规则拒绝了这次变更");
  });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM serial_counter"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
  ASSERT_TRUE(IsOk(AppendOne(testing::SampleEntry(3))));
  std::vector<AuditRecord> rows = Rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].seq, 2);
  EXPECT_EQ(rows[1].target_id, "3");
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 2);
}

TEST_P(AuditLogTest, RejectsEntriesThatCannotBeStoredVerbatim) {
  struct Case {
    const char* field;
    std::function<void(AuditEntry&)> edit;
  };
  const std::vector<Case> cases = {
      {"action", [](AuditEntry& e) { e.action = ""; }},
      {"action", [](AuditEntry& e) { e.action = "User.Create"; }},
      {"action", [](AuditEntry& e) { e.action = "user.create'; DROP TABLE audit_log; --"; }},
      {"action", [](AuditEntry& e) { e.action = std::string(65, 'a'); }},
      {"target_type", [](AuditEntry& e) { e.target_type = "用户"; }},
      {"target_id", [](AuditEntry& e) { e.target_id = std::string("a\0b", 3); }},
      {"target_id", [](AuditEntry& e) { e.target_id = std::string(513, 'x'); }},
      {"username", [](AuditEntry& e) { e.actor.username = "\xff\xfe"; }},
      {"username", [](AuditEntry& e) { e.actor.username = std::string(513, 'x'); }},
      {"role", [](AuditEntry& e) { e.actor.role = std::string(65, 'r'); }},
      {"ip", [](AuditEntry& e) { e.actor.ip = std::string(513, '1'); }},
      {"request_id", [](AuditEntry& e) { e.actor.request_id = std::string(1, '\0'); }},
      {"user_id", [](AuditEntry& e) { e.actor.user_id = -1; }},
      {"org_unit_id", [](AuditEntry& e) { e.actor.org_unit_id = -5; }},
      {"summary", [](AuditEntry& e) { e.after = std::string(kMaxSummaryBytes, 'x'); }},
  };
  for (const Case& c : cases) {
    AuditEntry entry = testing::SampleEntry(1);
    c.edit(entry);
    Status status = AppendOne(entry);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(status.field(), c.field);
    EXPECT_FALSE(status.message().empty());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_P(AuditLogTest, StoresInjectionStringsAndLargeValuesVerbatim) {
  AuditEntry entry = testing::SampleEntry(1);
  entry.actor.username = "admin'; DROP TABLE audit_log; --";
  entry.actor.ip = "\" OR 1=1 --";
  entry.target_id = "Robert'); DELETE FROM audit_log; --\t\n\\%_";
  entry.actor.role = "角色";
  entry.before = {{"sql", "'); DROP TABLE entity; --"}, {"emoji", "😀"}};
  entry.after = std::string(kMaxSummaryBytes - 100, 'x');
  ASSERT_TRUE(IsOk(AppendOne(entry)));
  std::vector<AuditRecord> rows = Rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].actor.username, entry.actor.username);
  EXPECT_EQ(rows[0].actor.ip, entry.actor.ip);
  EXPECT_EQ(rows[0].target_id, entry.target_id);
  EXPECT_EQ(rows[0].actor.role, "角色");
  EXPECT_EQ(rows[0].summary, SummaryText(entry.before, entry.after));
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
}

TEST_P(AuditLogTest, TheProgramCannotUpdateOrDeleteRecords) {
  AppendSamples(2);
  for (const char* statement : {"UPDATE audit_log SET username = 'x' WHERE seq = 1",
                                "DELETE FROM audit_log WHERE seq = 2"}) {
    Status status = db().Transaction([&](soci::session& sql) -> Status {
      sql << statement;
      return OkStatus();
    });
    EXPECT_FALSE(status.ok()) << statement;
    EXPECT_NE(status.message().find("只能追加"), std::string::npos) << status.ToString();
  }
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 2);
}

// N threads × M transactions, each reading first (so on PostgreSQL its
// snapshot predates other writers' appends) and then appending: one chain,
// no gap, and on PostgreSQL no transaction rerun for the chain's sake (the
// records are linked after each commit, audit_log.h).
TEST_P(AuditLogTest, ConcurrentAppendsFormOneGapFreeChain) {
  const long long reruns = db().reruns();
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Status status = db().Transaction([&](soci::session& sql) -> Status {
          long long n = 0;
          sql << "SELECT COUNT(*) FROM entity", soci::into(n);
          return Append(sql, testing::SampleEntry(t * kEach + i), clock_);
        });
        if (!status.ok()) {
          ++failures;
          ADD_FAILURE() << status.ToString();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact()) << report->first_break->message;
  EXPECT_EQ(report->records_checked, kThreads * kEach);
  EXPECT_EQ(Count("SELECT MIN(seq) FROM audit_log"), 1);
  EXPECT_EQ(Count("SELECT MAX(seq) FROM audit_log"), kThreads * kEach);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT target_id) FROM audit_log"), kThreads * kEach);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_pending"), 0);
  if (backend() == storage::Backend::kPostgresql) {
    EXPECT_EQ(db().reruns(), reruns);
  }
}

// When Transaction returns, the caller's record is in the chain; on
// PostgreSQL it is held by the transaction until just before its commit
// (then written to audit_pending), and a record left there (a seal that
// failed after its commit) is linked by the next seal.
TEST_P(AuditLogTest, ARecordIsInTheChainWhenTheTransactionReturns) {
  long long pending_inside = -1;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    RETURN_IF_ERROR(Append(sql, testing::SampleEntry(1), clock_));
    sql << "SELECT COUNT(*) FROM audit_pending", soci::into(pending_inside);
    return OkStatus();
  })));
  EXPECT_EQ(pending_inside, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_pending"), 0);
  if (backend() == storage::Backend::kSqlite) return;

  // Left waiting: written as Append writes it, committed, never sealed.
  auto raw = db().Acquire();
  ASSERT_TRUE(IsOk(raw));
  raw->session() << "INSERT INTO audit_pending (recorded_at, user_id, username, role, "
                    "org_unit_id, ip, request_id, action, target_type, target_id, summary) "
                    "VALUES ('2026-12-07T10:00:00+08:00', 0, 'system', '', 0, '', '', "
                    "'user.create', 'app_user', '42', '{}')";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_pending"), 1);
  EXPECT_TRUE(IsOk(AppendOne(testing::SampleEntry(2))));  // its seal takes the waiting one too
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_pending"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 3);
  EXPECT_EQ(Count("SELECT seq FROM audit_log WHERE target_id = '42'"), 2);  // linked first
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 3);
}

// PostgreSQL only (SQLite never has two write transactions open): a
// transaction whose snapshot predates another's committed append must not
// chain to the stale head.
TEST_P(AuditLogTest, AStaleSnapshotIsAbortedNotForked) {
  if (backend() == storage::Backend::kSqlite) GTEST_SKIP() << "SQLite serialises writers";
  AppendSamples(1);
  auto stale = db().Acquire();
  ASSERT_TRUE(IsOk(stale));
  soci::session& sql = stale->session();
  sql << "BEGIN ISOLATION LEVEL SERIALIZABLE";
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_log", soci::into(n);  // takes the snapshot
  ASSERT_EQ(n, 1);
  ASSERT_TRUE(IsOk(AppendOne(testing::SampleEntry(2))));  // commits seq 2
  Status status = Append(sql, testing::SampleEntry(3), clock_);
  EXPECT_EQ(status.code(), StatusCode::kAborted) << status.ToString();
  sql << "ROLLBACK";
  auto report = Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::audit
