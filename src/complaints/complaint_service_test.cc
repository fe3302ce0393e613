// SPDX-License-Identifier: MulanPSL-2.0
// 12315 intake and acceptance on both backends, on the shipped calendar
// (2026 entered, 2027 provisional): a complaint filed on Friday 2026-12-04 is
// to be decided by Tuesday 2026-12-15 (7 working days); one filed on Monday
// 2026-12-28 by Wednesday 2027-01-06, provisional (元旦 not yet entered).
#include "complaints/complaint_service.h"

#include "complaints/complaint_test_fixture.h"

namespace amr::complaints {
namespace {

using amr::testing::IsOk;
using identity::Role;

TEST_P(ComplaintServiceTest, APortalComplaintGoesToTheBusinesssCountyWithItsClock) {
  auto filed = service_->File(public_, Kettle(), "key-1");
  ASSERT_TRUE(IsOk(filed));
  EXPECT_EQ(filed->state, State::kReceived);
  EXPECT_EQ(filed->unit_id, t_.a.id);                           // the shop is in 330106: 甲县局
  EXPECT_EQ(filed->business_name, "杭州西湖某某电器有限公司");  // from the register
  EXPECT_EQ(filed->accept_due.date.ToString(), "2026-12-15");
  EXPECT_FALSE(filed->accept_due.provisional);
  EXPECT_EQ(filed->query_code.size(), 10u);
  // A retry with the same key writes nothing new.
  auto again = service_->File(public_, Kettle(), "key-1");
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->id, filed->id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM complaint"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.file"), 1);
  // The clock is a deadline on the calendar (it moves when a year is entered).
  auto deadline = [&] {
    std::optional<calendar::Deadline> d;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(d, calendar::FindDeadline(sql, kAcceptanceDeadline,
                                                 "complaint:" + std::to_string(filed->id)));
      return OkStatus();
    })));
    return d;
  };
  ASSERT_TRUE(deadline().has_value());
  EXPECT_TRUE(deadline()->open);

  // The consumer follows it with the code; a wrong code says nothing more.
  auto tracked = service_->Track(filed->id, filed->query_code);
  ASSERT_TRUE(IsOk(tracked));
  EXPECT_EQ(tracked->complaint.unit_name, "甲县局");
  EXPECT_EQ(service_->Track(filed->id, "WRONGCODE2").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->Track(filed->id + 100, filed->query_code).status().code(),
            StatusCode::kNotFound);

  // Only 甲县局's officer sees and decides it.
  auto queue_b = service_->Queue(As(officer_b_), std::nullopt, 100);
  ASSERT_TRUE(IsOk(queue_b));
  EXPECT_TRUE(queue_b->empty());
  auto queue_a = service_->Queue(As(officer_a_), State::kReceived, 100);
  ASSERT_TRUE(IsOk(queue_a));
  ASSERT_EQ(queue_a->size(), 1u);
  EXPECT_EQ(queue_a->front().consumer_phone, "13812345678");
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.read"), 2);
  EXPECT_EQ(service_->Decide(As(officer_b_), filed->id, {}).status().code(),
            StatusCode::kPermissionDenied);
  clock_.Set(*ParseTime("2026-12-15T16:00:00+08:00"));  // the last day
  auto accepted = service_->Decide(As(officer_a_), filed->id, {});
  ASSERT_TRUE(IsOk(accepted));
  EXPECT_EQ(accepted->state, State::kAccepted);
  EXPECT_FALSE(accepted->decided_late);
  EXPECT_EQ(accepted->decided_on, "2026-12-15");
  EXPECT_FALSE(deadline()->open);
  EXPECT_EQ(service_->Decide(As(officer_a_), filed->id, {}).status().field(), "state");
}

