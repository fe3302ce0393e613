// SPDX-License-Identifier: MulanPSL-2.0
// 简易注销 and 一屏注销 over the store on both backends, on real calendar
// dates: a notice filed 2026-09-22 runs across National Day (10-01..10-07) to
// 10-12 (its 20th day, 10-11, is a Sunday: 民法典 Art. 203); an objection on its
// tenth day stops it; a clean one completes the day after; one not completed
// in time lapses; every restriction kind
// refuses it, naming the condition.
#include "lifecycle/simplified.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/calendar.h"
#include "identity/identity_test_util.h"
#include "lifecycle/simplified_test_util.h"
#include "lifecycle/simplified_timers.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

Clock::TimePoint At(const std::string& rfc3339) { return *ParseTime(rfc3339); }

class SimplifiedTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    auto holder = identity::testing::AddApplicant(db(), clock_, hasher_, "holder");
    ASSERT_TRUE(IsOk(holder));
    holder_ = holder->id;
  }

  registry::Entity Entity(bool individual = false, const std::string& region = "330106") {
    registry::Entity e;
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(e, testing::AddEntity(sql, clock_, region, individual, ++serial_, holder_));
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

  StatusOr<Restriction> Restrict(const std::string& uscc, const std::string& kind,
                                 const std::string& document = "（2026）浙0106执保123号") {
    NewRestriction r;
    r.kind = kind;
    r.document_number = document;
    r.issued_by = "杭州市西湖区人民法院";
    r.effective_on = ChinaDate(clock_.Now());
    return Run<Restriction>([&](soci::session& sql) {
      return RecordRestriction(sql, system_, uscc, r, RestrictionKinds::Default(), clock_);
    });
  }

  StatusOr<SimplifiedApplication> Apply(const std::string& uscc,
                                        const Commitment& c = testing::LegalRepCommitment()) {
    return Run<SimplifiedApplication>(
        [&](soci::session& sql) { return service_.ApplySimplified(sql, system_, uscc, c); });
  }

  StatusOr<std::string> Timer(StatusOr<std::string> (DeregistrationService::*step)(soci::session&,
                                                                                   int64_t) const,
                              int64_t id) {
    return Run<std::string>([&](soci::session& sql) { return (service_.*step)(sql, id); });
  }

  registry::EntityStatus StatusOf(const std::string& uscc) {
    auto e = registry::GetEntity(db(), uscc);
    EXPECT_TRUE(IsOk(e));
    return e.ok() ? e->status : registry::EntityStatus::kActive;
  }

  int64_t Count(const std::string& table) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  // Every kind refuses the application, naming itself and its document.
  void ExpectRefusedFor(const std::string& kind) {
    const registry::Entity e = Entity();
    auto r = Restrict(e.uscc, kind, "文书-" + kind);
    ASSERT_TRUE(IsOk(r));
    const std::string name = RestrictionKinds::Default().NameOf(kind);
    auto app = Apply(e.uscc);
    ASSERT_FALSE(app.ok());
    EXPECT_EQ(app.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(app.status().field(), "uscc");
    EXPECT_NE(app.status().message().find(name), std::string::npos) << app.status().message();
    EXPECT_NE(app.status().message().find("文书-" + kind), std::string::npos);
    EXPECT_EQ(Count("simplified_deregistration"), 0);
    auto elig = Run<Eligibility>([&](soci::session& sql) {
      return service_.CheckEligibility(sql, system_, e.uscc, "simplified", "entities.read_private");
    });
    ASSERT_TRUE(IsOk(elig));
    ASSERT_EQ(elig->failed.size(), 1u);
    EXPECT_EQ(elig->failed[0].condition, kind);
    EXPECT_EQ(elig->failed[0].name, name);
  }

  FakeClock clock_{At("2026-09-22T10:00:00+08:00")};
  identity::testing::Tree t_;
  identity::Caller system_ = identity::testing::SystemCaller();
  DeregistrationService service_{DeregistrationPeriods::Default(), RestrictionKinds::Default(),
                                 clock_, codes::ShippedCalendar()};
  uint64_t serial_ = 7000;
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  int64_t holder_ = 0;
};

TEST(DeregistrationPeriodsTest, CalendarDaysFromTheData) {
  const DeregistrationPeriods& p = DeregistrationPeriods::Default();
  const codes::WorkdayCalendar& calendar = *codes::ShippedCalendar().Current();
  // 20 calendar days including the day of publication, National Day included:
  // the 20th day, 10-11, is a Sunday, so the notice ends on Monday 10-12
  // (民法典 Art. 203).
  EXPECT_EQ(p.NoticeEnd(*Date::Parse("2026-09-22"), calendar)->ToString(), "2026-10-12");
  // 20 days from the day after the notice ends: 10-31 is a Saturday → 11-02.
  EXPECT_EQ(p.CompletionDue(*Date::Parse("2026-10-11"), calendar)->ToString(), "2026-11-02");
  // 10 days including the filing day end on 10-01, National Day: departments
  // may object until 10-08, the first working day after the holiday.
  EXPECT_EQ(p.WindowEnd(*Date::Parse("2026-09-22"), calendar)->ToString(), "2026-10-08");
  // Ending on an ordinary weekday, nothing moves.
  EXPECT_EQ(p.NoticeEnd(*Date::Parse("2026-11-04"), calendar)->ToString(), "2026-11-23");
  EXPECT_EQ(p.departments().front(), "tax");
}

TEST(DeregistrationPeriodsTest, WorkdaysWhenTheDataSaysSo) {
  auto p = DeregistrationPeriods::FromJson(json::parse(R"({
    "simplified": {"notice_days": 20, "notice_day_kind": "workday",
                   "completion_days": 20, "completion_day_kind": "calendar"},
    "one_screen": {"window_days": 10, "window_day_kind": "workday", "departments": ["tax"]}})"));
  ASSERT_TRUE(IsOk(p));
  // 2026-09-30 is day 1; 10-01..10-07 off, 10-10 (Saturday) a make-up workday.
  EXPECT_EQ(
      p->WindowEnd(*Date::Parse("2026-09-30"), *codes::ShippedCalendar().Current())->ToString(),
      "2026-10-19");
  auto bad =
      DeregistrationPeriods::FromJson(json::parse(R"({"simplified": {}, "one_screen": {}})"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

#define AMR_REFUSED_FOR(kind) \
  TEST_P(SimplifiedTest, RefusedWhen_##kind) { ExpectRefusedFor(#kind); }
AMR_REFUSED_FOR(abnormal_list)
AMR_REFUSED_FOR(serious_violation_list)
AMR_REFUSED_FOR(equity_frozen)
AMR_REFUSED_FOR(equity_pledged)
AMR_REFUSED_FOR(chattel_mortgage)
AMR_REFUSED_FOR(investigation)
AMR_REFUSED_FOR(litigation)
AMR_REFUSED_FOR(license_revoked)
AMR_REFUSED_FOR(unpaid_penalty)
#undef AMR_REFUSED_FOR

TEST_P(SimplifiedTest, EveryKindOfTheDataIsTested) {
  EXPECT_EQ(RestrictionKinds::Default().all().size(), 9u);
}

TEST_P(SimplifiedTest, SeveralFailedConditionsAreAllNamed) {
  const registry::Entity e = Entity();
  ASSERT_TRUE(IsOk(Restrict(e.uscc, "equity_pledged", "质押-1")));
  ASSERT_TRUE(IsOk(Restrict(e.uscc, "unpaid_penalty", "杭西市监罚〔2026〕8号")));
  auto lit = Restrict(e.uscc, "litigation", "（2026）浙0106民初77号");
  ASSERT_TRUE(IsOk(lit));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    sql << "UPDATE entity SET status = 'revoked' WHERE uscc = :u", soci::use(e.uscc);
    return OkStatus();
  })));
  auto app = Apply(e.uscc);
  ASSERT_FALSE(app.ok());
  for (const char* name : {"股权已出质", "罚款未缴清", "正在诉讼或仲裁中", "吊销"}) {
    EXPECT_NE(app.status().message().find(name), std::string::npos)
        << name << " in " << app.status().message();
  }
  auto elig = Run<Eligibility>([&](soci::session& sql) {
    return service_.CheckEligibility(sql, system_, e.uscc, "simplified", "entities.read_private");
  });
  ASSERT_TRUE(IsOk(elig));
  EXPECT_EQ(elig->failed.size(), 4u);
  EXPECT_FALSE(elig->eligible());
  // A lifted restriction no longer counts; the record stays.
  ASSERT_TRUE(IsOk(Run<Restriction>([&](soci::session& sql) {
    return LiftRestriction(sql, system_, e.uscc, lit->id,
                           {"（2026）浙0106民初77号之一", ChinaDate(clock_.Now()), "撤诉"},
                           RestrictionKinds::Default(), clock_);
  })));
  elig = Run<Eligibility>([&](soci::session& sql) {
    return service_.CheckEligibility(sql, system_, e.uscc, "simplified", "entities.read_private");
  });
  EXPECT_EQ(elig->failed.size(), 3u);
  auto all = Run<std::vector<Restriction>>([&](soci::session& sql) {
    return ListRestrictions(sql, system_, e.uscc, RestrictionKinds::Default());
  });
  ASSERT_TRUE(IsOk(all));
  EXPECT_EQ(all->size(), 3u);
  EXPECT_FALSE(all->back().in_force());
  EXPECT_EQ(identity::testing::CountAudit(db(), "restriction.lift"), 1);
}

TEST_P(SimplifiedTest, RestrictionInputIsChecked) {
  const registry::Entity e = Entity();
  auto bad = Restrict(e.uscc, "frozen_assets");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "kind");
  auto no_doc = Restrict(e.uscc, "equity_frozen", "");
  EXPECT_EQ(no_doc.status().field(), "document_number");
  EXPECT_EQ(Count("entity_restriction"), 0);
}

