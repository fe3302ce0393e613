// SPDX-License-Identifier: MulanPSL-2.0
// Annual reports and the no-report listing on both backends, on the shipped
// calendar: the 2025 reports are due by 2026-06-30 (a Tuesday); the batch run
// on or after 2026-07-01 decides on Wednesday 2026-07-01, the first working
// day after; an entity listed then leaves on application once it has filed,
// and would be proposed for the serious list on 2029-07-01.
#include "credit/credit_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "credit/credit_test_fixture.h"
#include "credit/risk_service.h"
#include "credit/serious_service.h"
#include "identity/identity_test_util.h"
#include "identity/password.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::credit {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

TEST_P(CreditServiceTest, AReportIsFiledOnceThenCorrectedAndOnlyItsPublicFieldsShow) {
  EXPECT_EQ(service_->FileReport(As(owner_), Report(kFiler, 2026), false).status().field(),
            "year");  // not yet ended
  EXPECT_EQ(service_->FileReport(As(stranger_), Report(kFiler, 2025), false).status().code(),
            StatusCode::kPermissionDenied);
  NewReport missing = Report(kFiler, 2025);
  missing.content.erase("phone");
  EXPECT_EQ(service_->FileReport(As(owner_), missing, false).status().field(), "content.phone");
  NewReport bad_withheld = Report(kFiler, 2025);
  bad_withheld.withheld.insert("phone");  // public by law, cannot be withheld
  EXPECT_EQ(service_->FileReport(As(owner_), bad_withheld, false).status().field(), "withheld");
  NewReport negative = Report(kFiler, 2025);
  negative.content["employees"] = -1;  // a count is never negative
  EXPECT_EQ(service_->FileReport(As(owner_), negative, false).status().field(),
            "content.employees");
  bad_withheld = Report(kFiler, 2025);
  bad_withheld.withheld.insert("phone");
  EXPECT_EQ(service_->FileReport(As(owner_), bad_withheld, false).status().message(),
            "企业联系电话依法应当公示，不能选择不公示");  // the label, not the id
  NewReport loss = Report(kFiler, 2025);
  loss.content["net_profit"] = -120000;  // a loss is a negative 净利润
  loss.content["email"] = "  ";          // left empty: not part of the report
  auto filed = service_->FileReport(As(owner_), loss, false);
  ASSERT_TRUE(IsOk(filed));
  EXPECT_EQ(filed->report.content["net_profit"], -120000);
  EXPECT_FALSE(filed->report.content.contains("email"));
  EXPECT_FALSE(filed->report.late);
  EXPECT_TRUE(filed->created);
  auto retried = service_->FileReport(As(owner_), loss, false);
  ASSERT_TRUE(IsOk(retried));  // the same filing again: nothing new
  EXPECT_FALSE(retried->created);
  EXPECT_EQ(retried->report.version, 1);
  NewReport other = Report(kFiler, 2025);
  other.content["employees"] = 13;
  EXPECT_EQ(service_->FileReport(As(owner_), other, false).status().field(),
            "year");  // filed already: a correction instead
  NewReport fixed = Report(kFiler, 2025);
  fixed.content["employees"] = 14;
  auto corrected = service_->FileReport(As(owner_), fixed, true);
  ASSERT_TRUE(IsOk(corrected));
  EXPECT_EQ(corrected->report.version, 2);
  EXPECT_TRUE(corrected->report.corrected());
  EXPECT_EQ(identity::testing::CountAudit(db(), "annual_report.file"), 1);
  const json shown = PublicContent(corrected->report, service_->rules());
  bool assets_hidden = false, employees_shown = false;
  for (const json& f : shown) {
    if (f["id"] == "total_assets") assets_hidden = f["withheld"] == true && f["value"].is_null();
    if (f["id"] == "employees") employees_shown = f["value"] == 14;
  }
  EXPECT_TRUE(assets_hidden);
  EXPECT_TRUE(employees_shown);
  EXPECT_EQ(identity::testing::CountAudit(db(), "annual_report.correct"), 1);
  // A clerk enters a paper report for an entity of the county.
  NewReport paper;
  paper.uscc = kStall;
  paper.year = 2025;
  paper.content = {{"operating_status", "开业"}, {"phone", "13800000000"}};
  auto entered = service_->FileReport(As(clerk_), paper, false);
  ASSERT_TRUE(IsOk(entered));
  EXPECT_EQ(entered->report.channel, ReportChannel::kPaper);
  EXPECT_EQ(filed->report.channel, ReportChannel::kOnline);
}

