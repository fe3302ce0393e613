// SPDX-License-Identifier: MulanPSL-2.0
// Reports, ODR and the registers on both backends, on the shipped calendar:
// a report filed on Friday 2026-12-04 is to be checked by Friday 12-25 (15
// working days), extended by 15 to 2027-01-15 (provisional: 2027 not
// entered); across 国庆 (filed Tuesday 2026-09-29) by Monday 10-26; across
// 春节 (filed Thursday 2026-02-12) by Wednesday 03-11. An ODR enterprise has
// 10 working days: filed 12-04, its limit is Friday 12-18; filed 09-29, Monday
// 10-19.
#include <sstream>

#include "codes/uscc.h"
#include "complaints/complaint_test_fixture.h"
#include "identity/password.h"
#include "leads/lead_store.h"
#include "license/license_store.h"

namespace amr::complaints {
namespace {

using amr::testing::IsOk;
using identity::Role;

class ComplaintReportsTest : public ComplaintServiceTest {
 protected:
  NewComplaint Report() {
    NewComplaint c = Kettle();
    c.kind = Kind::kReport;
    c.consumer_name = "李先生";
    c.consumer_phone = "13900001111";
    c.summary = "该店销售无 3C 认证的电热水壶，存在安全隐患。";
    return c;
  }
  identity::Principal Leader(const identity::OrgUnit& unit) {
    identity::Principal p = Staff("leader-a", unit);
    p.grants = {{Role::kLeader, unit.Ref()}};
    return p;
  }
  // An applicant account administering the licence of a new entity `uscc`
  // when `licensed` (a licence of kShop is issued to it), else of none.
  identity::Principal ShopOwner(const std::string& username, bool licensed) {
    auto user = identity::testing::AddApplicant(db(), clock_, hasher_, username);
    EXPECT_TRUE(IsOk(user));
    if (licensed) {
      EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(registry::Entity shop, registry::GetEntity(sql, kShop));
        return license::IssueLicense(
                   sql, shop,
                   {"家用电器销售", "杭州市西湖区市场监督管理局", user->id, std::nullopt}, clock_)
            .status();
      })));
    }
    identity::Principal p;
    p.user_id = user->id;
    p.username = username;
    p.kind = identity::UserKind::kApplicant;
    p.grants = {{Role::kApplicant, {}}};
    return p;
  }
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
};

TEST_P(ComplaintReportsTest, AReportIsCheckedBecomesACaseLeadAndTheNamedReporterIsTold) {
  auto filed = service_->File(public_, Report(), "");
  ASSERT_TRUE(IsOk(filed));
  EXPECT_EQ(filed->check_due.date.ToString(), "2026-12-25");
  EXPECT_EQ(filed->accept_due.date.ToString(), "2026-12-15");
  ASSERT_TRUE(IsOk(service_->Decide(As(officer_a_), filed->id, {})));

  // Before anyone is on it, the queue hides who reported.
  auto queue = service_->Queue(As(officer_a_), std::nullopt, 10);
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE(queue->front().reporter_hidden);
  EXPECT_EQ(queue->front().consumer_phone, "");
  EXPECT_NE(queue->front().consumer_name, "李先生");
  EXPECT_EQ(service_->RevealReporter(As(officer_a_), filed->id).status().code(),
            StatusCode::kPermissionDenied);
  // Another county's officer cannot take it.
  EXPECT_EQ(service_->Take(As(officer_b_), filed->id).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(IsOk(service_->Take(As(officer_a_), filed->id)));
  auto who = service_->RevealReporter(As(officer_a_), filed->id);
  ASSERT_TRUE(IsOk(who));
  EXPECT_EQ(who->name, "李先生");
  EXPECT_EQ(who->phone, "13900001111");
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.reporter.read"), 1);
  // Even for the officer on it, the list keeps the reporter hidden: only the
  // audited reading shows who it is.
  queue = service_->Queue(As(officer_a_), std::nullopt, 10);
  ASSERT_TRUE(IsOk(queue));
  EXPECT_TRUE(queue->front().reporter_hidden);
  EXPECT_TRUE(queue->front().caller_on_report);
  EXPECT_EQ(queue->front().consumer_name, "");

  // A report is not mediated: it ends with a check decision.
  EXPECT_EQ(service_->Close(As(officer_a_), filed->id, Outcome::kWithdrawn, 0, "").status().field(),
            "kind");
  ReportOutcome bad{ReportDecision::kTransferred, "经核查属于其他部门职责。", "", {}};
  EXPECT_EQ(service_->DecideReport(As(officer_a_), filed->id, bad).status().field(),
            "transferred_to");
  ReportOutcome no_ref{ReportDecision::kCaseFiled, "查实。", "", {{"笔录", "x"}, {"照片", ""}}};
  EXPECT_EQ(service_->DecideReport(As(officer_a_), filed->id, no_ref).status().field(),
            "evidence[1]");  // the request's own index

  clock_.Set(*ParseTime("2026-12-21T15:00:00+08:00"));
  ReportOutcome filed_case{ReportDecision::kCaseFiled,
                           "现场检查发现在售电热水壶 12 台无 3C 标志。",
                           "",
                           {{"现场检查笔录", "检查笔录 西市监检〔2026〕88号"}}};
  auto decided = service_->DecideReport(As(officer_a_), filed->id, filed_case);
  ASSERT_TRUE(IsOk(decided));
  EXPECT_EQ(decided->state, State::kClosed);
  EXPECT_EQ(decided->reporter_told_on, "2026-12-21");
  ASSERT_NE(decided->lead_id, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'complaint.reporter_notice'"),
            1);
  std::optional<leads::Lead> lead;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(lead, leads::GetLead(sql, decided->lead_id));
    return OkStatus();
  })));
  EXPECT_EQ(lead->source, leads::Source::kComplaintReport);
  EXPECT_EQ(lead->uscc, kShop);
  EXPECT_EQ(lead->unit_id, t_.a.id);
  ASSERT_EQ(lead->evidence.size(), 2u);
  EXPECT_EQ(lead->evidence[0].ref, "complaint:" + std::to_string(filed->id));
  EXPECT_EQ(lead->evidence[1].title, "现场检查笔录");
  // The check's deadline is met; a second decision is refused.
  std::optional<calendar::Deadline> d;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(
        d, calendar::FindDeadline(sql, kCheckDeadline, "complaint:" + std::to_string(filed->id)));
    return OkStatus();
  })));
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->open);
  EXPECT_EQ(service_->DecideReport(As(officer_a_), filed->id, filed_case).status().field(),
            "state");
  // The reporter sees the decision through the query code, not the lead.
  auto tracked = service_->Track(filed->id, filed->query_code);
  ASSERT_TRUE(IsOk(tracked));
  EXPECT_EQ(tracked->complaint.report_decision, ReportDecision::kCaseFiled);
}

