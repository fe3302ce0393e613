// SPDX-License-Identifier: MulanPSL-2.0
// 强制注销 (公司法（2023） Art. 241) on both backends: a company revoked on
// 2023-06-01 and never deregistered; started 2026-09-22, the 60-day notice
// ends on Saturday 2026-11-21 and so on Monday 11-23 (民法典 Art. 203); the
// timer makes it ready on 11-24; the registrar deregisters. Before three
// years it is refused; an objection stops it.
#include "lifecycle/compulsory.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "calendar/calendar_service.h"
#include "codes/calendar.h"
#include "codes/data_dir.h"
#include "identity/identity_test_util.h"
#include "lifecycle/simplified_test_util.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;

class CompulsoryTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    ASSERT_TRUE(IsOk(identity::testing::SeedTree(db(), clock_)));
    scheduler_ = std::make_unique<scheduler::Scheduler>(db(), clock_, "test-1");
    RegisterCompulsoryTimers(*scheduler_, clock_);
  }
  void TearDown() override {
    scheduler_.reset();
    DbTest::TearDown();
  }

  registry::Entity Revoked() {
    registry::Entity e;
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(e, testing::AddEntity(sql, clock_, "330106", false, ++serial_, 0));
      sql << "UPDATE entity SET status = 'revoked' WHERE uscc = :u", soci::use(e.uscc);
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

  StatusOr<CompulsoryDeregistration> Start(const std::string& uscc, const char* basis_on) {
    return Run<CompulsoryDeregistration>([&](soci::session& sql) {
      return StartCompulsoryDeregistration(
          sql, system_, uscc, {"revoked", "杭西市监吊〔2023〕15号", *Date::Parse(basis_on)}, clock_,
          *codes::ShippedCalendar().Current());
    });
  }

  StatusOr<CompulsoryDeregistration> Get(int64_t id) {
    return Run<CompulsoryDeregistration>(
        [&](soci::session& sql) { return GetCompulsory(sql, id); });
  }

  void At(const char* time) { clock_.Set(*ParseTime(time)); }

  FakeClock clock_{*ParseTime("2026-09-22T10:00:00+08:00")};
  identity::Caller system_ = identity::testing::SystemCaller();
  std::unique_ptr<scheduler::Scheduler> scheduler_;
  uint64_t serial_ = 7600;
};

TEST_P(CompulsoryTest, NoticeObjectionFreeThenTheRegistrarDeregisters) {
  const registry::Entity e = Revoked();
  auto started = Start(e.uscc, "2023-06-01");
  ASSERT_TRUE(IsOk(started));
  EXPECT_EQ(started->state, "notice");
  EXPECT_EQ(started->notice_start_on, "2026-09-22");
  // 09-22 + 60 = 11-21, a Saturday: the objection period runs to Monday 11-23.
  EXPECT_EQ(started->notice_end_on, "2026-11-23");
  // A second procedure while this one is open is refused.
  EXPECT_EQ(Start(e.uscc, "2023-06-01").status().field(), "uscc");
  // Not decided before the notice ends.
  EXPECT_EQ(Run<CompulsoryDeregistration>([&](soci::session& sql) {
              return DecideCompulsory(sql, system_, started->id, true, "", {}, clock_);
            })
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  At("2026-11-23T23:59:00+08:00");
  ASSERT_TRUE(IsOk(scheduler_->RunDue()));
  EXPECT_EQ(Get(started->id)->state, "notice");
  At("2026-11-24T00:00:01+08:00");
  auto fired = scheduler_->RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 1);
  EXPECT_EQ(Get(started->id)->state, "ready");
  At("2026-11-25T10:00:00+08:00");
  auto decided = Run<CompulsoryDeregistration>([&](soci::session& sql) {
    return DecideCompulsory(sql, system_, started->id, true, "", {}, clock_);
  });
  ASSERT_TRUE(IsOk(decided));
  EXPECT_EQ(decided->state, "deregistered");
  auto entity = registry::GetEntity(db(), e.uscc);
  ASSERT_TRUE(IsOk(entity));
  EXPECT_EQ(entity->status, registry::EntityStatus::kDeregistered);
  auto record = Run<std::optional<DeregistrationRecord>>(
      [&](soci::session& sql) { return GetDeregistration(sql, e.uscc); });
  ASSERT_TRUE(IsOk(record));
  ASSERT_TRUE(record->has_value());
  EXPECT_EQ((*record)->fact.kind, "compulsory");
  EXPECT_EQ((*record)->fact.deregistered_on.ToString(), "2026-11-25");
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.compulsory.decide"), 1);
}

