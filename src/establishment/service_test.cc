// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 end to end on SQLite and PostgreSQL: one company and one 个体工商户
// submitted the afternoon before the 2026 Spring Festival holiday, 秒批 vs the
// registrar's queue, 容缺, 双告知, parallel steps completed in any order,
// return and resubmit, data scope.
#include "establishment/service.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/calendar.h"
#include "codes/uscc.h"
#include "establishment/establishment_test_util.h"
#include "outbox/outbox.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::establishment {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class EstablishmentServiceTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    auto depts = testing::SeedDepartments(db(), clock_, t_.root);
    ASSERT_TRUE(IsOk(depts));
    d_ = *depts;
  }

  // A principal holding `role` at `unit`, backed by a real user.
  identity::Principal Staff(const std::string& name, Role role, const identity::OrgUnit& unit) {
    auto user =
        identity::testing::AddStaff(db(), clock_, hasher_, name, unit.id, {{role, unit.id}});
    EXPECT_TRUE(IsOk(user));
    identity::Principal p;
    p.user_id = user.ok() ? user->id : 0;
    p.username = name;
    p.kind = identity::UserKind::kStaff;
    p.org_unit_id = unit.id;
    p.grants.push_back({role, unit.Ref()});
    return p;
  }
  identity::Principal Applicant(const std::string& name) {
    auto user = identity::testing::AddApplicant(db(), clock_, hasher_, name);
    EXPECT_TRUE(IsOk(user));
    identity::Principal p;
    p.user_id = user.ok() ? user->id : 0;
    p.username = name;
    p.kind = identity::UserKind::kApplicant;
    p.grants.push_back({Role::kApplicant, {}});
    return p;
  }
  static identity::Caller As(const identity::Principal& p) { return {&p, "", "", ""}; }

  void At(const char* time) { clock_.Set(*ParseTime(time)); }

  template <typename T>
  StatusOr<T> Run(const std::function<StatusOr<T>(soci::session&)>& body) {
    std::optional<T> out;
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(T v, body(sql));
      out = std::move(v);
      return OkStatus();
    });
    if (!s.ok()) return s;
    return std::move(*out);
  }

  StatusOr<Application> Submit(const identity::Principal& who, const json& body) {
    ASSIGN_OR_RETURN(Form form, ParseForm(body, Rules::Default(), ChinaDate(clock_.Now())));
    return Run<Application>(
        [&](soci::session& sql) { return service_.Submit(sql, As(who), Channel::kOnline, form); });
  }
  StatusOr<Application> Get(const identity::Principal& who, int64_t id) {
    return Run<Application>([&](soci::session& sql) {
      return service_.Get(sql, As(who), identity::perm::kRegistrationApply, id);
    });
  }
  Status Finish(const identity::Principal& officer, int64_t step, const json& result) {
    RETURN_IF_ERROR(Run<Step>([&](soci::session& sql) {
                      return service_.ClaimStep(sql, As(officer), step);
                    }).status());
    return Run<Step>([&](soci::session& sql) {
             return service_.CompleteStep(sql, As(officer), step, result);
           })
        .status();
  }
  static const Step& StepOf(const Application& app, const std::string& kind) {
    for (const Step& s : app.steps) {
      if (s.kind == kind) return s;
    }
    ADD_FAILURE() << "no step " << kind;
    static Step none;
    return none;
  }
  int64_t Count(const std::string& table) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  // Friday 2026-02-13, 15:00: the afternoon before the Spring Festival
  // holiday (02-15..02-23; Saturday 02-14 is a make-up working day).
  FakeClock clock_{*ParseTime("2026-02-13T15:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  EstablishmentService service_{Rules::Default(), clock_, codes::ShippedCalendar()};
  identity::testing::Tree t_;
  testing::Departments d_;
};

TEST_P(EstablishmentServiceTest, CompanyAndIndividualBusinessOverTheSpringFestival) {
  const identity::Principal alice = Applicant("alice");
  const identity::Principal bob = Applicant("bob");
  auto company = Submit(alice, testing::LoadForm("company.json"));
  ASSERT_TRUE(IsOk(company));
  auto shop = Submit(bob, testing::LoadForm("individual.json"));
  ASSERT_TRUE(IsOk(shop));

  // 秒批: registered at once, USCC issued, entity in the registry.
  for (const Application* app : {&*company, &*shop}) {
    EXPECT_EQ(app->decision, "instant_approval");
    EXPECT_TRUE(app->review_reasons.empty());
    EXPECT_EQ(app->state, "registered");
    EXPECT_TRUE(codes::CheckUscc(app->uscc).valid) << app->uscc;
    EXPECT_EQ(app->registered_at, "2026-02-13T15:00:00+08:00");
    EXPECT_EQ(StepOf(*app, "registration").state, "done");
    EXPECT_EQ(StepOf(*app, "registration").elapsed_minutes, 0);
  }
  EXPECT_EQ(company->uscc.substr(0, 8), "91330106");
  EXPECT_EQ(shop->uscc.substr(0, 8), "92330106");
  auto entity = registry::GetEntity(db(), company->uscc);
  ASSERT_TRUE(IsOk(entity));
  EXPECT_EQ(entity->name, "杭州西湖云杉科技有限公司");
  EXPECT_EQ(entity->org_form, "有限责任公司");
  EXPECT_EQ(entity->registered_capital, 1000000);
  EXPECT_EQ(entity->established_on.ToString(), "2026-02-13");
  // 营业期限: 长期 for the company (no last day given), none for the shop.
  ASSERT_TRUE(entity->operating_term.has_value());
  EXPECT_FALSE(entity->operating_term->until.has_value());
  EXPECT_FALSE(registry::GetEntity(db(), shop->uscc)->operating_term.has_value());

  // Dispatched in parallel: every requested step at once, to its department.
  ASSERT_EQ(company->steps.size(), 7u);
  for (const Step& s : company->steps) EXPECT_EQ(s.started_at, "2026-02-13T15:00:00+08:00");
  EXPECT_EQ(StepOf(*company, "seal").org_unit_id, d_.seal.id);
  EXPECT_EQ(StepOf(*company, "tax").org_unit_id, t_.tax.id);
  EXPECT_EQ(StepOf(*company, "bank_account").org_unit_id, d_.bank.id);
  ASSERT_EQ(shop->steps.size(), 3u);  // registration, tax, bank: only what was asked for

  const identity::Principal seal = Staff("seal", Role::kDepartmentOfficer, d_.seal);
  const identity::Principal tax = Staff("tax", Role::kDepartmentOfficer, t_.tax);
  const identity::Principal si = Staff("si-officer", Role::kDepartmentOfficer, d_.social_insurance);
  const identity::Principal mi =
      Staff("mi-officer", Role::kDepartmentOfficer, d_.medical_insurance);
  const identity::Principal hf = Staff("hf-officer", Role::kDepartmentOfficer, d_.housing_fund);
  const identity::Principal bank = Staff("bank", Role::kDepartmentOfficer, d_.bank);

  // Saturday 02-14 10:00 (make-up working day): most steps done, in reverse order.
  At("2026-02-14T10:00:00+08:00");
  ASSERT_TRUE(IsOk(Finish(hf, StepOf(*company, "housing_fund").id, {{"account", "HF-1"}})));
  ASSERT_TRUE(IsOk(Finish(mi, StepOf(*company, "medical_insurance").id, {{"number", "MI-1"}})));
  ASSERT_TRUE(IsOk(Finish(si, StepOf(*company, "social_insurance").id, {{"number", "SI-1"}})));
  ASSERT_TRUE(IsOk(Finish(tax, StepOf(*company, "tax").id, {{"tax_registration", "已登记"}})));
  ASSERT_TRUE(IsOk(Finish(seal, StepOf(*company, "seal").id,
                          {{"seal_numbers", {"3301060000001", "3301060000002"}}})));
  ASSERT_TRUE(IsOk(Finish(tax, StepOf(*shop, "tax").id, {{"tax_registration", "已登记"}})));
  ASSERT_TRUE(IsOk(Finish(bank, StepOf(*shop, "bank_account").id, {{"appointment", "02-14"}})));
  auto done_shop = Get(bob, shop->id);
  ASSERT_TRUE(IsOk(done_shop));
  EXPECT_EQ(done_shop->state, "completed");
  EXPECT_EQ(done_shop->completed_at, "2026-02-14T10:00:00+08:00");
  EXPECT_EQ(done_shop->elapsed_minutes, 150 + 60);  // 15:00–17:30 Fri, 09:00–10:00 Sat
  EXPECT_FALSE(done_shop->overdue);

  // After the holiday, Tuesday 02-24 09:00: the bank step is still open and overdue.
  At("2026-02-24T09:00:00+08:00");
  auto open = Get(alice, company->id);
  ASSERT_TRUE(IsOk(open));
  EXPECT_EQ(open->state, "registered");
  EXPECT_EQ(StepOf(*open, "seal").elapsed_minutes, 210);
  EXPECT_FALSE(StepOf(*open, "seal").overdue);
  EXPECT_EQ(StepOf(*open, "bank_account").elapsed_minutes, 150 + 420);  // holidays not counted
  EXPECT_TRUE(StepOf(*open, "bank_account").overdue);
  EXPECT_TRUE(open->overdue);
  auto queue = Run<std::vector<Step>>(
      [&](soci::session& sql) { return service_.ListSteps(sql, As(bank), QueueFilter{}); });
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE((*queue)[0].overdue);

  At("2026-02-24T11:00:00+08:00");
  ASSERT_TRUE(IsOk(Finish(bank, StepOf(*company, "bank_account").id, {{"appointment", "02-25"}})));
  auto done = Get(alice, company->id);
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done->state, "completed");
  EXPECT_EQ(done->elapsed_minutes, 150 + 420 + 120);
  EXPECT_TRUE(done->overdue);
  EXPECT_EQ(StepOf(*done, "seal").result["seal_numbers"][0], "3301060000001");

  // Figures: both kinds in February, one of two within the 1-day SLA.
  auto stats = Run<Stats>([&](soci::session& sql) {
    return service_.ComputeStats(sql, identity::Caller{}, *Date::Parse("2026-02-01"),
                                 *Date::Parse("2026-02-28"), t_.a.id);
  });
  ASSERT_TRUE(IsOk(stats));
  EXPECT_EQ(stats->completed, 2);
  EXPECT_EQ(stats->by_kind.size(), 2u);
  EXPECT_DOUBLE_EQ(stats->median_minutes, (210.0 + 690.0) / 2);
  EXPECT_DOUBLE_EQ(stats->within_sla_share, 0.5);
}