TEST_P(SimplifiedTest, AnIndividualBusinessUsesOneScreen) {
  const registry::Entity e = Entity(/*individual=*/true);
  auto app = Apply(e.uscc);
  ASSERT_FALSE(app.ok());
  EXPECT_NE(app.status().message().find("一屏注销"), std::string::npos);
}

TEST_P(SimplifiedTest, NoticeAcrossNationalDayStoppedByAnObjectionOnDayTen) {
  const registry::Entity e = Entity();
  auto app = Apply(e.uscc);
  ASSERT_TRUE(IsOk(app));
  EXPECT_EQ(app->state, "notice");
  EXPECT_EQ(app->notice_start_on, "2026-09-22");
  // The 20th day, 10-11, is a Sunday: the notice ends on Monday 10-12
  // (民法典 Art. 203).
  EXPECT_EQ(app->notice_end_on, "2026-10-12");
  // A second application while the first is open is refused.
  auto again = Apply(e.uscc);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("已有未办结的简易注销申请"), std::string::npos);

  clock_.Set(At("2026-10-01T15:00:00+08:00"));  // day 10, National Day
  NewObjection o{"creditor", "杭州某某贸易有限公司", "0571-88888888", "尚欠货款 12 万元未清偿"};
  auto objected = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.Object(sql, system_, app->id, o); });
  ASSERT_TRUE(IsOk(objected));
  EXPECT_EQ(objected->state, "objected");
  EXPECT_NE(objected->closed_reason.find("尚欠货款 12 万元未清偿"), std::string::npos);
  // The notice shows the reason; never the creditor's contact or anyone's ID.
  const std::string notice = NoticeJson(*objected).dump();
  EXPECT_NE(notice.find("尚欠货款"), std::string::npos);
  EXPECT_EQ(notice.find("0571-88888888"), std::string::npos);
  EXPECT_EQ(notice.find("11010519491231002X"), std::string::npos);
  // A second objection, completion and the timer find it closed.
  auto second = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.Object(sql, system_, app->id, o); });
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  clock_.Set(At("2026-10-13T00:00:30+08:00"));
  auto fired = Timer(&DeregistrationService::EndNotice, app->id);
  ASSERT_TRUE(IsOk(fired));
  auto complete = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.CompleteSimplified(sql, system_, app->id); });
  ASSERT_FALSE(complete.ok());
  EXPECT_NE(complete.status().message().find("尚欠货款"), std::string::npos);
  EXPECT_EQ(StatusOf(e.uscc), registry::EntityStatus::kActive);
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.simplified.object"), 1);
}