// Started Monday 2026-11-02: 60 days end on Friday 2027-01-01, a working day
// while 2027 is provisional. When an administrator enters 2027 (元旦 on
// 01-01, fixed by 全国年节及纪念日放假办法; the rest of the notice is not
// known), the last day moves to Monday 2027-01-04 (民法典 Art. 203) — the
// procedure's record and its timer with it.
TEST_P(CompulsoryTest, EnteringTheNewYearMovesTheNoticeAndItsTimer) {
  calendar::CalendarService calendars(db(), clock_);
  calendars.RegisterMover(std::string(kCompulsoryNoticeTimer),
                          [](soci::session& sql, const calendar::Deadline& d,
                             const codes::CountedDate& due, const Clock& clock) {
                            return MoveCompulsoryNoticeDeadline(sql, d.subject, due.date, clock);
                          });
  auto shipped = codes::WorkdayCalendar::ReadShippedYears(codes::DataDir() / "calendar.csv");
  ASSERT_TRUE(IsOk(shipped));
  ASSERT_TRUE(IsOk(calendars.Start(*shipped)));
  ASSERT_EQ(calendars.Current()->provisional_year(), 2027);
  At("2026-11-02T10:00:00+08:00");
  const registry::Entity e = Revoked();
  auto started = Run<CompulsoryDeregistration>([&](soci::session& sql) {
    return StartCompulsoryDeregistration(
        sql, system_, e.uscc, {"revoked", "杭西市监吊〔2023〕15号", *Date::Parse("2023-06-01")},
        clock_, *calendars.Current());
  });
  ASSERT_TRUE(IsOk(started));
  EXPECT_EQ(started->notice_end_on, "2027-01-01");

  At("2026-12-07T10:00:00+08:00");
  audit::Actor admin;
  admin.username = "root-admin";
  admin.role = "admin";
  auto entered = calendars.EnterYear(
      {{2027, {{*Date::Parse("2027-01-01"), codes::DayKind::kHoliday, "元旦"}}}, "", false}, admin);
  ASSERT_TRUE(IsOk(entered));
  EXPECT_EQ(entered->recomputation.moved, 1);
  EXPECT_EQ(Get(started->id)->notice_end_on, "2027-01-04");
  // The timer moved too: nothing fires on 01-02, the procedure is ready on 01-05.
  At("2027-01-02T00:00:01+08:00");
  auto early = scheduler_->RunDue();
  ASSERT_TRUE(IsOk(early));
  EXPECT_EQ(early->fired, 0);
  EXPECT_EQ(Get(started->id)->state, "notice");
  At("2027-01-05T00:00:01+08:00");
  auto fired = scheduler_->RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 1);
  EXPECT_EQ(Get(started->id)->state, "ready");
}

TEST_P(CompulsoryTest, NotBeforeThreeYearsAndAnObjectionStopsIt) {
  const registry::Entity e = Revoked();
  // Revoked 2023-09-23: three years end on 2026-09-23, tomorrow.
  auto early = Start(e.uscc, "2023-09-23");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(early.status().field(), "basis_on");
  // An active entity is not revoked.
  registry::Entity active;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(active, testing::AddEntity(sql, clock_, "330106", false, ++serial_, 0));
    return OkStatus();
  })));
  EXPECT_EQ(Start(active.uscc, "2023-01-01").status().field(), "uscc");
  auto started = Start(e.uscc, "2023-09-22");
  ASSERT_TRUE(IsOk(started));
  At("2026-10-20T09:00:00+08:00");
  auto objected = Run<CompulsoryDeregistration>([&](soci::session& sql) {
    return ObjectToCompulsory(
        sql, started->id, {"creditor", "杭州某银行", "0571-88888888", "尚有未清偿贷款"}, clock_);
  });
  ASSERT_TRUE(IsOk(objected));
  EXPECT_EQ(objected->state, "objected");
  EXPECT_EQ(CompulsoryJson(*objected, false).dump().find("0571-88888888"), std::string::npos);
  // The timer was cancelled: nothing fires after the notice.
  At("2026-11-24T00:00:01+08:00");
  auto fired = scheduler_->RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 0);
  EXPECT_EQ(registry::GetEntity(db(), e.uscc)->status, registry::EntityStatus::kRevoked);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompulsoryTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