TEST_P(CreditServiceTest, NonReportersAreListedTheFirstWorkingDayAfterJuneAndLeaveOnceFiled) {
  ASSERT_TRUE(IsOk(service_->FileReport(As(owner_), Report(kFiler, 2025), false)));
  EXPECT_EQ(service_->RunNoReportListing(2025, *Date::Parse("2026-06-30")).status().field(),
            "as_of");
  clock_.Set(*ParseTime("2026-07-01T02:00:00+08:00"));
  auto batch = service_->RunNoReportListing(2025, *Date::Parse("2026-07-01"));
  ASSERT_TRUE(IsOk(batch));
  EXPECT_EQ(batch->listed, 2);  // the shop and the stall; not the one that filed
  EXPECT_EQ(batch->decision_date.ToString(), "2026-07-01");
  auto again = service_->RunNoReportListing(2025, *Date::Parse("2026-07-02"));
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->listed, 0);

  auto credit = service_->CreditOf(kShop);
  ASSERT_TRUE(IsOk(credit));
  ASSERT_EQ(credit->size(), 1u);
  const ListingView v = credit->front();
  EXPECT_EQ(v.listing.listed_on.ToString(), "2026-07-01");
  EXPECT_EQ(v.listing.authority_name, "甲县局");
  EXPECT_FALSE(v.listing.status_only());
  EXPECT_NE(v.reason_name.find("年度报告"), std::string::npos);
  EXPECT_FALSE(v.earliest_removal.has_value());
  ASSERT_EQ(v.conditions.size(), 1u);
  EXPECT_FALSE(v.conditions[0].met);
  EXPECT_EQ(v.escalation_on->ToString(), "2029-07-01");
  auto stall = service_->CreditOf(kStall);
  ASSERT_TRUE(IsOk(stall));
  EXPECT_TRUE(stall->front().listing.status_only());  // 经营异常状态
  EXPECT_FALSE(stall->front().escalation_on.has_value());

  // Applying before filing names the unmet condition and writes nothing.
  auto early = service_->ApplyForRemoval(As(owner_), kShop, v.listing.id);
  EXPECT_EQ(early.status().field(), "conditions");
  EXPECT_NE(early.status().message().find("2025"), std::string::npos);
  // Filed late, then removed on application at once.
  clock_.Set(*ParseTime("2026-07-08T10:00:00+08:00"));
  auto late = service_->FileReport(As(owner_), Report(kShop, 2025), false);
  ASSERT_TRUE(IsOk(late));
  EXPECT_TRUE(late->report.late);
  credit = service_->CreditOf(kShop);
  ASSERT_TRUE(IsOk(credit));
  EXPECT_EQ(credit->front().earliest_removal->ToString(), "2026-07-08");
  EXPECT_EQ(service_->ApplyForRemoval(As(stranger_), kShop, v.listing.id).status().code(),
            StatusCode::kPermissionDenied);
  auto removed = service_->ApplyForRemoval(As(owner_), kShop, v.listing.id);
  ASSERT_TRUE(IsOk(removed));
  EXPECT_EQ(removed->listing.state, ListingState::kRemoved);
  EXPECT_EQ(removed->listing.removed_on, "2026-07-08");
  EXPECT_EQ(service_->ApplyForRemoval(As(owner_), kShop, v.listing.id).status().field(), "state");
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.abnormal_remove"), 1);

  // The leader's figures for 2025: two enterprises owed it, both filed (one
  // late, listed and removed since); the stall did not and is still listed.
  identity::Principal leader, other;
  leader.username = "leader-a";
  leader.kind = identity::UserKind::kStaff;
  leader.org_unit_id = t_.a.id;
  leader.grants = {{Role::kLeader, t_.a.Ref()}};
  other = leader;
  other.grants = {{Role::kLeader, t_.b.Ref()}};
  auto figures = service_->Figures(As(leader), 2025);
  ASSERT_TRUE(IsOk(figures));
  ASSERT_EQ(figures->kinds.size(), 3u);
  const KindFigures& enterprises = figures->kinds[0];
  EXPECT_EQ(enterprises.owing, 2);
  EXPECT_EQ(enterprises.filed, 2);
  EXPECT_EQ(enterprises.late, 1);
  EXPECT_EQ(enterprises.listed, 1);
  EXPECT_EQ(enterprises.removed, 1);
  const KindFigures& individuals = figures->kinds[2];
  EXPECT_EQ(individuals.owing, 1);
  EXPECT_EQ(individuals.filed, 0);
  EXPECT_EQ(individuals.listed, 1);
  EXPECT_EQ(figures->listings.current, 1);
  ASSERT_EQ(figures->units.size(), 2u);  // 甲县局: enterprises, individual businesses
  EXPECT_EQ(figures->units[0].unit_name, "甲县局");
  EXPECT_EQ(figures->units[0].kind, "enterprise");
  EXPECT_EQ(figures->units[0].filed, 2);
  EXPECT_EQ(figures->units[1].kind, "individual_business");
  EXPECT_EQ(figures->units[1].owing, 1);
  // In 2026, the year the 2025 reports fell due: two listed, one removed.
  ASSERT_EQ(figures->listings_in_year.size(), 1u);
  EXPECT_EQ(figures->listings_in_year[0].reason, "no_annual_report");
  EXPECT_EQ(figures->listings_in_year[0].listed, 2);
  EXPECT_EQ(figures->listings_in_year[0].removed, 1);
  EXPECT_EQ(figures->repairs.enterprise, 1);  // left the list on cure
  EXPECT_EQ(figures->repairs.total(), 1);
  auto elsewhere = service_->Figures(As(other), 2025);
  ASSERT_TRUE(IsOk(elsewhere));
  EXPECT_EQ(elsewhere->kinds[0].owing, 0);  // county b has none of them
  EXPECT_EQ(service_->Figures(As(leader), 2026).status().field(), "year");  // not yet ended
}

