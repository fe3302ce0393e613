// SPDX-License-Identifier: MulanPSL-2.0
// Tampering with audit_log by direct SQL, as someone with database access
// would, and what Verify makes of it.
#include "audit/verify.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "audit/audit_record.h"
#include "audit/audit_test_util.h"
#include "audit/internal/record_rows.h"

namespace amr::audit {
namespace {

using ::amr::testing::IsOk;

constexpr int kRecords = 6;

class VerifyTest : public testing::AuditDbTest {
 protected:
  void SetUpStore() override { AppendSamples(kRecords); }

  VerifyReport Check(const VerifyOptions& options = {}) {
    auto report = Verify(db(), options);
    EXPECT_TRUE(IsOk(report));
    return report.ok() ? *report : VerifyReport{};
  }

  // Expects the first break at `seq` of `kind`, after seq - 1 good records.
  void ExpectBreak(int64_t seq, BreakKind kind, const VerifyOptions& options = {}) {
    VerifyReport report = Check(options);
    ASSERT_FALSE(report.intact()) << "未发现篡改";
    EXPECT_EQ(report.first_break->seq, seq) << report.first_break->message;
    EXPECT_EQ(BreakKindSlug(report.first_break->kind), BreakKindSlug(kind))
        << report.first_break->message;
    EXPECT_NE(report.first_break->message.find("第 " + std::to_string(seq) + " 条"),
              std::string::npos)
        << report.first_break->message;
    EXPECT_EQ(report.records_checked, seq - 1);
    EXPECT_EQ(report.head.seq, seq - 1);
  }

  AuditRecord Row(int64_t seq) {
    AuditRecord record;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      internal::RowBuffer row;
      long long at = seq;
      soci::details::prepare_temp_type st =
          (sql.prepare << std::string("SELECT ") + internal::kRecordColumns +
                              " FROM audit_log WHERE seq = :seq");
      st, soci::use(at, "seq");
      internal::IntoRow(st, row);
      soci::statement stmt(st);
      stmt.execute(true);
      EXPECT_TRUE(internal::ToRecord(row, record));
      return OkStatus();
    })));
    return record;
  }

  // INSERT of `r` as it stands (no recomputation).
  Status Insert(const AuditRecord& r) {
    return db().Transaction([&](soci::session& sql) -> Status {
      if (r.seq < 1) {  // as someone who can change the schema
        if (backend() == storage::Backend::kSqlite) {
          sql << "PRAGMA ignore_check_constraints = ON";
        } else {
          sql << "ALTER TABLE audit_log DROP CONSTRAINT audit_log_seq_check";
        }
      }
      long long seq = r.seq, user_id = r.actor.user_id, org_unit_id = r.actor.org_unit_id;
      sql << "INSERT INTO audit_log (seq, recorded_at, user_id, username, role, org_unit_id, ip, "
             "request_id, action, target_type, target_id, summary, prev_hash, hash) VALUES "
             "(:seq, :recorded_at, :user_id, :username, :role, :org_unit_id, :ip, :request_id, "
             ":action, :target_type, :target_id, :summary, :prev_hash, :hash)",
          soci::use(seq), soci::use(r.recorded_at), soci::use(user_id), soci::use(r.actor.username),
          soci::use(r.actor.role), soci::use(org_unit_id), soci::use(r.actor.ip),
          soci::use(r.actor.request_id), soci::use(r.action), soci::use(r.target_type),
          soci::use(r.target_id), soci::use(r.summary), soci::use(r.prev_hash), soci::use(r.hash);
      return OkStatus();
    });
  }

  // Replaces row `r.seq` with `r` as it stands.
  Status Replace(const AuditRecord& r) {
    RETURN_IF_ERROR(Tamper("DELETE FROM audit_log WHERE seq = " + std::to_string(r.seq)));
    return Insert(r);
  }
};

TEST_P(VerifyTest, AnUntouchedChainIsIntactInAnyBatchSize) {
  for (int batch : {1, 2, 5, 6, 7, 1000}) {
    VerifyOptions options;
    options.batch_size = batch;
    VerifyReport report = Check(options);
    EXPECT_TRUE(report.intact()) << batch;
    EXPECT_EQ(report.records_checked, kRecords) << batch;
    EXPECT_EQ(report.head.seq, kRecords);
    EXPECT_EQ(report.head.hash, Row(kRecords).hash);
  }
}

