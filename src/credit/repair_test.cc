// SPDX-License-Identifier: MulanPSL-2.0
// The tiers of data/credit/repair.json on real dates: a penalty decided on
// 2025-12-24 follows the 2021 rules (public 3 years, repair after 6 months, a
// year for food), one of 2025-12-25 总局令第107号 (一般: after 3 months,
// public 1 year; 轻微: 3 months, no application; 严重: after 1 year, 3 years).
#include "credit/repair.h"

#include <gtest/gtest.h>

namespace amr::credit {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

NewPenalty Penalty(const char* decided_on, const char* tier, const char* field = "general") {
  NewPenalty p;
  p.uscc = "91330106MAGCWHUC74";
  p.decision_no = "杭西市监罚〔2025〕12号";
  p.decided_on = decided_on;
  p.kinds = {"fine"};
  p.fine_fen = 500000;
  p.field = field;
  p.tier = tier;
  p.facts = "销售超过保质期的食品";
  p.basis = "《中华人民共和国食品安全法》第一百二十四条";
  p.content = "罚款五千元";
  return p;
}

const RepairRules& Rules() { return RepairRules::Default(); }

TEST(RepairRulesTest, ThePenaltysDateChoosesTheRules) {
  // The day before 第107号令: the 2021 rules, 3 years public, 6 months to wait.
  auto old = MakePublication(Penalty("2025-12-24", "general"), D("2026-01-05"), Rules());
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_EQ(old->public_until, D("2028-12-24"));
  EXPECT_EQ(old->repairable_from, D("2026-06-25"));
  // Food under the 2021 rules: a year.
  auto food = MakePublication(Penalty("2025-03-10", "general", "food"), D("2026-01-05"), Rules());
  ASSERT_TRUE(food.ok());
  EXPECT_EQ(food->repairable_from, D("2026-03-11"));
  // From 2025-12-25: 一般 public a year, repair after 3 months.
  auto now = MakePublication(Penalty("2025-12-25", "general"), D("2026-01-05"), Rules());
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->public_until, D("2026-12-25"));
  EXPECT_EQ(now->repairable_from, D("2026-03-26"));
  // 30 November has no 31st: the period ends on the month's last day.
  auto month_end = MakePublication(Penalty("2026-08-31", "general"), D("2026-09-01"), Rules());
  ASSERT_TRUE(month_end.ok());
  EXPECT_EQ(month_end->repairable_from, D("2026-12-01"));
  // 严重: a year before an application, three years public.
  auto heavy = MakePublication(Penalty("2026-02-02", "serious"), D("2026-02-03"), Rules());
  ASSERT_TRUE(heavy.ok());
  EXPECT_EQ(heavy->repairable_from, D("2027-02-03"));
  EXPECT_EQ(heavy->public_until, D("2029-02-02"));
  // 轻微: three months, then it stops by itself; nothing to apply for.
  auto minor = MakePublication(Penalty("2026-02-02", "minor"), D("2026-02-03"), Rules());
  ASSERT_TRUE(minor.ok());
  EXPECT_FALSE(minor->repairable_from.has_value());
  EXPECT_EQ(minor->public_until, D("2026-05-02"));
  EXPECT_TRUE(minor->Public(D("2026-05-02")));
  EXPECT_FALSE(minor->Public(D("2026-05-03")));
  RepairFacts facts;
  facts.today = D("2026-03-01");
  EXPECT_EQ(ReadPenaltyRepair(*minor, facts, Rules()).why_not,
            "无需申请，2026-05-02 后自动停止公示");
  // The 2021 serious tier is never repaired.
  auto old_heavy = MakePublication(Penalty("2024-05-06", "serious"), D("2024-05-07"), Rules());
  ASSERT_TRUE(old_heavy.ok());
  EXPECT_FALSE(old_heavy->repairable_from.has_value());
  EXPECT_EQ(ReadPenaltyRepair(*old_heavy, facts, Rules()).why_not,
            "依规定不予信用修复，公示至 2027-05-06 届满");
}

