// SPDX-License-Identifier: MulanPSL-2.0
#include "common/text.h"

#include <gtest/gtest.h>

namespace amr {
namespace {

TEST(TextTest, FullWidthToHalfWidth) {
  EXPECT_EQ(FullWidthToHalfWidth("ＡＢＣ１２３（）"), "ABC123()");
  EXPECT_EQ(FullWidthToHalfWidth("杭州　西湖"), "杭州 西湖");
  EXPECT_EQ(FullWidthToHalfWidth("中文不变"), "中文不变");
}

TEST(TextTest, TraditionalToSimplified) {
  EXPECT_EQ(TraditionalToSimplified("臺灣電腦科技有限公司"), "台湾电脑科技有限公司");
  EXPECT_EQ(TraditionalToSimplified("杭州市场"), "杭州市场");
}

TEST(TextTest, TrimRemovesAsciiAndIdeographicSpace) {
  EXPECT_EQ(Trim("  \t杭州　"), "杭州");
  EXPECT_EQ(Trim("　　"), "");
  EXPECT_EQ(Trim("a b"), "a b");
}

// Found by tests/fuzz (uscc): OpenCC threw on invalid UTF-8 and FoldText,
// which every name and code typed by a person passes, took the process down.
TEST(TextTest, InvalidUtf8IsKeptNotThrown) {
  const std::string broken = "\xef\xbc\x99\xef\xbc\xbc\x90臺灣\xff";
  EXPECT_EQ(TraditionalToSimplified(broken), "\xef\xbc\x99\xef\xbc\xbc\x90台湾\xff");
  EXPECT_NO_THROW((void)FoldText(broken));
  EXPECT_EQ(FoldText("\x90臺灣\x90"), "\x90台湾\x90");
}

TEST(TextTest, FoldTextCombinesAll) {
  EXPECT_EQ(FoldText("　杭州ａｂｃ網絡科技有限公司 "), "杭州ABC网络科技有限公司");
}

TEST(TextTest, Utf8Helpers) {
  EXPECT_TRUE(IsValidUtf8("市场监管"));
  EXPECT_FALSE(IsValidUtf8("\xE5\xB8"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // Overlong '/'.
  EXPECT_EQ(Utf8Length("市场a"), 3u);
  auto cps = DecodeUtf8("市a");
  ASSERT_EQ(cps.size(), 2u);
  EXPECT_EQ(cps[0], U'市');
  EXPECT_EQ(EncodeUtf8(cps), "市a");
}

}  // namespace
}  // namespace amr
