// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/form.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace amr::establishment {
namespace {

using nlohmann::json;

json Load(const std::string& name) {
  std::ifstream in(std::string(AMR_ESTABLISHMENT_TESTDATA) + "/" + name);
  return json::parse(in);
}

const Date kToday = *Date::Parse("2026-02-13");

StatusOr<Form> Parse(const json& j) { return ParseForm(j, Rules::Default(), kToday); }

TEST(FormTest, ValidCompanyAndIndividualBusiness) {
  auto company = Parse(Load("company.json"));
  ASSERT_TRUE(company.ok()) << company.status().message();
  EXPECT_EQ(company->kind, FormKind::kLimitedCompany);
  EXPECT_EQ(company->registered_capital, 1000000);
  EXPECT_TRUE(company->options.Requested("bank_account"));
  EXPECT_TRUE(PermitItems(*company, Rules::Default()).empty());
  auto individual = Parse(Load("individual.json"));
  ASSERT_TRUE(individual.ok()) << individual.status().message();
  EXPECT_FALSE(individual->registered_capital.has_value());
  EXPECT_FALSE(individual->options.Requested("seal"));
  // The stored shape reads back the same.
  auto again = Parse(FormJson(*company));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(FormJson(*again), FormJson(*company));
}

// 营业期限: companies, branches and partnerships record one (长期 when no last
// day is given); the other kinds none, and a last day for them is refused.
TEST(FormTest, OperatingTermByKind) {
  auto company = Parse(Load("company.json"));
  ASSERT_TRUE(company.ok()) << company.status().message();
  ASSERT_TRUE(OperatingTermOf(*company).has_value());
  EXPECT_FALSE(OperatingTermOf(*company)->until.has_value());  // 长期
  json dated = Load("company.json");
  dated["operating_until"] = "2046-02-12";
  auto twenty_years = Parse(dated);
  ASSERT_TRUE(twenty_years.ok()) << twenty_years.status().message();
  EXPECT_EQ(OperatingTermOf(*twenty_years)->until->ToString(), "2046-02-12");
  EXPECT_EQ(FormJson(*twenty_years)["operating_until"], "2046-02-12");
  EXPECT_EQ(FormJson(*Parse(FormJson(*twenty_years))), FormJson(*twenty_years));

  auto individual = Parse(Load("individual.json"));
  ASSERT_TRUE(individual.ok());
  EXPECT_FALSE(OperatingTermOf(*individual).has_value());
  json wrong = Load("individual.json");
  wrong["operating_until"] = "2046-02-12";
  auto refused = Parse(wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "operating_until");
  EXPECT_NE(refused.status().message().find("个体工商户不登记营业期限"), std::string::npos);

  EXPECT_TRUE(HasOperatingTerm(FormKind::kPartnership));
  EXPECT_TRUE(HasOperatingTerm(FormKind::kBranch));
  EXPECT_FALSE(HasOperatingTerm(FormKind::kSoleProprietorship));
  EXPECT_FALSE(HasOperatingTerm(FormKind::kCooperative));
}

TEST(FormTest, SoleProprietorshipCooperativeAndJointStockForms) {
  // 个人独资企业 as a form was refused before.
  EXPECT_TRUE(CheckNameForm(FormKind::kSoleProprietorship, "杭州云帆咨询个人独资企业").ok());
  EXPECT_TRUE(CheckNameForm(FormKind::kSoleProprietorship, "杭州云帆咨询服务部").ok());
  // 个人独资企业登记管理办法 Art. 6: no 有限 / 公司 (accepted before, ending in 部).
  Status s = CheckNameForm(FormKind::kSoleProprietorship, "杭州云帆有限公司经营部");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "name");
  EXPECT_TRUE(CheckNameForm(FormKind::kCooperative, "杭州青禾种植农民专业合作社").ok());
  EXPECT_TRUE(CheckNameForm(FormKind::kJointStockCompany, "杭州云帆科技股份公司").ok());
  EXPECT_TRUE(CheckNameForm(FormKind::kPartnership, "杭州青禾投资中心（有限合伙）").ok());
}