// "kind|body|link" of each message `user` has, oldest first.
std::vector<std::string> InboxOf(storage::Database& db, int64_t user) {
  std::vector<std::string> out;
  EXPECT_TRUE(IsOk(db.ReadTransaction([&](soci::session& sql) {
    long long u = user;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT kind, body, link FROM user_message WHERE recipient_user_id = "
                        ":u ORDER BY id",
         soci::use(u));
    for (const soci::row& r : rows) {
      out.push_back(r.get<std::string>(0) + "|" + r.get<std::string>(1) + "|" +
                    r.get<std::string>(2));
    }
    return OkStatus();
  })));
  return out;
}

// An applicant's principal for `user_id`.
identity::Principal ApplicantPrincipal(int64_t user_id) {
  identity::Principal p;
  p.user_id = user_id;
  p.username = "holder";
  p.kind = identity::UserKind::kApplicant;
  p.grants.push_back({identity::Role::kApplicant, {}});
  return p;
}

// 消息中心: the applicant who filed the 简易注销 is told of each objection,
// with who objected and why (never the objector's contact); set aside and
// objected to again, a second message.
TEST_P(SimplifiedTest, TheApplicantIsToldOfEachObjection) {
  const registry::Entity e = Entity();
  const identity::Principal holder = ApplicantPrincipal(holder_);
  const identity::Caller as_holder{&holder, "", "", ""};
  auto app = Run<SimplifiedApplication>([&](soci::session& sql) {
    return service_.ApplySimplified(sql, as_holder, e.uscc, testing::LegalRepCommitment());
  });
  ASSERT_TRUE(IsOk(app));
  ASSERT_EQ(app->applicant_user_id, holder_);
  auto inbox = [&] { return InboxOf(db(), holder_); };
  EXPECT_TRUE(inbox().empty());
  clock_.Set(At("2026-09-25T15:00:00+08:00"));
  NewObjection spam{"other", "某推广", "13800000000", "低价推广，加微信"};
  ASSERT_TRUE(IsOk(Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.Object(sql, system_, app->id, spam); })));
  std::vector<std::string> told = inbox();
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].rfind("deregistration_objected|", 0), 0u) << told[0];
  EXPECT_NE(told[0].find("于 2026-09-25 收到利害关系人的异议：低价推广，加微信"), std::string::npos)
      << told[0];
  EXPECT_EQ(told[0].find("13800000000"), std::string::npos);
  EXPECT_EQ(told[0].substr(told[0].rfind('|') + 1), "/deregistration/" + std::to_string(app->id));

  // Set aside as plainly no objection; a creditor's objection is a message of its own.
  const int64_t spam_id = Run<SimplifiedApplication>(
                              [&](soci::session& sql) { return service_.GetNotice(sql, app->id); })
                              ->objections.at(0)
                              .id;
  ASSERT_TRUE(IsOk(Run<SimplifiedApplication>([&](soci::session& sql) {
    return service_.SetAsideObjection(sql, system_, app->id, spam_id, "广告，不属于异议");
  })));
  NewObjection creditor{"creditor", "杭州某某贸易有限公司", "0571-88888888", "尚欠货款未清偿"};
  ASSERT_TRUE(IsOk(Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.Object(sql, system_, app->id, creditor); })));
  told = inbox();
  ASSERT_EQ(told.size(), 2u);
  EXPECT_NE(told[1].find("债权人的异议：尚欠货款未清偿"), std::string::npos) << told[1];
}

