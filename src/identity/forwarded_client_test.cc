// SPDX-License-Identifier: MulanPSL-2.0
// The client's address behind a trusted proxy (http/client_address.h) as the
// authorizer and the audit trail use it: a peer that is not a trusted proxy is
// counted under its own address whatever X-Forwarded-For says; clients a
// trusted proxy forwards are counted, and recorded, each under its own.
#include <gtest/gtest.h>

#include <string>

#include "identity/http_test_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::HttpResult;

// The test's requests come from 127.0.0.1.
class ForwardedClientTest : public testing::IdentityHttpTest {
 protected:
  AuthorizerOptions Limits() override {
    AuthorizerOptions o = IdentityHttpTest::Limits();
    o.public_limit = {.burst = 3, .per_second = 1.0 / 60, .max_keys = 100};
    return o;
  }

  HttpResult Ping(const std::string& forwarded_for) {
    return Call("GET", "/api/v1/ping", "", "", {{"X-Forwarded-For", forwarded_for}});
  }

  HttpResult FailLoginFrom(const std::string& forwarded_for) {
    return Call("POST", "/api/v1/auth/login",
                R"({"username":"inspector-a1","password":"Wrong-pass-2026"})", "",
                {{"X-Forwarded-For", forwarded_for}});
  }

  // The address the last failed login was recorded under.
  std::string LastFailedLoginIp() {
    std::string ip;
    (void)db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT ip FROM audit_log WHERE action = 'auth.login_failed' ORDER BY seq DESC "
             "LIMIT 1",
          soci::into(ip);
      return OkStatus();
    });
    return ip;
  }
};

class UntrustedPeerTest : public ForwardedClientTest {
 protected:
  http::ServerOptions HttpOptions() override {
    http::ServerOptions o = http::testutil::TestOptions();
    o.trusted_proxies = *http::TrustedProxies::Parse("10.0.0.0/8");  // not us
    return o;
  }
};

TEST_P(UntrustedPeerTest, IsLimitedAndRecordedUnderItsOwnAddress) {
  // A different made-up client each time does not buy a fresh bucket.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Ping("198.51.100." + std::to_string(i + 1)).status, 200);
  }
  HttpResult limited = Ping("198.51.100.99");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.Header("retry-after").empty());
  EXPECT_EQ(FailLoginFrom("198.51.100.7").status, 401);
  EXPECT_EQ(LastFailedLoginIp(), "127.0.0.1");
}

INSTANTIATE_TEST_SUITE_P(Backends, UntrustedPeerTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

class TrustedProxyTest : public ForwardedClientTest {
 protected:
  http::ServerOptions HttpOptions() override {
    http::ServerOptions o = http::testutil::TestOptions();
    o.trusted_proxies = *http::TrustedProxies::Parse("127.0.0.0/8, ::1");
    return o;
  }
};

TEST_P(TrustedProxyTest, ForwardedClientsAreLimitedAndRecordedEachUnderItsOwn) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Ping("198.51.100.7").status, 200);
  EXPECT_EQ(Ping("198.51.100.7").status, 429);
  // Writing another address left of the one the proxy appended does not help.
  EXPECT_EQ(Ping("203.0.113.1, 198.51.100.7").status, 429);
  // Another client behind the same proxy has its own bucket.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Ping("198.51.100.8").status, 200);
  EXPECT_EQ(Ping("198.51.100.8").status, 429);
  // X-Real-IP when the proxy sends no X-Forwarded-For.
  EXPECT_EQ(Call("GET", "/api/v1/ping", "", "", {{"X-Real-IP", "198.51.100.9"}}).status, 200);
  // The audit trail names the client, not the proxy.
  EXPECT_EQ(FailLoginFrom("2001:db8::42").status, 401);
  EXPECT_EQ(LastFailedLoginIp(), "2001:db8::42");
}

INSTANTIATE_TEST_SUITE_P(Backends, TrustedProxyTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
