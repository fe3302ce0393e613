// SPDX-License-Identifier: MulanPSL-2.0
// Instant information and orders to publish on both backends, on the shipped
// calendar, today Monday 2026-03-02: an equity transfer of 2026-02-02 is due
// by Friday 2026-03-06 (20 working days across the Spring Festival, with the
// make-up Saturdays 14 and 28 February); one of 2026-01-05 was due on
// 2026-02-02 and is late. An order to publish of 2 March runs 10 days, to
// Thursday 12 March; not obeyed, it is a finding from the 13th, listed, and
// the listing leaves at once when the entity publishes.
#include "credit/instant_service.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "credit/credit_test_fixture.h"

namespace amr::credit {
namespace {

class InstantInfoTest : public CreditServiceTest {
 protected:
  void SetUpStore() override {
    CreditServiceTest::SetUpStore();
    instant_ = std::make_unique<InstantInfoService>(db(), clock_, codes::ShippedCalendar());
  }
  std::unique_ptr<InstantInfoService> instant_;
};

TEST_P(InstantInfoTest, ItemsAreDueTwentyWorkingDaysAfterTheEventAndALateOneSaysSo) {
  const NewInstantInfo transfer{"equity_transfer", "2026-02-02",
                                "股东张三将其持有的 30% 股权转让给李四"};
  auto on_time = instant_->Publish(As(owner_), kShop, transfer);
  ASSERT_TRUE(IsOk(on_time));
  EXPECT_TRUE(on_time->created);
  EXPECT_EQ(on_time->info.due.ToString(), "2026-03-06");
  EXPECT_FALSE(on_time->info.late);
  auto again = instant_->Publish(As(owner_), kShop, transfer);
  ASSERT_TRUE(IsOk(again));
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->info.id, on_time->info.id);
  auto late = instant_->Publish(
      As(owner_), kShop, {"investor_contribution", "2026-01-05", "股东张三实缴出资 50 万元"});
  ASSERT_TRUE(IsOk(late));
  EXPECT_EQ(late->info.due.ToString(), "2026-02-02");
  EXPECT_TRUE(late->info.late);
  EXPECT_EQ(instant_->Of(kShop)->size(), 2u);

  EXPECT_EQ(instant_->Publish(As(stranger_), kShop, transfer).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(instant_->Publish(As(owner_), kStall, transfer).status().field(), "uscc");
  EXPECT_EQ(instant_->Publish(As(owner_), kShop, {"weather", "2026-02-02", "今天天气晴朗"})
                .status()
                .field(),
            "kind");
  EXPECT_EQ(instant_->Publish(As(owner_), kShop, {"permit", "2026-03-03", "取得食品经营许可证"})
                .status()
                .field(),
            "event_on");  // tomorrow
  EXPECT_EQ(instant_->Publish(As(owner_), kShop, {"permit", "2019-03-03", "取得食品经营许可证"})
                .status()
                .field(),
            "event_on");  // before the entity existed
  EXPECT_EQ(instant_->Publish(As(owner_), kShop, {"permit", "2026-03-02", "许可"}).status().field(),
            "summary");
  long long audited = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'credit.instant_publish'",
        soci::into(audited);
    return OkStatus();
  })));
  EXPECT_EQ(audited, 2);
}

TEST_P(InstantInfoTest, AnOrderNotObeyedIsAFindingListedAndCuredByPublishing) {
  const identity::Principal registrar = Registrar();
  EXPECT_EQ(instant_->Order(As(owner_), kShop, "permit", "2026 年 1 月取得的食品经营许可")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  auto order = instant_->Order(As(registrar), kShop, "permit", "2026 年 1 月取得的食品经营许可");
  ASSERT_TRUE(IsOk(order));
  EXPECT_EQ(order->due.ToString(), "2026-03-12");
  EXPECT_EQ(
      instant_->Order(As(registrar), kShop, "permit", "再次责令公示许可信息").status().field(),
      "kind");  // one open order of a kind at a time
  EXPECT_EQ(
      instant_->Order(As(registrar), kStall, "permit", "2026 年 1 月取得的许可").status().field(),
      "uscc");
  // Another order, obeyed in time: fulfilled, never a finding.
  auto obeyed = instant_->Order(As(registrar), kShop, "equity_transfer", "2026 年 2 月的股权转让");
  ASSERT_TRUE(IsOk(obeyed));
  auto published = instant_->Publish(
      As(owner_), kShop, {"equity_transfer", "2026-02-02", "股东张三将 30% 股权转让给李四"});
  ASSERT_TRUE(IsOk(published));
  EXPECT_EQ(published->fulfilled, std::vector<int64_t>{obeyed->id});

  // On the last day it is not yet a finding; the day after it is.
  clock_.Set(*ParseTime("2026-03-12T17:00:00+08:00"));
  auto findings = service_->Findings(As(registrar));
  ASSERT_TRUE(IsOk(findings));
  EXPECT_TRUE(findings->empty());
  clock_.Set(*ParseTime("2026-03-13T09:00:00+08:00"));
  findings = service_->Findings(As(registrar));
  ASSERT_TRUE(IsOk(findings));
  ASSERT_EQ(findings->size(), 1u);
  const Finding& f = findings->front().finding;
  EXPECT_EQ(f.reason, "instant_info");
  EXPECT_EQ(f.order_id, order->id);
  EXPECT_EQ(f.found_on.ToString(), "2026-03-13");
  // Ten working days from the finding: Friday 27 March.
  EXPECT_EQ(findings->front().decision_due.ToString(), "2026-03-27");

  NewListing l;
  l.uscc = kShop;
  l.reason = ListingReason::kInstantInfo;
  l.found_on = "2026-03-13";
  l.evidence = "2026-03-02 责令公示行政许可信息，期满未公示";
  l.source = "publish_order:" + std::to_string(order->id);
  auto listed = service_->DecideListing(As(registrar), l);
  ASSERT_TRUE(IsOk(listed));
  EXPECT_TRUE(service_->Findings(As(registrar))->empty());
  auto orders = instant_->OrdersOf(kShop);
  ASSERT_TRUE(IsOk(orders));
  EXPECT_EQ(orders->back().state, OrderState::kListed);  // oldest last
  ASSERT_EQ(listed->conditions.size(), 1u);
  EXPECT_FALSE(listed->conditions[0].met);
  EXPECT_EQ(service_->ApplyForRemoval(As(owner_), kShop, listed->listing.id).status().field(),
            "conditions");

  // Publishing the permit cures it: the platform sees it and removes at once.
  ASSERT_TRUE(IsOk(instant_->Publish(
      As(owner_), kShop, {"permit", "2026-01-20", "取得食品经营许可证 JY133010600001"})));
  auto removed = service_->ApplyForRemoval(As(owner_), kShop, listed->listing.id);
  ASSERT_TRUE(IsOk(removed));
  EXPECT_EQ(removed->listing.state, ListingState::kRemoved);
}

INSTANTIATE_TEST_SUITE_P(Backends, InstantInfoTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::credit