// The batch runs itself: put on the timetable for the first working day after
// the window, it lists the non-filers when it fires and puts the next year's
// on the timetable (2027-07-01, a Thursday).
TEST_P(CreditServiceTest, TheSchedulerRunsTheBatchOnItsDayAndSchedulesTheNext) {
  ASSERT_TRUE(IsOk(service_->ScheduleNoReportBatch(*Date::Parse("2026-03-02"))));
  ASSERT_TRUE(IsOk(service_->ScheduleNoReportBatch(*Date::Parse("2026-03-02"))));  // idempotent
  scheduler::Scheduler timers(db(), clock_, "test-1");
  RegisterCreditTimers(timers, clock_, codes::ShippedCalendar());
  auto timer = [&](int year) {
    std::optional<scheduler::Timer> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          out, scheduler::Find(sql, kNoReportBatchTimer, fmt::format("no_annual_report:{}", year)));
      return OkStatus();
    })));
    return out;
  };
  ASSERT_TRUE(timer(2025).has_value());
  EXPECT_EQ(timer(2025)->due_at, "2026-07-01T00:30:00+08:00");
  clock_.Set(*ParseTime("2026-06-30T23:59:00+08:00"));
  auto none = timers.RunDue();
  ASSERT_TRUE(IsOk(none));
  EXPECT_EQ(none->fired, 0);
  clock_.Set(*ParseTime("2026-07-01T00:31:00+08:00"));
  auto fired = timers.RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 1);
  EXPECT_EQ(timer(2025)->state, "fired");
  auto listed = service_->CreditOf(kFiler);
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(listed->size(), 1u);  // nobody filed in this test
  ASSERT_TRUE(timer(2026).has_value());
  EXPECT_EQ(timer(2026)->due_at, "2027-07-01T00:30:00+08:00");
  EXPECT_EQ(timer(2026)->state, "pending");
  // Scheduling on a day after this year's batch puts next year's on instead.
  ASSERT_TRUE(IsOk(service_->ScheduleNoReportBatch(*Date::Parse("2026-12-07"))));
  EXPECT_FALSE(timer(2027).has_value());
}