TEST_P(ComplaintReportsTest, OnlyALeaderExtendsTheCheckOnceIntoTheProvisionalYear) {
  auto filed = service_->File(public_, Report(), "");
  ASSERT_TRUE(IsOk(filed));
  EXPECT_EQ(service_->ExtendCheck(As(officer_a_), filed->id, "需检测").status().code(),
            StatusCode::kPermissionDenied);
  const identity::Principal leader = Leader(t_.a);
  EXPECT_EQ(service_->ExtendCheck(As(leader), filed->id, "").status().field(), "reason");
  auto extended = service_->ExtendCheck(As(leader), filed->id, "样品送检，需等待检测报告");
  ASSERT_TRUE(IsOk(extended));
  EXPECT_EQ(extended->check_due.date.ToString(), "2027-01-15");
  EXPECT_TRUE(extended->check_due.provisional);
  EXPECT_EQ(extended->check_extended_by, "leader-a");
  EXPECT_EQ(service_->ExtendCheck(As(leader), filed->id, "再延长").status().field(), "state");
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.check_extend"), 1);
  // A complaint has no check to extend.
  auto complaint = service_->File(public_, Kettle(), "");
  ASSERT_TRUE(IsOk(complaint));
  EXPECT_EQ(service_->ExtendCheck(As(leader), complaint->id, "x").status().field(), "kind");
}

TEST_P(ComplaintReportsTest, ClocksCrossNationalDayAndTheSpringFestival) {
  clock_.Set(*ParseTime("2026-09-29T10:00:00+08:00"));  // Tuesday before 国庆
  NewComplaint report = Report();
  report.occurred_on = *Date::Parse("2026-09-28");
  auto autumn = service_->File(public_, report, "");
  ASSERT_TRUE(IsOk(autumn));
  EXPECT_EQ(autumn->check_due.date.ToString(), "2026-10-26");
  EXPECT_EQ(autumn->accept_due.date.ToString(), "2026-10-14");  // 10-10 (Saturday) is worked
  ASSERT_TRUE(IsOk(service_->Enrol(As(officer_a_), RegisterKind::kOdr, kShop, "")));
  NewComplaint kettle = Kettle();
  kettle.occurred_on = *Date::Parse("2026-09-28");
  auto odr = service_->File(public_, kettle, "");
  ASSERT_TRUE(IsOk(odr));
  EXPECT_EQ(odr->odr_due.date.ToString(), "2026-10-19");

  clock_.Set(*ParseTime("2026-02-12T10:00:00+08:00"));  // Thursday before 春节
  NewComplaint spring = Report();
  spring.summary = "春节前该店销售过期食品，要求查处。";
  spring.occurred_on = *Date::Parse("2026-02-10");
  auto winter = service_->File(public_, spring, "");
  ASSERT_TRUE(IsOk(winter));
  EXPECT_EQ(winter->check_due.date.ToString(), "2026-03-11");
  EXPECT_FALSE(winter->check_due.provisional);
}

