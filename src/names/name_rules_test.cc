// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_rules.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

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

TEST(NameRulesTest, JointStockShortFormAndPartnershipKindsAfterAnyForm) {
  // 公司法 (2023) Art. 7: 股份有限公司 or 股份公司.
  NameCheck c = C("杭州云帆科技股份公司");
  ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
  EXPECT_EQ(c.parts.form, "股份公司");
  EXPECT_EQ(c.parts.form_kind, "company");
  EXPECT_EQ(c.parts.trade_name, "云帆");
  for (auto [name, form] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"杭州青禾投资中心（有限合伙）", "中心(有限合伙)"},
           {"杭州青禾贸易合伙企业（普通合伙）", "合伙企业(普通合伙)"},
           {"杭州青禾会计师事务所（特殊普通合伙）", "所(特殊普通合伙)"}}) {
    c = C(name);
    EXPECT_EQ(c.parts.form, form) << name << " " << c.reason;
    EXPECT_EQ(c.parts.form_kind, "partnership") << name;
  }
  EXPECT_EQ(C("杭州青禾投资中心（有限合伙）").parts.trade_name, "青禾");
  EXPECT_EQ(C("杭州云帆科技有限公司（有限合伙）").verdict, Verdict::kInvalid);
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

TEST(NameRulesTest, IndustryTermsBeyondTheShortListAreNotSwallowedIntoTheTradeName) {
  // Before the full list, 机械/设备/化工 ended up in the 字号 ("恒通机械").
  for (auto [name, term] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"杭州恒通机械有限公司", "机械"},
           {"杭州恒通设备有限公司", "设备"},
           {"杭州恒通化工有限公司", "化工"},
           {"杭州恒通金属切削机床制造有限公司", "金属切削机床制造"},  // a GB/T 4754 class
           {"杭州恒通泵业有限公司", "泵业"}}) {
    NameCheck c = C(name);
    ASSERT_EQ(c.verdict, Verdict::kOk) << name << " " << c.reason;
    EXPECT_EQ(c.parts.trade_name, "恒通") << name;
    EXPECT_EQ(c.parts.industry, term) << name;
  }
  EXPECT_EQ(C("杭州恒通金属切削机床制造有限公司").parts.industry_code, "3421");
  EXPECT_EQ(C("杭州恒通化工有限公司").parts.section, "C");
  // A residual class name (其他…) is no industry term of its own.
  EXPECT_EQ(Words().FindTerm("其他谷物种植"), nullptr);
  EXPECT_NE(Words().FindTerm("稻谷种植"), nullptr);
}

TEST(NameRulesTest, Art17SameIndustryByMeaningWithTheLevelASetting) {
  const NameWords& strict = Words();
  ASSERT_EQ(strict.settings().art17_same_industry, IndustryMatch::kClass);  // the shipped default
  // One synonym group: the same industry under either reading.
  EXPECT_TRUE(strict.SameIndustryForArt17("信息技术", "信息科技"));
  EXPECT_TRUE(strict.SameIndustryForArt17("装修", "装饰工程"));
  // Different groups, one GB/T 4754 class (3441 泵及真空设备制造).
  EXPECT_TRUE(strict.SameIndustryForArt17("泵业", "泵及真空设备制造"));
  NameWords by_group = strict.WithSettingsForTest({IndustryMatch::kGroup});
  EXPECT_FALSE(by_group.SameIndustryForArt17("泵业", "泵及真空设备制造"));
  EXPECT_TRUE(by_group.SameIndustryForArt17("信息技术", "信息科技"));
  // A name without an industry term covers every industry.
  EXPECT_TRUE(strict.SameIndustryForArt17("", "餐饮"));
  EXPECT_FALSE(strict.SameIndustryForArt17("机械", "化工"));
  EXPECT_EQ(NameWords::SectionOf("3441"), "C");
  EXPECT_EQ(NameWords::SectionOf("62"), "H");
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
  EXPECT_EQ(category("杭州共青团服装有限公司"), "prohibited:mass_organisation");
  EXPECT_EQ(category("杭州红十字会餐饮有限公司"), "prohibited:mass_organisation");
  EXPECT_EQ(category("杭州工会贸易有限公司"), "prohibited:mass_organisation");
  EXPECT_EQ(category("杭州鸿运赌博娱乐有限公司"), "prohibited:illegal_activity");
  EXPECT_EQ(category("杭州毒品检测有限公司"), "prohibited:illegal_activity");
  EXPECT_EQ(category("杭州法轮功文化传媒有限公司"), "prohibited:banned_organisation");
  EXPECT_EQ(category("杭州联合国贸易有限公司"), "prohibited:international_organisation");
  EXPECT_EQ(category("杭州英国风尚服饰有限公司"), "prohibited:foreign_country");
  EXPECT_EQ(category("杭州黑社会咨询有限公司"), "prohibited:violent");
  EXPECT_EQ(category("杭州支那贸易有限公司"), "prohibited:discriminatory");
  EXPECT_EQ(category("杭州特供食品有限公司"), "prohibited:misleading");
}

