// SPDX-License-Identifier: MulanPSL-2.0
// Penalty publications and credit repair on both backends, on the shipped
// calendar, today Monday 2026-03-02: a 2025 penalty (the 2021 rules: repair
// after 6 months) is repaired through the one form and stops showing; a
// penalty of February 2026 (第107号令: 3 months) cannot be yet and says from
// when; a serious listing leaves early once the reports are filed, another at
// the end of its period.
#include "credit/repair_service.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "credit/credit_test_fixture.h"
#include "credit/punishment_service.h"
#include "credit/serious_service.h"
#include "credit/serious_store.h"

namespace amr::credit {
namespace {

class RepairServiceTest : public CreditServiceTest {
 protected:
  void SetUpStore() override {
    CreditServiceTest::SetUpStore();
    repair_ = std::make_unique<RepairService>(db(), clock_, codes::ShippedCalendar(), *service_);
  }

  NewPenalty Penalty(const std::string& no, const std::string& decided_on) {
    NewPenalty p;
    p.uscc = kShop;
    p.decision_no = no;
    p.decided_on = decided_on;
    p.kinds = {"fine"};
    p.fine_fen = 500000;
    p.tier = "general";
    p.facts = "销售超过保质期的食品";
    p.basis = "《中华人民共和国食品安全法》第一百二十四条";
    p.content = "罚款五千元";
    return p;
  }

  RepairForm Form() {
    return {"已缴清罚款，下架并销毁过期食品，完善进货查验制度", "缴款书 3301-2025-0001", true};
  }