TEST_P(ComplaintServiceTest, NotAcceptedOnlyOnAReasonOfTheDataAndTransfersKeepTheClock) {
  NewComplaint c = Kettle();
  c.business_uscc.clear();
  c.business_name = "某无证摊点";
  auto missing = service_->File(public_, c, "");
  EXPECT_EQ(missing.status().field(), "business.region_code");
  c.region_code = "330106";
  auto filed = service_->File(public_, c, "");
  ASSERT_TRUE(IsOk(filed));
  EXPECT_EQ(filed->unit_id, t_.a.id);
  Decision no{Decision::Kind::kNotAccept, "not_liked", "", ""};
  EXPECT_EQ(service_->Decide(As(officer_a_), filed->id, no).status().field(), "reason");
  // Transferred to 乙县局 with a reason; the clock still counts from receipt.
  Decision to_b{Decision::Kind::kTransfer, "", "county-b", "经营场所在乙县"};
  EXPECT_EQ(
      service_->Decide(As(officer_a_), filed->id, {Decision::Kind::kTransfer, "", "nowhere", "x"})
          .status()
          .field(),
      "unit_code");
  auto moved = service_->Decide(As(officer_a_), filed->id, to_b);
  ASSERT_TRUE(IsOk(moved));
  EXPECT_EQ(moved->unit_id, t_.b.id);
  EXPECT_EQ(moved->accept_due.date.ToString(), "2026-12-15");
  EXPECT_EQ(service_->Decide(As(officer_a_), filed->id, {}).status().code(),
            StatusCode::kPermissionDenied);
  clock_.Set(*ParseTime("2026-12-16T09:00:00+08:00"));  // a day late
  no.reason_id = "over_three_years";
  auto refused = service_->Decide(As(officer_b_), filed->id, no);
  ASSERT_TRUE(IsOk(refused));
  EXPECT_EQ(refused->state, State::kNotAccepted);
  EXPECT_TRUE(refused->decided_late);
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.transfer"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.not_accept"), 1);
  auto tracked = service_->Track(filed->id, filed->query_code);
  ASSERT_TRUE(IsOk(tracked));
  EXPECT_NE(tracked->not_accept_reason_text.find("三年"), std::string::npos);
}

TEST_P(ComplaintServiceTest, StaffChannelsNeedStaffAndTheClockCrossesIntoAProvisionalYear) {
  NewComplaint call = Kettle();
  call.channel = Channel::kHotline12345;
  EXPECT_EQ(service_->File(public_, call, "").status().code(), StatusCode::kPermissionDenied);
  clock_.Set(*ParseTime("2026-12-28T09:30:00+08:00"));  // a Monday
  auto filed = service_->File(As(officer_a_), call, "");
  ASSERT_TRUE(IsOk(filed));
  EXPECT_EQ(filed->channel, Channel::kHotline12345);
  // 12-29, 12-30, 12-31, 01-01 (a working day until 2027 is entered), 01-04, 01-05, 01-06.
  EXPECT_EQ(filed->accept_due.date.ToString(), "2027-01-06");
  EXPECT_TRUE(filed->accept_due.provisional);
  // Bad input writes nothing.
  NewComplaint bad = Kettle();
  bad.consumer_phone = "12345";
  EXPECT_EQ(service_->File(public_, bad, "").status().field(), "consumer.phone");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM complaint"), 1);
}

