// SPDX-License-Identifier: MulanPSL-2.0
#include "testing/db_fixture.h"

#include <libpq-fe.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <system_error>

#include "storage/migrations.h"

namespace amr::storage {
void PrintTo(Backend backend, std::ostream* os) { *os << BackendName(backend); }
}  // namespace amr::storage

namespace amr::testing {
namespace {

const char* Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

// Runs one statement outside a transaction on the server of `url`.
Status AdminExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  Status status;
  if (PQstatus(conn) != CONNECTION_OK) {
    status = UnavailableError("无法连接测试用 PostgreSQL：" + std::string(PQerrorMessage(conn)));
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      status = UnavailableError(sql + "：" + PQresultErrorMessage(result));
    }
    PQclear(result);
  }
  PQfinish(conn);
  return status;
}

// `url` with its database name replaced: scheme://authority/NAME?query.
std::string WithDatabase(const std::string& url, const std::string& name) {
  std::size_t authority = url.find("://") + 3;
  std::size_t end = url.find_first_of("/?", authority);
  std::string query;
  if (end != std::string::npos) {
    std::size_t q = url.find('?', end);
    if (q != std::string::npos) query = url.substr(q);
  }
  return url.substr(0, end) + "/" + name + query;
}

std::string RandomSuffix() {
  std::random_device device;
  std::uniform_int_distribution<uint64_t> dist;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(dist(device)));
  return buf;
}

}  // namespace

std::string BackendName(const ::testing::TestParamInfo<storage::Backend>& info) {
  return info.param == storage::Backend::kSqlite ? "Sqlite" : "Postgresql";
}

bool PostgresqlConfigured() { return Env("AMR_TEST_PG_URL") != nullptr; }

bool PostgresqlRequired() {
  const char* value = Env("AMR_REQUIRE_PG");
  return value != nullptr && std::string(value) == "1";
}

::testing::AssertionResult IsOk(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.ToString();
}

StatusOr<std::unique_ptr<TempDatabase>> TempDatabase::Create(storage::Backend backend) {
  std::unique_ptr<TempDatabase> temp(new TempDatabase());
  temp->backend_ = backend;
  if (backend == storage::Backend::kSqlite) {
    std::error_code error;
    std::string pattern =
        (std::filesystem::temp_directory_path(error) / "amr_test_XXXXXX").string();
    if (error || mkdtemp(pattern.data()) == nullptr) {
      return UnavailableError("无法创建临时目录 " + pattern);
    }
    temp->dir_ = pattern;
    temp->url_ = "sqlite:" + pattern + "/amr.db";
    return temp;
  }
  const char* admin = Env("AMR_TEST_PG_URL");
  if (admin == nullptr) return FailedPreconditionError("未设置 AMR_TEST_PG_URL");
  temp->admin_url_ = admin;
  temp->name_ = "amr_test_" + RandomSuffix();
  // template0 with C collation: UTF-8 and byte-order sorting, as on SQLite.
  RETURN_IF_ERROR(AdminExec(temp->admin_url_,
                            "CREATE DATABASE " + temp->name_ +
                                " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"));
  temp->url_ = WithDatabase(temp->admin_url_, temp->name_);
  return temp;
}

TempDatabase::~TempDatabase() {
  if (backend_ == storage::Backend::kSqlite) {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    return;
  }
  if (name_.empty()) return;
  Status dropped = AdminExec(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  if (!dropped.ok()) ADD_FAILURE() << "测试数据库未能删除：" << dropped.ToString();
}

void DbTest::SetUp() {
  if (GetParam() == storage::Backend::kPostgresql && !PostgresqlConfigured()) {
    if (PostgresqlRequired()) {
      GTEST_FAIL() << "AMR_REQUIRE_PG=1 but AMR_TEST_PG_URL is unset "
                      "(run under scripts/with-postgres)";
    }
    GTEST_SKIP() << "AMR_TEST_PG_URL is unset; run under scripts/with-postgres";
  }
  auto temp = TempDatabase::Create(GetParam());
  ASSERT_TRUE(IsOk(temp));
  temp_ = std::move(temp).value();
  auto db = storage::Database::Open(temp_->url());
  ASSERT_TRUE(IsOk(db));
  db_ = std::move(db).value();
  if (migrate_) {
    ASSERT_TRUE(IsOk(storage::Migrate(*db_)));
  }
  SetUpStore();
}

void DbTest::TearDown() {
  db_.reset();
  temp_.reset();
}

}  // namespace amr::testing
