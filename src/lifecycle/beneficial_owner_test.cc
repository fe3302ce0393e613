// SPDX-License-Identifier: MulanPSL-2.0
// 受益所有人信息管理办法 (2024) on both backends: who files, the 25 % tests
// of Art. 6 and their kinds, the person in charge of daily management only
// when no one else qualifies, owners with passports, and 承诺免报.
#include "lifecycle/beneficial_owner.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "identity/identity_test_util.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

std::string Id(int sequence) {
  return *codes::MakeCitizenId("330106", *Date::FromYmd(1985, 5, 17), sequence);
}

json Owner(const std::string& name, const std::string& id, const std::string& type,
           std::optional<double> share) {
  json o = {{"name", name},
            {"citizen_id", id},
            {"nationality", "中国"},
            {"control_type", type},
            {"from_date", "2025-03-10"}};
  if (share) o["ownership_share"] = *share;
  return o;
}

const Date kToday = *Date::FromYmd(2026, 9, 22);

TEST(BeneficialOwnerRulesTest, TwentyFivePercentAndItsKinds) {
  EXPECT_DOUBLE_EQ(BeneficialOwnerRules::Default().threshold_percent(), 25);
  EXPECT_EQ(BeneficialOwnerRules::Default().existing_due().ToString(), "2025-11-01");
  // 24 % of the equity is not enough; 25 % of the votes or the income is.
  auto low =
      ParseBeneficialOwners(json{{"owners", {Owner("周敏", Id(52), "shareholding", 24)}}}, kToday);
  EXPECT_EQ(low.status().field(), "owners[0].ownership_share");
  auto ok = ParseBeneficialOwners(
      json{{"owners",
            {Owner("周敏", Id(52), "voting", 25), Owner("吴刚", Id(63), "benefit", 30),
             Owner("郑强", Id(74), "control", std::nullopt)}}},
      kToday);
  ASSERT_TRUE(IsOk(ok));
  EXPECT_EQ((*ok)[0].control_type, "voting");
  // The manager only when no one else qualifies.
  auto mixed = ParseBeneficialOwners(
      json{{"owners",
            {Owner("周敏", Id(52), "voting", 40), Owner("吴刚", Id(63), "manager", std::nullopt)}}},
      kToday);
  EXPECT_EQ(mixed.status().field(), "owners[1].control_type");
  EXPECT_TRUE(IsOk(ParseBeneficialOwners(
      json{{"owners", {Owner("吴刚", Id(63), "manager", std::nullopt)}}}, kToday)));
  // "other" is no kind of the measures.
  EXPECT_EQ(ParseBeneficialOwners(json{{"owners", {Owner("吴刚", Id(63), "other", std::nullopt)}}},
                                  kToday)
                .status()
                .field(),
            "owners[0].control_type");
}

TEST(BeneficialOwnerRulesTest, OwnersFromOutsideTheMainlandUseTheirDocuments) {
  json foreign = Owner("John Smith", "e12345678", "shareholding", 60);
  foreign["id_type"] = "passport";
  foreign["nationality"] = "英国";
  auto parsed = ParseBeneficialOwners(json{{"owners", {foreign}}}, kToday);
  ASSERT_TRUE(IsOk(parsed));
  EXPECT_EQ((*parsed)[0].id_type, "passport");
  EXPECT_EQ((*parsed)[0].citizen_id, "E12345678");
  json hk = Owner("陈大文", "H12345678", "control", std::nullopt);
  hk["id_type"] = "hk_macao_permit";
  EXPECT_TRUE(IsOk(ParseBeneficialOwners(json{{"owners", {hk}}}, kToday)));
  json bad = foreign;
  bad["citizen_id"] = "护照";
  EXPECT_EQ(ParseBeneficialOwners(json{{"owners", {bad}}}, kToday).status().field(),
            "owners[0].citizen_id");
  json unknown = foreign;
  unknown["id_type"] = "driving_licence";
  EXPECT_EQ(ParseBeneficialOwners(json{{"owners", {unknown}}}, kToday).status().field(),
            "owners[0].id_type");
}