  std::unique_ptr<RepairService> repair_;
};

TEST_P(RepairServiceTest, APenaltyIsPublishedOnceRepairedThroughTheFormAndStopsShowing) {
  const identity::Principal registrar = Registrar();
  // Only the authority publishes; a retry of the same decision adds nothing.
  EXPECT_EQ(repair_->PublishPenalty(As(owner_), Penalty("杭西市监罚〔2025〕12号", "2025-06-10"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  auto old =
      repair_->PublishPenalty(As(registrar), Penalty("杭西市监罚〔2025〕12号", "2025-06-10"));
  ASSERT_TRUE(IsOk(old));
  EXPECT_TRUE(old->created);
  EXPECT_EQ(old->penalty.public_until.ToString(), "2028-06-10");  // 2021 rules: 3 years
  EXPECT_EQ(old->penalty.repairable_from->ToString(), "2025-12-11");
  EXPECT_TRUE(old->penalty.published_late);  // decided in June 2025, published in March 2026
  auto again =
      repair_->PublishPenalty(As(registrar), Penalty("杭西市监罚〔2025〕12号", "2025-06-10"));
  ASSERT_TRUE(IsOk(again));
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->penalty.id, old->penalty.id);
  auto recent =
      repair_->PublishPenalty(As(registrar), Penalty("杭西市监罚〔2026〕3号", "2026-02-02"));
  ASSERT_TRUE(IsOk(recent));
  // 2 February + 20 working days (the Spring Festival between) is 6 March.
  EXPECT_FALSE(recent->penalty.published_late);
  NewPenalty before_founding = Penalty("杭西市监罚〔2019〕1号", "2019-05-05");
  EXPECT_EQ(repair_->PublishPenalty(As(registrar), before_founding).status().field(), "decided_on");
  auto shown = repair_->PublicPenalties(kShop);
  ASSERT_TRUE(IsOk(shown));
  EXPECT_EQ(shown->size(), 2u);

  // The options say what is met and from when the rest can be.
  auto options = repair_->Options(kShop);
  ASSERT_TRUE(IsOk(options));
  ASSERT_EQ(options->size(), 2u);
  const RepairOption& newest = (*options)[0];
  EXPECT_EQ(newest.record_id, recent->penalty.id);
  EXPECT_FALSE(newest.reading.Ready());
  EXPECT_EQ(newest.reading.earliest->ToString(), "2026-05-03");  // 第107号令: 3 months
  EXPECT_TRUE((*options)[1].reading.Ready());

  // Too early: every unmet condition named, nothing written.
  auto early =
      repair_->Apply(As(owner_), kShop, RepairRecord::kPenalty, recent->penalty.id, Form());
  EXPECT_EQ(early.status().field(), "conditions");
  EXPECT_NE(early.status().message().find("2026-05-03"), std::string::npos);
  EXPECT_EQ(repair_->Apply(As(stranger_), kShop, RepairRecord::kPenalty, old->penalty.id, Form())
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  RepairForm no_commitment = Form();
  no_commitment.commitment = false;
  EXPECT_EQ(
      repair_->Apply(As(owner_), kShop, RepairRecord::kPenalty, old->penalty.id, no_commitment)
          .status()
          .field(),
      "commitment");
  RepairForm no_proof = Form();
  no_proof.evidence = "";
  EXPECT_EQ(repair_->Apply(As(owner_), kShop, RepairRecord::kPenalty, old->penalty.id, no_proof)
                .status()
                .field(),
            "evidence");
  EXPECT_EQ(repair_->Apply(As(owner_), kStall, RepairRecord::kPenalty, old->penalty.id, Form())
                .status()
                .field(),
            "record_id");  // another entity's penalty

  auto applied = repair_->Apply(As(owner_), kShop, RepairRecord::kPenalty, old->penalty.id, Form());
  ASSERT_TRUE(IsOk(applied));
  ASSERT_TRUE(applied->application.has_value());
  EXPECT_TRUE(applied->created);
  // Applied under 第107号令: 7 working days, Tue 3 … Wed 11 March.
  EXPECT_EQ(applied->application->due.ToString(), "2026-03-11");
  auto retried = repair_->Apply(As(owner_), kShop, RepairRecord::kPenalty, old->penalty.id, Form());
  ASSERT_TRUE(IsOk(retried));
  EXPECT_FALSE(retried->created);
  EXPECT_EQ(retried->application->id, applied->application->id);
  auto queue = repair_->Queue(As(registrar));
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().title, "行政处罚 杭西市监罚〔2025〕12号");
  EXPECT_EQ(queue->front().days_left, 7);
  EXPECT_FALSE(queue->front().overdue);
  EXPECT_EQ(repair_->Queue(As(owner_))->size(), 0u);

  const int64_t id = applied->application->id;
  EXPECT_EQ(repair_->Decide(As(owner_), id, true, "").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(repair_->Decide(As(registrar), id, false, "").status().field(), "reason");
  clock_.Set(*ParseTime("2026-03-12T09:00:00+08:00"));  // a day late
  auto decided = repair_->Decide(As(registrar), id, true, "");
  ASSERT_TRUE(IsOk(decided));
  EXPECT_EQ(decided->state, RepairState::kApproved);
  EXPECT_TRUE(decided->decided_late);
  EXPECT_EQ(repair_->Decide(As(registrar), id, true, "").status().field(), "state");
  auto decided_list = repair_->ApplicationsOf(kShop);
  ASSERT_TRUE(IsOk(decided_list));
  ASSERT_EQ(decided_list->size(), 1u);
  EXPECT_EQ(decided_list->front().state, RepairState::kApproved);
  shown = repair_->PublicPenalties(kShop);
  ASSERT_TRUE(IsOk(shown));
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_EQ(shown->front().id, recent->penalty.id);
  options = repair_->Options(kShop);
  ASSERT_TRUE(IsOk(options));
  EXPECT_EQ(options->size(), 1u);

  // Audited, and in the change feed.
  long long audited = 0, changes = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action IN ('credit.penalty_publish', "
           "'credit.repair_apply', 'credit.repair_decide')",
        soci::into(audited);
    sql << "SELECT COUNT(*) FROM change_log WHERE table_name = 'penalty_publication'",
        soci::into(changes);
    return OkStatus();
  })));
  EXPECT_EQ(audited, 4);  // two publications, an application, a decision
  EXPECT_EQ(changes, 3);  // two inserts, the repair
}

TEST_P(RepairServiceTest, ASeriousListingLeavesEarlyOnRepairOrAtTheEndOfItsPeriod) {
  const identity::Principal registrar = Registrar();
  long long listing = 0, serious = 0, expired = 0;
  const std::string shop = kShop, filer = kFiler;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    const long long unit = t_.a.id;
    sql << "INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, decision_no, "
           "authority_unit_id, state, created_at) VALUES (:u, 'no_annual_report', 2021, "
           "'2022-07-01', '甲列异〔2022〕1号', :a, 'listed', 'x') RETURNING id",
        soci::use(shop), soci::use(unit), soci::into(listing);
    const std::string source = "abnormal_listing:" + std::to_string(listing);
    sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, "
           "decided_on, decision_no, authority_unit_id, listed_until, created_at) VALUES (:u, "
           "'abnormal_escalation', :s, 'listed', '2025-01-06', '2025-02-03', "
           "'甲严重失信〔2025〕1号', "
           ":a, '2028-02-02', 'x') RETURNING id",
        soci::use(shop), soci::use(source), soci::use(unit), soci::into(serious);
    sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, "
           "decided_on, decision_no, authority_unit_id, listed_until, created_at) VALUES (:u, "
           "'abnormal_escalation', 'test:expired', 'listed', '2023-02-01', '2023-02-28', "
           "'甲严重失信〔2023〕9号', :a, '2026-02-27', 'x') RETURNING id",
        soci::use(filer), soci::use(unit), soci::into(expired);
    return OkStatus();
  })));
  auto options = repair_->Options(kShop);
  ASSERT_TRUE(IsOk(options));
  const RepairOption* found = nullptr;
  for (const RepairOption& o : *options) {
    if (o.record == RepairRecord::kSeriousListing) found = &o;
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->reading.earliest->ToString(), "2026-02-04");  // a year after the decision
  EXPECT_FALSE(found->reading.Ready());                          // the 2021 report is missing
  auto refused = repair_->Apply(As(owner_), kShop, RepairRecord::kSeriousListing, serious, Form());
  EXPECT_EQ(refused.status().field(), "conditions");
  EXPECT_NE(refused.status().message().find("年度报告"), std::string::npos);

  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    const std::string shop = kShop;
    sql << "INSERT INTO annual_report (uscc, year, version, entity_kind, content, withheld, "
           "channel, filed_on, late, filed_by, filed_at) VALUES (:u, 2021, 1, 'enterprise', "
           "'{}', '[]', 'online', '2026-02-10', 1, 'shop-owner', 'x')",
        soci::use(shop);
    return OkStatus();
  })));
  auto applied = repair_->Apply(As(owner_), kShop, RepairRecord::kSeriousListing, serious, Form());
  ASSERT_TRUE(IsOk(applied));
  auto decided = repair_->Decide(As(registrar), applied->application->id, true, "");
  ASSERT_TRUE(IsOk(decided));
  SeriousService serious_service(db(), clock_, codes::ShippedCalendar());
  auto listed = serious_service.PublicOf(kShop);
  ASSERT_TRUE(IsOk(listed));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().state, SeriousState::kRemoved);
  EXPECT_EQ(listed->front().removal_reason, "信用修复，提前移出");

  // The other listing's period ended on 2026-02-27: the daily run ends it.
  auto run = serious_service.Escalate(*Date::Parse("2026-03-02"));
  ASSERT_TRUE(IsOk(run));
  EXPECT_EQ(run->removed, 1);
  auto ended = serious_service.PublicOf(kFiler);
  ASSERT_TRUE(IsOk(ended));
  EXPECT_EQ(ended->front().state, SeriousState::kRemoved);
  EXPECT_EQ(ended->front().removed_on, "2026-02-28");
}