// A finding: the inspection of 2026-09-28 found the shop unreachable at its
// registered address. The registration authority must decide within 10
// working days of the finding — 2026-10-16 on the shipped calendar (National
// Day, and Saturday 10 October a working day), not 2026-10-12 as weekdays
// alone would give. The entity says what it did, the authority verifies
// within 5 working days and may refuse with a reason.
TEST_P(CreditServiceTest, AFindingIsDecidedWithinTenWorkingDaysAndRemovalIsVerified) {
  identity::Principal registrar, other;
  registrar.username = "registrar-a";
  registrar.kind = identity::UserKind::kStaff;
  registrar.org_unit_id = t_.a.id;
  registrar.grants = {{Role::kRegistrar, t_.a.Ref()}};
  other = registrar;
  other.username = "registrar-b";
  other.grants = {{Role::kRegistrar, t_.b.Ref()}};
  long long visit = 0;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    long long plan = 0, task = 0;
    const std::string shop = kShop;
    sql << "INSERT INTO inspection_plan (org_unit_id, year, name, status, created_at) VALUES "
           "(:u, 2026, '2026 年度抽查计划', 'draft', 'x') RETURNING id",
        soci::use(t_.a.id), soci::into(plan);
    sql << "INSERT INTO inspection_task (plan_id, org_unit_id, name, joint, filters, ratios, "
           "officers_per_visit, exclude_within_days, status, region_code, created_at) VALUES "
           "(:p, :u, '住所核查', 0, '{}', '{}', 2, 0, 'drawn', '330106', 'x') RETURNING id",
        soci::use(plan), soci::use(t_.a.id), soci::into(task);
    sql << "INSERT INTO inspection_visit (task_id, uscc, credit_class, item_ids, result_state, "
           "check_date, region_code) VALUES (:t, :u, 'B', '', 'unreachable', '2026-09-28', "
           "'330106') RETURNING id",
        soci::use(task), soci::use(shop), soci::into(visit);
    return OkStatus();
  })));
  clock_.Set(*ParseTime("2026-10-16T15:00:00+08:00"));
  auto found = service_->Findings(As(registrar));
  ASSERT_TRUE(IsOk(found));
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().decision_due.ToString(), "2026-10-16");
  EXPECT_EQ(found->front().days_left, 0);
  EXPECT_TRUE(service_->Findings(As(other))->empty());

  NewListing in;
  in.uscc = kShop;
  in.reason = ListingReason::kUnreachable;
  in.found_on = "2026-09-28";
  in.evidence = "2026-09-28 实地核查：登记住所为空置商铺，两次挂号信均被退回";
  in.source = "inspection_visit:" + std::to_string(visit);
  EXPECT_EQ(service_->DecideListing(As(other), in).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->DecideListing(As(owner_), in).status().code(), StatusCode::kPermissionDenied);
  NewListing bad = in;
  bad.evidence = "无";
  EXPECT_EQ(service_->DecideListing(As(registrar), bad).status().field(), "evidence");
  bad = in;
  bad.found_on = "2026-10-17";
  EXPECT_EQ(service_->DecideListing(As(registrar), bad).status().field(), "found_on");
  bad = in;
  bad.reason = ListingReason::kNoAnnualReport;
  EXPECT_EQ(service_->DecideListing(As(registrar), bad).status().field(), "reason");
  auto listed = service_->DecideListing(As(registrar), in);
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(listed->listing.decision_due, "2026-10-16");
  EXPECT_FALSE(listed->listing.decided_late);
  EXPECT_EQ(listed->listing.listed_on.ToString(), "2026-10-16");
  EXPECT_NE(listed->listing.decision_no.find("甲县局列异〔2026〕"), std::string::npos);
  EXPECT_EQ(service_->DecideListing(As(registrar), in).status().field(), "reason");  // listed
  EXPECT_TRUE(service_->Findings(As(registrar))->empty());
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.abnormal_list"), 1);
  const int64_t id = listed->listing.id;

  // The entity says it is reachable again; the authority has 5 working days.
  clock_.Set(*ParseTime("2026-10-19T09:00:00+08:00"));
  EXPECT_EQ(service_->ApplyForRemoval(As(owner_), kShop, id, "").status().field(), "statement");
  auto applied = service_->ApplyForRemoval(As(owner_), kShop, id, "已在登记住所恢复经营，电话畅通");
  ASSERT_TRUE(IsOk(applied));
  EXPECT_EQ(applied->listing.state, ListingState::kRemovalApplied);
  EXPECT_EQ(applied->listing.removal_due, "2026-10-26");
  EXPECT_EQ(service_->ApplyForRemoval(As(owner_), kShop, id, "再次申请").status().field(), "state");
  auto queued = service_->RemovalQueue(As(registrar));
  ASSERT_TRUE(IsOk(queued));
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ(queued->front().listing.removal_statement, "已在登记住所恢复经营，电话畅通");
  EXPECT_TRUE(service_->RemovalQueue(As(other))->empty());
  EXPECT_EQ(service_->DecideRemoval(As(registrar), kShop, id, false, "").status().field(),
            "reason");
  auto refused = service_->DecideRemoval(As(registrar), kShop, id, false, "复核时仍无法联系");
  ASSERT_TRUE(IsOk(refused));
  EXPECT_EQ(refused->listing.state, ListingState::kListed);
  EXPECT_EQ(refused->listing.removal_refusal, "复核时仍无法联系");
  ASSERT_TRUE(IsOk(service_->ApplyForRemoval(As(owner_), kShop, id, "已办理住所变更登记")));
  EXPECT_EQ(service_->DecideRemoval(As(other), kShop, id, true, "").status().code(),
            StatusCode::kPermissionDenied);
  auto removed = service_->DecideRemoval(As(registrar), kShop, id, true, "");
  ASSERT_TRUE(IsOk(removed));
  EXPECT_EQ(removed->listing.state, ListingState::kRemoved);
  EXPECT_EQ(removed->listing.removed_on, "2026-10-19");
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.removal_decide"), 2);
  // Removed: a later inspection finding it unreachable again is a new finding.
  EXPECT_TRUE(service_->Findings(As(registrar))->empty());  // this one is older than the listing
}

