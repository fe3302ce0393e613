// SPDX-License-Identifier: MulanPSL-2.0
// 一般注销 end to end on both backends on chosen 2026 dates: every deadline
// from periods.json (calendar days; the decision in working days across
// National Day), the overdue timer, creditors' claims inside and outside the
// claims period, a missing document, and the decision that deregisters.
#include "lifecycle/liquidation.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/calendar.h"
#include "codes/uscc.h"
#include "identity/identity_test_util.h"
#include "lifecycle/suspension_timers.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;

Date D(const char* text) { return *Date::Parse(text); }

// The calendar the tests count on: the shipped one (2027 provisional).
const codes::WorkdayCalendar& Cal() { return *codes::ShippedCalendar().Current(); }

class LiquidationTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    ASSERT_TRUE(IsOk(identity::testing::SeedTree(db(), clock_)));
    scheduler_ = std::make_unique<scheduler::Scheduler>(db(), clock_, "test-1");
    RegisterSuspensionTimers(*scheduler_, clock_);
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
      registry::Entity e;
      e.uscc = kUscc;
      e.name = "杭州清算测试贸易有限公司";
      e.org_form = "有限责任公司";
      e.region_code = "330106";
      e.industry_code = "51";
      e.address = "杭州市西湖区天目山路 2 号";
      e.established_on = D("2019-04-01");
      return registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now()));
    })));
  }
  void TearDown() override {
    scheduler_.reset();
    DbTest::TearDown();
  }
  void At(const char* time) { clock_.Set(*ParseTime(time)); }

  template <typename F>
  StatusOr<Liquidation> Write(F f) {
    Liquidation out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, f(sql));
      return OkStatus();
    }));
    return out;
  }
  StatusOr<Liquidation> Open() {
    return Write([&](soci::session& sql) {
      GroupFiling g{"股东会决议解散",
                    D("2026-07-01"),
                    D("2026-07-03"),
                    {"王清", "李算"},
                    {"group_members", "dissolution_decision"}};
      return FileLiquidationGroup(sql, identity::testing::SystemCaller(), kUscc, g, clock_, Cal());
    });
  }
  StatusOr<Liquidation> Step(int64_t id, std::string_view step, std::vector<std::string> docs,
                             nlohmann::json detail = nlohmann::json::object()) {
    return Write([&](soci::session& sql) {
      return SubmitLiquidationStep(sql, identity::testing::SystemCaller(), id, step,
                                   {std::move(docs), std::move(detail)}, clock_, Cal());
    });
  }
  StatusOr<Claim> ClaimOf(int64_t id, std::optional<Date> received = std::nullopt) {
    Claim out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, FileClaim(sql, id, {"杭州某供应商有限公司", 1234567, "货款", received},
                                      clock_, Cal()));
      return OkStatus();
    }));
    return out;
  }
  Liquidation Get(int64_t id) {
    Liquidation out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, GetLiquidation(sql, id, clock_));
      return OkStatus();
    })));
    return out;
  }
  static const LiquidationStep& S(const Liquidation& l, std::string_view step) {
    for (const LiquidationStep& s : l.steps) {
      if (s.step == step) return s;
    }
    static LiquidationStep none;
    ADD_FAILURE() << "no step " << step;
    return none;
  }
  static std::string Due(const Liquidation& l, std::string_view step) {
    const auto& s = S(l, step);
    return s.due_on ? s.due_on->ToString() : "none";
  }
  int Fire() {
    auto r = scheduler_->RunDue();
    EXPECT_TRUE(IsOk(r));
    return r.ok() ? r->fired : -1;
  }

  static constexpr const char* kUscc = "91330106MA2H000027";
  FakeClock clock_{*ParseTime("2026-07-08T10:00:00+08:00")};
  std::unique_ptr<scheduler::Scheduler> scheduler_;
};