TEST_P(EstablishmentServiceTest, PermitItemsGoToTheRegistrarAndAreToldToTheirDepartments) {
  const identity::Principal alice = Applicant("alice");
  json form = testing::LoadForm("company.json");
  form["scope"] = {"G01", "P01", "P04"};
  auto app = Submit(alice, form);
  ASSERT_TRUE(IsOk(app));
  EXPECT_EQ(app->decision, "review");
  // The registrar (and the applicant) read why.
  ASSERT_EQ(app->review_reasons.size(), 1u);
  EXPECT_NE(app->review_reasons[0].find("须取得许可或备案的项目"), std::string::npos)
      << app->review_reasons[0];
  EXPECT_EQ(app->state, "queued");
  EXPECT_EQ(app->permits_needed.size(), 2u);  // told to the applicant in the decision
  EXPECT_TRUE(app->uscc.empty());
  EXPECT_EQ(app->steps.size(), 1u);  // nothing dispatched before registration
  EXPECT_EQ(Count("entity"), 0);

  const identity::Principal registrar = Staff("reg", Role::kRegistrar, t_.a);
  const identity::Principal other = Staff("reg-b", Role::kRegistrar, t_.b);
  auto outside =
      Run<Application>([&](soci::session& sql) { return service_.Claim(sql, As(other), app->id); });
  EXPECT_EQ(outside.status().code(), StatusCode::kPermissionDenied);
  auto approve_first = Run<Application>(
      [&](soci::session& sql) { return service_.Approve(sql, As(registrar), app->id); });
  EXPECT_EQ(approve_first.status().code(), StatusCode::kFailedPrecondition);
  auto queue = Run<std::vector<Application>>(
      [&](soci::session& sql) { return service_.ListQueue(sql, As(registrar), QueueFilter{}); });
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service_.Claim(sql, As(registrar), app->id); })));
  At("2026-02-13T16:00:00+08:00");
  auto approved = Run<Application>(
      [&](soci::session& sql) { return service_.Approve(sql, As(registrar), app->id); });
  ASSERT_TRUE(IsOk(approved));
  EXPECT_EQ(approved->state, "registered");
  EXPECT_EQ(StepOf(*approved, "registration").elapsed_minutes, 60);
  EXPECT_FALSE(StepOf(*approved, "registration").overdue);
  EXPECT_EQ(approved->steps.size(), 7u);
  // 双告知: 食品经营许可 to the bureau itself, 药品经营许可 to the drug department.
  ASSERT_EQ(approved->notices.size(), 2u);
  EXPECT_EQ(approved->notices[0].org_unit_id, t_.a.id);
  EXPECT_EQ(approved->notices[1].org_unit_id, d_.drug.id);
  const identity::Principal drug = Staff("drug", Role::kDepartmentOfficer, d_.drug);
  auto notices = Run<std::vector<Notice>>(
      [&](soci::session& sql) { return service_.ListNotices(sql, As(drug), QueueFilter{}); });
  ASSERT_TRUE(IsOk(notices));
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ((*notices)[0].permit, "药品经营许可");
  auto returned = Run<Notice>([&](soci::session& sql) {
    return service_.ReturnNotice(sql, As(drug), (*notices)[0].id, "经营场所不在本辖区");
  });
  ASSERT_TRUE(IsOk(returned));
  EXPECT_EQ(returned->state, "returned");
  // The tax officer cannot take the bureau's notice.
  const identity::Principal tax = Staff("tax", Role::kDepartmentOfficer, t_.tax);
  auto foreign = Run<Notice>([&](soci::session& sql) {
    return service_.ClaimNotice(sql, As(tax), approved->notices[0].id);
  });
  EXPECT_EQ(foreign.status().code(), StatusCode::kPermissionDenied);
}