// Known false positives of plain substring matching: a listed word that only
// straddles two of the parser's words, or sits inside a 字号, is no hit.
TEST(NameRulesTest, ProhibitedWordsMatchOnWordBoundariesNotInsideOtherWords) {
  for (std::string_view name : {
           "杭州华美国际贸易有限公司",  // 华美 + 国际贸易: 美国
           "杭州华美国际有限公司",      // 字号 华美国际: 美国 inside it
           "杭州精英国际贸易有限公司",  // 精英 + 国际贸易: 英国
           "杭州美德国际贸易有限公司",  // 美德 + 国际贸易: 德国
           "杭州旭日本色服装有限公司",  // 旭日本色: 日本
           "杭州三韩国际贸易有限公司",  // 三韩 + 国际贸易: 韩国
           "杭州金工会计咨询有限公司",  // 字号 金工会计: 工会 inside it
           "杭州德法国际贸易有限公司",  // 德法 + 国际贸易: 法国
       }) {
    NameCheck c = C(name);
    EXPECT_NE(c.verdict, Verdict::kProhibited) << name << " " << c.hits[0].message;
  }
}

TEST(NameRulesTest, OneLengthLimitFromTheSettings) {
  const size_t limit = Words().settings().max_name_chars;
  EXPECT_EQ(limit, 50u);
  std::string name = "杭州";
  while (Utf8Length(name) + 6 < limit) name += "云";
  name += "科技有限公司";
  EXPECT_TRUE(Words().CheckLength(name).ok()) << Utf8Length(name);
  name.insert(6, "帆");
  EXPECT_EQ(Utf8Length(name), limit + 1);
  Status s = Words().CheckLength(name);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "name");
}

TEST(NameRulesTest, RestrictedPrefixNeedsAnApprovalDocumentAndThenARegistrar) {
  // 企业名称登记管理规定 Art. 12: refused without the State Council's approval
  // (before, only a hit on an "ok" name, which could be approved instantly).
  for (std::string_view name :
       {"中国云帆科技有限公司", "中华云帆贸易有限公司", "国家云帆科技有限公司",
        "全国云帆物流有限公司", "中央云帆餐饮有限公司", "杭州中华老字号餐饮有限公司"}) {
    NameCheck c = C(name);
    EXPECT_EQ(c.verdict, Verdict::kInvalid) << name;
    ASSERT_FALSE(c.hits.empty()) << name;
    EXPECT_EQ(c.hits[0].rule, rule::kRestrictedPrefix) << name;
    // With the approval document: similar, i.e. a registrar decides.
    NameCheck approved = Words().CheckWords(name, "国函〔2026〕1号");
    EXPECT_EQ(approved.verdict, Verdict::kSimilar) << name;
  }
  EXPECT_TRUE(C("杭州云帆科技有限公司").hits.empty());
}

TEST(NameRulesTest, RestrictedWordInsideANameOnlyAsAnIndustryQualifier) {
  NameCheck c = C("杭州云帆中国科技有限公司");  // ends the 字号
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("行业限定语"), std::string::npos) << c.reason;
  // Straddling two words is no use of the word: 万国 + 家居.
  EXPECT_EQ(C("杭州万国家居有限公司").verdict, Verdict::kOk);
}

TEST(NameRulesTest, RegionChainsNestAndAShortNameThatDoesNotIsPartOfTheTradeName) {
  // 长安 is a district of 西安 and of 石家庄, not of 杭州: the 字号 is 长安福特.
  NameCheck c = C("杭州长安福特汽车有限公司");
  ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
  EXPECT_EQ(c.parts.region, "杭州");
  EXPECT_EQ(c.parts.trade_name, "长安福特");
  c = C("长安福特汽车有限公司");  // a county's short name standing first
  ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
  EXPECT_EQ(c.parts.region, "");
  EXPECT_EQ(c.parts.trade_name, "长安福特");
  c = C("浙江省杭州市西湖区云帆科技有限公司");
  ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
  EXPECT_EQ(c.parts.region_code, "330106");
  c = C("北京朝阳云帆科技有限公司");  // through the pseudo-city 市辖区
  ASSERT_EQ(c.verdict, Verdict::kOk) << c.reason;
  EXPECT_EQ(c.parts.region_code, "110105");
  // A full district name under another city: an error, not a 字号.
  c = C("杭州市朝阳区云帆科技有限公司");
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("从属"), std::string::npos) << c.reason;
}

TEST(NameRulesTest, ADistrictIsNamedWithItsCityExceptByIndividualBusinesses) {
  NameCheck c = C("西湖区云帆科技有限公司");
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("第七条"), std::string::npos) << c.reason;
  EXPECT_EQ(C("杭州市西湖区云帆科技有限公司").verdict, Verdict::kOk);
  EXPECT_EQ(C("西湖区老王小吃店").verdict, Verdict::kOk);
}

TEST(NameRulesTest, TheRegionIsTheAuthoritysOwnOrAHigherOne) {
  auto region_ok = [](std::string_view name, std::string_view authority) {
    NameCheck c = C(name);
    EXPECT_EQ(c.verdict, Verdict::kOk) << name << " " << c.reason;
    return NameWords::CheckRegionForAuthority(c.parts, authority).ok();
  };
  EXPECT_TRUE(region_ok("杭州市西湖区云帆科技有限公司", "330106"));   // its own
  EXPECT_TRUE(region_ok("杭州云帆科技有限公司", "330106"));           // its city
  EXPECT_TRUE(region_ok("浙江云帆科技有限公司", "330106"));           // its province
  EXPECT_TRUE(region_ok("云帆科技有限公司", "330106"));               // none
  EXPECT_FALSE(region_ok("宁波云帆科技有限公司", "330106"));          // another city
  EXPECT_FALSE(region_ok("杭州市拱墅区云帆科技有限公司", "330106"));  // a neighbour
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