// A decision after its last day is allowed, and marked late.
TEST_P(CreditServiceTest, ADecisionAfterItsLastDayIsMarkedLate) {
  identity::Principal registrar;
  registrar.username = "registrar-a";
  registrar.kind = identity::UserKind::kStaff;
  registrar.org_unit_id = t_.a.id;
  registrar.grants = {{Role::kRegistrar, t_.a.Ref()}};
  clock_.Set(*ParseTime("2026-10-19T09:00:00+08:00"));
  NewListing in;
  in.uscc = kShop;
  in.reason = ListingReason::kFalseInfo;
  in.found_on = "2026-09-28";
  in.evidence = "2025 年度报告的从业人数与社保缴纳人数明显不符";
  auto listed = service_->DecideListing(As(registrar), in);
  ASSERT_TRUE(IsOk(listed));
  EXPECT_TRUE(listed->listing.decided_late);
}

// The classification of every entity: the shop that did not file 2025 and is
// listed is D; the one that filed on time and received 3 complaints (a source
// of another context, here a fixed one) is B; the class goes onto the entity
// (the draw reads it), the explanation into the history; an inspector of
// another county may not see it; the monthly run is on the timetable.
TEST_P(CreditServiceTest, EveryEntityIsClassifiedWithItsReasonsAndTheMonthlyRunIsScheduled) {
  ASSERT_TRUE(IsOk(service_->FileReport(As(owner_), Report(kFiler, 2025), false)));
  clock_.Set(*ParseTime("2026-07-01T09:00:00+08:00"));
  ASSERT_TRUE(IsOk(service_->RunNoReportListing(2025, *Date::Parse("2026-07-01"))));
  RiskSources sources;
  sources.emplace(
      "complaints",
      [](soci::session&, const Date& from, const Date& to, const std::string& first,
         const std::string& last) -> StatusOr<std::unordered_map<std::string, int64_t>> {
        EXPECT_EQ(from.ToString(), "2025-12-01");  // 365 days before
        EXPECT_EQ(to.ToString(), "2026-12-01");
        EXPECT_EQ(first, kShop);  // the batch's range: all three, in USCC order
        EXPECT_EQ(last, kStall);
        return std::unordered_map<std::string, int64_t>{{kFiler, 3}};
      });
  RiskService risk(db(), clock_, sources);
  auto run = risk.ClassifyAll(*Date::Parse("2026-12-01"), "test");
  ASSERT_TRUE(IsOk(run));
  EXPECT_EQ(run->classified, 3);
  EXPECT_EQ(run->counts[3], 2);  // the shop and the stall
  EXPECT_EQ(run->counts[1], 1);  // the filer, 6 points
  identity::Principal inspector, other;
  inspector.username = "inspector-a";
  inspector.kind = identity::UserKind::kStaff;
  inspector.org_unit_id = t_.a1.id;
  inspector.grants = {{Role::kInspector, t_.a.Ref()}};
  other = inspector;
  other.grants = {{Role::kInspector, t_.b.Ref()}};
  auto filer = risk.RiskOf(As(inspector), kFiler);
  ASSERT_TRUE(IsOk(filer));
  EXPECT_EQ(filer->current, 'B');
  ASSERT_EQ(filer->history.size(), 1u);
  EXPECT_EQ(filer->history[0].points, 6);
  EXPECT_EQ(filer->history[0].hits[0]["indicator"], "complaints");
  auto shop = risk.RiskOf(As(inspector), kShop);
  ASSERT_TRUE(IsOk(shop));
  EXPECT_EQ(shop->current, 'D');
  EXPECT_EQ(risk.RiskOf(As(other), kShop).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(risk.RiskOf(As(owner_), kShop).status().code(), StatusCode::kPermissionDenied);
  // The same day again replaces that day's run.
  ASSERT_TRUE(IsOk(risk.ClassifyAll(*Date::Parse("2026-12-01"), "test")));
  EXPECT_EQ(risk.RiskOf(As(inspector), kShop)->history.size(), 1u);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.risk_classify"), 2);

  ASSERT_TRUE(IsOk(risk.ScheduleMonthly(*Date::Parse("2026-12-07"))));
  std::optional<scheduler::Timer> next;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(next, scheduler::Find(sql, kRiskTimer, "2027-01"));
    return OkStatus();
  })));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->due_at, "2027-01-01T02:00:00+08:00");
}

