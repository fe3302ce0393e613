// SPDX-License-Identifier: MulanPSL-2.0
// The calendar in the store, on both backends: seeded from the shipped file
// (2004–2026, so 2027 is provisional), an administrator entering 2027, every
// open deadline recomputed and audited, a second server following, and every
// refusal leaving the store as it was.
//
// The 2027 entered here is test input for the entry itself, not a notice: it
// lists only 元旦 on 1 January, fixed by law (全国年节及纪念日放假办法 Art. 2),
// so that a deadline counted through it provably moves.
#include "calendar/calendar_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "audit/verify.h"
#include "codes/data_dir.h"
#include "testing/db_fixture.h"

namespace amr::calendar {
namespace {

using amr::testing::IsOk;
using ::testing::HasSubstr;

Date D(std::string_view text) { return *Date::Parse(text); }

// 2027 with 元旦 only (the rest of the notice is not known).
codes::CalendarYear NewYearOnly2027() {
  return {2027, {{D("2027-01-01"), codes::DayKind::kHoliday, "元旦"}}};
}

std::vector<codes::CalendarYear> Shipped() {
  auto years = codes::WorkdayCalendar::ReadShippedYears(codes::DataDir() / "calendar.csv");
  EXPECT_TRUE(years.ok()) << years.status().ToString();
  return years.ok() ? *years : std::vector<codes::CalendarYear>{};
}

audit::Actor Admin() {
  audit::Actor a;
  a.user_id = 1;
  a.username = "root-admin";
  a.role = "admin";
  return a;
}

class CalendarServiceTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    service_ = std::make_unique<CalendarService>(db(), clock_);
    service_->RegisterMover("test.reply", [this](soci::session&, const Deadline& d,
                                                 const codes::CountedDate& due, const Clock&) {
      moved_.emplace_back(d.subject, due.date);
      return OkStatus();
    });
    ASSERT_TRUE(IsOk(service_->Start(Shipped())));
  }

  // Tracks "test.reply" for `subject`: `n` working days from `start`.
  codes::CountedDate TrackWorking(CalendarService& service, const std::string& subject,
                                  std::string_view start, int n) {
    codes::CountedDate due;
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      TrackRequest r{"test.reply", subject, "答复期限 · " + subject, "/1/",
                     codes::DeadlineInput{D(start), {n, codes::PeriodUnit::kWorkingDays}}};
      ASSIGN_OR_RETURN(due, Track(sql, *service.Current(), r, clock_));
      return OkStatus();
    })));
    return due;
  }

  std::optional<Deadline> Find(const std::string& subject) {
    std::optional<Deadline> found;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(found, FindDeadline(sql, "test.reply", subject));
      return OkStatus();
    })));
    return found;
  }

  int64_t AuditCount(const std::string& action) {
    int64_t n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << "SELECT COUNT(*) FROM audit_log WHERE action = :a", soci::use(action), soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-12-06T10:00:00+08:00")};
  std::unique_ptr<CalendarService> service_;
  std::vector<std::pair<std::string, Date>> moved_;
};

TEST_P(CalendarServiceTest, SeedsTheShippedYearsAndCounts2027Provisionally) {
  auto calendar = service_->Current();
  EXPECT_EQ(calendar->first_year(), 2004);
  EXPECT_EQ(calendar->last_year(), 2026);
  EXPECT_EQ(calendar->provisional_year(), 2027);
  // The store agrees with the shipped file on the spot checks of DOMAIN.md.
  EXPECT_FALSE(*calendar->IsWorkday(D("2026-10-07")));
  EXPECT_TRUE(*calendar->IsWorkday(D("2026-10-10")));
  EXPECT_EQ(calendar->HolidayName(D("2026-02-17")), "春节");
  // 2027-01-01, a Friday, counts as a working day until 2027 is entered.
  EXPECT_TRUE(*calendar->IsWorkday(D("2027-01-01")));
  EXPECT_EQ(calendar->IsWorkday(D("2028-01-03")).status().code(), StatusCode::kOutOfRange);
  auto years = service_->Years();
  ASSERT_TRUE(IsOk(years));
  EXPECT_EQ(years->size(), 23u);
  EXPECT_EQ(years->back().source, YearSource::kShipped);
  // A second start seeds nothing.
  CalendarService again(db(), clock_);
  ASSERT_TRUE(IsOk(again.Start(Shipped())));
  EXPECT_EQ(again.Years()->size(), 23u);
}

