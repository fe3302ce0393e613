// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/database.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include "storage/errors.h"
#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;

void InsertOrgUnit(soci::session& session, const std::string& code) {
  session << "INSERT INTO org_unit (code, name, kind, region_code) "
             "VALUES (:code, '东城区市场监督管理局', 'county_bureau', '110101')",
      soci::use(code);
}

long long CountOrgUnits(Database& db) {
  long long count = -1;
  EXPECT_TRUE(IsOk(db.ReadTransaction([&](soci::session& session) {
    session << "SELECT COUNT(*) FROM org_unit", soci::into(count);
    return OkStatus();
  })));
  return count;
}

TEST(DatabaseOpenTest, RejectsUrlsOfNoKnownForm) {
  for (const char* url : {"", "mysql://root@localhost/amr", "sqlite:", "postgresql://", "amr.db"}) {
    auto db = Database::Open(url);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.status().code(), StatusCode::kInvalidArgument) << url;
    EXPECT_EQ(db.status().field(), "db");
  }
}

TEST(DatabaseOpenTest, SqliteConnectionsAreDurableWalWithForeignKeys) {
  auto temp = testing::TempDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(IsOk(temp));
  auto db = Database::Open((*temp)->url());
  ASSERT_TRUE(IsOk(db));
  ASSERT_EQ((*db)->pool_size(), 4);
  // Hold every lease at once so each pooled connection is checked.
  std::vector<Database::Connection> leases;
  for (int i = 0; i < 4; ++i) {
    auto lease = (*db)->Acquire();
    ASSERT_TRUE(IsOk(lease));
    leases.push_back(std::move(lease).value());
  }
  for (Database::Connection& lease : leases) {
    std::string journal;
    int foreign_keys = 0, synchronous = 0, busy_timeout = 0;
    lease.session() << "PRAGMA journal_mode", soci::into(journal);
    lease.session() << "PRAGMA foreign_keys", soci::into(foreign_keys);
    lease.session() << "PRAGMA synchronous", soci::into(synchronous);
    lease.session() << "PRAGMA busy_timeout", soci::into(busy_timeout);
    EXPECT_EQ(journal, "wal");
    EXPECT_EQ(foreign_keys, 1);
    EXPECT_EQ(synchronous, 2);  // FULL
    EXPECT_EQ(busy_timeout, 10000);
  }
}

TEST(DatabaseOpenTest, SqliteCreatesParentDirectories) {
  auto temp = testing::TempDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(IsOk(temp));
  std::string url = (*temp)->url();
  std::string nested = url.substr(0, url.rfind('/')) + "/var/data/amr.db";
  auto db = Database::Open(nested, 2);
  ASSERT_TRUE(IsOk(db));
  EXPECT_EQ((*db)->pool_size(), 2);
  EXPECT_TRUE(std::filesystem::exists(nested.substr(std::string("sqlite:").size())));
}

TEST(DatabaseOpenTest, SqliteInMemoryUsesOneConnection) {
  auto db = Database::Open("sqlite::memory:", 4);
  ASSERT_TRUE(IsOk(db));
  EXPECT_EQ((*db)->pool_size(), 1);
  EXPECT_TRUE(IsOk((*db)->Transaction([](soci::session& session) {
    session << "CREATE TABLE t (x INTEGER)";
    session << "INSERT INTO t VALUES (1)";
    return OkStatus();
  })));
}

