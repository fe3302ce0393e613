// SPDX-License-Identifier: MulanPSL-2.0
// 歇业 on both backends, on real 2026 dates: filed before it starts (across
// the National Day holiday), the status flipped by the start timer, the
// extension window, the 3-year total, resumption, and the expiry timer that
// deems the entity resumed exactly once.
#include "lifecycle/suspension.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <fstream>

#include "identity/identity_test_util.h"
#include "lifecycle/periods.h"
#include "lifecycle/suspension_timers.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;

Date D(const char* text) { return *Date::Parse(text); }

TEST(PeriodsTest, YearsFromALeapDayEndOnTheLastDayOfFebruary) {
  EXPECT_EQ(AddYears(D("2028-02-29"), 3), D("2031-02-28"));
  EXPECT_EQ(AddYears(D("2028-02-29"), 4), D("2032-02-29"));
  EXPECT_EQ(AddYears(D("2026-09-28"), 3), D("2029-09-28"));
  const Periods& p = Periods::Default();
  const codes::WorkdayCalendar& cal = *codes::ShippedCalendar().Current();
  // The cap of 歇业 is not a time limit for an act: no Art. 203 shift.
  EXPECT_EQ(*p.FixedEnd("suspension.max_total", D("2028-02-29")), D("2031-02-28"));
  // 3 years from 2026-03-02 contain 29 February 2028: 365 + 365 + 366 days.
  EXPECT_EQ(p.FixedEnd("suspension.max_total", D("2026-03-02"))->DaysSince(D("2026-03-02")), 1096);
  EXPECT_EQ(p.FixedEnd("liquidation.group_filing", D("2026-07-01")).status().code(),
            StatusCode::kFailedPrecondition);  // it does shift: it needs the calendar
  EXPECT_EQ(*p.End("liquidation.group_filing", D("2026-07-01"), cal), D("2026-07-16"));
  // 民法典 Art. 203: 60 days from 2026-08-02 end on 10-01, National Day: the
  // public notice may still be made on 10-08, the first working day after.
  EXPECT_EQ(*p.End("liquidation.public_notice", D("2026-08-02"), cal), D("2026-10-08"));
  // Working days: 3 after 2026-09-30 skip National Day and land on the
  // make-up Saturday 2026-10-10.
  EXPECT_EQ(*p.End("liquidation.decision", D("2026-09-30"), cal), D("2026-10-10"));
  EXPECT_EQ(DescribePeriod(*p.Get("liquidation.decision")), "3 个工作日");
  EXPECT_FALSE(p.Get("suspension.nonsense").ok());
}

TEST(PeriodsTest, OtherSectionsOfTheSharedFileAreLeftAlone) {
  const std::string path = ::testing::TempDir() + "/periods_test.json";
  {
    std::ofstream out(path);
    out << R"({"simplified": {"notice_days": 20, "note": "x"},
              "suspension": {"max_total": {"value": 2, "unit": "years"}}})";
  }
  auto p = Periods::Load(path);
  ASSERT_TRUE(IsOk(p));
  EXPECT_EQ(p->Get("suspension.max_total")->value, 2);
  EXPECT_FALSE(p->Get("simplified.notice_days").ok());
  {
    std::ofstream out(path);
    out << R"({"suspension": {"max_total": {"value": 2, "unit": "fortnights"}}})";
  }
  EXPECT_EQ(Periods::Load(path).status().field(), "suspension.max_total");
}

class SuspensionTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    ASSERT_TRUE(IsOk(identity::testing::SeedTree(db(), clock_)));
    scheduler_ = std::make_unique<scheduler::Scheduler>(db(), clock_, "test-1");
    RegisterSuspensionTimers(*scheduler_, clock_);
    ASSERT_TRUE(IsOk(AddEntity(kUscc)));
  }
  void TearDown() override {
    scheduler_.reset();
    DbTest::TearDown();
  }

  Status AddEntity(const std::string& uscc) {
    return db().Transaction([&](soci::session& sql) {
      registry::Entity e;
      e.uscc = uscc;
      e.name = "杭州歇业测试餐饮有限公司" + uscc.substr(16);
      e.org_form = "有限责任公司";
      e.region_code = "330106";
      e.industry_code = "62";
      e.address = "杭州市西湖区文三路 1 号";
      e.established_on = D("2020-05-06");
      return registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now()));
    });
  }

  void At(const char* time) { clock_.Set(*ParseTime(time)); }

  StatusOr<Suspension> File(const char* start, const char* end, const std::string& uscc = kUscc) {
    Suspension out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      SuspensionRequest r{"公共卫生事件", "门店受疫情影响停业", D(start), D(end)};
      ASSIGN_OR_RETURN(out,
                       FileSuspension(sql, identity::testing::SystemCaller(), uscc, r, clock_));
      return OkStatus();
    }));
    return out;
  }
  StatusOr<Suspension> Extend(int64_t id, const char* end) {
    Suspension out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          out, ExtendSuspension(sql, identity::testing::SystemCaller(), kUscc, id, D(end), clock_));
      return OkStatus();
    }));
    return out;
  }
  StatusOr<Suspension> Resume(int64_t id) {
    Suspension out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out,
                       ResumeBusiness(sql, identity::testing::SystemCaller(), kUscc, id, clock_));
      return OkStatus();
    }));
    return out;
  }
  Suspension Get(int64_t id) {
    Suspension out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, GetSuspension(sql, kUscc, id));
      return OkStatus();
    })));
    return out;
  }
  std::string StatusOf(const std::string& uscc = kUscc) {
    auto e = registry::GetEntity(db(), uscc);
    return e.ok() ? std::string(registry::StatusId(e->status)) : e.status().ToString();
  }
  std::vector<SuspensionNotice> Notices() {
    std::vector<SuspensionNotice> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> amr::Status {
      ASSIGN_OR_RETURN(out, ListSuspensionNotices(sql, "", 50, 0));
      return OkStatus();
    })));
    return out;
  }
  std::optional<scheduler::Timer> Timer(std::string_view kind, int64_t id) {
    std::optional<scheduler::Timer> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> amr::Status {
      ASSIGN_OR_RETURN(out, scheduler::Find(sql, kind, "suspension:" + std::to_string(id)));
      return OkStatus();
    })));
    return out;
  }
  int64_t Count(const std::string& sql_text) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }
  int Fire() {
    auto r = scheduler_->RunDue();
    EXPECT_TRUE(IsOk(r));
    return r.ok() ? r->fired : -1;
  }

  static constexpr const char* kUscc = "91330106MA2H000019";
  FakeClock clock_{*ParseTime("2026-09-20T10:00:00+08:00")};
  std::unique_ptr<scheduler::Scheduler> scheduler_;
};

// Filed on Sunday 2026-09-20 (a make-up working day) for a period starting on
// Monday 2026-09-28, across the National Day holiday: the entity stays active
// until the start timer fires at 00:00 on the start day.
TEST_P(SuspensionTest, FiledBeforeItStartsAndFlippedOnTheStartDayByTimer) {
  auto s = File("2026-09-28", "2026-10-31");
  ASSERT_TRUE(IsOk(s));
  EXPECT_EQ(s->state, "filed");
  EXPECT_EQ(s->filed_on, D("2026-09-20"));
  EXPECT_EQ(s->reason_category, "公共卫生事件");
  EXPECT_EQ(StatusOf(), "active");
  auto start = Timer(kSuspensionStartTimer, s->id);
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(start->due_at, "2026-09-28T00:00:00+08:00");
  EXPECT_EQ(Timer(kSuspensionExpiryTimer, s->id)->due_at, "2026-11-01T00:00:00+08:00");
  // Published at once.
  ASSERT_EQ(Notices().size(), 1u);
  EXPECT_EQ(Notices()[0].kind, "filing");
  EXPECT_NE(Notices()[0].text.find("2026-09-28 至 2026-10-31"), std::string::npos);

  At("2026-09-27T23:59:59+08:00");
  EXPECT_EQ(Fire(), 0);
  EXPECT_EQ(StatusOf(), "active");
  At("2026-09-28T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);
  EXPECT_EQ(StatusOf(), "suspended");
  EXPECT_EQ(Get(s->id).state, "in_effect");
  EXPECT_EQ(Fire(), 0);  // once
}

TEST_P(SuspensionTest, StartingTodaySuspendsAtOnceAndThePastIsRefused) {
  auto past = File("2026-09-19", "2026-10-31");
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.status().field(), "start_on");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM suspension"), 0);
  auto backwards = File("2026-10-31", "2026-10-30");
  EXPECT_EQ(backwards.status().field(), "end_on");
  auto today = File("2026-09-20", "2026-10-31");
  ASSERT_TRUE(IsOk(today));
  EXPECT_EQ(today->state, "in_effect");
  EXPECT_EQ(StatusOf(), "suspended");
  EXPECT_FALSE(Timer(kSuspensionStartTimer, today->id).has_value());
  // One open period at a time.
  auto again = File("2026-11-01", "2026-11-30");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().field(), "uscc");
  // An unknown reason names the field and lists the reasons.
  amr::Status unknown = db().Transaction([&](soci::session& sql) -> amr::Status {
    SuspensionRequest r{"心情不好", "", D("2026-10-01"), D("2026-10-02")};
    return FileSuspension(sql, identity::testing::SystemCaller(), kUscc, r, clock_).status();
  });
  EXPECT_EQ(unknown.field(), "reason_category");
  EXPECT_NE(unknown.message().find("自然灾害"), std::string::npos);
}