TEST_P(LiquidationTest, OrdinaryDeregistrationEndToEndWithEveryDeadline) {
  // 解散事由 2026-07-01, 清算组 formed 2026-07-03, filed 2026-07-08.
  auto opened = Open();
  ASSERT_TRUE(IsOk(opened));
  const int64_t id = opened->id;
  EXPECT_EQ(opened->state, "liquidating");
  EXPECT_EQ(Due(*opened, "group_filing"), "2026-07-16");  // cause + 15
  EXPECT_EQ(S(*opened, "group_filing").state, "done");
  EXPECT_EQ(Due(*opened, "group_publication"), "2026-07-13");  // formation + 10
  EXPECT_EQ(S(*opened, "group_publication").state, "done");
  EXPECT_EQ(Due(*opened, "creditor_notice"), "2026-07-13");  // formation + 10
  EXPECT_EQ(Due(*opened, "public_notice"), "2026-09-01");    // formation + 60
  EXPECT_EQ(Due(*opened, "report"), "none");                 // no statutory limit
  EXPECT_EQ(Due(*opened, "application"), "none");            // runs from the report
  EXPECT_EQ(S(*opened, "report").required.size(), 2u);
  EXPECT_EQ(S(*opened, "report").period, "");
  EXPECT_EQ(S(*opened, "creditor_notice").period, "10 日");

  // Creditors not notified by 2026-07-13: the timer marks the step overdue.
  At("2026-07-13T23:59:59+08:00");
  EXPECT_EQ(Fire(), 0);
  EXPECT_EQ(S(Get(id), "creditor_notice").state, "pending");
  At("2026-07-14T00:00:01+08:00");
  EXPECT_EQ(Fire(), 1);
  EXPECT_EQ(Fire(), 0);
  EXPECT_TRUE(S(Get(id), "creditor_notice").overdue);
  EXPECT_EQ(S(Get(id), "creditor_notice").state, "overdue");
  long long audited = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'liquidation.step_overdue'",
        soci::into(audited);
    return OkStatus();
  })));
  EXPECT_EQ(audited, 1);

  // A submission without its listed document is refused naming it.
  At("2026-07-15T10:00:00+08:00");
  auto missing = Step(id, "creditor_notice", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "documents");
  EXPECT_NE(missing.status().message().find("债权人通知书及送达凭证"), std::string::npos);
  auto notified = Step(id, "creditor_notice", {"creditor_notice_proof"});
  ASSERT_TRUE(IsOk(notified));
  EXPECT_EQ(S(*notified, "creditor_notice").state, "done_late");

  // A notified creditor (received 2026-07-16) claims within 30 days: to
  // 2026-08-15, a Saturday, so to Monday 2026-08-17 (民法典 Art. 203).
  At("2026-08-17T16:00:00+08:00");
  auto in_time = ClaimOf(id, D("2026-07-16"));
  ASSERT_TRUE(IsOk(in_time));
  EXPECT_EQ(in_time->window_end, D("2026-08-17"));
  At("2026-08-18T09:00:00+08:00");
  auto late_notified = ClaimOf(id, D("2026-07-16"));
  ASSERT_FALSE(late_notified.ok());
  EXPECT_EQ(late_notified.status().field(), "claims_period");
  // Before the public notice nobody else can claim.
  EXPECT_EQ(ClaimOf(id).status().field(), "claims_period");

  // Public notice on 2026-08-17 (due 2026-09-01).
  At("2026-08-17T10:00:00+08:00");
  auto no_text = Step(id, "public_notice", {"notice_text"});
  EXPECT_EQ(no_text.status().field(), "text");
  auto published = Step(id, "public_notice", {"notice_text"}, {{"text", "请债权人申报债权。"}});
  ASSERT_TRUE(IsOk(published));
  EXPECT_EQ(S(*published, "public_notice").state, "done");  // due 2026-09-01
  EXPECT_EQ(published->public_notice_on, D("2026-08-17"));
  // 45 days end on 2026-10-01, National Day: the period runs to 10-08, the
  // first working day after the holiday (民法典 Art. 203).
  EXPECT_EQ(published->claims_until, D("2026-10-08"));
  // Inside the claims period (calendar days; National Day included).
  At("2026-10-01T20:00:00+08:00");
  auto national_day = ClaimOf(id);
  ASSERT_TRUE(IsOk(national_day));
  // The report waits for the end of the claims period.
  auto early_report = Step(id, "report", {"liquidation_report", "report_confirmation"});
  ASSERT_FALSE(early_report.ok());
  EXPECT_EQ(early_report.status().field(), "claims_period");
  EXPECT_NE(early_report.status().message().find("2026-10-09"), std::string::npos);
  At("2026-10-08T20:00:00+08:00");
  auto last_day = ClaimOf(id);
  ASSERT_TRUE(IsOk(last_day));
  At("2026-10-09T09:00:00+08:00");
  auto after = ClaimOf(id);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(after.status().field(), "claims_period");
  EXPECT_EQ(Get(id).claims, 3);

  auto no_confirmation = Step(id, "report", {"liquidation_report"});
  ASSERT_FALSE(no_confirmation.ok());
  EXPECT_NE(no_confirmation.status().message().find("report_confirmation"), std::string::npos);
  auto report = Step(id, "report", {"liquidation_report", "report_confirmation"});
  ASSERT_TRUE(IsOk(report));
  // report + 30 = 2026-11-08, a Sunday: Monday 11-09.
  EXPECT_EQ(Due(*report, "application"), "2026-11-09");

  // The application needs the tax clearance first.
  auto too_soon = Step(id, "application", {"deregistration_application"});
  ASSERT_FALSE(too_soon.ok());
  EXPECT_NE(too_soon.status().message().find("清税"), std::string::npos);
  auto cleared = Write([&](soci::session& sql) {
    return RecordTaxClearance(sql, identity::testing::SystemCaller(), id,
                              {{"tax_clearance_certificate"}, {{"number", "杭税清〔2026〕88号"}}},
                              clock_);
  });
  ASSERT_TRUE(IsOk(cleared));
  EXPECT_EQ(S(*cleared, "tax_clearance").state, "done");

  // Applied on Friday 2026-10-09: 3 working days are the make-up Saturday
  // 10-10, then 10-12 and 10-13.
  At("2026-10-09T10:00:00+08:00");
  auto applied = Step(id, "application", {"deregistration_application"});
  ASSERT_TRUE(IsOk(applied));
  EXPECT_EQ(applied->state, "applied");
  EXPECT_EQ(Due(*applied, "decision"), "2026-10-13");
  EXPECT_EQ(S(*applied, "decision").period, "3 个工作日");
  // No more steps once applied.
  EXPECT_EQ(Step(id, "report", {}).status().field(), "state");

  // It now waits for the registration authority's decision, no longer for 清税.
  auto awaiting = [&](std::string_view what) {
    std::vector<int64_t> ids;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(auto open, ListLiquidationsAwaiting(sql, identity::testing::SystemCaller(),
                                                           what, clock_));
      for (const Liquidation& l : open) ids.push_back(l.id);
      return OkStatus();
    })));
    return ids;
  };
  EXPECT_EQ(awaiting("decision"), std::vector<int64_t>{id});
  EXPECT_TRUE(awaiting("tax_clearance").empty());

  // The registrar approves on 2026-10-13, the last day: the entity ends (一般注销).
  At("2026-10-13T15:00:00+08:00");
  auto decide = [&](bool approve) {
    return Write([&](soci::session& sql) {
      return DecideLiquidation(sql, identity::testing::SystemCaller(), id, approve,
                               approve ? "" : "材料不实", {}, clock_);
    });
  };
  auto decided = decide(true);
  ASSERT_TRUE(IsOk(decided));
  EXPECT_EQ(decided->state, "deregistered");
  EXPECT_TRUE(awaiting("decision").empty());
  EXPECT_EQ(S(*decided, "decision").state, "done");
  auto entity = registry::GetEntity(db(), kUscc);
  ASSERT_TRUE(IsOk(entity));
  EXPECT_EQ(entity->status, registry::EntityStatus::kDeregistered);
  std::optional<DeregistrationRecord> record;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(record, GetDeregistration(sql, kUscc));
    return OkStatus();
  })));
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->fact.kind, "ordinary");
  EXPECT_EQ(record->fact.application_ref, "liquidation:" + std::to_string(id));
  EXPECT_EQ(record->fact.applied_on, D("2026-10-09"));
  EXPECT_EQ(record->fact.deregistered_on, D("2026-10-13"));
  // Deciding again is refused; nothing changes.
  auto again = decide(true);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().field(), "state");
  // The deadlines passed after the end are not marked overdue.
  At("2026-11-10T00:00:01+08:00");
  Fire();
  EXPECT_FALSE(S(Get(id), "decision").overdue);
  EXPECT_FALSE(S(Get(id), "application").overdue);
  std::vector<LiquidationNotice> notices;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(notices, ListLiquidationNotices(sql, "", 10, 0));
    return OkStatus();
  })));
  ASSERT_EQ(notices.size(), 3u);
  EXPECT_EQ(notices[0].kind, "deregistered");
  EXPECT_EQ(notices[1].kind, "creditors");
  EXPECT_EQ(notices[2].kind, "group");
  // The notices of one entity (how its page finds its liquidation).
  std::vector<LiquidationNotice> own, other;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(own, ListLiquidationNotices(sql, notices[0].uscc, 10, 0));
    ASSIGN_OR_RETURN(other, ListLiquidationNotices(sql, "91330106MA2H00000X", 10, 0));
    return OkStatus();
  })));
  EXPECT_EQ(own.size(), 3u);
  EXPECT_TRUE(other.empty());
}