TEST_P(EstablishmentServiceTest, DeferredMaterialIsRecordedWithItsDueDate) {
  const identity::Principal alice = Applicant("alice");
  json form = testing::LoadForm("company.json");
  form["materials"].erase(4);
  form["deferred_materials"] = {"officer_appointment"};
  form["deferral_commitment"] = true;
  auto app = Submit(alice, form);
  ASSERT_TRUE(IsOk(app));
  EXPECT_EQ(app->decision, "review");  // 秒批 needs every material
  ASSERT_EQ(app->review_reasons.size(), 1u);
  EXPECT_EQ(app->review_reasons[0], "容缺受理：董事、监事、高级管理人员任职文件后补");
  ASSERT_EQ(app->deferred.size(), 1u);
  auto due = codes::ShippedCalendar().Current()->AddWorkdays(*Date::Parse("2026-02-13"), 20);
  ASSERT_TRUE(IsOk(due));
  EXPECT_EQ(app->deferred[0].due_on, due->ToString());
  EXPECT_EQ(app->deferred[0].due_on, "2026-03-19");
}

TEST_P(EstablishmentServiceTest, RejectedWithAReason) {
  const identity::Principal alice = Applicant("alice");
  json form = testing::LoadForm("company.json");
  form["kind"] = "合伙企业";
  form["name"] = "杭州云杉咨询中心（普通合伙）";
  form["materials"] = {"application_form", "legal_rep_id", "articles", "investor_ids",
                       "address_commitment"};
  form.erase("registered_capital");
  form["registered_capital"] = 1000000;
  auto app = Submit(alice, form);
  ASSERT_TRUE(IsOk(app));
  EXPECT_EQ(app->decision, "review");  // partnerships are not in instant_approval_kinds
  ASSERT_EQ(app->review_reasons.size(), 1u);
  EXPECT_EQ(app->review_reasons[0], "合伙企业的设立登记由注册官审核（不在秒批范围）");
  const identity::Principal registrar = Staff("reg", Role::kRegistrar, t_.a);
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service_.Claim(sql, As(registrar), app->id); })));
  auto no_reason = Run<Application>(
      [&](soci::session& sql) { return service_.Reject(sql, As(registrar), app->id, ""); });
  EXPECT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  auto rejected = Run<Application>([&](soci::session& sql) {
    return service_.Reject(sql, As(registrar), app->id, "合伙协议未载明出资方式");
  });
  ASSERT_TRUE(IsOk(rejected));
  EXPECT_EQ(rejected->state, "rejected");
  EXPECT_EQ(rejected->reject_reason, "合伙协议未载明出资方式");
  EXPECT_EQ(Count("entity"), 0);
}

