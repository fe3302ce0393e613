// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/token.h"

#include <gtest/gtest.h>

#include <set>

namespace amr::identity {
namespace {

TEST(TokenTest, GeneratedTokensAreUrlSafeAndHashedAsStored) {
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) {
    NewToken t = GenerateToken();
    EXPECT_EQ(t.token.size(), 43u);
    EXPECT_EQ(t.token.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << t.token;
    EXPECT_EQ(t.hash.size(), 64u);
    auto hash = HashToken(t.token);
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(*hash, t.hash);
    EXPECT_EQ(t.hash.find(t.token), std::string::npos);
    EXPECT_TRUE(tokens.insert(t.token).second);
  }
}

TEST(TokenTest, MalformedTokensAreUnauthenticated) {
  NewToken t = GenerateToken();
  for (const std::string& bad :
       {std::string(), t.token.substr(1), t.token + "A", std::string(43, '*'), std::string(43, '='),
        t.token.substr(0, 42) + "+", std::string("' OR 1=1 --"), std::string(10'000, 'A')}) {
    auto h = HashToken(bad);
    ASSERT_FALSE(h.ok()) << bad;
    EXPECT_EQ(h.status().code(), StatusCode::kUnauthenticated);
  }
}

TEST(TokenTest, BearerHeader) {
  EXPECT_EQ(*BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(*BearerToken("bearer   abc "), "abc");
  EXPECT_EQ(BearerToken("Basic YWxhZGRpbjpvcGVuc2VzYW1l").status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_FALSE(BearerToken("Bearer ").ok());
  EXPECT_FALSE(BearerToken("Bearer").ok());
  EXPECT_FALSE(BearerToken("").ok());
}

TEST(TokenTest, Sha256KnownAnswer) {
  // FIPS 180-2 example.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace amr::identity
