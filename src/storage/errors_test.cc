// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/errors.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <new>
#include <stdexcept>

namespace amr::storage {
namespace {

StatusCode PgCode(const char* sqlstate) {
  return StatusFromException(soci::postgresql_soci_error("boom", sqlstate)).code();
}

StatusCode SqliteCode(int result, const std::string& message = "boom") {
  return StatusFromException(soci::sqlite3_soci_error(message, result)).code();
}

TEST(StatusFromExceptionTest, MapsPostgresqlStates) {
  EXPECT_EQ(PgCode("23505"), StatusCode::kAlreadyExists);
  EXPECT_EQ(PgCode("23503"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(PgCode("40001"), StatusCode::kAborted);
  EXPECT_EQ(PgCode("40P01"), StatusCode::kAborted);
  EXPECT_EQ(PgCode("08006"), StatusCode::kUnavailable);
  EXPECT_EQ(PgCode("57P01"), StatusCode::kUnavailable);
  EXPECT_EQ(PgCode("57014"), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(PgCode("23514"), StatusCode::kInternal);  // CHECK: validation was skipped.
  EXPECT_EQ(PgCode("42P01"), StatusCode::kInternal);
}

TEST(StatusFromExceptionTest, MapsSqliteCodes) {
  EXPECT_EQ(SqliteCode(SQLITE_CONSTRAINT_UNIQUE), StatusCode::kAlreadyExists);
  EXPECT_EQ(SqliteCode(SQLITE_CONSTRAINT_PRIMARYKEY), StatusCode::kAlreadyExists);
  EXPECT_EQ(SqliteCode(SQLITE_CONSTRAINT_FOREIGNKEY), StatusCode::kFailedPrecondition);
  EXPECT_EQ(SqliteCode(SQLITE_CONSTRAINT_CHECK), StatusCode::kInternal);
  EXPECT_EQ(SqliteCode(SQLITE_CONSTRAINT, "UNIQUE constraint failed: t.a"),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(SqliteCode(SQLITE_CONSTRAINT, "FOREIGN KEY constraint failed"),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(SqliteCode(SQLITE_BUSY), StatusCode::kAborted);
  EXPECT_EQ(SqliteCode(SQLITE_BUSY_SNAPSHOT), StatusCode::kAborted);
  EXPECT_EQ(SqliteCode(SQLITE_IOERR_WRITE), StatusCode::kUnavailable);
  EXPECT_EQ(SqliteCode(SQLITE_ERROR), StatusCode::kInternal);
}

TEST(StatusFromExceptionTest, MapsOtherExceptions) {
  EXPECT_EQ(StatusFromException(soci::soci_error("x")).code(), StatusCode::kInternal);
  EXPECT_EQ(StatusFromException(std::runtime_error("x")).code(), StatusCode::kInternal);
  EXPECT_EQ(StatusFromException(std::bad_alloc()).code(), StatusCode::kResourceExhausted);
}

TEST(StatusFromExceptionTest, KeepsEngineDetailOnOneLine) {
  Status status = StatusFromException(soci::postgresql_soci_error(
      "ERROR:  duplicate key value violates unique constraint \"entity_pkey\"\n"
      "DETAIL:  Key (uscc)=(91110000X) already exists.\n",
      "23505"));
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(status.message().find("Key (uscc)=(91110000X) already exists."), std::string::npos);
  EXPECT_EQ(status.message().find('\n'), std::string::npos);
}

}  // namespace
}  // namespace amr::storage