TEST_P(EstablishmentServiceTest, ReturnedStepIsFixedAndResubmitted) {
  const identity::Principal alice = Applicant("alice");
  const identity::Principal mallory = Applicant("mallory");
  auto app = Submit(alice, testing::LoadForm("individual.json"));
  ASSERT_TRUE(IsOk(app));
  const identity::Principal bank = Staff("bank", Role::kDepartmentOfficer, d_.bank);
  const identity::Principal tax_b = Staff("tax-b", Role::kDepartmentOfficer, d_.tax_b);
  const int64_t step = StepOf(*app, "bank_account").id;
  // Another county's tax officer sees nothing of it and cannot touch it.
  auto foreign =
      Run<Step>([&](soci::session& sql) { return service_.ClaimStep(sql, As(tax_b), step); });
  EXPECT_EQ(foreign.status().code(), StatusCode::kPermissionDenied);
  auto none = Run<std::vector<Step>>(
      [&](soci::session& sql) { return service_.ListSteps(sql, As(tax_b), QueueFilter{}); });
  ASSERT_TRUE(IsOk(none));
  EXPECT_TRUE(none->empty());

  ASSERT_TRUE(
      IsOk(Run<Step>([&](soci::session& sql) { return service_.ClaimStep(sql, As(bank), step); })));
  auto returned = Run<Step>([&](soci::session& sql) {
    return service_.ReturnStep(sql, As(bank), step, "预约网点已停业，请改选网点");
  });
  ASSERT_TRUE(IsOk(returned));
  EXPECT_EQ(returned->state, "returned");
  auto seen = Get(alice, app->id);
  ASSERT_TRUE(IsOk(seen));
  EXPECT_EQ(StepOf(*seen, "bank_account").return_reason, "预约网点已停业，请改选网点");
  // Only the applicant who filed it may resubmit.
  auto stranger = Run<Step>(
      [&](soci::session& sql) { return service_.ResubmitStep(sql, As(mallory), step, "x"); });
  EXPECT_EQ(stranger.status().code(), StatusCode::kPermissionDenied);
  auto again = Run<Step>([&](soci::session& sql) {
    return service_.ResubmitStep(sql, As(alice), step, "改约古荡支行");
  });
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->state, "pending");
  EXPECT_EQ(again->returns, 1);
  ASSERT_TRUE(IsOk(Finish(bank, step, {{"appointment", "2026-02-14 10:00"}})));
  const identity::Principal tax = Staff("tax", Role::kDepartmentOfficer, t_.tax);
  ASSERT_TRUE(IsOk(Finish(tax, StepOf(*app, "tax").id, {{"tax_registration", "已登记"}})));
  auto done = Get(alice, app->id);
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done->state, "completed");
  // Completing a done step again is refused.
  auto twice = Run<Step>([&](soci::session& sql) {
    return service_.CompleteStep(sql, As(bank), step, json{{"x", 1}});
  });
  EXPECT_EQ(twice.status().code(), StatusCode::kFailedPrecondition);
}