TEST_P(SimplifiedTest, ObjectionNeedsAReasonAndTheNoticePeriod) {
  const registry::Entity e = Entity();
  auto app = Apply(e.uscc);
  ASSERT_TRUE(IsOk(app));
  auto object = [&](NewObjection o) {
    return Run<SimplifiedApplication>(
        [&](soci::session& sql) { return service_.Object(sql, system_, app->id, o); });
  };
  EXPECT_EQ(object({"creditor", "李四", "13800000000", ""}).status().field(), "reason");
  EXPECT_EQ(object({"bank", "李四", "13800000000", "x"}).status().field(), "objector_kind");
  EXPECT_EQ(object({"other", "", "13800000000", "x"}).status().field(), "objector_name");
  clock_.Set(At("2026-10-13T08:00:00+08:00"));  // the day after the notice
  auto late = object({"other", "李四", "13800000000", "迟到的异议"});
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("deregistration_objection"), 0);
}

// 消息中心: when the notice ends without objection the applicant is told the
// last day to apply (2026-10-12 + 20 days = 2026-11-01, a Sunday → 11-02), once.
TEST_P(SimplifiedTest, TheApplicantIsToldWhenTheNoticeEnds) {
  const registry::Entity e = Entity();
  const identity::Principal holder = ApplicantPrincipal(holder_);
  const identity::Caller as_holder{&holder, "", "", ""};
  auto app = Run<SimplifiedApplication>([&](soci::session& sql) {
    return service_.ApplySimplified(sql, as_holder, e.uscc, testing::LegalRepCommitment());
  });
  ASSERT_TRUE(IsOk(app));
  clock_.Set(At("2026-10-13T00:00:10+08:00"));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::EndNotice, app->id)));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::EndNotice, app->id)));  // fired again: nothing
  const std::vector<std::string> told = InboxOf(db(), holder_);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].rfind("deregistration_notice_ended|", 0), 0u) << told[0];
  EXPECT_NE(told[0].find("已于 2026-10-12 期满"), std::string::npos) << told[0];
  EXPECT_NE(told[0].find("请于 2026-11-02 前申请注销登记"), std::string::npos) << told[0];
  EXPECT_EQ(told[0].substr(told[0].rfind('|') + 1), "/deregistration/" + std::to_string(app->id));
}