TEST_P(RepairServiceTest, RepairsAreCountedByKindOfEntityInTheYearDecided) {
  const identity::Principal registrar = Registrar();
  auto p = repair_->PublishPenalty(As(registrar), Penalty("杭西市监罚〔2025〕12号", "2025-06-10"));
  ASSERT_TRUE(IsOk(p));
  auto applied = repair_->Apply(As(owner_), kShop, RepairRecord::kPenalty, p->penalty.id, Form());
  ASSERT_TRUE(IsOk(applied));
  ASSERT_TRUE(IsOk(repair_->Decide(As(registrar), applied->application->id, true, "")));
  RepairCounts counts;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(counts, RepairFigures(sql, 2026, {t_.a.path}));
    return OkStatus();
  })));
  EXPECT_EQ(counts.enterprise, 1);
  EXPECT_EQ(counts.total(), 1);
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(counts, RepairFigures(sql, 2025, {t_.a.path}));
    return OkStatus();
  })));
  EXPECT_EQ(counts.total(), 0);
}

// 企业信息公示暂行条例 第十七条第二款: the legal representative of an
// enterprise on the 严重违法失信名单 may not be one of another for 3 years
// after the listing (legal_rep_ban in data/credit/punishments.json);
// 企业开办 refuses such a person with this message.
TEST_P(RepairServiceTest, ALegalRepresentativeOfASeriousListedEnterpriseIsBarredForThreeYears) {
  const std::string shop = kShop, person = "11010519491231002X";
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    const long long unit = t_.a.id;
    sql << "UPDATE entity SET legal_rep_id = :p WHERE uscc = :u", soci::use(person),
        soci::use(shop);
    sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, "
           "decided_on, decision_no, authority_unit_id, listed_until, created_at) VALUES (:u, "
           "'abnormal_escalation', 'test:bar', 'listed', '2025-01-06', '2025-02-03', "
           "'甲严重失信〔2025〕1号', :a, '2028-02-02', 'x')",
        soci::use(shop), soci::use(unit);
    return OkStatus();
  })));
  auto bars_on = [&](const char* day) {
    std::vector<MeasureInForce> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, LegalRepBarsIn(sql, person, *Date::Parse(day)));
      return OkStatus();
    })));
    return out;
  };
  std::vector<MeasureInForce> bars = bars_on("2026-03-02");
  ASSERT_EQ(bars.size(), 1u);
  EXPECT_EQ(bars[0].measure->id, "legal_rep_ban");
  const std::string message = BarMessage(bars[0]);
  EXPECT_NE(message.find("第十七条第二款"), std::string::npos) << message;
  EXPECT_NE(message.find(shop), std::string::npos);
  EXPECT_NE(message.find("至 2028-02-0"), std::string::npos) << message;
  EXPECT_TRUE(bars_on("2028-02-04").empty());  // three years on
  EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<MeasureInForce> other,
                     LegalRepBarsIn(sql, "110105194912310029", *Date::Parse("2026-03-02")));
    EXPECT_TRUE(other.empty());
    return OkStatus();
  })));
}