TEST_P(ComplaintReportsTest, AComplaintAgainstAnOdrEnterpriseGoesToItFirst) {
  // The register: enrolled by the shop's own county, once.
  EXPECT_EQ(service_->Enrol(As(officer_b_), RegisterKind::kOdr, kShop, "").status().code(),
            StatusCode::kPermissionDenied);
  auto entry = service_->Enrol(As(officer_a_), RegisterKind::kOdr, kShop, "2026 年第一批");
  ASSERT_TRUE(IsOk(entry));
  EXPECT_EQ(service_->Enrol(As(officer_a_), RegisterKind::kOdr, kShop, "").status().field(),
            "uscc");
  EXPECT_EQ(
      service_->Enrol(As(officer_a_), RegisterKind::kOdr, "91330106MA2CFDX0XW", "").status().code(),
      StatusCode::kNotFound);

  auto settled = service_->File(public_, Kettle(), "");
  ASSERT_TRUE(IsOk(settled));
  EXPECT_EQ(settled->state, State::kWithBusiness);
  EXPECT_EQ(settled->odr_due.date.ToString(), "2026-12-18");
  EXPECT_FALSE(settled->accept_due.date != Date::FromSysDays({}));  // the unit's clock waits
  NewComplaint second = Kettle();
  second.summary = "电饭煲内胆涂层脱落，商家不予更换。";
  auto refused = service_->File(public_, second, "");
  NewComplaint third = Kettle();
  third.summary = "微波炉门无法关闭，多次联系无人处理。";
  auto silent = service_->File(public_, third, "");
  ASSERT_TRUE(IsOk(refused));
  ASSERT_TRUE(IsOk(silent));

  // The enterprise sees its own; another cannot answer.
  const identity::Principal owner = ShopOwner("shop-owner", true);
  const identity::Principal stranger = ShopOwner("someone-else", false);
  auto mine = service_->OdrQueue(As(owner), 10);
  ASSERT_TRUE(IsOk(mine));
  EXPECT_EQ(mine->size(), 3u);
  auto theirs = service_->OdrQueue(As(stranger), 10);
  ASSERT_TRUE(IsOk(theirs));
  EXPECT_TRUE(theirs->empty());
  EXPECT_EQ(service_->OdrAnswer(As(stranger), settled->id, OdrResult::kSettled, 0, "已退款")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  clock_.Set(*ParseTime("2026-12-08T11:00:00+08:00"));
  auto done = service_->OdrAnswer(As(owner), settled->id, OdrResult::kSettled, 299, "已退款");
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done->state, State::kClosed);
  EXPECT_EQ(done->outcome, Outcome::kOdrSettled);
  EXPECT_EQ(done->mediation_due.date, Date::FromSysDays({}));  // never mediated
  EXPECT_EQ(done->amount_recovered, 299);
  EXPECT_TRUE(IsOk(service_->Rate(settled->id, settled->query_code, 5)));

  // Refused on Tuesday 12-08: the unit's 7 working days start that day.
  auto back = service_->OdrAnswer(As(owner), refused->id, OdrResult::kRefused, 0, "不同意更换");
  ASSERT_TRUE(IsOk(back));
  EXPECT_EQ(back->state, State::kReceived);
  EXPECT_EQ(back->accept_due.date.ToString(), "2026-12-17");

  // Silent past Friday 12-18: the timer sends it to the unit on Saturday.
  scheduler::Scheduler timers(db(), clock_, "test-1");
  RegisterComplaintTimers(timers, clock_, codes::ShippedCalendar());
  clock_.Set(*ParseTime("2026-12-18T23:00:00+08:00"));
  ASSERT_TRUE(IsOk(timers.RunDue()));
  clock_.Set(*ParseTime("2026-12-19T00:00:01+08:00"));
  ASSERT_TRUE(IsOk(timers.RunDue()));
  auto expired = service_->Track(silent->id, silent->query_code);
  ASSERT_TRUE(IsOk(expired));
  EXPECT_EQ(expired->complaint.state, State::kReceived);
  EXPECT_EQ(expired->complaint.odr_result, OdrResult::kExpired);
  EXPECT_EQ(expired->complaint.accept_due.date.ToString(), "2026-12-29");

  // Ended: the next complaint goes straight to the unit.
  ASSERT_TRUE(IsOk(service_->EndEntry(As(officer_a_), entry->id)));
  EXPECT_EQ(service_->EndEntry(As(officer_a_), entry->id).status().field(), "state");
  NewComplaint fourth = Kettle();
  fourth.summary = "退出 ODR 后又一件：电暖器不发热。";
  auto direct = service_->File(public_, fourth, "");
  ASSERT_TRUE(IsOk(direct));
  EXPECT_EQ(direct->state, State::kReceived);
  auto in_force = service_->Register(RegisterKind::kOdr, false, "", 10);
  ASSERT_TRUE(IsOk(in_force));
  EXPECT_TRUE(in_force->empty());
  auto all = service_->Register(RegisterKind::kOdr, true, "", 10);
  ASSERT_TRUE(IsOk(all));
  EXPECT_EQ(all->size(), 1u);
}