// 消息中心: the applicant is told of the registration (秒批 or the
// registrar's), of a refusal and of a returned step with its reason; the
// bank's officers of a resubmitted step; an application has no applicant
// account at the window, so nobody is told there.
TEST_P(EstablishmentServiceTest, EachEventTellsItsPersonInTheMessageCentre) {
  // "kind|title|body|link" of each message to `user`, oldest first.
  auto inbox = [&](int64_t user) {
    std::vector<std::string> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      long long u = user;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT kind, title, body, link FROM user_message WHERE "
                          "recipient_user_id = :u ORDER BY id",
           soci::use(u));
      for (const soci::row& r : rows) {
        out.push_back(r.get<std::string>(0) + "|" + r.get<std::string>(1) + "|" +
                      r.get<std::string>(2) + "|" + r.get<std::string>(3));
      }
      return OkStatus();
    })));
    return out;
  };
  const identity::Principal alice = Applicant("alice");
  const identity::Principal bank = Staff("bank", Role::kDepartmentOfficer, d_.bank);
  const identity::Principal bank2 = Staff("bank-2", Role::kDepartmentOfficer, d_.bank);
  auto shop = Submit(alice, testing::LoadForm("individual.json"));
  ASSERT_TRUE(IsOk(shop));
  std::vector<std::string> told = inbox(alice.user_id);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].rfind("establishment_approved|企业开办申请已核准|", 0), 0u) << told[0];
  EXPECT_NE(told[0].find("已核准登记（秒批），统一社会信用代码 " + shop->uscc), std::string::npos)
      << told[0];
  EXPECT_EQ(told[0].substr(told[0].rfind('|') + 1), "/progress?id=" + std::to_string(shop->id));

  // A returned step: the reason, to the applicant.
  const int64_t step = StepOf(*shop, "bank_account").id;
  ASSERT_TRUE(IsOk(Run<Step>([&](soci::session& sql) {
    return service_.ReturnStep(sql, As(bank), step, "预约网点已停业，请改选网点");
  })));
  told = inbox(alice.user_id);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(told[1].rfind("establishment_step_returned|银行开户预约被退回|", 0), 0u) << told[1];
  EXPECT_NE(told[1].find("理由：预约网点已停业，请改选网点"), std::string::npos) << told[1];
  EXPECT_TRUE(inbox(bank.user_id).empty());
  // Resubmitted: every officer of the bank's unit, nobody else.
  ASSERT_TRUE(IsOk(Run<Step>([&](soci::session& sql) {
    return service_.ResubmitStep(sql, As(alice), step, "改约古荡支行");
  })));
  for (const identity::Principal* officer : {&bank, &bank2}) {
    told = inbox(officer->user_id);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].rfind("establishment_step_resubmitted|退回的银行开户预约已重新提交|", 0), 0u)
        << told[0];
    EXPECT_NE(told[0].find("说明：改约古荡支行"), std::string::npos) << told[0];
    EXPECT_EQ(told[0].substr(told[0].rfind('|') + 1), "/workbench/department");
  }
  // Returned a second time: a message of its own.
  ASSERT_TRUE(IsOk(Run<Step>([&](soci::session& sql) {
    return service_.ReturnStep(sql, As(bank), step, "古荡支行也不办理");
  })));
  EXPECT_EQ(inbox(alice.user_id).size(), 3u);

  // The registrar's decisions.
  const identity::Principal registrar = Staff("reg", Role::kRegistrar, t_.a);
  json reviewed = testing::LoadForm("company.json");
  reviewed["scope"] = {"G01", "P01"};
  auto company = Submit(alice, reviewed);
  ASSERT_TRUE(IsOk(company));
  EXPECT_EQ(inbox(alice.user_id).size(), 3u);  // queued: nothing to tell yet
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service_.Claim(sql, As(registrar), company->id); })));
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service_.Approve(sql, As(registrar), company->id); })));
  told = inbox(alice.user_id);
  ASSERT_EQ(told.size(), 4u);
  EXPECT_NE(told[3].find("已核准登记（经注册官审核）"), std::string::npos) << told[3];
  json partnership = testing::LoadForm("company.json");
  partnership["kind"] = "合伙企业";
  partnership["name"] = "杭州云杉咨询中心（普通合伙）";
  partnership["materials"] = {"application_form", "legal_rep_id", "articles", "investor_ids",
                              "address_commitment"};
  auto refused = Submit(alice, partnership);
  ASSERT_TRUE(IsOk(refused));
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service_.Claim(sql, As(registrar), refused->id); })));
  ASSERT_TRUE(IsOk(Run<Application>([&](soci::session& sql) {
    return service_.Reject(sql, As(registrar), refused->id, "合伙协议未载明出资方式");
  })));
  told = inbox(alice.user_id);
  ASSERT_EQ(told.size(), 5u);
  EXPECT_EQ(told[4].rfind("establishment_rejected|企业开办申请未予登记|", 0), 0u) << told[4];
  EXPECT_NE(told[4].find("理由：合伙协议未载明出资方式"), std::string::npos) << told[4];
  EXPECT_EQ(inbox(registrar.user_id).size(), 0u);
}

