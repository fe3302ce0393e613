// SPDX-License-Identifier: MulanPSL-2.0
// The record's rules without a store: what a submission must hold, the
// transitions a decision may make, the data's rules, the query code.
#include "complaints/complaint.h"

#include <gtest/gtest.h>

#include <set>

namespace amr::complaints {
namespace {

Date D(std::string_view s) { return *Date::Parse(s); }

NewComplaint Good() {
  NewComplaint c;
  c.business_uscc = "91330106MAGCWHUC74";
  c.consumer_phone = "13812345678";
  c.summary = "购买的电水壶使用三天后漏电，商家拒绝退货。";
  c.occurred_on = D("2026-11-20");
  return c;
}

TEST(ComplaintTest, ASubmissionNeedsABusinessAPhoneAndASummary) {
  const Date today = D("2026-12-07");
  EXPECT_TRUE(Validate(Good(), today).ok());
  auto field = [&](NewComplaint c) { return Validate(c, today).field(); };
  NewComplaint c = Good();
  c.business_uscc.clear();
  EXPECT_EQ(field(c), "business");
  c.business_name = "某某电器店";
  EXPECT_TRUE(Validate(c, today).ok());
  c = Good();
  c.business_uscc = "91330106MAGCWHUC75";  // check character wrong
  EXPECT_EQ(field(c), "business.uscc");
  c = Good();
  c.consumer_phone = "";
  EXPECT_EQ(field(c), "consumer.phone");
  for (const char* bad : {"1381234567", "23812345678", "12812345678", "abc", "010-123"}) {
    c.consumer_phone = bad;
    EXPECT_EQ(field(c), "consumer.phone") << bad;
  }
  for (const char* ok :
       {"13812345678", "19912345678", "0571-87654321", "057187654321", "010-6512345"}) {
    c.consumer_phone = ok;
    EXPECT_TRUE(Validate(c, today).ok()) << ok;
  }
  c = Good();
  c.summary = "太短了";
  EXPECT_EQ(field(c), "summary");
  c = Good();
  c.occurred_on = D("2026-12-08");
  EXPECT_EQ(field(c), "occurred_on");
  c = Good();
  c.region_code = "999999";
  EXPECT_EQ(field(c), "business.region_code");
}

TEST(ComplaintTest, OnlyAReceivedComplaintIsDecidedOrTransferred) {
  const ComplaintRules& rules = ComplaintRules::Default();
  Complaint c;
  c.accept_due = {D("2026-12-16"), false};
  c.unit_id = 2;
  ASSERT_TRUE(c.TransferTo(3, "/1/3/", "乙县局").ok());
  EXPECT_EQ(c.TransferTo(3, "/1/3/", "乙县局").field(), "unit_code");
  ASSERT_TRUE(c.Accept(D("2026-12-16"), "officer").ok());
  EXPECT_EQ(c.state, State::kAccepted);
  EXPECT_FALSE(c.decided_late);  // on the last day: in time
  EXPECT_EQ(c.Accept(D("2026-12-16"), "officer").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.NotAccept(rules.not_accept_reasons()[0], D("2026-12-16"), "x").field(), "state");
  EXPECT_EQ(c.TransferTo(4, "/1/4/", "丙").field(), "state");

  Complaint late;
  late.accept_due = {D("2026-12-16"), false};
  const ComplaintRules::Reason* reason = rules.FindReason("over_three_years");
  ASSERT_NE(reason, nullptr);
  ASSERT_TRUE(late.NotAccept(*reason, D("2026-12-17"), "officer").ok());
  EXPECT_EQ(late.state, State::kNotAccepted);
  EXPECT_EQ(late.not_accept_reason, "over_three_years");
  EXPECT_TRUE(late.decided_late);  // allowed, and counted
}

TEST(ComplaintTest, TheDataGivesSevenWorkingDaysAndTheReasons) {
  const ComplaintRules& rules = ComplaintRules::Default();
  EXPECT_EQ(rules.acceptance().amount, 7);
  EXPECT_EQ(rules.acceptance().unit, codes::PeriodUnit::kWorkingDays);
  EXPECT_NE(rules.FindReason("no_jurisdiction"), nullptr);
  EXPECT_EQ(rules.FindReason("dislike"), nullptr);
  auto bad = ComplaintRules::FromJson(nlohmann::json{{"acceptance", {{"value", 7}}}});
  EXPECT_FALSE(bad.ok());
}

TEST(ComplaintTest, NamesAndQueryCodes) {
  EXPECT_EQ(*ParseKind("report"), Kind::kReport);
  EXPECT_EQ(ParseKind("praise").status().field(), "kind");
  EXPECT_EQ(*ParseChannel("hotline_12345"), Channel::kHotline12345);
  EXPECT_EQ(StateName(State::kNotAccepted), "不予受理");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  std::set<std::string> codes;
  for (int i = 0; i < 200; ++i) {
    const std::string code = NewQueryCode();
    ASSERT_EQ(code.size(), 10u);
    EXPECT_EQ(code.find_first_of("01OIL"), std::string::npos) << code;
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 200u);
}

}  // namespace
}  // namespace amr::complaints
