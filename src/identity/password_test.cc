// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/password.h"

#include <gtest/gtest.h>

#include <set>

namespace amr::identity {
namespace {

TEST(PasswordPolicyTest, AcceptsAndRefuses) {
  EXPECT_TRUE(CheckPasswordPolicy("Spring-2026!", "zhang").ok());
  EXPECT_TRUE(CheckPasswordPolicy("西湖区市场监管2026", "zhang").ok());  // Chinese + digits
  struct Case {
    std::string password;
    std::string message_part;
  };
  const std::vector<Case> refused = {
      {"Ab-12", "10 到 128"},
      {std::string(129, 'a') + "1", "10 到 128"},
      {"abcdefghijkl", "两类"},
      {"123456789012", "两类"},
      {std::string("Spring-20\0 26", 13), "控制字符"},
      {"Spring\t2026x", "控制字符"},
      {"xx-Zhang-2026", "用户名"},
      {std::string(kDemoPassword), "演示密码"},
      {"\xff\xfe-invalid-2026", "编码"},
  };
  for (const Case& c : refused) {
    Status s = CheckPasswordPolicy(c.password, "zhang", "new_password");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.password;
    EXPECT_EQ(s.field(), "new_password");
    EXPECT_NE(s.message().find(c.message_part), std::string::npos) << s.message();
  }
}

TEST(PasswordHasherTest, HashesVerifiesAndNeverStoresThePassword) {
  PasswordHasher hasher(MinimumCostForTest());
  auto hash = hasher.Hash("Spring-2026!");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_EQ(hash->find("Spring"), std::string::npos);
  EXPECT_TRUE(hasher.Verify(*hash, "Spring-2026!"));
  EXPECT_FALSE(hasher.Verify(*hash, "Spring-2026?"));
  EXPECT_FALSE(hasher.Verify(*hash, ""));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(*hasher.Hash("Spring-2026!"), *hash);
  // Malformed or foreign hashes never verify.
  EXPECT_FALSE(hasher.Verify("", "x"));
  EXPECT_FALSE(hasher.Verify("plaintext", "plaintext"));
  EXPECT_FALSE(hasher.Verify(std::string("$argon2id$\0", 11), "x"));
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
}

TEST(PasswordHasherTest, InteractiveCostAndRehash) {
  PasswordHasher interactive;  // the cost `amr serve` uses
  auto strong = interactive.Hash("Spring-2026!");
  ASSERT_TRUE(strong.ok());
  EXPECT_NE(strong->find("m=65536,t=2"), std::string::npos) << *strong;
  EXPECT_TRUE(interactive.Verify(*strong, "Spring-2026!"));
  EXPECT_FALSE(interactive.NeedsRehash(*strong));
  auto weak = PasswordHasher(MinimumCostForTest()).Hash("Spring-2026!");
  ASSERT_TRUE(weak.ok());
  EXPECT_TRUE(interactive.NeedsRehash(*weak));
}

TEST(PasswordTest, GeneratedPasswordsMeetThePolicyAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string p = GeneratePassword();
    EXPECT_EQ(p.size(), 19u) << p;
    EXPECT_TRUE(CheckPasswordPolicy(p, "").ok()) << p;
    EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos) << p;
    EXPECT_TRUE(seen.insert(p).second);
  }
}

}  // namespace
}  // namespace amr::identity
