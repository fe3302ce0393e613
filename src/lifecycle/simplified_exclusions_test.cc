// SPDX-License-Identifier: MulanPSL-2.0
// What excludes an enterprise from 简易注销 beyond the recorded restrictions,
// on both backends: a branch not deregistered (实施细则 Art. 48 (五)), a lasting
// investment in another market entity, a deregistration that needs approval
// by law (Art. 48 (七)); and the commitment's 法定补偿金 and 清偿费用
// (条例 Art. 33).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/calendar.h"
#include "codes/uscc.h"
#include "identity/identity_test_util.h"
#include "lifecycle/affiliation.h"
#include "lifecycle/simplified.h"
#include "lifecycle/simplified_test_util.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

class SimplifiedExclusionsTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    auto holder = identity::testing::AddApplicant(db(), clock_, hasher_, "holder");
    ASSERT_TRUE(IsOk(holder));
    holder_ = holder->id;
  }

  registry::Entity Entity(const std::string& industry = "65") {
    registry::Entity e;
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(e, testing::AddEntity(sql, clock_, "330106", false, ++serial_, holder_));
      sql << "UPDATE entity SET industry_code = :i WHERE uscc = :u", soci::use(industry),
          soci::use(e.uscc);
      e.industry_code = industry;
      return OkStatus();
    })));
    return e;
  }

  template <typename T>
  StatusOr<T> Run(const std::function<StatusOr<T>(soci::session&)>& work) {
    std::optional<StatusOr<T>> out;
    Status st = db().Transaction([&](soci::session& sql) -> Status {
      out = work(sql);
      return out->status();
    });
    if (!st.ok()) return st;
    return *std::move(out);
  }

  StatusOr<Affiliation> Link(const std::string& uscc, const std::string& kind,
                             const std::string& other, const std::string& name = "") {
    NewAffiliation a;
    a.kind = kind;
    a.other_uscc = other;
    a.other_name = name;
    a.started_on = ChinaDate(clock_.Now()).AddDays(-100);
    a.document = "股东名册";
    return Run<Affiliation>(
        [&](soci::session& sql) { return RecordAffiliation(sql, system_, uscc, a, clock_); });
  }

  StatusOr<Eligibility> Check(const std::string& uscc) {
    return Run<Eligibility>([&](soci::session& sql) {
      return service_.CheckEligibility(sql, system_, uscc, "simplified", "entities.read_private");
    });
  }

  StatusOr<SimplifiedApplication> Apply(const std::string& uscc) {
    return Run<SimplifiedApplication>([&](soci::session& sql) {
      return service_.ApplySimplified(sql, system_, uscc, testing::LegalRepCommitment());
    });
  }

  FakeClock clock_{*ParseTime("2026-09-22T10:00:00+08:00")};
  identity::Caller system_ = identity::testing::SystemCaller();
  DeregistrationService service_{DeregistrationPeriods::Default(), RestrictionKinds::Default(),
                                 clock_, codes::ShippedCalendar()};
  uint64_t serial_ = 7400;
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  int64_t holder_ = 0;
};

TEST_P(SimplifiedExclusionsTest, ABranchNotDeregisteredExcludesTheParent) {
  const registry::Entity parent = Entity();
  const registry::Entity branch = Entity();
  auto link = Link(parent.uscc, "branch", branch.uscc);
  ASSERT_TRUE(IsOk(link));
  EXPECT_EQ(link->other_name, branch.name);  // from the register, not the caller
  auto app = Apply(parent.uscc);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(app.status().message().find("分支机构未办理注销登记"), std::string::npos)
      << app.status().message();
  EXPECT_NE(app.status().message().find(branch.uscc), std::string::npos);
  // The branch deregistered (its own status): the parent may apply.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    sql << "UPDATE entity SET status = 'deregistered' WHERE uscc = :u", soci::use(branch.uscc);
    return OkStatus();
  })));
  auto elig = Check(parent.uscc);
  ASSERT_TRUE(IsOk(elig));
  EXPECT_TRUE(elig->eligible());
  EXPECT_TRUE(IsOk(Apply(parent.uscc)));
}