TEST(BeneficialOwnerRulesTest, WhoFiles) {
  registry::Entity e;
  e.kind = registry::EntityKind::kEnterprise;
  for (const char* form : {"有限责任公司", "股份有限公司", "普通合伙企业", "外国公司分支机构"}) {
    e.org_form = form;
    EXPECT_TRUE(MustFileBeneficialOwners(e)) << form;
  }
  for (const char* form : {"个人独资企业", "有限责任公司分公司"}) {
    e.org_form = form;
    EXPECT_FALSE(MustFileBeneficialOwners(e)) << form;
  }
  e.kind = registry::EntityKind::kIndividualBusiness;
  e.org_form = "";
  EXPECT_FALSE(MustFileBeneficialOwners(e));
  e.kind = registry::EntityKind::kCooperative;
  EXPECT_FALSE(MustFileBeneficialOwners(e));
}

class BeneficialOwnerStoreTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override { ASSERT_TRUE(IsOk(identity::testing::SeedTree(db(), clock_))); }

  std::string Entity(int serial, const std::string& form, int64_t capital, const json& investors) {
    registry::Entity e;
    e.uscc = *codes::IssueUscc('9', '1', "330106", static_cast<uint64_t>(880000 + serial));
    e.name = "杭州受益示例" + std::to_string(serial) + "有限公司";
    e.kind = registry::EntityKind::kEnterprise;
    e.org_form = form;
    e.region_code = "330106";
    e.industry_code = "65";
    e.registered_capital = capital;
    e.legal_rep_name = "王芳";
    e.legal_rep_id = Id(12);
    e.address = "杭州市西湖区文三路 1 号";
    e.established_on = *Date::FromYmd(2025, 3, 10);
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2025-03-10T09:00:00+08:00"));
      const std::string detail = json{{"scope", json::array()}, {"investors", investors}}.dump();
      sql << "INSERT INTO entity_detail (uscc, detail_json, updated_at) VALUES (:u, :d, "
             "'2025-03-10T09:00:00+08:00')",
          soci::use(e.uscc), soci::use(detail);
      return OkStatus();
    })));
    return e.uscc;
  }

  StatusOr<BeneficialOwnerFiling> Exempt(const std::string& uscc) {
    std::optional<BeneficialOwnerFiling> out;
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(BeneficialOwnerFiling f,
                       FileBeneficialOwnerExemption(sql, identity::testing::SystemCaller(),
                                                    ChangeChannel::kWindow, uscc, clock_));
      out = f;
      return OkStatus();
    });
    if (!s.ok()) return s;
    return *out;
  }

  FakeClock clock_{*ParseTime("2026-09-22T10:00:00+08:00")};
};

TEST_P(BeneficialOwnerStoreTest, SmallCompaniesOfNaturalPersonsMayCommitInstead) {
  const json people = {{{"name", "王芳"}, {"citizen_id", Id(12)}, {"subscribed_capital", 600000}},
                       {{"name", "李四"}, {"citizen_id", Id(23)}, {"subscribed_capital", 400000}}};
  const std::string small = Entity(1, "有限责任公司", 1'000'000, people);
  auto filed = Exempt(small);
  ASSERT_TRUE(IsOk(filed));
  EXPECT_TRUE(filed->exempt);
  EXPECT_EQ(filed->version, 1);
  EXPECT_TRUE(filed->owners.empty());
  // Over 10 million yuan: the owners must be filed.
  const std::string big = Entity(2, "有限责任公司", 20'000'000, people);
  EXPECT_EQ(Exempt(big).status().field(), "registered_capital");
  // A shareholder that is a company.
  const json mixed = {{{"name", "王芳"}, {"citizen_id", Id(12)}, {"subscribed_capital", 600000}},
                      {{"name", "杭州投资有限公司"},
                       {"uscc", *codes::IssueUscc('9', '1', "330106", 880099)},
                       {"subscribed_capital", 400000}}};
  EXPECT_EQ(Exempt(Entity(3, "有限责任公司", 1'000'000, mixed)).status().field(), "investors");
  // A sole proprietorship is no 备案主体.
  EXPECT_EQ(Exempt(Entity(4, "个人独资企业", 100'000, people)).status().field(), "uscc");
  // The commitment is kept: reading it back shows it.
  std::optional<BeneficialOwnerFiling> read;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(BeneficialOwnerFiling f,
                     GetBeneficialOwners(sql, identity::testing::SystemCaller(), small, clock_));
    read = f;
    return OkStatus();
  })));
  EXPECT_TRUE(read->exempt);
  EXPECT_EQ(BeneficialOwnerFilingJson(*read)["exempt"], true);
}

INSTANTIATE_TEST_SUITE_P(Backends, BeneficialOwnerStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