// Every stored column of a first, middle and last row: the edit is caught at
// that row; undoing it makes the chain whole again.
TEST_P(VerifyTest, EditingAnyColumnOfAnyRowIsCaughtAtThatRow) {
  const std::vector<std::string> text_columns = {
      "recorded_at", "username",  "role",    "ip",        "request_id", "action",
      "target_type", "target_id", "summary", "prev_hash", "hash"};
  const std::vector<std::string> integer_columns = {"user_id", "org_unit_id"};
  for (int seq : {1, 3, kRecords}) {
    const std::string where = " WHERE seq = " + std::to_string(seq);
    auto check = [&](const std::string& column, const std::string& edit, const std::string& undo) {
      SCOPED_TRACE(column + " of record " + std::to_string(seq));
      ASSERT_TRUE(IsOk(Tamper("UPDATE audit_log SET " + column + " = " + edit + where)));
      ExpectBreak(seq, BreakKind::kContentChanged);
      ASSERT_TRUE(IsOk(Tamper("UPDATE audit_log SET " + column + " = " + undo + where)));
      EXPECT_TRUE(Check().intact());
    };
    for (const std::string& c : text_columns) {
      check(c, c + " || 'x'", "substr(" + c + ", 1, length(" + c + ") - 1)");
    }
    for (const std::string& c : integer_columns) check(c, c + " + 1", c + " - 1");
  }
}

TEST_P(VerifyTest, ASubtleEditOfTheSummaryIsCaught) {
  ASSERT_TRUE(IsOk(
      Tamper("UPDATE audit_log SET summary = replace(summary, '新名3', '新名4') WHERE seq = 3")));
  ExpectBreak(3, BreakKind::kContentChanged);
}

TEST_P(VerifyTest, AValueOfTheWrongTypeIsReportedNotFatal) {
  // SQLite keeps text in a BIGINT column; PostgreSQL refuses it, so use a
  // value both accept but Append never writes there.
  const std::string value = backend() == storage::Backend::kSqlite ? "'abc'" : "-0";
  ASSERT_TRUE(IsOk(Tamper("UPDATE audit_log SET user_id = " + value + " WHERE seq = 2")));
  ExpectBreak(2, BreakKind::kContentChanged);
}

TEST_P(VerifyTest, AnEditWithARecomputedHashBreaksTheNextLink) {
  AuditRecord r = Row(3);
  r.summary = SummaryText(nullptr, {{"name", "伪造"}});
  r.hash = RecordHash(r);
  ASSERT_TRUE(IsOk(Replace(r)));
  ExpectBreak(4, BreakKind::kLinkBroken);
}

TEST_P(VerifyTest, ReplacingTheFirstRecordIsCaught) {
  AuditRecord r = Row(1);
  r.prev_hash = Row(2).hash;  // anything but the genesis hash
  r.hash = RecordHash(r);
  ASSERT_TRUE(IsOk(Replace(r)));
  ExpectBreak(1, BreakKind::kLinkBroken);
}

TEST_P(VerifyTest, RewritingTheLastRecordIsCaughtOnlyAgainstACheckpoint) {
  auto head = Head(db());
  ASSERT_TRUE(IsOk(head));
  AuditRecord r = Row(kRecords);
  r.actor.username = "someone_else";
  r.hash = RecordHash(r);
  ASSERT_TRUE(IsOk(Replace(r)));
  EXPECT_TRUE(Check().intact());  // the documented limit of a bare chain
  VerifyOptions options;
  options.checkpoint = head->checkpoint;
  ExpectBreak(kRecords, BreakKind::kCheckpointMismatch, options);
}

TEST_P(VerifyTest, DeletingAMiddleRecordIsCaughtAtTheGap) {
  ASSERT_TRUE(IsOk(Tamper("DELETE FROM audit_log WHERE seq = 3")));
  ExpectBreak(3, BreakKind::kMissingRecord);
  VerifyOptions options;
  options.batch_size = 2;  // the gap falls between two batches
  ExpectBreak(3, BreakKind::kMissingRecord, options);
}

TEST_P(VerifyTest, DeletingTheFirstRecordIsCaught) {
  ASSERT_TRUE(IsOk(Tamper("DELETE FROM audit_log WHERE seq = 1")));
  ExpectBreak(1, BreakKind::kMissingRecord);
}

TEST_P(VerifyTest, DeletingTheTailIsCaughtOnlyAgainstACheckpoint) {
  auto head = Head(db());
  ASSERT_TRUE(IsOk(head));
  ASSERT_TRUE(IsOk(Tamper("DELETE FROM audit_log WHERE seq >= 5")));
  VerifyReport bare = Check();
  EXPECT_TRUE(bare.intact());  // the documented limit of a bare chain
  EXPECT_EQ(bare.records_checked, 4);
  VerifyOptions options;
  options.checkpoint = head->checkpoint;
  ExpectBreak(5, BreakKind::kTruncated, options);
}