TEST_P(SimplifiedExclusionsTest, AnInvestmentExcludesUntilItEnds) {
  const registry::Entity investor = Entity();
  auto elsewhere = codes::IssueUscc('9', '1', "310101", 123);
  ASSERT_TRUE(IsOk(elsewhere));
  // Registered elsewhere: the name must be given.
  auto unnamed = Link(investor.uscc, "investment", *elsewhere);
  EXPECT_EQ(unnamed.status().field(), "other_name");
  auto link = Link(investor.uscc, "investment", *elsewhere, "上海示例贸易有限公司");
  ASSERT_TRUE(IsOk(link));
  EXPECT_EQ(Link(investor.uscc, "investment", *elsewhere, "上海示例贸易有限公司").status().code(),
            StatusCode::kAlreadyExists);
  auto elig = Check(investor.uscc);
  ASSERT_TRUE(IsOk(elig));
  ASSERT_EQ(elig->failed.size(), 1u);
  EXPECT_EQ(elig->failed[0].condition, "investment");
  EXPECT_NE(elig->failed[0].detail.find("上海示例贸易有限公司"), std::string::npos);
  // Withdrawn: recorded with its date; the row stays.
  ASSERT_TRUE(IsOk(Run<Affiliation>([&](soci::session& sql) {
    return EndAffiliation(sql, system_, investor.uscc, link->id, ChinaDate(clock_.Now()), clock_);
  })));
  elig = Check(investor.uscc);
  ASSERT_TRUE(IsOk(elig));
  EXPECT_TRUE(elig->eligible());
  auto all = Run<std::vector<Affiliation>>(
      [&](soci::session& sql) { return ListAffiliations(sql, system_, investor.uscc); });
  ASSERT_TRUE(IsOk(all));
  ASSERT_EQ(all->size(), 1u);
  EXPECT_FALSE(all->front().open());
  EXPECT_EQ(identity::testing::CountAudit(db(), "affiliation.end"), 1);
}

TEST_P(SimplifiedExclusionsTest, LinkInputIsChecked) {
  const registry::Entity e = Entity();
  EXPECT_EQ(Link(e.uscc, "subsidiary", e.uscc).status().field(), "kind");
  EXPECT_EQ(Link(e.uscc, "branch", e.uscc).status().field(), "other_uscc");
  EXPECT_EQ(Link(e.uscc, "branch", "91330106MA2M00001Z", "某公司").status().field(), "other_uscc");
}

TEST_P(SimplifiedExclusionsTest, ABankNeedsApprovalAndTakesTheOrdinaryRoute) {
  // GB/T 4754-2017 6621 商业银行服务: 商业银行法 Art. 69 approval first.
  const registry::Entity bank = Entity("6621");
  auto elig = Check(bank.uscc);
  ASSERT_TRUE(IsOk(elig));
  ASSERT_EQ(elig->failed.size(), 1u);
  EXPECT_EQ(elig->failed[0].condition, "approval_required");
  EXPECT_FALSE(Apply(bank.uscc).ok());
}

TEST(SimplifiedCommitmentTest, CompensationAndFeesAreDeclared) {
  json c = testing::LegalRepCommitmentJson();
  ASSERT_TRUE(IsOk(ParseCommitment(c)));
  for (const char* key : {"compensation_paid", "fees_paid"}) {
    json without = c;
    without.erase(key);
    auto parsed = ParseCommitment(without);
    EXPECT_EQ(parsed.status().field(), std::string("commitments.") + key);
  }
  EXPECT_TRUE(CommitmentJson(*ParseCommitment(c), false).value("fees_paid", false));
}

TEST(SimplifiedExclusionsDataTest, ShippedSettings) {
  const SimplifiedExclusions& x = SimplifiedExclusions::Default();
  EXPECT_TRUE(x.branches_exclude());
  EXPECT_TRUE(x.investments_exclude());
  EXPECT_TRUE(x.NeedsApproval("6810"));
  EXPECT_FALSE(x.NeedsApproval("6513"));
  auto bad = SimplifiedExclusions::FromJson(json{{"branches", {{"excludes", "yes"}}}});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, SimplifiedExclusionsTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