// Reminders on the days of the rules (15 May and 15 June): one outbox event
// per entity that has not filed, the next reminder day on the timetable, and
// after the last of a year the first of the next.
TEST_P(CreditServiceTest, EntitiesThatHaveNotFiledAreRemindedOnTheDaysOfTheRules) {
  ASSERT_TRUE(IsOk(service_->FileReport(As(owner_), Report(kFiler, 2025), false)));
  ASSERT_TRUE(IsOk(service_->ScheduleReminder(*Date::Parse("2026-03-02"))));
  scheduler::Scheduler timers(db(), clock_, "test-1");
  RegisterCreditTimers(timers, clock_, codes::ShippedCalendar());
  auto timer = [&](const std::string& key) {
    std::optional<scheduler::Timer> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, scheduler::Find(sql, kReportReminderTimer, key));
      return OkStatus();
    })));
    return out;
  };
  auto events = [&] {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM outbox_event WHERE topic = 'credit.annual_report_reminder'",
          soci::into(n);
      return OkStatus();
    })));
    return n;
  };
  ASSERT_TRUE(timer("2026:05-15").has_value());
  EXPECT_EQ(timer("2026:05-15")->due_at, "2026-05-15T09:00:00+08:00");
  clock_.Set(*ParseTime("2026-05-15T09:01:00+08:00"));
  auto fired = timers.RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 1);
  EXPECT_EQ(events(), 2);  // the shop and the stall; the filer is not reminded
  ASSERT_TRUE(timer("2026:06-15").has_value());
  EXPECT_EQ(timer("2026:06-15")->state, "pending");
  ASSERT_TRUE(IsOk(service_->ScheduleReminder(*Date::Parse("2026-12-07"))));
  EXPECT_TRUE(timer("2027:05-15").has_value());
  // 消息中心: the licence's administrator finds one message per entity that
  // has not filed, leading to its report; nobody else any.
  std::vector<std::string> told;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    long long u = owner_.user_id;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT title, body, link FROM user_message WHERE kind = "
                        "'annual_report_due' AND recipient_user_id = :u ORDER BY id",
         soci::use(u));
    for (const soci::row& r : rows) {
      told.push_back(r.get<std::string>(0) + "|" + r.get<std::string>(1) + "|" +
                     r.get<std::string>(2));
    }
    return OkStatus();
  })));
  ASSERT_EQ(told.size(), 2u);
  for (const std::string& m : told) {
    EXPECT_EQ(m.rfind("请报送 2025 年度报告|", 0), 0u) << m;
    EXPECT_NE(m.find("请于 2026-06-30 前报送并公示 2025 年度报告"), std::string::npos) << m;
  }
  EXPECT_NE(told[0].find("/workbench/annual-reports/"), std::string::npos) << told[0];
  long long others = -1;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    long long u = owner_.user_id;
    sql << "SELECT COUNT(*) FROM user_message WHERE recipient_user_id <> :u", soci::use(u),
        soci::into(others);
    return OkStatus();
  })));
  EXPECT_EQ(others, 0);
}