TEST_P(VerifyTest, AForgedRecordAtTheEndIsCaught) {
  AuditRecord forged = Row(kRecords);
  forged.seq = kRecords + 1;
  forged.target_id = "99";
  ASSERT_TRUE(IsOk(Insert(forged)));  // hash copied from the last record
  ExpectBreak(kRecords + 1, BreakKind::kContentChanged);
}

TEST_P(VerifyTest, AForgedRecordWithItsOwnHashButAWrongLinkIsCaught) {
  AuditRecord forged = Row(kRecords);
  forged.seq = kRecords + 1;
  forged.prev_hash = Row(kRecords - 1).hash;
  forged.hash = RecordHash(forged);
  ASSERT_TRUE(IsOk(Insert(forged)));
  ExpectBreak(kRecords + 1, BreakKind::kLinkBroken);
}

TEST_P(VerifyTest, ARecordInsertedInTheMiddleIsCaughtAtTheShiftedRecord) {
  // Make room at 4 by renumbering 4..6 to 5..7, then forge a perfectly
  // chained record 4: the renumbered old 4 no longer matches its hash.
  AuditRecord forged = Row(4);
  ASSERT_TRUE(IsOk(TamperAll({"UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4",
                              "UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100"})));
  forged.target_id = "伪造";
  forged.prev_hash = Row(3).hash;
  forged.hash = RecordHash(forged);
  ASSERT_TRUE(IsOk(Insert(forged)));
  ExpectBreak(5, BreakKind::kContentChanged);
}

TEST_P(VerifyTest, SwappingTwoRecordsIsCaught) {
  ASSERT_TRUE(IsOk(TamperAll({"UPDATE audit_log SET seq = 1000 WHERE seq = 3",
                              "UPDATE audit_log SET seq = 3 WHERE seq = 4",
                              "UPDATE audit_log SET seq = 4 WHERE seq = 1000"})));
  ExpectBreak(3, BreakKind::kContentChanged);
}

TEST_P(VerifyTest, ARecordBelowSeqOneIsCaught) {
  AuditRecord forged = Row(1);
  forged.seq = 0;
  ASSERT_TRUE(IsOk(Insert(forged)));
  VerifyReport report = Check();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.first_break->seq, 0);
  EXPECT_EQ(report.first_break->kind, BreakKind::kUnexpectedRecord);
  EXPECT_EQ(report.records_checked, 0);
}

TEST_P(VerifyTest, ACheckpointOfTheIntactChainMatches) {
  VerifyOptions options;
  auto head = Head(db());
  ASSERT_TRUE(IsOk(head));
  options.checkpoint = head->checkpoint;
  EXPECT_TRUE(Check(options).intact());
  AppendSamples(2);  // appending after the checkpoint keeps it valid
  VerifyReport report = Check(options);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.records_checked, kRecords + 2);
  options.checkpoint->hash = Row(2).hash;  // a checkpoint that never was
  ExpectBreak(kRecords, BreakKind::kCheckpointMismatch, options);
}

TEST_P(VerifyTest, RejectsABadBatchSize) {
  VerifyOptions options;
  options.batch_size = 0;
  EXPECT_EQ(Verify(db(), options).status().field(), "batch_size");
}

INSTANTIATE_TEST_SUITE_P(Backends, VerifyTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

TEST(CheckpointTest, ParsesWhatToStringWrites) {
  Checkpoint checkpoint{42, std::string(64, 'a')};
  auto parsed = ParseCheckpoint(checkpoint.ToString());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->seq, 42);
  EXPECT_EQ(parsed->hash, checkpoint.hash);
  auto upper = ParseCheckpoint("7:" + std::string(64, 'F'));
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(upper->hash, std::string(64, 'f'));
}

TEST(CheckpointTest, RejectsMalformedText) {
  for (const std::string& text :
       {std::string(""), std::string("42"), "42:" + std::string(63, 'a'),
        "0:" + std::string(64, 'a'), "-1:" + std::string(64, 'a'), "x:" + std::string(64, 'a'),
        "42:" + std::string(64, 'g'), "42 :" + std::string(64, 'a')}) {
    auto parsed = ParseCheckpoint(text);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(parsed.status().field(), "checkpoint") << text;
  }
}

}  // namespace
}  // namespace amr::audit