TEST_P(SimplifiedTest, CleanNoticeCompletedOnDayTwentyOne) {
  const registry::Entity e = Entity();
  auto app = Apply(e.uscc);
  ASSERT_TRUE(IsOk(app));
  clock_.Set(At("2026-10-12T23:59:00+08:00"));  // still the last day of the notice
  auto early = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.CompleteSimplified(sql, system_, app->id); });
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(Timer(&DeregistrationService::EndNotice, app->id).ok());

  clock_.Set(At("2026-10-13T00:00:10+08:00"));  // the day after the notice
  auto outcome = Timer(&DeregistrationService::EndNotice, app->id);
  ASSERT_TRUE(IsOk(outcome));
  EXPECT_NE(outcome->find("2026-11-02"), std::string::npos) << *outcome;
  clock_.Set(At("2026-10-13T09:30:00+08:00"));
  auto done = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.CompleteSimplified(sql, system_, app->id); });
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done->state, "completed");
  EXPECT_EQ(done->completion_due_on, "2026-11-02");
  EXPECT_EQ(StatusOf(e.uscc), registry::EntityStatus::kDeregistered);
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.simplified.complete"), 1);
  // The e-licence verifies as that of a deregistered entity.
  auto verified =
      Run<license::Verification>([&](soci::session& sql) -> StatusOr<license::Verification> {
        ASSIGN_OR_RETURN(license::IssuedLicense l, license::GetLicense(sql, e.uscc));
        return license::VerifyDocument(sql, l.document);
      });
  ASSERT_TRUE(IsOk(verified));
  EXPECT_FALSE(verified->valid);
  EXPECT_EQ(verified->code, "entity_deregistered");
  // The lapse timer, had it fired, finds it completed.
  clock_.Set(At("2026-11-03T00:00:10+08:00"));
  auto noop = Timer(&DeregistrationService::ExpireCompletion, app->id);
  ASSERT_TRUE(IsOk(noop));
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.simplified.lapse"), 0);
}

TEST_P(SimplifiedTest, AFreezeRecordedDuringTheNoticeRefusesCompletion) {
  const registry::Entity e = Entity();
  auto app = Apply(e.uscc);
  ASSERT_TRUE(IsOk(app));
  clock_.Set(At("2026-10-08T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(Restrict(e.uscc, "equity_frozen", "（2026）浙0106执保999号")));
  clock_.Set(At("2026-10-13T00:00:10+08:00"));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::EndNotice, app->id)));
  auto done = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.CompleteSimplified(sql, system_, app->id); });
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(done.status().message().find("股权被冻结"), std::string::npos);
  EXPECT_NE(done.status().message().find("执保999号"), std::string::npos);
  EXPECT_EQ(StatusOf(e.uscc), registry::EntityStatus::kActive);
}