// Ends 2026-12-31: the window is 2026-12-01 … 2026-12-31.
TEST_P(SuspensionTest, ExtensionOnlyWithinThirtyDaysBeforeExpiry) {
  At("2026-10-09T09:00:00+08:00");
  auto s = File("2026-10-12", "2026-12-31");
  ASSERT_TRUE(IsOk(s));
  At("2026-10-12T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);             // started
  At("2026-11-30T16:00:00+08:00");  // 31 days before
  auto early = Extend(s->id, "2027-03-31");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(early.status().field(), "end_on");
  EXPECT_NE(early.status().message().find("2026-12-01 至 2026-12-31"), std::string::npos)
      << early.status().message();
  At("2026-12-01T09:00:00+08:00");  // 30 days before
  auto ok = Extend(s->id, "2027-03-31");
  ASSERT_TRUE(IsOk(ok));
  EXPECT_EQ(ok->end_on, D("2027-03-31"));
  EXPECT_EQ(ok->original_end_on, D("2026-12-31"));
  EXPECT_EQ(ok->extensions, 1);
  // The expiry timer moved with it.
  EXPECT_EQ(Timer(kSuspensionExpiryTimer, s->id)->due_at, "2027-04-01T00:00:00+08:00");
  EXPECT_EQ(Notices()[0].kind, "extension");
  // After expiry: refused.
  At("2027-04-01T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);
  auto late = Extend(s->id, "2027-06-30");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(SuspensionTest, ExtensionRefusedAfterTheLastDayEvenBeforeTheTimerRuns) {
  At("2026-10-09T09:00:00+08:00");
  auto s = File("2026-10-12", "2026-11-15");
  ASSERT_TRUE(IsOk(s));
  At("2026-11-16T08:00:00+08:00");  // the day after, timer not yet run
  auto late = Extend(s->id, "2026-12-31");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().field(), "end_on");
  EXPECT_NE(late.status().message().find("2026-10-16 至 2026-11-15"), std::string::npos);
}

// 2026-03-02 + 3 years = 2029-03-02: 1096 days (2028 is a leap year).
TEST_P(SuspensionTest, MoreThanThreeYearsInTotalIsRefusedWithTheRemainingDays) {
  At("2026-02-26T09:00:00+08:00");
  auto too_long = File("2026-03-02", "2029-03-02");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(too_long.status().field(), "end_on");
  EXPECT_NE(too_long.status().message().find("尚可歇业 1096 天"), std::string::npos)
      << too_long.status().message();
  EXPECT_NE(too_long.status().message().find("最晚至 2029-03-01"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM suspension"), 0);

  // A first period of 200 days, resumed after 100 of them …
  auto first = File("2026-03-02", "2026-09-17");
  ASSERT_TRUE(IsOk(first));
  EXPECT_EQ(first->end_on.DaysSince(first->start_on) + 1, 200);
  At("2026-03-02T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);             // started
  At("2026-06-10T09:00:00+08:00");  // day 101: suspended 2026-03-02 … 2026-06-09
  ASSERT_TRUE(IsOk(Resume(first->id)));
  // … leaves 996 days; the budget counts from the first start.
  auto budget = [&] {
    SuspensionBudget b;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> amr::Status {
      ASSIGN_OR_RETURN(b, SuspensionBudgetOf(sql, kUscc));
      return OkStatus();
    })));
    return b;
  }();
  EXPECT_EQ(budget.used_days, 100);
  EXPECT_EQ(budget.remaining_days, 996);
  At("2026-07-01T09:00:00+08:00");
  auto second_too_long = File("2026-07-06", "2029-03-28");  // 997 days
  ASSERT_FALSE(second_too_long.ok());
  EXPECT_NE(second_too_long.status().message().find("尚可歇业 996 天"), std::string::npos)
      << second_too_long.status().message();
  auto second = File("2026-07-06", "2028-12-31");  // 910 days
  ASSERT_TRUE(IsOk(second));
  // An extension past the total is refused the same way (86 days left).
  At("2028-12-15T09:00:00+08:00");
  auto extended = Extend(second->id, "2029-03-28");  // 87 more
  ASSERT_FALSE(extended.ok());
  EXPECT_NE(extended.status().message().find("尚可歇业 86 天"), std::string::npos)
      << extended.status().message();
  EXPECT_NE(extended.status().message().find("最晚至 2029-03-27"), std::string::npos);
  EXPECT_TRUE(IsOk(Extend(second->id, "2029-03-27")));
}

TEST_P(SuspensionTest, ExpiryDeemsTheEntityResumedExactlyOnce) {
  At("2026-10-09T09:00:00+08:00");
  auto s = File("2026-10-12", "2026-11-15");
  ASSERT_TRUE(IsOk(s));
  At("2026-10-12T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);
  EXPECT_EQ(StatusOf(), "suspended");
  At("2026-11-15T23:59:59+08:00");
  EXPECT_EQ(Fire(), 0);
  At("2026-11-16T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);
  EXPECT_EQ(Fire(), 0);
  EXPECT_EQ(StatusOf(), "active");
  const Suspension after = Get(s->id);
  EXPECT_EQ(after.state, "expired");
  EXPECT_EQ(after.outcome, kDeemedResumed);
  ASSERT_TRUE(after.resumed_on.has_value());
  EXPECT_EQ(*after.resumed_on, D("2026-11-16"));
  auto timer = Timer(kSuspensionExpiryTimer, s->id);
  ASSERT_TRUE(timer.has_value());
  EXPECT_EQ(timer->state, "fired");
  EXPECT_EQ(timer->outcome, kDeemedResumed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'suspension.expire'"), 1);
  EXPECT_EQ(Notices()[0].kind, "expiry");
  EXPECT_NE(Notices()[0].text.find("视为恢复营业"), std::string::npos);
  // The expiry is over: a new period can be filed.
  EXPECT_TRUE(IsOk(File("2026-12-01", "2026-12-31")));
}

TEST_P(SuspensionTest, ResumptionIsPublishedAndCancelsTheExpiry) {
  At("2026-10-09T09:00:00+08:00");
  auto s = File("2026-10-12", "2026-12-31");
  ASSERT_TRUE(IsOk(s));
  // Not yet started: nothing to resume.
  auto early = Resume(s->id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  At("2026-10-12T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);
  At("2026-11-02T10:00:00+08:00");
  auto resumed = Resume(s->id);
  ASSERT_TRUE(IsOk(resumed));
  EXPECT_EQ(resumed->state, "resumed");
  EXPECT_EQ(*resumed->resumed_on, D("2026-11-02"));
  EXPECT_EQ(StatusOf(), "active");
  EXPECT_EQ(Notices()[0].kind, "resumption");
  EXPECT_NE(Notices()[0].text.find("自 2026-11-02 恢复营业"), std::string::npos);
  EXPECT_EQ(Timer(kSuspensionExpiryTimer, s->id)->state, "cancelled");
  At("2027-01-01T00:00:01+08:00");
  EXPECT_EQ(Fire(), 0);
  EXPECT_EQ(Get(s->id).state, "resumed");
  // Resuming twice is refused.
  EXPECT_EQ(Resume(s->id).status().code(), StatusCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, SuspensionTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