// Mediation (第二十一条): accepted on Tuesday 2026-12-15, it runs 45 working
// days, to Tuesday 2027-02-16 (provisional: 2027 is not entered). One complaint
// ends in an agreement recovering 1,200 yuan and is rated; another is still
// open when its last day passes and the timer ends it.
TEST_P(ComplaintServiceTest, MediationEndsInAnAgreementOrByTheTimeLimit) {
  scheduler::Scheduler timers(db(), clock_, "test-1");
  RegisterComplaintTimers(timers, clock_, codes::ShippedCalendar());
  auto first = service_->File(public_, Kettle(), "");
  NewComplaint second_input = Kettle();
  second_input.summary = "同一家店的电饭煲也出现漏电，要求更换。";
  auto second = service_->File(public_, second_input, "");
  ASSERT_TRUE(IsOk(first));
  ASSERT_TRUE(IsOk(second));
  clock_.Set(*ParseTime("2026-12-15T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(service_->Decide(As(officer_a_), first->id, {})));
  auto accepted = service_->Decide(As(officer_a_), second->id, {});
  ASSERT_TRUE(IsOk(accepted));
  EXPECT_EQ(accepted->mediation_due.date.ToString(), "2027-02-16");
  EXPECT_TRUE(accepted->mediation_due.provisional);

  // Sessions: not before acceptance, not in the future.
  EXPECT_EQ(service_->AddSession(As(officer_a_), first->id, *Date::Parse("2026-12-14"), "电话沟通")
                .field(),
            "held_on");
  EXPECT_EQ(service_->AddSession(As(officer_a_), first->id, *Date::Parse("2026-12-16"), "电话沟通")
                .field(),
            "held_on");
  clock_.Set(*ParseTime("2026-12-18T15:00:00+08:00"));
  ASSERT_TRUE(IsOk(
      service_->AddSession(As(officer_a_), first->id, *Date::Parse("2026-12-18"), "双方到所调解")));
  EXPECT_EQ(service_->AddSession(As(officer_b_), first->id, *Date::Parse("2026-12-18"), "x").code(),
            StatusCode::kPermissionDenied);
  // Money goes with an agreement only.
  EXPECT_EQ(
      service_->Close(As(officer_a_), first->id, Outcome::kNoAgreement, 1200, "").status().field(),
      "amount_recovered");
  auto closed = service_->Close(As(officer_a_), first->id, Outcome::kAgreement, 1200, "退货退款");
  ASSERT_TRUE(IsOk(closed));
  EXPECT_EQ(closed->state, State::kClosed);
  EXPECT_EQ(closed->amount_recovered, 1200);
  EXPECT_EQ(closed->closed_on, "2026-12-18");
  EXPECT_EQ(service_->Rate(first->id, "WRONGCODE2", 5).code(), StatusCode::kNotFound);
  ASSERT_TRUE(IsOk(service_->Rate(first->id, first->query_code, 5)));
  EXPECT_EQ(service_->Rate(first->id, first->query_code, 4).field(), "state");
  EXPECT_EQ(service_->Rate(second->id, second->query_code, 4).field(), "state");  // not closed

  // The last day passes: the open one is ended by the timer, the closed one is untouched.
  clock_.Set(*ParseTime("2027-02-16T23:59:00+08:00"));
  auto early = timers.RunDue();
  ASSERT_TRUE(IsOk(early));
  EXPECT_EQ(early->fired, 1);  // only the reminder (due on 02-12) of the open one
  EXPECT_EQ(service_->Track(second->id, second->query_code)->complaint.state, State::kAccepted);
  clock_.Set(*ParseTime("2027-02-17T00:00:01+08:00"));
  auto fired = timers.RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 1);
  auto ended = service_->Track(second->id, second->query_code);
  ASSERT_TRUE(IsOk(ended));
  EXPECT_EQ(ended->complaint.state, State::kClosed);
  ASSERT_TRUE(ended->complaint.outcome.has_value());
  EXPECT_EQ(*ended->complaint.outcome, Outcome::kEnded);
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.mediation_end"), 1);
  EXPECT_EQ(service_->Track(first->id, first->query_code)->complaint.rating, 5);
}

// The figures a leader reads: three received in December 2026, one decided
// in time and closed with 800 yuan recovered, one decided late, one still
// waiting past its last day; another county's officer sees none of them.
TEST_P(ComplaintServiceTest, FiguresCountKindsChannelsTimelinessAndMoney) {
  auto a = service_->File(public_, Kettle(), "");
  NewComplaint report = Kettle();
  report.kind = Kind::kReport;
  report.summary = "该店销售无中文标签的进口食品，请查处。";
  auto b = service_->File(public_, report, "");
  NewComplaint call = Kettle();
  call.channel = Channel::kPhone;
  call.summary = "电话反映：该店拒绝开具发票，要求补开。";
  auto c = service_->File(As(officer_a_), call, "");
  ASSERT_TRUE(IsOk(a));
  ASSERT_TRUE(IsOk(b));
  ASSERT_TRUE(IsOk(c));
  clock_.Set(*ParseTime("2026-12-15T10:00:00+08:00"));  // the last day for all three
  ASSERT_TRUE(IsOk(service_->Decide(As(officer_a_), a->id, {})));
  ASSERT_TRUE(IsOk(service_->Close(As(officer_a_), a->id, Outcome::kAgreement, 800, "")));
  clock_.Set(*ParseTime("2026-12-16T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(service_->Decide(As(officer_a_), b->id,
                                    {Decision::Kind::kNotAccept, "no_jurisdiction", "", ""})));
  auto f =
      service_->FiguresFor(As(officer_a_), *Date::Parse("2026-12-01"), *Date::Parse("2026-12-31"));
  ASSERT_TRUE(IsOk(f));
  EXPECT_EQ(f->total, 3);
  EXPECT_EQ(f->by_kind["complaint"], 2);
  EXPECT_EQ(f->by_kind["report"], 1);
  EXPECT_EQ(f->by_channel["portal"], 2);
  EXPECT_EQ(f->by_channel["phone"], 1);
  EXPECT_EQ(f->decided, 2);
  EXPECT_EQ(f->decided_in_time, 1);
  EXPECT_EQ(f->closed, 1);
  EXPECT_EQ(f->agreements, 1);
  EXPECT_EQ(f->amount_recovered, 800);
  EXPECT_EQ(f->overdue_now, 1);  // c: undecided, its last day was 12-15
  auto none =
      service_->FiguresFor(As(officer_b_), *Date::Parse("2026-12-01"), *Date::Parse("2026-12-31"));
  ASSERT_TRUE(IsOk(none));
  EXPECT_EQ(none->total, 0);
  EXPECT_EQ(
      service_->FiguresFor(As(officer_a_), *Date::Parse("2026-12-31"), *Date::Parse("2026-12-01"))
          .status()
          .field(),
      "from");
}

