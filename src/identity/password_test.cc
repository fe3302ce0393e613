// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/password.h"

#include <gtest/gtest.h>

#include <set>

namespace amr::identity {
namespace {

TEST(PasswordPolicyTest, AcceptsAndRefuses) {
  EXPECT_TRUE(CheckPasswordPolicy("Lantern-on-the-lake-26", "zhang").ok());
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

// data/passwords/common.txt (Openwall's list of common passwords), also with
// digits or symbols added around a listed word and look-alike characters.
TEST(PasswordPolicyTest, RefusesCommonPasswordsAndTheirSimpleVariants) {
  for (const char* weak : {"password12", "Password-2026", "P@ssw0rd2026!", "#p@ssw0rd#1",
                           "qwerty123456", "Spring-2026!", "iloveyou123", "Sunshine!2026"}) {
    Status s = CheckPasswordPolicy(weak, "zhang", "new_password");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << weak;
    EXPECT_EQ(s.field(), "new_password");
    EXPECT_NE(s.message().find("常见的弱密码"), std::string::npos) << weak << ": " << s.message();
  }
  // A listed word inside a longer phrase is fine.
  EXPECT_TRUE(CheckPasswordPolicy("my password is long 7", "zhang").ok());
}

TEST(PasswordPolicyTest, RefusesVariantsOfTheUserAndItsBureau) {
  const PasswordContext who{
      "330106-beishan-02",
      "陈晓明",
      {"北山市场监督管理所", "330106-beishan", "杭州市西湖区市场监督管理局", "330106-amr"}};
  for (const char* weak : {"Beishan-2026!", "B3ishan#88", "330106-Abc!", "Xx330106Beishan02",
                           "陈晓明的密码2026", "北山所-2026-ok", "杭州市西湖区2026!"}) {
    Status s = CheckPasswordPolicy(weak, who, "new_password");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << weak;
    EXPECT_NE(s.message().find("所在机构"), std::string::npos) << weak << ": " << s.message();
  }
  EXPECT_TRUE(CheckPasswordPolicy("Lantern-on-the-lake-26", who).ok());
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