TEST_P(LiquidationTest, ARejectedApplicationKeepsTheEntityWithTheReason) {
  auto opened = Open();
  ASSERT_TRUE(IsOk(opened));
  const int64_t id = opened->id;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    long long lid = id;
    sql << "UPDATE liquidation SET state = 'applied' WHERE id = :id", soci::use(lid);
    return OkStatus();
  })));
  auto no_reason = Write([&](soci::session& sql) {
    return DecideLiquidation(sql, identity::testing::SystemCaller(), id, false, "", {}, clock_);
  });
  EXPECT_EQ(no_reason.status().field(), "reason");
  auto rejected = Write([&](soci::session& sql) {
    return DecideLiquidation(sql, identity::testing::SystemCaller(), id, false,
                             "清算报告未经股东会确认", {}, clock_);
  });
  ASSERT_TRUE(IsOk(rejected));
  EXPECT_EQ(rejected->state, "rejected");
  EXPECT_EQ(rejected->decision_reason, "清算报告未经股东会确认");
  EXPECT_EQ(registry::GetEntity(db(), kUscc)->status, registry::EntityStatus::kActive);
}

TEST_P(LiquidationTest, OpeningChecksDatesDocumentsAndOneLiquidationPerEntity) {
  auto filing = [&](GroupFiling g) {
    return Write([&](soci::session& sql) {
      return FileLiquidationGroup(sql, identity::testing::SystemCaller(), kUscc, g, clock_, Cal());
    });
  };
  GroupFiling g{"股东会决议解散",
                D("2026-07-01"),
                D("2026-07-03"),
                {"王清"},
                {"group_members", "dissolution_decision"}};
  GroupFiling future = g;
  future.cause_on = D("2026-07-09");
  EXPECT_EQ(filing(future).status().field(), "cause_on");
  GroupFiling before = g;
  before.group_formed_on = D("2026-06-30");
  EXPECT_EQ(filing(before).status().field(), "group_formed_on");
  GroupFiling no_doc = g;
  no_doc.documents = {"group_members"};
  auto refused = filing(no_doc);
  EXPECT_EQ(refused.status().field(), "documents");
  EXPECT_NE(refused.status().message().find("解散决议"), std::string::npos);
  GroupFiling nobody = g;
  nobody.members = {};
  EXPECT_EQ(filing(nobody).status().field(), "members");
  // Filed on 2026-07-20, the group formed on 07-03: formed in time (公司法
  // Art. 232: cause + 15 = 2026-07-16 is the limit for forming it), filed and
  // published late (formation + 10 = 07-13).
  At("2026-07-20T10:00:00+08:00");
  auto late = filing(g);
  ASSERT_TRUE(IsOk(late));
  EXPECT_EQ(S(*late, "group_filing").state, "done");
  EXPECT_EQ(S(*late, "group_filing").done_on->ToString(), "2026-07-03");
  EXPECT_EQ(S(*late, "group_publication").state, "done_late");
  // Deadlines already passed show as overdue at once.
  EXPECT_EQ(S(*late, "creditor_notice").state, "overdue");
  EXPECT_EQ(filing(g).status().field(), "uscc");
  std::vector<LiquidationNotice> notices;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(notices, ListLiquidationNotices(sql, "", 10, 0));
    return OkStatus();
  })));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, "group");
  EXPECT_NE(notices[0].text.find("王清"), std::string::npos);
}

