// SPDX-License-Identifier: MulanPSL-2.0
#include "http/url.h"

#include <gtest/gtest.h>

namespace amr::http {
namespace {

TEST(PercentDecodeTest, DecodesChineseUtf8) {
  StatusOr<std::string> s = PercentDecode("%E5%8C%97%E4%BA%AC%E5%B8%82", false, "name");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*s, "北京市");
}

TEST(PercentDecodeTest, PlusIsSpaceOnlyInQueries) {
  EXPECT_EQ(*PercentDecode("a+b%20c", true, "q"), "a b c");
  EXPECT_EQ(*PercentDecode("a+b", false, "p"), "a+b");
}

TEST(PercentDecodeTest, RawUtf8PassesThrough) {
  EXPECT_EQ(*PercentDecode("市场监管", false, "p"), "市场监管");
}

TEST(PercentDecodeTest, RejectsMalformedEscapes) {
  for (const char* bad : {"%", "%4", "%zz", "abc%", "%G1", "a%2"}) {
    StatusOr<std::string> s = PercentDecode(bad, false, "code");
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.status().field(), "code");
  }
}

TEST(PercentDecodeTest, RejectsInvalidUtf8AndNul) {
  EXPECT_FALSE(PercentDecode("%E5%8C", false, "p").ok());  // Truncated sequence.
  EXPECT_FALSE(PercentDecode("%FF", false, "p").ok());
  EXPECT_FALSE(PercentDecode("a%00b", false, "p").ok());
}

TEST(PercentEncodeTest, RoundTrips) {
  std::string text = "企业 名称/100%&=?";
  std::string encoded = PercentEncode(text);
  EXPECT_EQ(encoded.find_first_of(" /&=?"), std::string::npos);
  EXPECT_EQ(*PercentDecode(encoded, false, "p"), text);
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
}

TEST(SplitRequestTargetTest, SplitsAtFirstQuestionMark) {
  SplitTarget t = SplitRequestTarget("/a/b?x=1&y=?");
  EXPECT_EQ(t.path, "/a/b");
  EXPECT_EQ(t.query, "x=1&y=?");
  EXPECT_EQ(SplitRequestTarget("/a").query, "");
  EXPECT_EQ(SplitRequestTarget("/a#frag").path, "/a");
}

TEST(ParseQueryTest, DecodesRepeatedKeysAndBareKeys) {
  auto q = ParseQuery("name=%E6%B5%8B%E8%AF%95+%E5%85%AC%E5%8F%B8&page=2&&tag=a&tag=b&flag");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->find("name")->second, "测试 公司");
  EXPECT_EQ(q->find("page")->second, "2");
  EXPECT_EQ(q->count("tag"), 2u);
  EXPECT_EQ(q->find("flag")->second, "");
  EXPECT_EQ(q->size(), 5u);
}

TEST(ParseQueryTest, BadEncodingNamesTheQuery) {
  auto q = ParseQuery("a=%zz");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().field(), "query");
}

}  // namespace
}  // namespace amr::http
