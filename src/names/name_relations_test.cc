// SPDX-License-Identifier: MulanPSL-2.0
// Related entities' names on both backends (企业名称登记管理规定 2020): a
// branch bears its parent's name (Art. 13); entities in an investment
// relationship, or authorised, may use another's 字号 (Art. 15); an ended name
// still blocking does not block an investor or the transferee (Art. 17 (二)),
// but does block one merely authorised; the check and the binding re-check in
// the store agree.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "common/text.h"
#include "names/name_service.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::names {
namespace {

using testing::IsOk;

constexpr const char* kParent = "91330106MA00000011";
constexpr const char* kOther = "91330106MA00000022";

class NameRelationsTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    names_ = std::make_unique<NameService>(&db(), clock_);
    Register(kParent, "杭州云帆科技有限公司");
    ASSERT_TRUE(IsOk(names_->Start()));
  }

  void Register(const std::string& uscc, const std::string& name,
                std::vector<RelatedEntity> related = {}) {
    registry::Entity e;
    e.uscc = uscc;
    e.name = name;
    e.region_code = "330106";
    e.industry_code = "65";
    e.established_on = *Date::FromYmd(2020, 1, 2);
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2026-03-02T10:00:00+08:00"));
      RegisteredName reg{uscc, name, "330106", "65", 0, std::move(related), ""};
      return names_->RecordRegistered(sql, reg, audit::Actor{});
    });
    last_ = s;
  }

  NameCheck Check(std::string_view name, std::vector<RelatedEntity> related) {
    auto c = names_->Check(name, "330106", "65", "", related);
    EXPECT_TRUE(IsOk(c)) << c.status().message();
    return c.ok() ? *c : NameCheck{};
  }

  FakeClock clock_{*ParseTime("2026-03-02T10:00:00+08:00")};
  std::unique_ptr<NameService> names_;
  Status last_ = OkStatus();
};

TEST_P(NameRelationsTest, ABranchBearsItsParentsName) {
  const std::string branch = "杭州云帆科技有限公司西湖分公司";
  // Without the relation the parent's 字号 is an Art. 17 conflict …
  EXPECT_EQ(Check(branch, {}).verdict, Verdict::kConflict);
  // … with it (Art. 13) the hit is shown as exempted, not counted.
  NameCheck c = Check(branch, {{kParent, NameRelation::kParent}});
  EXPECT_EQ(c.verdict, Verdict::kOk);
  ASSERT_EQ(c.exempted.size(), 1u);
  EXPECT_EQ(c.exempted[0].uscc, kParent);
  EXPECT_NE(c.exempted[0].message.find("第十三条"), std::string::npos) << c.exempted[0].message;
  // The binding re-check in the store agrees, both ways.
  Register("91330106MA00000033", branch);
  EXPECT_EQ(last_.code(), StatusCode::kFailedPrecondition);
  Register("91330106MA00000033", branch, {{kParent, NameRelation::kParent}});
  EXPECT_TRUE(IsOk(last_)) << last_.message();
}

TEST_P(NameRelationsTest, AnInvestedCompanyMayUseItsInvestorsTradeName) {
  // Art. 15: 有投资关系的企业，其名称中可以含有另一个企业的名称或者字号.
  const std::string name = "杭州云帆科技有限责任公司";
  EXPECT_EQ(Check(name, {}).verdict, Verdict::kConflict);
  EXPECT_EQ(Check(name, {{kParent, NameRelation::kInvestment}}).verdict, Verdict::kOk);
  // Relations to someone else change nothing.
  EXPECT_EQ(Check(name, {{kOther, NameRelation::kInvestment}}).verdict, Verdict::kConflict);
  Register("91330106MA00000044", name, {{kParent, NameRelation::kInvestment}});
  EXPECT_TRUE(IsOk(last_)) << last_.message();
}

TEST_P(NameRelationsTest, AnEndedNameSparesTheInvestorAndTheTransfereeNotTheLicensee) {
  // The parent deregisters on 2026-03-02; its name blocks through 2027-03-02.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    return names_->RecordNameEnded(sql, kParent, *Date::FromYmd(2026, 3, 2), "注销",
                                   audit::Actor{});
  })));
  clock_.Set(*ParseTime("2026-09-01T10:00:00+08:00"));
  const std::string name = "杭州云帆科技有限公司";
  EXPECT_EQ(Check(name, {}).verdict, Verdict::kConflict);
  // Art. 17 (二): 但有投资关系或者受让企业名称的除外.
  EXPECT_EQ(Check(name, {{kParent, NameRelation::kInvestment}}).verdict, Verdict::kOk);
  EXPECT_EQ(Check(name, {{kParent, NameRelation::kTransferred}}).verdict, Verdict::kOk);
  // An authorisation (Art. 15) does not outlive the name it was given for, nor
  // does a branch bear a name its parent no longer has (Art. 13).
  EXPECT_EQ(Check(name, {{kParent, NameRelation::kAuthorised}}).verdict, Verdict::kConflict);
  EXPECT_EQ(Check("杭州云帆科技有限公司西湖分公司", {{kParent, NameRelation::kParent}}).verdict,
            Verdict::kConflict);
  Register("91330106MA00000055", name, {{kParent, NameRelation::kAuthorised}});
  EXPECT_EQ(last_.code(), StatusCode::kFailedPrecondition);
  Register("91330106MA00000055", name, {{kParent, NameRelation::kTransferred}});
  EXPECT_TRUE(IsOk(last_)) << last_.message();
}

TEST(NameRelationTest, IdsRoundTripAndUnknownOnesAreRefused) {
  for (NameRelation r :
       {NameRelation::kParent, NameRelation::kInvestment, NameRelation::kAuthorised,
        NameRelation::kTransferred, NameRelation::kPredecessor}) {
    auto parsed = ParseNameRelation(NameRelationId(r), "relation");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, r);
  }
  auto bad = ParseNameRelation("friend", "relation");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "relation");
}

INSTANTIATE_TEST_SUITE_P(Backends, NameRelationsTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::names