// A group formed after the 15 days of 公司法 Art. 232 is late, however soon
// it is filed afterwards.
TEST_P(LiquidationTest, AGroupFormedAfterFifteenDaysIsLate) {
  At("2026-07-20T10:00:00+08:00");
  auto opened = Write([&](soci::session& sql) {
    GroupFiling g{"股东会决议解散",
                  D("2026-07-01"),
                  D("2026-07-18"),
                  {"王清"},
                  {"group_members", "dissolution_decision"}};
    return FileLiquidationGroup(sql, identity::testing::SystemCaller(), kUscc, g, clock_, Cal());
  });
  ASSERT_TRUE(IsOk(opened));
  EXPECT_EQ(S(*opened, "group_filing").state, "done_late");
  EXPECT_EQ(S(*opened, "group_publication").state, "done");  // filed 2 days after forming
}

// 个人独资企业法 Art. 27: the investor liquidates; no 15 days to form a group,
// no period after it for the creditors' notice; claims within 60 days of a
// public notice (45 for companies).
TEST_P(LiquidationTest, ASoleProprietorshipHasItsOwnPeriods) {
  const std::string kSole = *codes::IssueUscc('9', '1', "330106", 3501);
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    registry::Entity e;
    e.uscc = kSole;
    e.name = "杭州西湖清算示例商行";
    e.org_form = "个人独资企业";
    e.region_code = "330106";
    e.industry_code = "51";
    e.address = "杭州市西湖区天目山路 3 号";
    e.established_on = D("2019-04-01");
    return registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now()));
  })));
  At("2026-08-10T10:00:00+08:00");
  auto opened = Write([&](soci::session& sql) {
    GroupFiling g{"投资人决定解散",
                  D("2026-07-01"),
                  D("2026-08-05"),
                  {"赵独"},
                  {"group_members", "dissolution_decision"}};
    return FileLiquidationGroup(sql, identity::testing::SystemCaller(), kSole, g, clock_, Cal());
  });
  ASSERT_TRUE(IsOk(opened));
  EXPECT_EQ(opened->form, "sole_proprietorship");
  EXPECT_EQ(Due(*opened, "group_filing"), "none");
  EXPECT_EQ(S(*opened, "group_filing").state, "done");  // a company would be late
  EXPECT_EQ(Due(*opened, "creditor_notice"), "none");
  EXPECT_EQ(Due(*opened, "public_notice"), "none");
  EXPECT_EQ(Due(*opened, "group_publication"), "2026-08-17");  // formation + 10, 08-15 a Saturday
  auto published = Step(opened->id, "public_notice", {"notice_text"},
                        {{"text", "杭州西湖清算示例商行清算公告"}});
  ASSERT_TRUE(IsOk(published));
  // 2026-08-10 + 60 = 2026-10-09 (a company's 45 days: 09-24).
  ASSERT_TRUE(published->claims_until.has_value());
  EXPECT_EQ(published->claims_until->ToString(), "2026-10-09");
}

INSTANTIATE_TEST_SUITE_P(Backends, LiquidationTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