// 银行开户 returned: the applicant books another bank in the same step, the
// step moves to that bank's unit, and the department's clock starts again.
TEST_P(EstablishmentServiceTest, AReturnedBankStepTakesAnotherBankAndStartsItsClockAgain) {
  auto icbc = Run<identity::OrgUnit>([&](soci::session& sql) -> StatusOr<identity::OrgUnit> {
    identity::NewOrgUnit u{t_.root.id,   "dept-icbc",    "工商银行西湖支行",
                           "department", "bank_account", "330106"};
    RETURN_IF_ERROR(identity::ValidateNewOrgUnit(u));
    return identity::CreateOrgUnit(sql, u, identity::testing::SystemCaller(), clock_);
  });
  ASSERT_TRUE(IsOk(icbc));
  const identity::Principal alice = Applicant("alice");
  auto app = Submit(alice, testing::LoadForm("individual.json"));
  ASSERT_TRUE(IsOk(app));
  const identity::Principal bank = Staff("bank", Role::kDepartmentOfficer, d_.bank);
  const identity::Principal icbc_officer = Staff("icbc", Role::kDepartmentOfficer, *icbc);
  const int64_t step = StepOf(*app, "bank_account").id;
  ASSERT_TRUE(
      IsOk(Run<Step>([&](soci::session& sql) { return service_.ClaimStep(sql, As(bank), step); })));
  ASSERT_TRUE(IsOk(Run<Step>([&](soci::session& sql) {
    return service_.ReturnStep(sql, As(bank), step, "本行不办理该类账户，请改约其他银行");
  })));
  clock_.Advance(std::chrono::hours(1));  // 16:00 the same Friday: the applicant fixes it

  // Bad choices name the field and change nothing.
  auto empty_bank = Run<Step>([&](soci::session& sql) {
    return service_.ResubmitStep(sql, As(alice), step, "",
                                 json{{"bank", ""}, {"branch", "西湖支行"}});
  });
  EXPECT_EQ(empty_bank.status().field(), "options.bank_account.bank");
  auto not_an_object = Run<Step>([&](soci::session& sql) {
    return service_.ResubmitStep(sql, As(alice), step, "", json("工商银行"));
  });
  EXPECT_EQ(not_an_object.status().code(), StatusCode::kInvalidArgument);

  auto again = Run<Step>([&](soci::session& sql) {
    return service_.ResubmitStep(sql, As(alice), step, "改约工商银行",
                                 json{{"bank", "工商银行"}, {"branch", "西湖支行"}});
  });
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->state, "pending");
  EXPECT_EQ(again->org_unit_id, icbc->id);
  EXPECT_EQ(again->started_at, "2026-02-13T16:00:00+08:00");
  EXPECT_EQ(again->elapsed_minutes, 0);
  // The new bank sees it; the old one no longer does.
  auto queue = Run<std::vector<Step>>(
      [&](soci::session& sql) { return service_.ListSteps(sql, As(icbc_officer), QueueFilter{}); });
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().id, step);
  auto old = Run<std::vector<Step>>(
      [&](soci::session& sql) { return service_.ListSteps(sql, As(bank), QueueFilter{}); });
  ASSERT_TRUE(IsOk(old));
  EXPECT_TRUE(std::none_of(old->begin(), old->end(), [&](const Step& s) { return s.id == step; }));
  // The form keeps the new booking; the applicant finds it among their own.
  auto mine = Run<std::vector<Application>>(
      [&](soci::session& sql) { return service_.ListOwn(sql, As(alice), 50); });
  ASSERT_TRUE(IsOk(mine));
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().form.options.bank_account->bank, "工商银行");
  const identity::Principal bob = Applicant("bob");
  auto others = Run<std::vector<Application>>(
      [&](soci::session& sql) { return service_.ListOwn(sql, As(bob), 50); });
  ASSERT_TRUE(IsOk(others));
  EXPECT_TRUE(others->empty());
}