TEST_P(SimplifiedTest, NotCompletedWithinTwentyDaysLapses) {
  const registry::Entity e = Entity();
  auto app = Apply(e.uscc);
  ASSERT_TRUE(IsOk(app));
  clock_.Set(At("2026-10-13T00:00:10+08:00"));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::EndNotice, app->id)));
  clock_.Set(
      At("2026-11-02T23:00:00+08:00"));  // the last day (11-01 a Sunday): the lapse is not due yet
  EXPECT_FALSE(Timer(&DeregistrationService::ExpireCompletion, app->id).ok());
  clock_.Set(At("2026-11-03T09:00:00+08:00"));
  auto late = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.CompleteSimplified(sql, system_, app->id); });
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("2026-11-02"), std::string::npos);
  auto lapsed = Timer(&DeregistrationService::ExpireCompletion, app->id);
  ASSERT_TRUE(IsOk(lapsed));
  EXPECT_NE(lapsed->find("2026-11-02"), std::string::npos);
  auto again = Timer(&DeregistrationService::ExpireCompletion, app->id);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.simplified.lapse"), 1);
  auto got = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.GetSimplified(sql, system_, app->id); });
  EXPECT_EQ(got->state, "lapsed");
  EXPECT_NE(got->closed_reason.find("20 日"), std::string::npos);
  // A new application may be filed now that the old one is closed.
  EXPECT_TRUE(IsOk(Apply(e.uscc)));
}

TEST_P(SimplifiedTest, TheCommitmentCoversEveryRecordedInvestor) {
  const registry::Entity e = Entity();
  const std::string form = json{{"investors",
                                 {{{"name", "王五"}, {"citizen_id", "440524188001010014"}},
                                  {{"name", "杭州投资有限公司"}, {"uscc", "91330106MA2M00001X"}}}}}
                               .dump();
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    long long unit = t_.a.id;
    sql << "INSERT INTO establishment_application (submitted_by, channel, authority_org_unit_id, "
           "region_code, entity_kind, name, form_json, decision, state, uscc, submitted_at, "
           "updated_at) VALUES ('cli', 'cli', :u, '330106', 'limited_company', :n, :f, "
           "'instant_approval', 'completed', :uscc, '2025-08-01T10:00:00+08:00', "
           "'2025-08-01T10:00:00+08:00')",
        soci::use(unit), soci::use(e.name), soci::use(form), soci::use(e.uscc);
    return OkStatus();
  })));
  Commitment c = testing::LegalRepCommitment();
  c.investors = {{"王五", "440524188001010014"}};
  auto partial = Apply(e.uscc, c);
  ASSERT_FALSE(partial.ok());
  EXPECT_EQ(partial.status().field(), "commitments.investors");
  EXPECT_NE(partial.status().message().find("杭州投资有限公司"), std::string::npos);
  c.investors.push_back({"杭州投资有限公司", "91330106MA2M00001X"});
  auto app = Apply(e.uscc, c);
  ASSERT_TRUE(IsOk(app));
  EXPECT_EQ(NoticeJson(*app).dump().find("440524188001010014"), std::string::npos);
}

TEST_P(SimplifiedTest, TheLegalRepresentativeCommitsWhenNoInvestorIsRecorded) {
  const registry::Entity e = Entity();
  Commitment c = testing::LegalRepCommitment();
  c.investors = {{"赵六", ""}};
  auto app = Apply(e.uscc, c);
  ASSERT_FALSE(app.ok());
  EXPECT_NE(app.status().message().find("张三"), std::string::npos);
  auto parsed = ParseCommitment(json{{"investors", {{{"name", "张三"}}}}, {"debts_settled", true}});
  EXPECT_EQ(parsed.status().field(), "commitments.taxes_cleared");
}