// Three years on the 经营异常名录 and still listed: the shop (listed
// 2023-07-03) is proposed on 2026-07-03, the stall never (经营异常状态); an
// enterprise listed later is reminded within 60 days of its day. The
// registrar gives notice (5 working days to answer: by 2026-07-10), the
// owner states its case, the registrar lists it until 2029-07-02; the public
// sees it and the risk class becomes D.
TEST_P(CreditServiceTest, ThreeYearsOnTheListIsProposedNoticedHeardAndDecided) {
  identity::Principal registrar;
  registrar.username = "registrar-a";
  registrar.kind = identity::UserKind::kStaff;
  registrar.org_unit_id = t_.a.id;
  registrar.grants = {{Role::kRegistrar, t_.a.Ref()}};
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    for (auto [uscc, on] : {std::pair{kShop, "2023-07-03"}, std::pair{kStall, "2023-07-03"},
                            std::pair{kFiler, "2023-08-20"}}) {
      const std::string u = uscc, d = on;
      sql << "INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, decision_no, "
             "authority_unit_id, state, created_at) VALUES (:u, 'no_annual_report', 2022, :d, "
             "'x', :a, 'listed', 'x')",
          soci::use(u), soci::use(d), soci::use(t_.a.id);
    }
    return OkStatus();
  })));
  clock_.Set(*ParseTime("2026-07-02T01:00:00+08:00"));
  SeriousService serious(db(), clock_, codes::ShippedCalendar());
  auto early = serious.Escalate(*Date::Parse("2026-07-02"));
  ASSERT_TRUE(IsOk(early));
  EXPECT_EQ(early->proposed, 0);  // a day short of three years
  clock_.Set(*ParseTime("2026-07-03T01:00:00+08:00"));
  auto run = serious.Escalate(*Date::Parse("2026-07-03"));
  ASSERT_TRUE(IsOk(run));
  EXPECT_EQ(run->proposed, 1);  // the shop; not the stall
  EXPECT_EQ(run->reminded, 1);  // the filer's day, 2026-08-20, is within 60 days
  auto again = serious.Escalate(*Date::Parse("2026-07-03"));
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->proposed, 0);
  auto queue = serious.Queue(As(registrar));
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  const int64_t id = queue->front().id;
  EXPECT_EQ(queue->front().uscc, kShop);
  EXPECT_TRUE(serious.PublicOf(kShop)->empty());  // not public before a decision

  EXPECT_EQ(serious.Decide(As(registrar), id, true, "").status().field(), "state");  // notice first
  clock_.Set(*ParseTime("2026-07-03T10:00:00+08:00"));                               // a Friday
  auto noticed = serious.Notice(As(registrar), id);
  ASSERT_TRUE(IsOk(noticed));
  EXPECT_EQ(noticed->statement_due, "2026-07-10");
  EXPECT_EQ(serious.Decide(As(registrar), id, true, "").status().field(), "statement_due");
  EXPECT_EQ(serious.State(As(stranger_), id, "不服").status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(IsOk(serious.State(As(owner_), id, "公司已停业，正在办理注销")));
  auto listed = serious.Decide(As(registrar), id, true, "");
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(listed->state, SeriousState::kListed);
  EXPECT_EQ(listed->listed_until, "2029-07-02");
  ASSERT_EQ(serious.PublicOf(kShop)->size(), 1u);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.serious_decide"), 1);

  RiskService risk(db(), clock_, RiskSources{});
  ASSERT_TRUE(IsOk(risk.ClassifyAll(*Date::Parse("2026-07-03"), "test")));
  EXPECT_EQ(risk.RiskOf(As(registrar), kShop)->current, 'D');
}

// A listed entity that is deregistered leaves the list with it.
TEST_P(CreditServiceTest, DeregistrationEndsTheListings) {
  clock_.Set(*ParseTime("2026-07-01T09:00:00+08:00"));
  ASSERT_TRUE(IsOk(service_->RunNoReportListing(2025, *Date::Parse("2026-07-01"))));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    return EndListingsOfDeregistered(sql, kShop, *Date::Parse("2026-08-03"), clock_);
  })));
  auto credit = service_->CreditOf(kShop);
  ASSERT_TRUE(IsOk(credit));
  ASSERT_EQ(credit->size(), 1u);
  EXPECT_EQ(credit->front().listing.state, ListingState::kRemoved);
  EXPECT_EQ(credit->front().listing.removed_on, "2026-08-03");
  EXPECT_EQ(credit->front().listing.removal_reason, "主体已注销，自动移出");
  EXPECT_EQ(service_->CreditOf(kStall)->front().listing.state, ListingState::kListed);
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {  // nothing left: a no-op
    return EndListingsOfDeregistered(sql, kShop, *Date::Parse("2026-08-04"), clock_);
  })));
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.abnormal_remove"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CreditServiceTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::credit
