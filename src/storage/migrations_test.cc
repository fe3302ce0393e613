// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/migrations.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>
#include <vector>

#include "common/clock.h"
#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;

// 2026-02-13T15:30:00+08:00
const Clock::TimePoint kNow = Clock::TimePoint(std::chrono::seconds(1770967800));

class MigrationsTest : public testing::DbTest {
 protected:
  MigrationsTest() : DbTest(/*migrate=*/false) {}

  std::vector<Migration> Embedded() {
    auto migrations = EmbeddedMigrations(backend());
    EXPECT_TRUE(IsOk(migrations));
    return migrations.ok() ? *migrations : std::vector<Migration>{};
  }

  long long Count(const std::string& sql) {
    long long count = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
      session << sql, soci::into(count);
      return OkStatus();
    })));
    return count;
  }

  Status Exec(const std::string& sql) {
    return db().Transaction([&](soci::session& session) {
      session << sql;
      return OkStatus();
    });
  }
};

TEST_P(MigrationsTest, FreshDatabaseIsAtVersionZero) {
  auto version = SchemaVersion(db());
  ASSERT_TRUE(IsOk(version));
  EXPECT_EQ(*version, 0);
}

TEST_P(MigrationsTest, MigrateIsIdempotentAndReportsTheVersion) {
  FakeClock clock(kNow);
  std::vector<Migration> embedded = Embedded();
  ASSERT_FALSE(embedded.empty());
  ASSERT_TRUE(IsOk(Migrate(db(), clock)));
  clock.Advance(std::chrono::hours(1));
  ASSERT_TRUE(IsOk(Migrate(db(), clock)));
  auto version = SchemaVersion(db());
  ASSERT_TRUE(IsOk(version));
  EXPECT_EQ(*version, embedded.back().version);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<long long>(embedded.size()));
  std::string applied_at, name;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
    session << "SELECT name, applied_at FROM schema_migrations WHERE version = 1", soci::into(name),
        soci::into(applied_at);
    return OkStatus();
  })));
  EXPECT_EQ(name, "core");
  EXPECT_EQ(applied_at, "2026-02-13T15:30:00+08:00");  // From the first run only.
}

TEST_P(MigrationsTest, CoreSchemaEnforcesItsConstraints) {
  ASSERT_TRUE(IsOk(Migrate(db())));
  auto insert_entity = [&](const std::string& uscc, const std::string& kind) {
    return Exec(
        "INSERT INTO entity (uscc, name, kind, region_code, industry_code, status, "
        "established_on, created_at, updated_at) VALUES ('" +
        uscc + "', '北京某某科技有限公司', '" + kind +
        "', '110101', 'I6510', 'active', '2020-01-02', "
        "'2026-02-13T15:30:00+08:00', '2026-02-13T15:30:00+08:00')");
  };
  EXPECT_TRUE(IsOk(insert_entity("91110101MA01ABCD1X", "enterprise")));
  EXPECT_EQ(insert_entity("91110101MA01ABCD1X", "cooperative").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(insert_entity("92110101MA01ABCD1X", "corporation").code(),
            StatusCode::kInternal);  // CHECK
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity WHERE credit_class = 'B' AND family_farm = 0 "
                  "AND registered_capital IS NULL"),
            1);
  // soci::row types follow the declared types alike on both engines.
  ASSERT_TRUE(IsOk(Exec("UPDATE entity SET registered_capital = 3000000000, family_farm = 1")));
  ASSERT_TRUE(IsOk(db().ReadTransaction([](soci::session& session) {
    soci::row row;
    session << "SELECT registered_capital, family_farm FROM entity", soci::into(row);
    EXPECT_EQ(row.get<long long>(0), 3000000000LL);
    EXPECT_EQ(row.get<int>(1), 1);
    return OkStatus();
  })));
  EXPECT_EQ(Exec("UPDATE entity SET registered_capital = 'many'").code(), StatusCode::kInternal);
  EXPECT_EQ(Exec("INSERT INTO change_log (table_name, row_key, op, region_code, changed_at) "
                 "VALUES ('entity', 'x', 'upsert', '110101', 'now')")
                .code(),
            StatusCode::kInternal);
  EXPECT_EQ(Exec("INSERT INTO staff (org_unit_id, username, display_name, region_code) "
                 "VALUES (1, 'lisi', '李四', '110101')")
                .code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(MigrationsTest, FailedVersionLeavesNoTrace) {
  std::vector<Migration> migrations = Embedded();
  const int broken_version = migrations.back().version + 1;
  migrations.push_back(
      {broken_version, "broken", "CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;"});
  Status status = ApplyMigrations(db(), migrations, Clock::Real());
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("_broken"), std::string::npos) << status.ToString();
  auto version = SchemaVersion(db());
  ASSERT_TRUE(IsOk(version));
  EXPECT_EQ(*version, broken_version - 1);
  EXPECT_FALSE(Exec("SELECT COUNT(*) FROM half_done").ok());
}

TEST_P(MigrationsTest, AppliesAVersionAddedBelowTheHighest) {
  std::vector<Migration> migrations = Embedded();
  const int base = migrations.back().version;
  std::vector<Migration> first = migrations;
  first.push_back({base + 2, "later", "CREATE TABLE later_table (x INTEGER);"});
  ASSERT_TRUE(IsOk(ApplyMigrations(db(), first, Clock::Real())));
  std::vector<Migration> merged = migrations;
  merged.push_back({base + 1, "merged", "CREATE TABLE merged_table (x INTEGER);"});
  merged.push_back(first.back());
  ASSERT_TRUE(IsOk(ApplyMigrations(db(), merged, Clock::Real())));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM merged_table"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"), static_cast<long long>(merged.size()));
}

TEST_P(MigrationsTest, RefusesADatabaseMigratedByANewerProgram) {
  ASSERT_TRUE(IsOk(Migrate(db())));
  ASSERT_TRUE(
      IsOk(Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                "VALUES (9999, 'future', '2030-01-01T00:00:00+08:00')")));
  EXPECT_EQ(Migrate(db()).code(), StatusCode::kFailedPrecondition);
}

TEST_P(MigrationsTest, ServersStartingTogetherApplyEachVersionOnce) {
  constexpr int kServers = 3;
  std::vector<std::unique_ptr<Database>> servers;
  for (int i = 0; i < kServers; ++i) {
    auto server = Database::Open(url(), 2);
    ASSERT_TRUE(IsOk(server));
    servers.push_back(std::move(server).value());
  }
  std::vector<Status> results(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] { results[i] = Migrate(*servers[i]); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& result : results) EXPECT_TRUE(IsOk(result));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<long long>(Embedded().size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationsTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::storage
