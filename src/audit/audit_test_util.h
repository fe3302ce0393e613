// SPDX-License-Identifier: MulanPSL-2.0
// Test-only helpers shared by the audit store tests: appending sample
// records and tampering with audit_log behind the program's back.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "testing/db_fixture.h"

namespace amr::audit::testing {

// 2026-02-13T15:30:00+08:00.
inline const Clock::TimePoint kStart{std::chrono::seconds(1770967800)};

// A sample entry: user 100 + i % 3 ("user0".."user2"), target user/i.
inline AuditEntry SampleEntry(int i) {
  AuditEntry e;
  e.actor = {100 + i % 3, "user" + std::to_string(i % 3), "admin", 7,
             "10.0.0.1",  "req" + std::to_string(i)};
  e.action = i % 2 == 0 ? "user.update" : "user.create";
  e.target_type = "user";
  e.target_id = std::to_string(i);
  e.before = i % 2 == 0 ? nlohmann::json{{"name", "旧名"}} : nlohmann::json();
  e.after = {{"name", "新名" + std::to_string(i)}};
  return e;
}

class AuditDbTest : public amr::testing::DbTest {
 protected:
  // Appends `entry` in a transaction of its own.
  Status AppendOne(const AuditEntry& entry) {
    return db().Transaction(
        [&](soci::session& sql) -> Status { return Append(sql, entry, clock_); });
  }
  // Appends SampleEntry(1..n), the clock advancing a minute before each.
  void AppendSamples(int n) {
    for (int i = 1; i <= n; ++i) {
      clock_.Advance(std::chrono::minutes(1));
      ASSERT_TRUE(amr::testing::IsOk(AppendOne(SampleEntry(i))));
    }
  }
  // Runs statements with the append-only triggers out of the way, as someone
  // with direct access to the database would.
  Status TamperAll(const std::vector<std::string>& statements) {
    return db().Transaction([&](soci::session& sql) -> Status {
      if (backend() == storage::Backend::kSqlite) {
        sql << "DROP TRIGGER IF EXISTS audit_log_no_update";
        sql << "DROP TRIGGER IF EXISTS audit_log_no_delete";
      } else {
        sql << "ALTER TABLE audit_log DISABLE TRIGGER USER";
      }
      for (const std::string& statement : statements) sql << statement;
      return OkStatus();
    });
  }
  Status Tamper(const std::string& statement) { return TamperAll({statement}); }

  long long Count(const std::string& sql_text) {
    long long n = -1;
    EXPECT_TRUE(amr::testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{kStart};
};

}  // namespace amr::audit::testing