TEST(RepairRulesTest, WhatIsNeverPublishedOrIsWrongIsRefusedByField) {
  NewPenalty warning = Penalty("2026-02-02", "general");
  warning.kinds = {"warning"};
  warning.fine_fen = 0;
  EXPECT_EQ(MakePublication(warning, D("2026-02-03"), Rules()).status().field(), "kinds");
  warning.kinds = {"warning", "criticism"};  // with another kind it is published
  EXPECT_TRUE(MakePublication(warning, D("2026-02-03"), Rules()).ok());
  NewPenalty no_amount = Penalty("2026-02-02", "general");
  no_amount.fine_fen = 0;
  EXPECT_EQ(MakePublication(no_amount, D("2026-02-03"), Rules()).status().field(), "fine_yuan");
  EXPECT_EQ(
      MakePublication(Penalty("2026-02-04", "general"), D("2026-02-03"), Rules()).status().field(),
      "decided_on");  // in the future
  EXPECT_EQ(
      MakePublication(Penalty("2026-02-02", "grave"), D("2026-02-03"), Rules()).status().field(),
      "tier");
  EXPECT_EQ(MakePublication(Penalty("2026-02-02", "general", "tobacco"), D("2026-02-03"), Rules())
                .status()
                .field(),
            "field");
  NewPenalty unknown = Penalty("2026-02-02", "general");
  unknown.kinds = {"fine", "fine"};
  EXPECT_EQ(MakePublication(unknown, D("2026-02-03"), Rules()).status().field(), "kinds");
  NewPenalty bare = Penalty("2026-02-02", "general");
  bare.facts = "x";
  EXPECT_EQ(MakePublication(bare, D("2026-02-03"), Rules()).status().field(), "facts");
}

TEST(RepairRulesTest, ConditionsSayWhatIsMetAndWhenTheRestCanBe) {
  auto p = MakePublication(Penalty("2026-02-02", "general"), D("2026-02-03"), Rules());
  ASSERT_TRUE(p.ok());
  RepairFacts facts;
  facts.today = D("2026-05-02");  // the last day of the 3 months
  RepairReading early = ReadPenaltyRepair(*p, facts, Rules());
  ASSERT_EQ(early.conditions.size(), 3u);
  EXPECT_FALSE(early.conditions[0].met);
  EXPECT_EQ(early.conditions[0].earliest, D("2026-05-03"));
  EXPECT_TRUE(early.conditions[1].by_applicant);  // obligations: proof with the application
  EXPECT_TRUE(early.conditions[2].by_applicant);  // the commitment
  EXPECT_FALSE(early.Ready());
  facts.today = D("2026-05-03");
  EXPECT_TRUE(ReadPenaltyRepair(*p, facts, Rules()).Ready());
  facts.obligations_verified = true;
  EXPECT_TRUE(ReadPenaltyRepair(*p, facts, Rules()).conditions[1].met);
  ASSERT_TRUE(p->Repair(D("2026-05-08")).ok());
  EXPECT_FALSE(p->Public(D("2026-05-08")));
  EXPECT_EQ(p->Repair(D("2026-05-09")).field(), "state");

  // A serious listing decided on 2026-01-05 may leave early from 2027-01-06,
  // if no heavy penalty came since and the reports are filed.
  facts.today = D("2027-01-06");
  facts.source_cured = false;
  RepairReading serious = ReadSeriousRepair(D("2026-01-05"), facts, Rules());
  EXPECT_EQ(serious.earliest, D("2027-01-06"));
  EXPECT_FALSE(serious.Ready());  // the reports are not filed
  facts.source_cured = true;
  EXPECT_TRUE(ReadSeriousRepair(D("2026-01-05"), facts, Rules()).Ready());
  facts.heavy_penalty_since = true;
  EXPECT_FALSE(ReadSeriousRepair(D("2026-01-05"), facts, Rules()).Ready());
  facts.heavy_penalty_since = false;
  facts.today = D("2027-01-05");
  EXPECT_FALSE(ReadSeriousRepair(D("2026-01-05"), facts, Rules()).Ready());
}

TEST(RepairRulesTest, ADecisionIsMadeOnceAndARefusalSaysWhy) {
  RepairApplication a;
  a.due = D("2026-03-11");
  EXPECT_EQ(a.Decide(D("2026-03-10"), false, "", "r").field(), "reason");
  ASSERT_TRUE(a.Decide(D("2026-03-12"), true, "", "registrar-a").ok());
  EXPECT_EQ(a.state, RepairState::kApproved);
  EXPECT_TRUE(a.decided_late);
  EXPECT_EQ(a.Decide(D("2026-03-12"), false, "再议", "r").field(), "state");
}

}  // namespace
}  // namespace amr::credit
