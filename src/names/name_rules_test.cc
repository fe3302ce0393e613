// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_rules.h"

#include <gtest/gtest.h>

#include "common/text.h"

namespace amr::names {
namespace {

NameCheck C(std::string_view name) { return Words().CheckWords(name); }

TEST(NameRulesTest, ParsesPrefixRegionAndParts) {
  NameCheck c = C("杭州云帆科技有限公司");
  ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
  EXPECT_EQ(c.parts.region, "杭州");
  EXPECT_EQ(c.parts.trade_name, "云帆");
  EXPECT_EQ(c.parts.industry, "科技");
  EXPECT_EQ(c.parts.form, "有限公司");
  c = C("浙江省杭州市云帆网络科技有限责任公司");
  EXPECT_EQ(c.parts.region, "浙江省杭州市");
  EXPECT_EQ(c.parts.trade_name, "云帆");
  EXPECT_EQ(c.parts.industry, "网络科技");
  EXPECT_EQ(c.parts.form, "有限责任公司");
}

TEST(NameRulesTest, ParsesBracketedRegionAfterTradeNameInFullWidthOrHalfWidth) {
  for (std::string_view name : {"云帆（杭州）科技有限公司", "云帆(杭州)科技有限公司"}) {
    NameCheck c = C(name);
    ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
    EXPECT_EQ(c.parts.region, "杭州");
    EXPECT_EQ(c.parts.trade_name, "云帆");
    EXPECT_EQ(c.parts.industry, "科技");
  }
}

TEST(NameRulesTest, IndividualBusinessPartnershipAndCooperativeForms) {
  EXPECT_EQ(C("西湖区老王小吃店").parts.form, "店");
  EXPECT_EQ(C("西湖区老王小吃店").parts.trade_name, "老王");
  EXPECT_EQ(C("杭州青禾贸易合伙企业（有限合伙）").parts.form, "合伙企业(有限合伙)");
  EXPECT_EQ(C("杭州青禾种植农民专业合作社").parts.form, "农民专业合作社");
  EXPECT_EQ(C("杭州云帆科技有限公司西湖分公司").parts.form, "分公司");
  EXPECT_EQ(C("杭州云帆科技有限公司西湖分公司").parts.trade_name, "云帆");
  EXPECT_EQ(C("杭州云帆个人独资企业").parts.form, "个人独资企业");
}

TEST(NameRulesTest, TradeNameRulesEachNameTheirRule) {
  NameCheck c = C("杭州云科技有限公司");
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("两个以上汉字"), std::string::npos) << c.reason;
  c = C("杭州ABC科技有限公司");
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("规范汉字"), std::string::npos) << c.reason;
  c = C("杭州云帆2科技有限公司");
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  c = C("云帆科技");  // no 组织形式
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("组织形式"), std::string::npos) << c.reason;
  c = C("杭州宁波科技有限公司");  // a region as 字号
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("行政区划"), std::string::npos) << c.reason;
  c = C("杭州软件贸易有限公司");  // an industry term as 字号
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("行业"), std::string::npos) << c.reason;
  c = C("杭州科技有限公司");  // nothing but region, term and form
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
}

TEST(NameRulesTest, ProhibitedCategories) {
  auto category = [](std::string_view name) {
    NameCheck c = C(name);
    EXPECT_EQ(c.verdict, Verdict::kProhibited) << name;
    return c.hits.empty() ? std::string() : c.hits[0].rule;
  };
  EXPECT_EQ(category("杭州国务院科技有限公司"), "prohibited:state_organ");
  EXPECT_EQ(category("杭州共产党科技有限公司"), "prohibited:party_organ");
  EXPECT_EQ(category("杭州解放军贸易有限公司"), "prohibited:army");
  EXPECT_EQ(category("杭州日本料理餐饮有限公司"), "prohibited:foreign_country");
  EXPECT_EQ(category("杭州色情文化传媒有限公司"), "prohibited:obscene");
  EXPECT_EQ(category("杭州风水咨询有限公司"), "prohibited:superstitious");
  EXPECT_EQ(category("杭州黑社会咨询有限公司"), "prohibited:violent");
  EXPECT_EQ(category("杭州支那贸易有限公司"), "prohibited:discriminatory");
  EXPECT_EQ(category("杭州特供食品有限公司"), "prohibited:misleading");
}

TEST(NameRulesTest, RestrictedPrefixIsAHitNotAVerdict) {
  for (std::string_view name :
       {"中国云帆科技有限公司", "中华云帆贸易有限公司", "国家云帆科技有限公司",
        "全国云帆物流有限公司", "中央云帆餐饮有限公司"}) {
    NameCheck c = C(name);
    EXPECT_NE(c.verdict, Verdict::kProhibited) << name;
    ASSERT_FALSE(c.hits.empty()) << name;
    EXPECT_EQ(c.hits[0].rule, rule::kRestrictedPrefix) << name;
  }
  EXPECT_TRUE(C("杭州云帆科技有限公司").hits.empty());
}

TEST(NameRulesTest, TraditionalAndFullWidthFoldToTheSameParts) {
  NameCheck a = C("杭州雲帆網絡科技有限公司");
  NameCheck b = C("杭州云帆网络科技有限公司");
  ASSERT_EQ(a.verdict, Verdict::kOk) << a.reason;
  EXPECT_EQ(a.parts.trade_name, b.parts.trade_name);
  EXPECT_EQ(a.parts.industry, "网络科技");
}

TEST(NameRulesTest, PinyinKeysUseEveryReading) {
  auto keys = Words().PinyinKeys("长乐");
  EXPECT_NE(std::find(keys.begin(), keys.end(), "chang le"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "zhang yue"), keys.end());
  auto other = Words().PinyinKeys("常乐");
  EXPECT_NE(std::find(other.begin(), other.end(), "chang le"), other.end());
}

}  // namespace
}  // namespace amr::names
