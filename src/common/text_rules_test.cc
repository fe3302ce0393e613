// SPDX-License-Identifier: MulanPSL-2.0
#include "common/text_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace amr {
namespace {

using namespace std::string_literals;

TEST(TextRulesTest, AllowsOrdinaryChineseTextPunctuationAndEmoji) {
  for (const std::string& text :
       {"浙江省杭州市西湖区文三路 90 号 301 室"s, "张三"s, "O'Brien <script>"s, "' OR 1=1 --"s,
        "（有限合伙）·—…“”"s, "ＡＢＣ　全角"s, "👨\u200D👩\u200D👧"s,
        "\uE000"s /* private use: some registries' 生僻字 */, "𠀀𪚥"s}) {
    EXPECT_TRUE(CheckTextCharacters(text, "address").ok()) << text;
  }
}

TEST(TextRulesTest, RefusesControlsNamingTheField) {
  for (const std::string& text : {"a\0b"s, "a\x01"s, "a\x7f"s, "a\u0085b"s, "a\u009bb"s}) {
    Status s = CheckTextCharacters(text, "legal_rep.name", TextLines::kSingle, "姓名");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(s.field(), "legal_rep.name");
    EXPECT_EQ(s.message(), "姓名不能含有控制字符") << text;
  }
}

TEST(TextRulesTest, RefusesBidiOverridesAndInvisibleFormatCharacters) {
  for (const std::string& text :
       {"杭州\u202E司公限有"s, "a\u202Ab"s, "a\u2066b"s, "a\u2069"s, "a\u200Fb"s, "a\u061Cb"s}) {
    Status s = CheckTextCharacters(text, "address");
    EXPECT_EQ(s.message(), "字段 address 不能含有改变文字方向的格式字符") << text;
  }
  for (const std::string& text : {"a\u200Bb"s, "\uFEFFa"s, "a\u2028b"s, "a\u2060b"s, "a\u00ADb"s,
                                  "a\U000E0041b"s, "a\uFFFFb"s, "a\uFDD0b"s}) {
    Status s = CheckTextCharacters(text, "address");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(s.message().find("不可见的格式字符"), std::string::npos) << s.message();
  }
}

TEST(TextRulesTest, LineBreaksOnlyInMultiLineFields) {
  EXPECT_EQ(CheckTextCharacters("第一行\n第二行", "name").message(),
            "字段 name 不能含有换行或制表符");
  EXPECT_EQ(CheckTextCharacters("a\tb", "name").code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckTextCharacters("第一行\r\n\t第二行", "reason", TextLines::kMulti).ok());
  // Multi-line text still refuses every other control.
  EXPECT_FALSE(CheckTextCharacters("a\nb\0"s, "reason", TextLines::kMulti).ok());
  EXPECT_FALSE(CheckTextCharacters("a\n\u202Eb", "reason", TextLines::kMulti).ok());
}

TEST(TextRulesTest, RefusesInvalidUtf8) {
  EXPECT_EQ(CheckTextCharacters("\xE5\xB8", "name", TextLines::kSingle, "名称").message(),
            "名称含有无效的字符编码");
  EXPECT_FALSE(CheckTextCharacters("\xED\xA0\x80", "name").ok());  // a surrogate
}

}  // namespace
}  // namespace amr
