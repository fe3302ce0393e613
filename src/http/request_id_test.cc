// SPDX-License-Identifier: MulanPSL-2.0
#include "http/request_id.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace amr::http {
namespace {

TEST(RequestIdTest, SixteenLowerHexCharacters) {
  std::string id = NewRequestId();
  ASSERT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
}

TEST(RequestIdTest, DoNotRepeat) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(NewRequestId());
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(RequestIdTest, SaneClientIds) {
  EXPECT_TRUE(IsSaneRequestId("abc-DEF_123"));
  EXPECT_TRUE(IsSaneRequestId(std::string(64, 'a')));
  EXPECT_FALSE(IsSaneRequestId(""));
  EXPECT_FALSE(IsSaneRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsSaneRequestId("a b"));
  EXPECT_FALSE(IsSaneRequestId("a\"b"));
  EXPECT_FALSE(IsSaneRequestId("请求"));
  EXPECT_FALSE(IsSaneRequestId("a\r\nSet-Cookie: x"));
}

}  // namespace
}  // namespace amr::http