// 总局令第44号: the authority proposes an entity on a penalty of the 严重 tier
// (a 较重行政处罚) under a category of the data; a lighter one is refused.
TEST_P(RepairServiceTest, ASeriousListingIsProposedOnAHeavyPenaltyUnderACategory) {
  const identity::Principal registrar = Registrar();
  SeriousService serious(db(), clock_, codes::ShippedCalendar());
  auto light =
      repair_->PublishPenalty(As(registrar), Penalty("杭西市监罚〔2026〕5号", "2026-02-10"));
  ASSERT_TRUE(IsOk(light));
  NewPenalty heavy_in = Penalty("杭西市监罚〔2026〕6号", "2026-02-11");
  heavy_in.kinds = {"fine", "permit_revoked"};
  heavy_in.tier = "serious";
  heavy_in.field = "food";
  auto heavy = repair_->PublishPenalty(As(registrar), heavy_in);
  ASSERT_TRUE(IsOk(heavy));
  EXPECT_EQ(
      serious.Propose(As(registrar), kShop, "health_safety", light->penalty.id).status().field(),
      "penalty_id");  // not a 较重行政处罚
  EXPECT_EQ(serious.Propose(As(registrar), kShop, "abnormal_escalation", heavy->penalty.id)
                .status()
                .field(),
            "category");  // the escalation's own
  EXPECT_EQ(
      serious.Propose(As(registrar), kFiler, "health_safety", heavy->penalty.id).status().field(),
      "penalty_id");  // another entity's penalty
  EXPECT_EQ(serious.Propose(As(owner_), kShop, "health_safety", heavy->penalty.id).status().code(),
            StatusCode::kPermissionDenied);
  auto proposed = serious.Propose(As(registrar), kShop, "health_safety", heavy->penalty.id);
  ASSERT_TRUE(IsOk(proposed));
  EXPECT_EQ(proposed->state, SeriousState::kProposed);
  EXPECT_EQ(proposed->source, "penalty_publication:" + std::to_string(heavy->penalty.id));
  EXPECT_EQ(
      serious.Propose(As(registrar), kShop, "health_safety", heavy->penalty.id).status().field(),
      "uscc");  // once: the entity is in the procedure now
  // Then as any proposal: notice, the statement period, the decision.
  auto noticed = serious.Notice(As(registrar), proposed->id);
  ASSERT_TRUE(IsOk(noticed));
  EXPECT_EQ(noticed->statement_due, "2026-03-09");  // 5 working days from Monday 2 March
  auto queue = serious.Queue(As(registrar));
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().category, "health_safety");
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairServiceTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::credit
