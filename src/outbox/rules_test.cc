// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/rules.h"

#include <gtest/gtest.h>

namespace amr::outbox {
namespace {

using std::chrono::milliseconds;

TEST(OutboxRulesTest, TopicsAreLowerCaseDottedNames) {
  EXPECT_TRUE(ValidateTopic("establishment.step.dispatched").ok());
  EXPECT_TRUE(ValidateTopic("tax-v2_x").ok());
  for (const char* bad : {"", "Establishment", "税务", "a b", "a/b"}) {
    Status s = ValidateTopic(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.field(), "topic");
  }
  EXPECT_FALSE(ValidateTopic(std::string(65, 'a')).ok());
}

// Personal data leaves only over HTTPS; plain http:// only to this machine.
TEST(OutboxRulesTest, EndpointsAreHttpsOrLoopbackHttp) {
  EXPECT_TRUE(ValidateEndpointUrl("https://10.1.2.3:8443/amr/hook").ok());
  EXPECT_TRUE(ValidateEndpointUrl("https://tax.example.gov.cn").ok());
  EXPECT_TRUE(ValidateEndpointUrl("HTTPS://tax.example.gov.cn/a?b=1").ok());
  EXPECT_TRUE(ValidateEndpointUrl("https://[fd00::7]:8080/hook").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://127.0.0.1:8080/hook").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://127.9.8.7/hook").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://localhost/hook").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://[::1]/hook").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://[::1/hook").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://[::1]x/hook").ok());
  for (const char* clear : {"http://tax.example.gov.cn/hook", "http://10.1.2.3:8443/amr/hook",
                            "http://[fd00::7]:8080/hook", "http://127.0.0.1.example.com/",
                            "http://1270.0.0.1/", "http://127.0.0.256/"}) {
    Status s = ValidateEndpointUrl(clear);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << clear;
    EXPECT_EQ(s.field(), "endpoint_url") << clear;
  }
  for (const char* bad : {"ftp://x", "https://", "https://:80/", "https://a:0/", "https://a:70000/",
                          "https://u@host/", "https://a b/", "file:///etc/passwd"}) {
    Status s = ValidateEndpointUrl(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.field(), "endpoint_url") << bad;
  }
}

TEST(OutboxRulesTest, EndpointsMustBeOnTheOperatorsAllowList) {
  const std::vector<std::string> allowed = {"https://tax.example.gov.cn",
                                            "https://bank.example.com/hooks/"};
  EXPECT_TRUE(CheckEndpointAllowed("https://tax.example.gov.cn", allowed).ok());
  EXPECT_TRUE(CheckEndpointAllowed("https://TAX.example.gov.cn/amr/hook", allowed).ok());
  EXPECT_TRUE(CheckEndpointAllowed("https://tax.example.gov.cn?x=1", allowed).ok());
  EXPECT_TRUE(CheckEndpointAllowed("https://bank.example.com/hooks/amr", allowed).ok());
  for (const char* outside :
       {"https://tax.example.gov.cn.evil.example/hook", "https://tax.example.gov.cn:8443/hook",
        "https://bank.example.com/other", "https://county-admin.example.net/steal",
        "http://tax.example.gov.cn/hook"}) {
    Status s = CheckEndpointAllowed(outside, allowed);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << outside;
    EXPECT_EQ(s.field(), "endpoint_url");
  }
  EXPECT_FALSE(CheckEndpointAllowed("https://tax.example.gov.cn", {}).ok());  // none set
  EXPECT_TRUE(CheckEndpointAllowed("http://127.0.0.1:8080/hook", {"http://127.0.0.1:"}).ok());
  EXPECT_FALSE(CheckEndpointAllowed("http://127.0.0.10/hook", {"http://127.0.0.1:"}).ok());
}

TEST(OutboxRulesTest, AllowEntriesAreEndpointsOrAHostWithAnyPort) {
  for (const char* good : {"https://tax.example.gov.cn", "https://bank.example.com/hooks/",
                           "http://127.0.0.1:", "http://127.0.0.1:8080",
                           "https://tax.example.gov.cn:", "http://[::1]:"}) {
    EXPECT_TRUE(ValidateAllowEntry(good).ok()) << good;
  }
  for (const char* bad : {"", "http://", "http://:", "https://:", "http://10.0.0.1:",
                          "ftp://tax.example.gov.cn:", "http://127.0.0.1::", "https://a b:"}) {
    Status s = ValidateAllowEntry(bad);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.field(), "endpoint_url") << bad;
  }
}

TEST(OutboxRulesTest, CleanTextIsUtf8WithoutControls) {
  EXPECT_TRUE(IsCleanText("企业开办:42:tax"));
  EXPECT_FALSE(IsCleanText("a\nb"));
  EXPECT_FALSE(IsCleanText("\xe4\xbc"));  // truncated 3-byte sequence
  EXPECT_FALSE(IsCleanText("\xc0\xaf"));  // overlong
}

TEST(OutboxRulesTest, BackoffDoublesUpToTheCapWithJitterAroundIt) {
  RetryPolicy p;
  p.initial_delay = milliseconds(10'000);
  p.multiplier = 2.0;
  p.max_delay = milliseconds(60'000);
  p.jitter = 0.2;
  // u = 0.5 is the middle: no jitter.
  EXPECT_EQ(BackoffDelay(p, 1, 0.5), milliseconds(10'000));
  EXPECT_EQ(BackoffDelay(p, 2, 0.5), milliseconds(20'000));
  EXPECT_EQ(BackoffDelay(p, 3, 0.5), milliseconds(40'000));
  EXPECT_EQ(BackoffDelay(p, 4, 0.5), milliseconds(60'000));  // capped
  EXPECT_EQ(BackoffDelay(p, 30, 0.5), milliseconds(60'000));
  // The extremes of the draw: ±20 %.
  EXPECT_EQ(BackoffDelay(p, 1, 0.0), milliseconds(8'000));
  EXPECT_EQ(BackoffDelay(p, 1, 1.0), milliseconds(12'000));
  EXPECT_EQ(BackoffDelay(p, 2, 0.75), milliseconds(22'000));
}

TEST(OutboxRulesTest, PoliciesOutOfRangeAreRefused) {
  RetryPolicy p;
  EXPECT_TRUE(ValidateRetryPolicy(p).ok());
  p.max_attempts = 0;
  EXPECT_EQ(ValidateRetryPolicy(p).field(), "max_attempts");
  p = RetryPolicy{};
  p.jitter = 1.5;
  EXPECT_EQ(ValidateRetryPolicy(p).field(), "jitter");
  p = RetryPolicy{};
  p.multiplier = 0.5;
  EXPECT_EQ(ValidateRetryPolicy(p).field(), "multiplier");
  p = RetryPolicy{};
  p.max_delay = milliseconds(1);
  EXPECT_EQ(ValidateRetryPolicy(p).field(), "initial_delay");
}

TEST(OutboxRulesTest, SignatureIsHmacSha256OfTimestampDotBody) {
  // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac
  // secret-of-sixteen
  EXPECT_EQ(Signature("secret-of-sixteen", "1700000000", R"({"a":1})"),
            "v1=021c30d810963293d31f137660d219c4456edc51ce58968c7707b00f827b9216");
  EXPECT_NE(Signature("secret-of-sixteen", "1700000001", R"({"a":1})"),
            Signature("secret-of-sixteen", "1700000000", R"({"a":1})"));
}

}  // namespace
}  // namespace amr::outbox