TEST(DatabaseOpenTest, UnreachablePostgresqlIsUnavailable) {
  // Port 1 on loopback: nothing listens there.
  auto db = Database::Open("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
}

class DatabaseTest : public testing::DbTest {};

TEST_P(DatabaseTest, CommitsWhenBodySucceeds) {
  ASSERT_TRUE(IsOk(db().Transaction([](soci::session& session) {
    InsertOrgUnit(session, "A");
    return OkStatus();
  })));
  EXPECT_EQ(CountOrgUnits(db()), 1);
}

TEST_P(DatabaseTest, RollsBackWhenBodyReturnsError) {
  Status status = db().Transaction([](soci::session& session) {
    InsertOrgUnit(session, "A");
    return InvalidArgumentError("名称不能为空", "name");
  });
  EXPECT_EQ(status, InvalidArgumentError("名称不能为空", "name"));
  EXPECT_EQ(CountOrgUnits(db()), 0);
}

TEST_P(DatabaseTest, RollsBackWhenBodyThrows) {
  Status status = db().Transaction([](soci::session& session) -> Status {
    InsertOrgUnit(session, "A");
    throw std::runtime_error("bug");
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(CountOrgUnits(db()), 0);
}

TEST_P(DatabaseTest, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(IsOk(db().Transaction([](soci::session& session) {
    InsertOrgUnit(session, "A");
    return OkStatus();
  })));
  Status status = db().Transaction([](soci::session& session) {
    InsertOrgUnit(session, "B");
    InsertOrgUnit(session, "A");
    return OkStatus();
  });
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  EXPECT_EQ(CountOrgUnits(db()), 1);  // "B" went with the rollback.
}

TEST_P(DatabaseTest, ForeignKeyViolationIsFailedPrecondition) {
  Status status = db().Transaction([](soci::session& session) {
    session << "INSERT INTO staff (org_unit_id, username, display_name, region_code) "
               "VALUES (999, 'zhangsan', '张三', '110101')";
    return OkStatus();
  });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
}

TEST_P(DatabaseTest, RetriesAbortedBodyAndKeepsOnlyTheLastAttempt) {
  int attempts = 0;
  Status status = db().Transaction([&](soci::session& session) {
    InsertOrgUnit(session, "A");
    return ++attempts < 3 ? AbortedError("冲突") : OkStatus();
  });
  EXPECT_TRUE(IsOk(status));
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(CountOrgUnits(db()), 1);
}

TEST_P(DatabaseTest, GivesUpAfterMaxAttempts) {
  int attempts = 0;
  Status status = db().Transaction([&](soci::session&) {
    ++attempts;
    return AbortedError("冲突");
  });
  EXPECT_EQ(status.code(), StatusCode::kAborted);
  EXPECT_EQ(attempts, Database::kMaxAttempts);
}

TEST_P(DatabaseTest, RejectsNestedTransaction) {
  Status inner;
  Status outer = db().Transaction([&](soci::session&) {
    inner = db().Transaction([](soci::session&) { return OkStatus(); });
    return OkStatus();
  });
  EXPECT_TRUE(IsOk(outer));
  EXPECT_EQ(inner.code(), StatusCode::kInternal);
}

TEST_P(DatabaseTest, ReadTransactionCannotWrite) {
  Status status = db().ReadTransaction([](soci::session& session) {
    InsertOrgUnit(session, "A");
    return OkStatus();
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(CountOrgUnits(db()), 0);
  // The connection is writable again afterwards.
  EXPECT_TRUE(IsOk(db().Transaction([](soci::session& session) {
    InsertOrgUnit(session, "A");
    return OkStatus();
  })));
  EXPECT_EQ(CountOrgUnits(db()), 1);
}

TEST_P(DatabaseTest, ExhaustedPoolIsUnavailable) {
  std::vector<Database::Connection> leases;
  for (int i = 0; i < db().pool_size(); ++i) {
    auto lease = db().Acquire();
    ASSERT_TRUE(IsOk(lease));
    leases.push_back(std::move(lease).value());
  }
  auto extra = db().Acquire(std::chrono::milliseconds(50));
  EXPECT_EQ(extra.status().code(), StatusCode::kUnavailable);
  leases.pop_back();
  EXPECT_TRUE(IsOk(db().Acquire(std::chrono::milliseconds(50))));
}

TEST_P(DatabaseTest, LeaseLeftInTransactionIsRolledBack) {
  {
    auto lease = db().Acquire();
    ASSERT_TRUE(IsOk(lease));
    lease->session() << "BEGIN";
    InsertOrgUnit(lease->session(), "A");
  }  // Returned mid-transaction.
  EXPECT_EQ(CountOrgUnits(db()), 0);
}

// Read-modify-write from several threads: BEGIN IMMEDIATE on SQLite and
// SERIALIZABLE with retries on PostgreSQL must lose no update.
TEST_P(DatabaseTest, ConcurrentReadModifyWriteLosesNoUpdate) {
  ASSERT_TRUE(IsOk(db().Transaction([](soci::session& session) {
    session << "INSERT INTO serial_counter (name, value) VALUES ('n', 0)";
    return OkStatus();
  })));
  constexpr int kThreads = 4, kEach = 20;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        Status status = db().Transaction([](soci::session& session) {
          long long value = 0;
          session << "SELECT value FROM serial_counter WHERE name = 'n'", soci::into(value);
          session << "UPDATE serial_counter SET value = :v WHERE name = 'n'", soci::use(value + 1);
          return OkStatus();
        });
        if (!status.ok()) {
          ADD_FAILURE() << status.ToString();
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  long long value = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
    session << "SELECT value FROM serial_counter WHERE name = 'n'", soci::into(value);
    return OkStatus();
  })));
  EXPECT_EQ(value, kThreads * kEach - failures);
  EXPECT_EQ(failures, 0);
}

TEST_P(DatabaseTest, SwallowedStatementErrorIsNotCommitted) {
  if (backend() != Backend::kPostgresql) {
    GTEST_SKIP() << "SQLite keeps a transaction usable after a failed statement";
  }
  Status status = db().Transaction([](soci::session& session) {
    InsertOrgUnit(session, "A");
    try {
      session << "SELECT no_such_column FROM org_unit";
    } catch (const std::exception&) {
      // Swallowed: PostgreSQL has aborted the transaction anyway.
    }
    return OkStatus();
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(CountOrgUnits(db()), 0);
}

TEST_P(DatabaseTest, LostPostgresqlConnectionIsUnavailableThenReconnected) {
  if (backend() != Backend::kPostgresql) GTEST_SKIP() << "no server connection to lose";
  // Terminate every pooled backend from a separate connection.
  auto admin = Database::Open(url(), 1);
  ASSERT_TRUE(IsOk(admin));
  {
    auto lease = (*admin)->Acquire();
    ASSERT_TRUE(IsOk(lease));
    long long others = 0;
    lease->session() << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()",
        soci::into(others);
    ASSERT_EQ(others, db().pool_size());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto query_every_connection = [&](int& failures) {
    std::vector<Database::Connection> leases;
    for (int i = 0; i < db().pool_size(); ++i) {
      auto lease = db().Acquire();
      ASSERT_TRUE(IsOk(lease));
      leases.push_back(std::move(lease).value());
    }
    for (Database::Connection& lease : leases) {
      try {
        int one = 0;
        lease.session() << "SELECT 1", soci::into(one);
      } catch (const std::exception& e) {
        EXPECT_EQ(StatusFromException(e).code(), StatusCode::kUnavailable) << e.what();
        ++failures;
      }
    }
  };
  int first = 0, second = 0;
  query_every_connection(first);
  query_every_connection(second);
  EXPECT_EQ(first, db().pool_size());
  EXPECT_EQ(second, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::storage
