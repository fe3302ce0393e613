// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/rules.h"

#include <gtest/gtest.h>

#include "codes/calendar.h"
#include "codes/data_dir.h"

namespace amr::inspection {
namespace {

TEST(InspectionConfigTest, ShippedTablesLoad) {
  auto config = LoadInspectionConfig(codes::DataDir() / "inspection");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_DOUBLE_EQ(config->Ratio('A').max_ratio, 0.05);
  EXPECT_DOUBLE_EQ(config->Ratio('D').min_ratio, 0.61);
  EXPECT_EQ(config->result_deadline_workdays, 20);
  ASSERT_EQ(config->milestones.size(), 3u);
  EXPECT_EQ(config->milestones[1].month, 9);
  EXPECT_DOUBLE_EQ(config->milestones[1].share, 0.8);
  ASSERT_NE(config->State("problem_pending"), nullptr);
  EXPECT_TRUE(config->State("problem_pending")->problem);
  EXPECT_FALSE(config->State("not_inspected")->completed);
  EXPECT_EQ(config->State("unreachable")->name, "通过登记的住所无法联系");
}

// The result states of the national 双随机、一公开 system (国市监信〔2019〕38号):
// disclosure failures and serious non-cooperation are problems (case leads, the
// problem-discovery rate); an entity found deregistered, revoked or closed for
// liquidation completes the visit without a problem.
TEST(InspectionConfigTest, OfficialResultStatesAreAllThere) {
  auto config = LoadInspectionConfig(codes::DataDir() / "inspection");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  struct Want {
    const char* id;
    const char* name;
    bool problem;
  };
  for (const Want& w :
       {Want{"publicity_missing", "未按规定公示应当公示的信息", true},
        Want{"publicity_false", "公示信息隐瞒真实情况弄虚作假", true},
        Want{"not_cooperating", "不配合检查情节严重", true}, Want{"deregistered", "已注销", false},
        Want{"revoked", "已吊销", false}, Want{"closed_liquidating", "停业清算", false}}) {
    const ResultState* s = config->State(w.id);
    ASSERT_NE(s, nullptr) << w.id;
    EXPECT_EQ(s->name, w.name);
    EXPECT_TRUE(s->completed) << w.id;
    EXPECT_EQ(s->problem, w.problem) << w.id;
  }
}

TEST(InspectionRulesTest, ItemsApplyByKindAndIndustryPrefix) {
  Item item;
  item.entity_kinds = {"enterprise"};
  item.industries = {"51", "62"};
  EXPECT_TRUE(ItemApplies(item, "enterprise", "5123"));
  EXPECT_FALSE(ItemApplies(item, "individual_business", "51"));
  EXPECT_FALSE(ItemApplies(item, "enterprise", "52"));
  EXPECT_TRUE(ItemApplies(Item{}, "cooperative", "01"));
  EXPECT_EQ(SplitList(" a;;b ;c"), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(InspectionRulesTest, RatiosOutsideUnitIntervalOrBandAreRefused) {
  const InspectionConfig& config = Config();
  auto defaults = TaskRatios({}, true, config);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->ToString(), "A=0.05,B=0.1,C=0.3,D=0.8");
  RatioInput b_over;
  b_over.b = 1.2;
  auto over = TaskRatios(b_over, false, config);
  EXPECT_EQ(over.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(over.status().message().find("B 类"), std::string::npos);
  // 重点事项: no cap; 一般事项: the band of the table.
  RatioInput a_half;
  a_half.a = 0.5;
  EXPECT_TRUE(TaskRatios(a_half, false, config).ok());
  EXPECT_EQ(TaskRatios(a_half, true, config).status().code(), StatusCode::kFailedPrecondition);
}

TEST(InspectionRulesTest, DeadlineCountsWorkingDaysAcrossNationalDay) {
  const auto& cal = *codes::ShippedCalendar().Current();
  // 2026-09-30 check: 10-01..10-07 off, 10-10 (Saturday) worked.
  auto due = ResultDeadline(*Date::Parse("2026-09-30"), 20, cal);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->ToString(), "2026-11-03");
  auto d = [](const char* s) { return *Date::Parse(s); };
  EXPECT_EQ(*DeadlineStatus(d("2026-11-03"), std::nullopt, d("2026-10-12"), 5, cal),
            DeadlineState::kOnTime);
  EXPECT_EQ(*DeadlineStatus(d("2026-11-03"), std::nullopt, d("2026-10-27"), 5, cal),
            DeadlineState::kDueSoon);
  EXPECT_EQ(*DeadlineStatus(d("2026-11-03"), std::nullopt, d("2026-11-04"), 5, cal),
            DeadlineState::kOverdue);
  EXPECT_EQ(*DeadlineStatus(d("2026-11-03"), d("2026-11-04"), d("2026-11-05"), 5, cal),
            DeadlineState::kEnteredLate);
  // Into the provisional year (2027, not yet entered): Monday–Friday. From
  // Sunday 2026-12-20: 9 working days to 12-31, then 2027-01-01 (a Friday),
  // 01-04 … so the 20th is 2027-01-15, marked provisional.
  auto provisional = ResultDeadline(d("2026-12-20"), 20, cal);
  ASSERT_TRUE(provisional.ok());
  EXPECT_EQ(provisional->ToString(), "2027-01-15");
  EXPECT_TRUE(cal.IsProvisional(*provisional));
  // Beyond the provisional year it is refused, not guessed.
  EXPECT_EQ(ResultDeadline(d("2027-12-20"), 20, cal).status().code(), StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace amr::inspection