TEST_P(CalendarServiceTest, EnteringTheYearRecomputesOpenDeadlinesAndAuditsEach) {
  // 5 working days from Monday 2026-12-28: 12-29, 12-30, 12-31, then 2027-01-01
  // and 01-04, provisionally.
  codes::CountedDate before = TrackWorking(*service_, "a", "2026-12-28", 5);
  EXPECT_EQ(before.date, D("2027-01-04"));
  EXPECT_TRUE(before.provisional);
  // One that ends in 2026 does not move; a closed one is left alone.
  EXPECT_EQ(TrackWorking(*service_, "b", "2026-12-21", 5).date, D("2026-12-28"));
  TrackWorking(*service_, "c", "2026-12-30", 3);
  ASSERT_TRUE(IsOk(
      db().Transaction([&](soci::session& sql) { return Close(sql, "test.reply", "c", clock_); })));

  auto result = service_->EnterYear({NewYearOnly2027(), "测试录入", false}, Admin());
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->year.version, 1);
  EXPECT_EQ(result->year.source, YearSource::kEntered);
  EXPECT_EQ(result->recomputation.moved, 1);
  ASSERT_EQ(result->recomputation.sample.size(), 1u);
  EXPECT_EQ(result->recomputation.sample[0].before.date, D("2027-01-04"));
  EXPECT_EQ(result->recomputation.sample[0].after.date, D("2027-01-05"));

  // 元旦 is off now: 12-29, 12-30, 12-31, 01-04, 01-05.
  auto a = Find("a");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->due.date, D("2027-01-05"));
  EXPECT_FALSE(a->due.provisional);
  EXPECT_EQ(a->previous_due, D("2027-01-04"));
  EXPECT_EQ(Find("b")->due.date, D("2026-12-28"));
  EXPECT_EQ(Find("c")->due.date, D("2027-01-04"));  // closed: untouched
  ASSERT_EQ(moved_.size(), 1u);
  EXPECT_EQ(moved_[0], std::make_pair(std::string("a"), D("2027-01-05")));
  EXPECT_EQ(AuditCount("deadline.recompute"), 1);
  EXPECT_EQ(AuditCount("calendar.year.enter"), 1);

  auto calendar = service_->Current();
  EXPECT_EQ(calendar->last_year(), 2027);
  EXPECT_EQ(calendar->provisional_year(), 2028);
  EXPECT_FALSE(*calendar->IsWorkday(D("2027-01-01")));
  EXPECT_EQ(calendar->HolidayName(D("2027-01-01")), "元旦");
  // The moved list shows it to the unit's staff, not to another unit's.
  MovedFilter mine;
  mine.scope_paths = std::vector<std::string>{"/1/"};
  EXPECT_EQ(service_->Moved(mine)->size(), 1u);
  MovedFilter other;
  other.scope_paths = std::vector<std::string>{"/2/"};
  EXPECT_TRUE(service_->Moved(other)->empty());

  // The trail verifies.
  auto verified = audit::Verify(db());
  ASSERT_TRUE(IsOk(verified));
  EXPECT_TRUE(verified->intact());
  EXPECT_EQ(verified->records_checked, 2);  // the move and the entry (the seed is not audited)
}