TEST_P(EstablishmentServiceTest, NoAuthorityForTheRegionWritesNothing) {
  const identity::Principal alice = Applicant("alice");
  json form = testing::LoadForm("individual.json");
  form["region_code"] = "110105";
  auto app = Submit(alice, form);
  EXPECT_EQ(app.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(app.status().field(), "region_code");
  EXPECT_EQ(Count("establishment_application"), 0);
}

TEST_P(EstablishmentServiceTest, RefusedNameWritesNothingAndSimilarGoesToTheRegistrar) {
  RegistrationHooks hooks;
  hooks.check_name = [](const Form& f) -> StatusOr<NameDecision> {
    if (f.name.find("中华") != std::string::npos) return NameDecision{"prohibited", "含限用字词"};
    return NameDecision{"similar", "与已登记名称近似"};
  };
  int recorded = 0;
  hooks.record_name = [&](soci::session&, const registry::Entity&, const Application&) {
    ++recorded;
    return OkStatus();
  };
  EstablishmentService service(Rules::Default(), clock_, codes::ShippedCalendar(), hooks);
  const identity::Principal alice = Applicant("alice");
  json form = testing::LoadForm("individual.json");
  auto submit = [&](const json& j) {
    auto f = ParseForm(j, Rules::Default(), ChinaDate(clock_.Now()));
    EXPECT_TRUE(IsOk(f));
    return Run<Application>(
        [&](soci::session& sql) { return service.Submit(sql, As(alice), Channel::kOnline, *f); });
  };
  json bad = form;
  bad["name"] = "中华百货店";
  auto refused = submit(bad);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "name");
  EXPECT_EQ(Count("establishment_application"), 0);
  auto similar = submit(form);
  ASSERT_TRUE(IsOk(similar));
  EXPECT_EQ(similar->decision, "review");
  ASSERT_EQ(similar->review_reasons.size(), 1u);
  EXPECT_NE(similar->review_reasons[0].find("名称需要核对"), std::string::npos);
  EXPECT_EQ(recorded, 0);
}

