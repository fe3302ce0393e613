// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/audit_record.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace amr::audit {
namespace {

AuditRecord Example() {
  AuditRecord r;
  r.seq = 1;
  r.prev_hash = std::string(kGenesisHash);
  r.recorded_at = "2026-02-13T15:30:00+08:00";
  r.actor = {42, "张三", "admin", 7, "10.0.0.1", "9f3c2a7d41b0e865"};
  r.action = "user.create";
  r.target_type = "user";
  r.target_id = "42";
  r.summary = SummaryText(nullptr, {{"name", "张三"}});
  return r;
}

// The vectors were computed independently with the Python snippet in
// docs/audit.md (hashlib + struct.pack(">I", …)), not with this code.
TEST(AuditRecordTest, MatchesTheDocumentedTestVector) {
  AuditRecord first = Example();
  EXPECT_EQ(first.summary, R"({"after":{"name":"张三"},"before":null})");
  EXPECT_EQ(RecordHash(first), "ea25a1eeba47f3bc62e47344021738124403eb5a40c4e207033bd08a2f524242");
  AuditRecord second = first;
  second.seq = 2;
  second.prev_hash = RecordHash(first);
  EXPECT_EQ(RecordHash(second), "a684a846cce2d067577e15b0d2b054369f1713b777a544cda462a05cb5efb750");
}

TEST(AuditRecordTest, EncodingIsLengthPrefixedInTheDocumentedOrder) {
  AuditRecord r = Example();
  const std::string encoding = CanonicalEncoding(r);
  // "openamr.audit.v1" is 16 bytes; then seq "1".
  EXPECT_EQ(encoding.substr(0, 20), std::string("\0\0\0\x10openamr.audit.v1", 20));
  EXPECT_EQ(encoding.substr(20, 5), std::string("\0\0\0\x01"
                                                "1",
                                                5));
  EXPECT_EQ(encoding.substr(25, 4), std::string("\0\0\0\x40", 4));  // prev_hash, 64 bytes
  EXPECT_TRUE(encoding.ends_with(r.summary));
}

TEST(AuditRecordTest, TheStoredHashIsNotHashed) {
  AuditRecord r = Example();
  const std::string before = RecordHash(r);
  r.hash = "anything";
  EXPECT_EQ(RecordHash(r), before);
}

TEST(AuditRecordTest, EveryFieldChangesTheHash) {
  const std::vector<std::function<void(AuditRecord&)>> edits = {
      [](AuditRecord& r) { r.seq = 2; },
      [](AuditRecord& r) { r.prev_hash[63] = '1'; },
      [](AuditRecord& r) { r.recorded_at = "2026-02-13T15:30:01+08:00"; },
      [](AuditRecord& r) { r.actor.user_id = 43; },
      [](AuditRecord& r) { r.actor.username = "李四"; },
      [](AuditRecord& r) { r.actor.role = "auditor"; },
      [](AuditRecord& r) { r.actor.org_unit_id = 8; },
      [](AuditRecord& r) { r.actor.ip = "10.0.0.2"; },
      [](AuditRecord& r) { r.actor.request_id = "x"; },
      [](AuditRecord& r) { r.action = "user.delete"; },
      [](AuditRecord& r) { r.target_type = "org_unit"; },
      [](AuditRecord& r) { r.target_id = "43"; },
      [](AuditRecord& r) {
        r.summary = SummaryText(nullptr, {{"name", "李四"}});
      },
  };
  std::set<std::string> hashes = {RecordHash(Example())};
  for (const auto& edit : edits) {
    AuditRecord r = Example();
    edit(r);
    hashes.insert(RecordHash(r));
  }
  EXPECT_EQ(hashes.size(), edits.size() + 1);
}

TEST(AuditRecordTest, MovingBytesAcrossAFieldBoundaryChangesTheHash) {
  AuditRecord a = Example(), b = Example();
  a.actor.username = "ab";
  a.actor.role = "c";
  b.actor.username = "a";
  b.actor.role = "bc";
  EXPECT_NE(RecordHash(a), RecordHash(b));
  a.target_type = "user";
  a.target_id = "";
  b = a;
  b.target_type = "";
  b.target_id = "user";
  EXPECT_NE(RecordHash(a), RecordHash(b));
}

TEST(AuditRecordTest, SummaryIsCompactWithSortedKeys) {
  nlohmann::json before = {{"zeta", 1}, {"alpha", {{"b", true}, {"a", nullptr}}}};
  EXPECT_EQ(SummaryText(before, nullptr),
            R"({"after":null,"before":{"alpha":{"a":null,"b":true},"zeta":1}})");
  // Invalid UTF-8 is replaced rather than failing the audited change.
  EXPECT_EQ(SummaryText(nullptr, std::string("a\xff")),
            "{\"after\":\"a\xEF\xBF\xBD\",\"before\":null}");
}

TEST(AuditRecordTest, HashTextIs64LowercaseHex) {
  EXPECT_TRUE(IsHashText(kGenesisHash));
  EXPECT_TRUE(IsHashText(RecordHash(Example())));
  EXPECT_FALSE(IsHashText(std::string(64, 'A')));
  EXPECT_FALSE(IsHashText(std::string(63, 'a')));
  EXPECT_FALSE(IsHashText(std::string(64, 'g')));
}

}  // namespace
}  // namespace amr::audit