TEST_P(CalendarServiceTest, RefusalsLeaveTheStoreAsItWas) {
  // A make-up working day on a weekday.
  codes::CalendarYear bad = NewYearOnly2027();
  bad.days.push_back({D("2027-01-04"), codes::DayKind::kMakeupWorkday, "元旦"});
  auto weekday = service_->EnterYear({bad, "", false}, Admin());
  EXPECT_EQ(weekday.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(weekday.status().field(), "days[1]");
  EXPECT_THAT(weekday.status().message(), HasSubstr("2027-01-04 是星期一"));
  // A date outside the year; twice the same date; a weekend day off alone.
  codes::CalendarYear outside = NewYearOnly2027();
  outside.days.push_back({D("2028-01-01"), codes::DayKind::kHoliday, "元旦"});
  EXPECT_EQ(service_->EnterYear({outside, "", false}, Admin()).status().field(), "days[1]");
  codes::CalendarYear twice = NewYearOnly2027();
  twice.days.push_back({D("2027-01-01"), codes::DayKind::kHoliday, "元旦"});
  EXPECT_THAT(service_->EnterYear({twice, "", false}, Admin()).status().message(),
              HasSubstr("重复"));
  codes::CalendarYear unnamed = NewYearOnly2027();
  unnamed.days.push_back({D("2027-01-04"), codes::DayKind::kHoliday, ""});
  EXPECT_EQ(service_->EnterYear({unnamed, "", false}, Admin()).status().field(), "days[1]");
  // A gap: 2028 before 2027.
  codes::CalendarYear later{2028, {{D("2028-01-01"), codes::DayKind::kHoliday, "元旦"}}};
  auto gap = service_->EnterYear({later, "", false}, Admin());
  EXPECT_EQ(gap.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(gap.status().field(), "year");
  // An entered year without replace.
  auto again = service_->EnterYear({Shipped().back(), "", false}, Admin());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  // Nothing of it was written.
  EXPECT_EQ(service_->Years()->size(), 23u);
  EXPECT_EQ(service_->Current()->last_year(), 2026);
  EXPECT_EQ(AuditCount("calendar.year.enter"), 0);
}

TEST_P(CalendarServiceTest, ReplacingKeepsVersionsAndARetryChangesNothing) {
  ASSERT_TRUE(IsOk(service_->EnterYear({NewYearOnly2027(), "第一次", false}, Admin())));
  EXPECT_EQ(TrackWorking(*service_, "d", "2027-04-28", 3).date, D("2027-05-03"));
  // Corrected with 劳动节 05-01..05-03 (05-03 is the Monday off).
  codes::CalendarYear corrected = NewYearOnly2027();
  for (const char* day : {"2027-05-01", "2027-05-02", "2027-05-03"}) {
    corrected.days.push_back({D(day), codes::DayKind::kHoliday, "劳动节"});
  }
  auto replaced = service_->EnterYear({corrected, "第二次", true}, Admin());
  ASSERT_TRUE(IsOk(replaced));
  EXPECT_EQ(replaced->year.version, 2);
  EXPECT_EQ(replaced->recomputation.moved, 1);
  EXPECT_EQ(Find("d")->due.date, D("2027-05-04"));  // 04-29, 04-30, 05-04
  // The same content again: no new version, nothing moved.
  auto retried = service_->EnterYear({corrected, "第二次", true}, Admin());
  ASSERT_TRUE(IsOk(retried));
  EXPECT_TRUE(retried->unchanged);
  auto versions = service_->Versions(2027);
  ASSERT_TRUE(IsOk(versions));
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 2);
  EXPECT_EQ((*versions)[0].notice, "第二次");
  EXPECT_EQ((*versions)[0].moved_deadlines, 1);
  EXPECT_EQ((*versions)[1].days.size(), 1u);
  EXPECT_EQ(AuditCount("calendar.year.replace"), 1);
}

TEST_P(CalendarServiceTest, AnotherServerFollowsAndFixesWhatItCountedMeanwhile) {
  CalendarService other(db(), clock_);
  ASSERT_TRUE(IsOk(other.Start(Shipped())));
  ASSERT_TRUE(IsOk(service_->EnterYear({NewYearOnly2027(), "", false}, Admin())));
  // The other server has not refreshed yet: it counts on the old calendar.
  EXPECT_EQ(other.Current()->last_year(), 2026);
  EXPECT_EQ(TrackWorking(other, "late", "2026-12-28", 5).date, D("2027-01-04"));
  auto refreshed = other.Refresh();
  ASSERT_TRUE(IsOk(refreshed));
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(other.Current()->last_year(), 2027);
  // … and recomputed the deadline it had counted on the stale calendar.
  EXPECT_EQ(Find("late")->due.date, D("2027-01-05"));
  EXPECT_FALSE(*other.Refresh());
}

TEST_P(CalendarServiceTest, ANewerReleasesYearIsSeededAndMovesDeadlines) {
  codes::CountedDate before = TrackWorking(*service_, "e", "2026-12-28", 5);
  EXPECT_TRUE(before.provisional);
  std::vector<codes::CalendarYear> release = Shipped();
  release.push_back(NewYearOnly2027());
  CalendarService upgraded(db(), clock_);
  ASSERT_TRUE(IsOk(upgraded.Start(release)));
  EXPECT_EQ(upgraded.Current()->last_year(), 2027);
  EXPECT_EQ(Find("e")->due.date, D("2027-01-05"));
  EXPECT_EQ(AuditCount("calendar.year.seed"), 1);
  // An administrator's entry is never overwritten by a release.
  ASSERT_TRUE(IsOk(upgraded.EnterYear({NewYearOnly2027(), "管理员更正", true}, Admin())));
  CalendarService next(db(), clock_);
  ASSERT_TRUE(IsOk(next.Start(release)));
  EXPECT_EQ(next.Years()->back().notice, "管理员更正");
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarServiceTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::calendar