// The people check (wired to the credit lists by the server) refuses
// before anything is written, naming the field.
TEST_P(EstablishmentServiceTest, APersonTheChecksRefuseWritesNothing) {
  RegistrationHooks hooks;
  std::string asked;
  hooks.check_people = [&](soci::session&, const Form& f) -> Status {
    asked = f.legal_rep.citizen_id;
    return FailedPreconditionError("不得担任法定代表人", "legal_rep.citizen_id");
  };
  EstablishmentService service(Rules::Default(), clock_, codes::ShippedCalendar(), hooks);
  const identity::Principal alice = Applicant("alice");
  auto f = ParseForm(testing::LoadForm("company.json"), Rules::Default(), ChinaDate(clock_.Now()));
  ASSERT_TRUE(IsOk(f));
  auto refused = Run<Application>(
      [&](soci::session& sql) { return service.Submit(sql, As(alice), Channel::kOnline, *f); });
  EXPECT_EQ(refused.status().field(), "legal_rep.citizen_id");
  EXPECT_EQ(asked, f->legal_rep.citizen_id);
  EXPECT_EQ(Count("establishment_application"), 0);
}

TEST_P(EstablishmentServiceTest, DispatchedStepsAndNoticesAreOutboxEventsOnce) {
  RegistrationHooks hooks;
  hooks.enqueue_event = [this](soci::session& sql, std::string_view topic, const json& payload,
                               std::string_view key) {
    return outbox::Enqueue(sql, topic, payload, key, clock_);
  };
  EstablishmentService service(Rules::Default(), clock_, codes::ShippedCalendar(), hooks);
  json body = testing::LoadForm("company.json");
  body["scope"] = {"G04", "P04"};
  auto form = ParseForm(body, Rules::Default(), ChinaDate(clock_.Now()));
  ASSERT_TRUE(IsOk(form));
  auto app = Run<Application>([&](soci::session& sql) {
    return service.Submit(sql, identity::Caller{}, Channel::kCli, *form);
  });
  ASSERT_TRUE(IsOk(app));
  EXPECT_EQ(Count("outbox_event"), 0);  // nothing dispatched before registration
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service.Claim(sql, identity::Caller{}, app->id); })));
  ASSERT_TRUE(IsOk(Run<Application>(
      [&](soci::session& sql) { return service.Approve(sql, identity::Caller{}, app->id); })));
  EXPECT_EQ(Count("outbox_event"), 6 + 1);  // six department steps, one 双告知
  long long tax = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    const std::string key = "establishment.step.dispatched:" + std::to_string(app->id) + ":tax";
    sql << "SELECT COUNT(*) FROM outbox_event WHERE dedupe_key = :k", soci::use(key),
        soci::into(tax);
    return OkStatus();
  })));
  EXPECT_EQ(tax, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, EstablishmentServiceTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::establishment