// The leader's figures: months, ODR share, case leads, overdue by unit and
// the hot spots (most complained-about business, industry, problem kind).
TEST_P(ComplaintReportsTest, FiguresByMonthOverdueByUnitAndHotSpots) {
  clock_.Set(*ParseTime("2026-11-10T10:00:00+08:00"));
  NewComplaint price = Kettle();
  price.occurred_on = *Date::Parse("2026-11-09");
  price.problem_kind = "price";
  ASSERT_TRUE(IsOk(service_->File(public_, price, "")));  // November, never decided
  clock_.Set(*ParseTime("2026-12-04T10:00:00+08:00"));
  NewComplaint quality = Kettle();
  quality.problem_kind = "quality";
  quality.summary = "电水壶底座开裂，商家只同意维修。";
  ASSERT_TRUE(IsOk(service_->File(public_, quality, "")));
  NewComplaint again = quality;
  again.summary = "同一型号电水壶开关失灵，要求退货。";
  ASSERT_TRUE(IsOk(service_->File(public_, again, "")));
  NewComplaint elsewhere = Kettle();
  elsewhere.business_uscc.clear();
  elsewhere.business_name = "某某水果店";
  elsewhere.region_code = "330106";
  elsewhere.problem_kind = "measurement";
  elsewhere.summary = "水果店短斤少两，一斤少了一两。";
  ASSERT_TRUE(IsOk(service_->File(public_, elsewhere, "")));
  NewComplaint bad_kind = Kettle();
  bad_kind.problem_kind = "nonsense";
  EXPECT_EQ(service_->File(public_, bad_kind, "").status().field(), "problem_kind");
  auto report = service_->File(public_, Report(), "");
  ASSERT_TRUE(IsOk(report));
  ASSERT_TRUE(IsOk(service_->Decide(As(officer_a_), report->id, {})));
  ASSERT_TRUE(IsOk(service_->DecideReport(
      As(officer_a_), report->id, {ReportDecision::kCaseFiled, "现场查实无 3C 标志。", "", {}})));

  clock_.Set(*ParseTime("2026-12-16T10:00:00+08:00"));
  auto f =
      service_->FiguresFor(As(officer_a_), *Date::Parse("2026-11-01"), *Date::Parse("2026-12-31"));
  ASSERT_TRUE(IsOk(f));
  EXPECT_EQ(f->total, 5);
  ASSERT_EQ(f->by_month.size(), 2u);
  EXPECT_EQ(f->by_month[0].month, "2026-11");
  EXPECT_EQ(f->by_month[0].complaints, 1);
  EXPECT_EQ(f->by_month[1].month, "2026-12");
  EXPECT_EQ(f->by_month[1].complaints, 3);
  EXPECT_EQ(f->by_month[1].reports, 1);
  EXPECT_EQ(f->by_month[1].closed, 1);
  EXPECT_EQ(f->case_leads, 1);
  EXPECT_EQ(f->closed, 1);
  EXPECT_EQ(f->closed_in_time, 1);  // the report, decided on 12-04 (check due 12-25)
  ASSERT_EQ(f->by_unit.size(), 1u);
  EXPECT_EQ(f->by_unit[0].unit_name, "甲县局");
  EXPECT_EQ(f->by_unit[0].total, 5);
  EXPECT_EQ(f->odr_sent, 0);
  // November's (last day 11-19) and December's three (last day 12-15) are late.
  EXPECT_EQ(f->overdue_now, 4);
  ASSERT_EQ(f->overdue_by_unit.size(), 1u);
  EXPECT_EQ(f->overdue_by_unit[0].unit_name, "甲县局");
  EXPECT_EQ(f->overdue_by_unit[0].overdue, 4);

  auto spots = service_->HotSpotsFor(As(officer_a_), *Date::Parse("2026-11-01"),
                                     *Date::Parse("2026-12-31"), 10);
  ASSERT_TRUE(IsOk(spots));
  ASSERT_EQ(spots->businesses.size(), 2u);
  EXPECT_EQ(spots->businesses[0].key, kShop);
  EXPECT_EQ(spots->businesses[0].count, 3);
  EXPECT_EQ(spots->businesses[1].name, "某某水果店");
  ASSERT_EQ(spots->industries.size(), 1u);
  EXPECT_EQ(spots->industries[0].key, "52");
  EXPECT_EQ(spots->industries[0].name, "零售业");
  ASSERT_EQ(spots->problem_kinds.size(), 3u);
  EXPECT_EQ(spots->problem_kinds[0].key, "quality");
  EXPECT_EQ(spots->problem_kinds[0].name, "质量");
  EXPECT_EQ(spots->problem_kinds[0].count, 2);
  // The period narrows; the other county sees none of it.
  auto november = service_->HotSpotsFor(As(officer_a_), *Date::Parse("2026-11-01"),
                                        *Date::Parse("2026-11-30"), 10);
  ASSERT_TRUE(IsOk(november));
  ASSERT_EQ(november->problem_kinds.size(), 1u);
  EXPECT_EQ(november->problem_kinds[0].key, "price");
  auto other = service_->HotSpotsFor(As(officer_b_), *Date::Parse("2026-11-01"),
                                     *Date::Parse("2026-12-31"), 10);
  ASSERT_TRUE(IsOk(other));
  EXPECT_TRUE(other->businesses.empty());
  // What credit reads of the shop.
  ComplaintFacts facts;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(facts, ComplaintFactsOf(sql, kShop, *Date::Parse("2026-01-01"),
                                             *Date::Parse("2026-12-31")));
    return OkStatus();
  })));
  EXPECT_EQ(facts.complaints, 3);
  EXPECT_EQ(facts.reports, 1);
  EXPECT_EQ(facts.case_leads, 1);
}

