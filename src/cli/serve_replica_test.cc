// SPDX-License-Identifier: MulanPSL-2.0
// `amr serve --read-db / --read-db-max-lag / --aggregate` as an operator gives
// them, and the refusals naming the option.
#include "cli/serve_replica.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

namespace amr::cli {
namespace {

constexpr const char* kPg = "postgresql://amr@10.0.1.20:5432/amr";
constexpr const char* kStandby = "postgresql://amr@10.0.1.21:5432/amr";

class ServeReplicaTest : public ::testing::Test {
 protected:
  void TearDown() override {
    ::unsetenv("AMR_READ_DB");
    ::unsetenv("AMR_READ_DB_MAX_LAG");
  }

  StatusOr<ServeReplica> Parse(std::vector<std::string> argv, const std::string& db = kPg) {
    CLI::App app;
    ServeReplicaArgs args;
    CLI::App* serve = app.add_subcommand("serve");
    AddServeReplicaOptions(*serve, args);
    argv.insert(argv.begin(), "serve");
    std::vector<std::string> reversed(argv.rbegin(), argv.rend());
    app.parse(reversed);
    return ParseServeReplica(args, db);
  }
};

TEST_F(ServeReplicaTest, NoneByDefault) {
  auto r = Parse({});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->read_db, "");
  EXPECT_EQ(r->max_lag, std::chrono::seconds(30));
  EXPECT_FALSE(r->aggregate);
}

TEST_F(ServeReplicaTest, FlagWinsOverEnvironment) {
  ::setenv("AMR_READ_DB", "postgresql://amr@elsewhere/amr", 1);
  ::setenv("AMR_READ_DB_MAX_LAG", "5", 1);
  auto r = Parse({"--read-db", kStandby, "--read-db-max-lag", "2.5"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->read_db, kStandby);
  EXPECT_EQ(r->max_lag, std::chrono::milliseconds(2500));
  auto env = Parse({});
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  EXPECT_EQ(env->read_db, "postgresql://amr@elsewhere/amr");
  EXPECT_EQ(env->max_lag, std::chrono::seconds(5));
}

TEST_F(ServeReplicaTest, RefusedBesideSqlite) {
  auto r = Parse({"--read-db", kStandby}, "sqlite:amr.db");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "read-db");
  EXPECT_NE(r.status().message().find("SQLite"), std::string::npos) << r.status().message();
}

TEST_F(ServeReplicaTest, RefusesAReplicaThatIsNotPostgres) {
  auto r = Parse({"--read-db", "sqlite:copy.db"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "read-db");
}

TEST_F(ServeReplicaTest, RefusesALagOutOfRange) {
  for (const char* bad : {"0", "0.5", "86401", "abc", "-3", "30s"}) {
    auto r = Parse({"--read-db", kStandby, "--read-db-max-lag", bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "read-db-max-lag") << bad;
  }
}

TEST_F(ServeReplicaTest, AggregateOnlyOnPostgresAndWithoutReplica) {
  EXPECT_TRUE(Parse({"--aggregate"}).ok());
  EXPECT_EQ(Parse({"--aggregate"}, "sqlite:amr.db").status().field(), "aggregate");
  EXPECT_EQ(Parse({"--aggregate", "--read-db", kStandby}).status().field(), "aggregate");
}

}  // namespace
}  // namespace amr::cli