TEST_P(SimplifiedTest, OneScreenWithATaxObjection) {
  const registry::Entity e = Entity(/*individual=*/true);
  auto app = Run<OneScreenApplication>([&](soci::session& sql) {
    return service_.ApplyOneScreen(sql, system_, e.uscc,
                                   json{{"debts_settled", true}, {"taxes_cleared", true}});
  });
  ASSERT_TRUE(IsOk(app));
  // 10 days including the filing day end on 10-01, National Day: the
  // window closes on 10-08, the first working day after (民法典 Art. 203).
  EXPECT_EQ(app->window_end_on, "2026-10-08");
  ASSERT_EQ(app->departments.size(), 4u);
  EXPECT_EQ(app->departments[0].department, "tax");
  EXPECT_EQ(app->departments[0].org_unit_id, t_.tax.id);
  // No social insurance unit in the tree: the registration authority forwards it.
  EXPECT_EQ(app->departments[1].org_unit_id, t_.a.id);
  clock_.Set(At("2026-09-28T11:00:00+08:00"));
  auto task = Run<OneScreenTask>([&](soci::session& sql) {
    return service_.AnswerTask(sql, system_, app->departments[0].id, true,
                               "尚有 2026 年第三季度增值税未申报");
  });
  ASSERT_TRUE(IsOk(task));
  EXPECT_EQ(task->state, "objected");
  auto got = Run<OneScreenApplication>(
      [&](soci::session& sql) { return service_.GetOneScreen(sql, system_, app->id); });
  EXPECT_EQ(got->state, "objected");
  EXPECT_NE(got->closed_reason.find("增值税未申报"), std::string::npos);
  EXPECT_NE(got->closed_reason.find("税务"), std::string::npos);
  clock_.Set(At("2026-10-09T00:00:10+08:00"));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::EndOneScreenWindow, app->id)));
  EXPECT_EQ(StatusOf(e.uscc), registry::EntityStatus::kActive);
  // An enterprise cannot use it.
  const registry::Entity company = Entity();
  auto refused = Run<OneScreenApplication>([&](soci::session& sql) {
    return service_.ApplyOneScreen(sql, system_, company.uscc,
                                   json{{"debts_settled", true}, {"taxes_cleared", true}});
  });
  EXPECT_NE(refused.status().message().find("仅适用于个体工商户"), std::string::npos);
}

TEST_P(SimplifiedTest, OneScreenGrantedTheDayAfterTheWindowWithoutObjection) {
  const registry::Entity e = Entity(/*individual=*/true);
  auto app = Run<OneScreenApplication>([&](soci::session& sql) {
    return service_.ApplyOneScreen(sql, system_, e.uscc,
                                   json{{"debts_settled", true}, {"taxes_cleared", true}});
  });
  ASSERT_TRUE(IsOk(app));
  clock_.Set(At("2026-09-24T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(Run<OneScreenTask>([&](soci::session& sql) {
    return service_.AnswerTask(sql, system_, app->departments[0].id, false, "无欠税");
  })));
  clock_.Set(At("2026-10-08T23:00:00+08:00"));  // the window's last day: not yet
  EXPECT_FALSE(Timer(&DeregistrationService::EndOneScreenWindow, app->id).ok());
  clock_.Set(At("2026-10-09T00:00:10+08:00"));  // the day after
  auto outcome = Timer(&DeregistrationService::EndOneScreenWindow, app->id);
  ASSERT_TRUE(IsOk(outcome));
  EXPECT_EQ(StatusOf(e.uscc), registry::EntityStatus::kDeregistered);
  auto got = Run<OneScreenApplication>(
      [&](soci::session& sql) { return service_.GetOneScreen(sql, system_, app->id); });
  EXPECT_EQ(got->state, "granted");
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.one_screen.grant"), 1);
}