// The station by the business's registered address (the bureau's area
// list), the consumer's choice within the county, else the county bureau.
TEST_P(ComplaintReportsTest, TheStationIsTheOneOfTheAddressOrTheConsumersChoice) {
  std::istringstream csv("unit_code,area\nstation-a1,文新街道\nstation-a2,三墩镇\n");
  auto areas = StationAreas::FromCsv(csv);
  ASSERT_TRUE(IsOk(areas));
  registry::Entity shop;
  shop.uscc = "91330106MAHR785W6Q";
  ASSERT_TRUE(codes::CheckUscc(shop.uscc).valid);
  shop.name = "杭州文新某某超市有限公司";
  shop.region_code = "330106";
  shop.industry_code = "52";
  shop.address = "浙江省杭州市西湖区文新街道学院路 88 号";
  shop.established_on = *Date::FromYmd(2021, 3, 4);
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    return registry::InsertEntity(sql, shop, "2021-03-04T09:00:00+08:00");
  })));
  ComplaintService service(db(), clock_, codes::ShippedCalendar(), ComplaintRules::Default(),
                           *areas);
  NewComplaint at_shop = Kettle();
  at_shop.business_uscc = shop.uscc;
  auto routed = service.File(public_, at_shop, "");
  ASSERT_TRUE(IsOk(routed));
  EXPECT_EQ(routed->unit_id, t_.a1.id);  // 文新街道 → 甲一所
  NewComplaint chosen = at_shop;
  chosen.summary = "消费者选择由甲二所办理：超市售卖过期酸奶。";
  chosen.unit_code = "station-a2";
  auto picked = service.File(public_, chosen, "");
  ASSERT_TRUE(IsOk(picked));
  EXPECT_EQ(picked->unit_id, t_.a2.id);
  chosen.unit_code = "station-b1";  // another county's station
  EXPECT_EQ(service.File(public_, chosen, "").status().field(), "unit_code");
  auto elsewhere = service.File(public_, Kettle(), "");  // no address: the county bureau
  ASSERT_TRUE(IsOk(elsewhere));
  EXPECT_EQ(elsewhere->unit_id, t_.a.id);
  auto units = service.UnitsFor("330106");
  ASSERT_TRUE(IsOk(units));
  ASSERT_EQ(units->size(), 3u);
  EXPECT_EQ(units->front().code, "county-a");
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintReportsTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::complaints