struct BadCase {
  const char* what;
  std::function<void(json&)> mutate;
  const char* field;
  const char* message_part;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.what; }

class FormErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(FormErrorTest, NamesTheFieldAndRule) {
  json j = Load("company.json");
  GetParam().mutate(j);
  auto form = Parse(j);
  ASSERT_FALSE(form.ok()) << GetParam().what;
  EXPECT_EQ(form.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(form.status().field(), GetParam().field) << form.status().message();
  EXPECT_NE(form.status().message().find(GetParam().message_part), std::string::npos)
      << form.status().message();
  // No field path, member name or English in what the user reads.
  for (const char* technical : {"[", "options", "citizen_id", "uscc", "deferred", "JSON"}) {
    EXPECT_EQ(form.status().message().find(technical), std::string::npos)
        << technical << " in: " << form.status().message();
  }
}

// Messages name fields in Chinese; the error's field keeps the path.
TEST(FieldLabelTest, PathsReadAsChinese) {
  EXPECT_EQ(FieldLabel("investors[1].uscc"), "第 2 位投资人的统一社会信用代码");
  EXPECT_EQ(FieldLabel("investors[0].name"), "第 1 位投资人的姓名或名称");
  EXPECT_EQ(FieldLabel("scope[2]"), "经营范围第 3 项");
  EXPECT_EQ(FieldLabel("options.bank_account.branch"), "开户网点");
  EXPECT_EQ(FieldLabel("legal_rep.citizen_id"), "法定代表人（经营者）身份证号码");
}

INSTANTIATE_TEST_SUITE_P(
    AllRules, FormErrorTest,
    ::testing::Values(
        BadCase{"unknown kind", [](json& j) { j["kind"] = "无限公司"; }, "kind", "主体类型"},
        // 营业期限: a day after today (2026-02-13), as 年-月-日.
        BadCase{"term ends today", [](json& j) { j["operating_until"] = "2026-02-13"; },
                "operating_until", "应晚于今天"},
        BadCase{"term not a date", [](json& j) { j["operating_until"] = "2046-02-30"; },
                "operating_until", "年-月-日"},
        BadCase{"no name", [](json& j) { j.erase("name"); }, "name", "请填写名称"},
        BadCase{"form mismatch", [](json& j) { j["name"] = "杭州云杉科技店"; }, "name", "组织形式"},
        BadCase{"bad rep id", [](json& j) { j["legal_rep"]["citizen_id"] = "110105194912310021"; },
                "legal_rep.citizen_id", "法定代表人（经营者）身份证号码：居民身份证号码校验不通过"},
        BadCase{"no rep", [](json& j) { j.erase("legal_rep"); }, "legal_rep",
                "请填写法定代表人（经营者）"},
        BadCase{"bad investor id",
                [](json& j) { j["investors"][1]["citizen_id"] = "440524188001010015"; },
                "investors[1].citizen_id", "第 2 位投资人的身份证号码"},
        BadCase{"investor both ids",
                [](json& j) { j["investors"][0]["uscc"] = "91350100M000100Y43"; }, "investors[0]",
                "第 1 位投资人须填写身份证号码（自然人）或统一社会信用代码（单位），二者只填其一"},
        BadCase{"capital not positive",
                [](json& j) { j["investors"][0]["subscribed_capital"] = 0; },
                "investors[0].subscribed_capital", "正整数"},
        BadCase{"capital sum", [](json& j) { j["registered_capital"] = 999; }, "registered_capital",
                "之和"},
        BadCase{"no investors", [](json& j) { j["investors"] = json::array(); }, "investors",
                "投资人数"},
        BadCase{"no address commitment", [](json& j) { j["address_commitment"] = false; },
                "address_commitment", "住所申报承诺制"},
        BadCase{"empty scope", [](json& j) { j["scope"] = json::array(); }, "scope",
                "至少选择一项"},
        BadCase{"scope off catalogue", [](json& j) { j["scope"][1] = "X99"; }, "scope[1]",
                "经营范围规范表述目录"},
        BadCase{"scope repeated", [](json& j) { j["scope"][1] = "G04"; }, "scope[1]", "重复"},
        BadCase{"region not county", [](json& j) { j["region_code"] = "330100"; }, "region_code",
                "一个县（区）"},
        BadCase{"industry section", [](json& j) { j["industry_code"] = "I"; }, "industry_code",
                "行业（大类）"},
        BadCase{"unknown material", [](json& j) { j["materials"].push_back("parent_licence"); },
                "materials[6]", "材料清单"},
        BadCase{"key material missing", [](json& j) { j["materials"].erase(1); }, "materials",
                "要件"},
        BadCase{"non-key missing without deferral", [](json& j) { j["materials"].erase(4); },
                "materials", "容缺后补"},
        BadCase{"key material deferred",
                [](json& j) {
                  j["materials"].erase(2);
                  j["deferred_materials"] = {"articles"};
                  j["deferral_commitment"] = true;
                },
                "deferred_materials[0]", "不能容缺"},
        BadCase{"deferral without commitment",
                [](json& j) {
                  j["materials"].erase(4);
                  j["deferred_materials"] = {"officer_appointment"};
                },
                "deferral_commitment", "承诺"},
        BadCase{"unknown option", [](json& j) { j["options"]["lottery"] = true; },
                "options.lottery", "一并办理的事项"},
        BadCase{"seal kind", [](json& j) { j["options"]["seal"]["kinds"] = {"私章"}; },
                "options.seal.kinds[0]", "印章种类"},
        BadCase{"no seal kinds", [](json& j) { j["options"]["seal"]["kinds"] = json::array(); },
                "options.seal.kinds", "至少选择一种"},
        BadCase{"invoice kind",
                [](json& j) { j["options"]["tax"]["invoice_kinds"] = {"机打发票"}; },
                "options.tax.invoice_kinds[0]", "发票种类"},
        BadCase{"bank without branch",
                [](json& j) { j["options"]["bank_account"].erase("branch"); },
                "options.bank_account.branch", "请填写开户网点"},
        BadCase{"flag not boolean", [](json& j) { j["options"]["housing_fund"] = "yes"; },
                "options.housing_fund", "是或否"},
        BadCase{"branch needs parent",
                [](json& j) {
                  j["kind"] = "分公司";
                  j["name"] = "杭州云杉科技有限公司西湖分公司";
                  j.erase("investors");
                  j.erase("registered_capital");
                },
                "parent_uscc", "隶属公司"},
        BadCase{"capital for individual business",
                [](json& j) {
                  j["kind"] = "个体工商户";
                  j.erase("investors");
                },
                "registered_capital", "不登记注册资本"},
        BadCase{"family farm as branch",
                [](json& j) {
                  j["kind"] = "股份有限公司";
                  j["family_farm"] = true;
                },
                "family_farm", "家庭农场"}),
    [](const ::testing::TestParamInfo<BadCase>& info) {
      std::string name;
      for (char c : std::string(info.param.what)) name += std::isalnum(c) ? c : '_';
      return name;
    });

TEST(FormTest, NonKeyMaterialMayBeDeferredAgainstACommitment) {
  json j = Load("company.json");
  j["materials"].erase(4);  // officer_appointment
  j["deferred_materials"] = {"officer_appointment"};
  j["deferral_commitment"] = true;
  auto form = Parse(j);
  ASSERT_TRUE(form.ok()) << form.status().message();
  EXPECT_EQ(form->deferred_materials, std::vector<std::string>{"officer_appointment"});
}

TEST(FormTest, PermitItemsAreMarkedInTheCatalogue) {
  json j = Load("company.json");
  j["scope"] = {"G01", "P01", "P04"};
  auto form = Parse(j);
  ASSERT_TRUE(form.ok()) << form.status().message();
  auto permits = PermitItems(*form, Rules::Default());
  ASSERT_EQ(permits.size(), 2u);
  EXPECT_EQ(permits[0]->permit, "食品经营许可");
  EXPECT_EQ(permits[1]->department, "drug_administration");
}

}  // namespace
}  // namespace amr::establishment