TEST_P(SimplifiedTest, FiguresForAPeriod) {
  const registry::Entity a = Entity(), b = Entity(), other = Entity(false, "330105");
  const registry::Entity shop = Entity(true);
  auto app_a = Apply(a.uscc);
  auto app_b = Apply(b.uscc);
  ASSERT_TRUE(IsOk(Apply(other.uscc)));
  ASSERT_TRUE(IsOk(Run<OneScreenApplication>([&](soci::session& sql) {
    return service_.ApplyOneScreen(sql, system_, shop.uscc,
                                   json{{"debts_settled", true}, {"taxes_cleared", true}});
  })));
  clock_.Set(At("2026-09-30T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(Run<SimplifiedApplication>([&](soci::session& sql) {
    return service_.Object(sql, system_, app_b->id,
                           {"department", "税务局", "0571-87654321", "欠缴税款"});
  })));
  clock_.Set(At("2026-10-13T00:00:10+08:00"));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::EndNotice, app_a->id)));
  clock_.Set(At("2026-11-03T00:00:10+08:00"));
  ASSERT_TRUE(IsOk(Timer(&DeregistrationService::ExpireCompletion, app_a->id)));
  auto figures = Run<ApplicationFigures>([&](soci::session& sql) {
    return service_.ComputeFigures(sql, *Date::Parse("2026-09-01"), *Date::Parse("2026-11-30"),
                                   {"330106"});
  });
  ASSERT_TRUE(IsOk(figures));
  EXPECT_EQ(figures->simplified_applications, 2);
  EXPECT_EQ(figures->notices_published, 2);
  EXPECT_EQ(figures->objections, 1);
  EXPECT_EQ(figures->objected, 1);
  EXPECT_EQ(figures->lapsed, 1);
  EXPECT_EQ(figures->one_screen_applications, 1);
  auto everywhere = Run<ApplicationFigures>([&](soci::session& sql) {
    return service_.ComputeFigures(sql, *Date::Parse("2026-09-01"), *Date::Parse("2026-11-30"),
                                   {""});
  });
  EXPECT_EQ(everywhere->simplified_applications, 3);
  auto october = Run<ApplicationFigures>([&](soci::session& sql) {
    return service_.ComputeFigures(sql, *Date::Parse("2026-10-01"), *Date::Parse("2026-10-31"),
                                   {""});
  });
  EXPECT_EQ(october->simplified_applications, 0);
  EXPECT_EQ(october->lapsed, 0);  // closed on 11-03
}

// Two server instances against one store: each timer fires once.
TEST_P(SimplifiedTest, TimersFireOnceWithTwoInstances) {
  auto other = storage::Database::Open(url());
  ASSERT_TRUE(IsOk(other));
  auto shared = std::make_shared<DeregistrationService>(DeregistrationPeriods::Default(),
                                                        RestrictionKinds::Default(), clock_,
                                                        codes::ShippedCalendar());
  scheduler::Scheduler a(db(), clock_, "host-a:1"), b(**other, clock_, "host-b:2");
  RegisterDeregistrationTimers(a, shared);
  RegisterDeregistrationTimers(b, shared);
  const registry::Entity e = Entity();
  const registry::Entity shop = Entity(/*individual=*/true);
  auto app = Apply(e.uscc);
  ASSERT_TRUE(IsOk(app));
  ASSERT_TRUE(IsOk(Run<OneScreenApplication>([&](soci::session& sql) {
    return service_.ApplyOneScreen(sql, system_, shop.uscc,
                                   json{{"debts_settled", true}, {"taxes_cleared", true}});
  })));
  clock_.Set(At("2026-10-08T23:59:00+08:00"));
  EXPECT_EQ(a.RunDue()->fired, 0);
  clock_.Set(At("2026-10-09T00:00:05+08:00"));  // the day after the one-screen window
  EXPECT_EQ(a.RunDue()->fired + b.RunDue()->fired, 1);
  EXPECT_EQ(StatusOf(shop.uscc), registry::EntityStatus::kDeregistered);
  clock_.Set(At("2026-10-13T00:00:05+08:00"));
  EXPECT_EQ(b.RunDue()->fired + a.RunDue()->fired, 1);
  auto got = Run<SimplifiedApplication>(
      [&](soci::session& sql) { return service_.GetSimplified(sql, system_, app->id); });
  EXPECT_EQ(got->state, "ready");
  clock_.Set(At("2026-11-03T00:00:05+08:00"));
  EXPECT_EQ(a.RunDue()->fired + b.RunDue()->fired, 1);
  EXPECT_EQ(a.RunDue()->fired + b.RunDue()->fired, 0);
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.simplified.lapse"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.one_screen.grant"), 1);
  other->reset();
}

INSTANTIATE_TEST_SUITE_P(Backends, SimplifiedTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
