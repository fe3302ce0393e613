// SPDX-License-Identifier: MulanPSL-2.0
// `amr serve`'s limits as an operator gives them: flags, environment
// variables, defaults, and the refusal of bad values naming the option.
#include "cli/serve_limits.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

namespace amr::cli {
namespace {

class ServeLimitsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* v : {"AMR_PUBLIC_BURST", "AMR_PUBLIC_RATE", "AMR_LOGIN_BURST",
                          "AMR_LOGIN_INTERVAL", "AMR_MAX_QUEUED_REQUESTS", "AMR_TRUSTED_PROXY"}) {
      ::unsetenv(v);
    }
  }

  // `amr serve ARGS…` parsed as the real command parses it.
  StatusOr<ServeLimits> Parse(std::vector<std::string> argv) {
    CLI::App app;
    ServeLimitArgs args;
    CLI::App* serve = app.add_subcommand("serve");
    AddServeLimitOptions(*serve, args);
    argv.insert(argv.begin(), "serve");
    std::vector<std::string> reversed(argv.rbegin(), argv.rend());
    app.parse(reversed);
    return ParseServeLimits(args);
  }
};

TEST_F(ServeLimitsTest, DefaultsAreTheAuthorizersDefaults) {
  StatusOr<ServeLimits> l = Parse({});
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->public_limit.burst, 300);
  EXPECT_EQ(l->public_limit.per_second, 100);
  EXPECT_EQ(l->login_limit.burst, 20);
  EXPECT_DOUBLE_EQ(l->login_limit.per_second, 1.0 / 3);
  EXPECT_EQ(l->max_queued_requests, 0u);
  EXPECT_TRUE(l->trusted_proxies.empty());
}

TEST_F(ServeLimitsTest, FlagsAndEnvironmentAndTheFlagWins) {
  ::setenv("AMR_PUBLIC_BURST", "50", 1);
  ::setenv("AMR_PUBLIC_RATE", "2.5", 1);
  ::setenv("AMR_TRUSTED_PROXY", "10.0.0.0/8", 1);
  StatusOr<ServeLimits> l =
      Parse({"--public-rate", "1000", "--login-burst", "5", "--login-interval", "0.5",
             "--max-queued-requests", "64", "--trusted-proxy", "127.0.0.1,::1"});
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->public_limit.burst, 50);         // environment
  EXPECT_EQ(l->public_limit.per_second, 1000);  // flag over environment
  EXPECT_EQ(l->login_limit.burst, 5);
  EXPECT_EQ(l->login_limit.per_second, 2);
  EXPECT_EQ(l->max_queued_requests, 64u);
  EXPECT_TRUE(l->trusted_proxies.Contains("127.0.0.1"));
  EXPECT_FALSE(l->trusted_proxies.Contains("10.0.0.1"));  // the flag replaced it
}

TEST_F(ServeLimitsTest, BadValuesAreRefusedNamingTheOption) {
  struct Case {
    std::vector<std::string> argv;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {{"--public-burst", "0"}, "public-burst"},
           {{"--public-burst", "2.5"}, "public-burst"},
           {{"--public-burst", "abc"}, "public-burst"},
           {{"--public-burst", "9999999"}, "public-burst"},
           {{"--public-rate", "0"}, "public-rate"},
           {{"--public-rate", "-1"}, "public-rate"},
           {{"--public-rate", "nan"}, "public-rate"},
           {{"--public-rate", "inf"}, "public-rate"},
           {{"--public-rate", "1e3"}, "public-rate"},
           {{"--login-burst", "0"}, "login-burst"},
           {{"--login-interval", "0"}, "login-interval"},
           {{"--login-interval", "100000"}, "login-interval"},
           {{"--max-queued-requests", "0"}, "max-queued-requests"},
           {{"--max-queued-requests", " 5"}, "max-queued-requests"},
           {{"--trusted-proxy", "10.0.0.1/8"}, "trusted-proxy"},
           {{"--trusted-proxy", "nginx"}, "trusted-proxy"},
       }) {
    StatusOr<ServeLimits> l = Parse(c.argv);
    ASSERT_FALSE(l.ok()) << c.argv[0] << " " << c.argv[1];
    EXPECT_EQ(l.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(l.status().field(), c.field);
    EXPECT_NE(l.status().message().find("--" + c.field), std::string::npos) << l.status().message();
  }
  ::setenv("AMR_LOGIN_INTERVAL", "soon", 1);
  StatusOr<ServeLimits> l = Parse({});
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(
      l.status().message(),
      "选项 --login-interval（环境变量 AMR_LOGIN_INTERVAL）应为大于 0、不超过 86400 的数（秒），"
      "收到“soon”");
}

}  // namespace
}  // namespace amr::cli
