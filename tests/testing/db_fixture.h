// SPDX-License-Identifier: MulanPSL-2.0
// One store test suite, every backend (STYLE.md rule 8): a fresh database per
// test on SQLite (a file in a new temp dir) and on PostgreSQL (a new database
// `amr_test_<random>` on the server named by AMR_TEST_PG_URL, dropped after
// the test).
//
//   class EntityStoreTest : public amr::testing::DbTest {};
//   TEST_P(EntityStoreTest, Inserts) { ... db() ... }
//   INSTANTIATE_TEST_SUITE_P(Backends, EntityStoreTest, amr::testing::AllBackends(),
//                            amr::testing::BackendName);
//
// Link `amr_testing_db`. PostgreSQL instances are skipped when AMR_TEST_PG_URL
// is unset, and fail instead when AMR_REQUIRE_PG=1. To run them locally:
// `scripts/with-postgres ctest -L store`.
//
// Thread-safety: a fixture belongs to its test; TempDatabase::Create is
// thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "common/status.h"
#include "storage/database.h"

namespace amr::storage {
// Prints "sqlite"/"postgresql" for a test parameter (found by gtest via ADL).
void PrintTo(Backend backend, std::ostream* os);
}  // namespace amr::storage

namespace amr::testing {

// The parameter generator for INSTANTIATE_TEST_SUITE_P.
inline auto AllBackends() {
  return ::testing::Values(storage::Backend::kSqlite, storage::Backend::kPostgresql);
}

// The parameter's name in test names: "Sqlite" or "Postgresql".
std::string BackendName(const ::testing::TestParamInfo<storage::Backend>& info);

// Whether AMR_TEST_PG_URL is set / AMR_REQUIRE_PG=1.
bool PostgresqlConfigured();
bool PostgresqlRequired();

// `EXPECT_TRUE(IsOk(status))` prints the Status when it is not OK.
::testing::AssertionResult IsOk(const Status& status);
template <typename T>
::testing::AssertionResult IsOk(const StatusOr<T>& status_or) {
  return IsOk(status_or.status());
}

// An empty database that exists as long as this object. Open any number of
// Database objects on url(); close them before destroying this.
class TempDatabase {
 public:
  // Errors: FailedPrecondition for PostgreSQL without AMR_TEST_PG_URL;
  // Unavailable when the server or temp dir cannot be used.
  static StatusOr<std::unique_ptr<TempDatabase>> Create(storage::Backend backend);
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase();  // Removes the temp dir / drops the database.

  const std::string& url() const { return url_; }

 private:
  TempDatabase() = default;
  storage::Backend backend_ = storage::Backend::kSqlite;
  std::string url_;
  std::string dir_;        // SQLite: the temp dir.
  std::string admin_url_;  // PostgreSQL: AMR_TEST_PG_URL.
  std::string name_;       // PostgreSQL: the database's name.
};

// The fixture: db() is open (and migrated unless the derived fixture passes
// migrate = false) before the test body runs. Derived fixtures put their own
// set-up in SetUpStore(), which runs only when the database is ready.
class DbTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  explicit DbTest(bool migrate = true) : migrate_(migrate) {}
  void SetUp() override;
  void TearDown() override;
  virtual void SetUpStore() {}

  storage::Database& db() { return *db_; }
  storage::Backend backend() const { return GetParam(); }
  // For opening a second Database on the same store.
  const std::string& url() const { return temp_->url(); }

 private:
  bool migrate_;
  std::unique_ptr<TempDatabase> temp_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace amr::testing
