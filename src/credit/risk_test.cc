// SPDX-License-Identifier: MulanPSL-2.0
// The risk classes from the shipped indicator system: an entity with nothing
// against it is A; each indicator adds its points (counts capped); the class
// is the first whose threshold the total does not exceed; a rule file with an
// unknown rule or thresholds out of order is refused naming what is wrong.
#include "credit/risk.h"

#include <gtest/gtest.h>

namespace amr::credit {
namespace {

using nlohmann::json;

const Date kOn = *Date::Parse("2026-12-07");

RiskFacts Plain() {
  RiskFacts f;
  f.uscc = "91330106MAGCWHUC74";
  f.kind = "enterprise";
  f.established_on = *Date::Parse("2020-01-02");
  return f;
}

RiskRuleVersion Shipped() { return *RiskRules::Default().At(kOn); }

TEST(RiskTest, NothingAgainstAnEntityIsClassA) {
  Classification c = Classify(Plain(), Shipped(), kOn);
  EXPECT_EQ(c.letter, 'A');
  EXPECT_EQ(c.points, 0);
  EXPECT_TRUE(c.hits.empty());
}

TEST(RiskTest, EachIndicatorAddsItsPointsAndSaysWhy) {
  RiskFacts young = Plain();
  young.established_on = *Date::Parse("2026-03-01");
  Classification c = Classify(young, Shipped(), kOn);
  EXPECT_EQ(c.points, 5);
  EXPECT_EQ(c.letter, 'B');  // 5 > 4
  ASSERT_EQ(c.hits.size(), 1u);
  EXPECT_EQ(c.hits[0].indicator, "young");
  EXPECT_EQ(c.hits[0].detail, "2026-03-01 成立");
  // A year to the day is no longer young.
  young.established_on = *Date::Parse("2025-12-07");
  EXPECT_EQ(Classify(young, Shipped(), kOn).points, 0);

  RiskFacts listed = Plain();
  listed.report_missing = true;
  listed.abnormal_listed = true;
  c = Classify(listed, Shipped(), kOn);
  EXPECT_EQ(c.points, 50);
  EXPECT_EQ(c.letter, 'D');

  RiskFacts complained = Plain();
  complained.counts["complaints"] = 30;  // 2 points each, capped at 20
  c = Classify(complained, Shipped(), kOn);
  EXPECT_EQ(c.points, 20);
  EXPECT_EQ(c.letter, 'C');
  EXPECT_EQ(c.hits[0].detail, "30 次");

  RiskFacts removed = Plain();
  removed.abnormal_removed_on = *Date::Parse("2025-01-10");
  EXPECT_EQ(Classify(removed, Shipped(), kOn).points, 10);
  removed.abnormal_removed_on = *Date::Parse("2024-12-07");  // 730 days before
  EXPECT_EQ(Classify(removed, Shipped(), kOn).points, 0);
}

TEST(RiskTest, ABadRuleFileIsRefusedSayingWhat) {
  json root = {
      {"versions",
       {{{"effective_from", "2022-01-01"},
         {"indicators", {{{"id", "x"}, {"name", "x"}, {"points", 5}, {"rule", "astrology"}}}},
         {"classes",
          {{{"class", "A"}, {"max_points", 4}},
           {{"class", "B"}, {"max_points", 19}},
           {{"class", "C"}, {"max_points", 39}},
           {{"class", "D"}}}}}}}};
  auto bad = RiskRules::FromJson(root);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("astrology"), std::string::npos);
  root["versions"][0]["indicators"][0]["rule"] = "abnormal_listed";
  EXPECT_TRUE(RiskRules::FromJson(root).ok());
  root["versions"][0]["classes"][2]["max_points"] = 10;  // below B's
  EXPECT_FALSE(RiskRules::FromJson(root).ok());
  EXPECT_EQ(RiskRules::Default().At(*Date::Parse("2021-12-31")).status().field(), "date");
}

}  // namespace
}  // namespace amr::credit