// Two working days before a limit (data), the unit is reminded through the
// outbox while the complaint is still at that stage: filed Friday 2026-12-04,
// due Tuesday 12-15, reminded Friday 12-11 at 09:00; one accepted before then
// is not reminded of acceptance.
TEST_P(ComplaintServiceTest, TheUnitIsRemindedBeforeALimitOnlyWhileItMatters) {
  scheduler::Scheduler timers(db(), clock_, "test-1");
  RegisterComplaintTimers(timers, clock_, codes::ShippedCalendar());
  auto waiting = service_->File(public_, Kettle(), "");
  NewComplaint other = Kettle();
  other.summary = "同一家店的电饭煲也出现漏电，要求更换。";
  auto decided = service_->File(public_, other, "");
  ASSERT_TRUE(IsOk(waiting));
  ASSERT_TRUE(IsOk(decided));
  clock_.Set(*ParseTime("2026-12-08T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(service_->Decide(As(officer_a_), decided->id, {})));
  auto events = [&] {
    return Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'complaint.deadline_near'");
  };
  clock_.Set(*ParseTime("2026-12-11T08:59:00+08:00"));
  ASSERT_TRUE(IsOk(timers.RunDue()));
  EXPECT_EQ(events(), 0);
  clock_.Set(*ParseTime("2026-12-11T09:00:01+08:00"));
  auto fired = timers.RunDue();
  ASSERT_TRUE(IsOk(fired));
  EXPECT_EQ(fired->fired, 1);  // the waiting one; the decided one's reminder was cancelled
  EXPECT_EQ(events(), 1);
}

// 消息中心: the reminder also goes to the handlers of the unit that holds
// the complaint (the nearest unit up the tree with someone holding
// complaints.handle), once however often the timer runs.
TEST_P(ComplaintServiceTest, TheHoldingUnitsHandlersFindTheReminderInTheMessageCentre) {
  identity::PasswordHasher hasher(identity::MinimumCostForTest());
  auto filed = service_->File(public_, Kettle(), "");
  ASSERT_TRUE(IsOk(filed));
  auto handler = identity::testing::AddStaff(db(), clock_, hasher, "handler", filed->unit_id,
                                             {{Role::kInspector, filed->unit_id}});
  auto elsewhere = identity::testing::AddStaff(db(), clock_, hasher, "elsewhere", t_.b.id,
                                               {{Role::kInspector, t_.b.id}});
  ASSERT_TRUE(IsOk(handler));
  ASSERT_TRUE(IsOk(elsewhere));
  const std::string due = "2026-12-15";
  for (int run = 0; run < 2; ++run) {
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      return ComplaintService::Remind(sql, filed->id, "acceptance", due, clock_).status();
    })));
  }
  const std::string mine =
      "SELECT COUNT(*) FROM user_message WHERE kind = "
      "'complaint_deadline_near' AND recipient_user_id = ";
  EXPECT_EQ(Count(mine + std::to_string(handler->id)), 1);
  EXPECT_EQ(Count(mine + std::to_string(elsewhere->id)), 0);
  std::string body;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT body FROM user_message WHERE kind = 'complaint_deadline_near'", soci::into(body);
    return OkStatus();
  })));
  EXPECT_NE(body.find("第 " + std::to_string(filed->id) +
                      " 号投诉举报（杭州西湖某某电器有限公司）的受理期限为 2026-12-15"),
            std::string::npos)
      << body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintServiceTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::complaints
