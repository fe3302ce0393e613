// SPDX-License-Identifier: MulanPSL-2.0
// Change registration as `amr serve` wires it (cli::App: the real name
// engine, the outbox), over HTTP, on SQLite and PostgreSQL:
//   - a name change through the engine: conflict refused (422 "name"),
//     similar to the registrar and approved, the old name protected for one
//     year after the change (another entity meets Art. 17 through 2027-09-29,
//     and may take it on 2027-09-30);
//   - a retried request with the same Idempotency-Key writes one version;
//   - beneficial owners never reach a public route; staff outside
//     beneficial_owner.read and strangers get 403;
//   - a bad citizen ID is 400 naming the field.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>

#include "cli/app.h"
#include "cli/calendar_wiring.h"
#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "http/server_test_util.h"
#include "identity/identity_test_util.h"
#include "identity/password.h"
#include "license/license_store.h"
#include "lifecycle/beneficial_owner_due.h"
#include "lifecycle/permit.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr {
namespace {

using identity::Role;
using nlohmann::json;

std::string Id(int sequence, int year = 1985) {
  return *codes::MakeCitizenId("330106", *Date::FromYmd(year, 5, 17), sequence);
}

class ChangeHttpTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(testing::IsOk(tree));
    t_ = *tree;
    identity::PasswordHasher hasher(identity::MinimumCostForTest());
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher, "clerk", t_.a.id,
                                            {{Role::kWindowClerk, t_.a.id}})
                    .ok());
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher, "registrar", t_.a.id,
                                            {{Role::kRegistrar, t_.a.id}})
                    .ok());
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, hasher, "inspector", t_.a1.id,
                                            {{Role::kInspector, t_.a1.id}})
                    .ok());
    auto holder = identity::testing::AddApplicant(db(), clock_, hasher, "holder");
    ASSERT_TRUE(holder.ok());
    ASSERT_TRUE(identity::testing::AddApplicant(db(), clock_, hasher, "stranger").ok());
    a_ = AddEntity("杭州翠竹科技有限公司", 1, holder->id);
    b_ = AddEntity("杭州红枫科技有限公司", 2, 0);
    c_ = AddEntity("杭州松涛科技有限公司", 3, 0);
    ib_ = AddEntity("杭州味香餐饮店", 4, holder->id, registry::EntityKind::kIndividualBusiness);
    cli::AppOptions options;
    options.password_cost = identity::MinimumCostForTest();
    options.authorizer.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    options.authorizer.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    auto calendar = cli::StartCalendar(db(), clock_, true);
    ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
    app_ = std::make_unique<cli::App>(db(), clock_, *calendar, options);
    server_ = http::testutil::StartServer(app_->router());
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  std::string AddEntity(const std::string& name, int serial, int64_t holder,
                        registry::EntityKind kind = registry::EntityKind::kEnterprise) {
    const bool individual = kind == registry::EntityKind::kIndividualBusiness;
    registry::Entity e;
    e.uscc = *codes::IssueUscc('9', individual ? '2' : '1', "330106",
                               static_cast<uint64_t>(800000 + serial));
    e.name = name;
    e.kind = kind;
    e.org_form = individual ? "" : "有限责任公司";
    e.region_code = "330106";
    e.industry_code = individual ? "62" : "65";
    e.legal_rep_name = "王芳";
    e.legal_rep_id = Id(12);
    if (!individual) e.registered_capital = 500'000;
    e.address = "杭州市西湖区文三路 1 号";
    e.established_on = *Date::FromYmd(2025, 3, 10);
    EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2025-03-10T09:00:00+08:00"));
      if (holder != 0) {
        RETURN_IF_ERROR(
            license::IssueLicense(sql, e, {"软件开发", "甲县局", holder, std::nullopt}, clock_)
                .status());
      }
      return OkStatus();
    })));
    return e.uscc;
  }

  std::string Login(const std::string& username) {
    auto r =
        Call("POST", "/api/v1/auth/login", "",
             json{{"username", username}, {"password", identity::testing::kTestPassword}}.dump());
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }

  testing::HttpResult Call(const std::string& method, const std::string& target,
                           const std::string& token, const std::string& body = "",
                           const std::string& idempotency_key = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!idempotency_key.empty()) headers.emplace_back("Idempotency-Key", idempotency_key);
    return testing::HttpRequest(server_->port(), method, target, body, headers);
  }

  testing::HttpResult ChangeName(const std::string& token, const std::string& uscc,
                                 const std::string& name) {
    return Call("POST", "/api/v1/window/entities/" + uscc + "/changes", token,
                json{{"name", name}}.dump());
  }

  // Tuesday 2026-09-29 10:00 Beijing time.
  FakeClock clock_{*ParseTime("2026-09-29T10:00:00+08:00")};
  identity::testing::Tree t_;
  std::string a_, b_, c_, ib_;
  std::unique_ptr<cli::App> app_;
  std::unique_ptr<http::Server> server_;
};

TEST_P(ChangeHttpTest, NameChangeThroughTheEngineAndTheOldNameProtectedOneYear) {
  const std::string clerk = Login("clerk");
  // The 字号 of another registered name in the city: Art. 17.
  auto conflict = ChangeName(clerk, a_, "杭州松涛科技有限公司");
  ASSERT_EQ(conflict.status, 422) << conflict.body;
  EXPECT_EQ(conflict.Json()["error"]["field"], "name");

  // A homophone 字号 (松滔/松涛) in the same industry: similar, the registrar decides.
  auto similar = ChangeName(clerk, a_, "杭州松滔科技有限公司");
  ASSERT_EQ(similar.status, 201) << similar.body;
  EXPECT_EQ(similar.Json()["state"], "pending_review");
  const std::string registrar = Login("registrar");
  auto queue = Call("GET", "/api/v1/registration/changes", registrar);
  ASSERT_EQ(queue.status, 200);
  ASSERT_EQ(queue.Json()["items"].size(), 1u);
  const std::string id = std::to_string(similar.Json()["id"].get<int64_t>());
  auto approved = Call("POST", "/api/v1/registration/changes/" + id + "/approve", registrar);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["state"], "effective");
  auto profile = Call("GET", "/api/v1/entities/" + a_, "");
  EXPECT_EQ(profile.Json()["name"], "杭州松滔科技有限公司");

  // A changes again; its name of this morning ends today.
  auto again = ChangeName(clerk, a_, "杭州青柏科技有限公司");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json()["state"], "effective");
  // Another entity may not take the ended 字号 within one year …
  auto taken = ChangeName(clerk, b_, "杭州松滔科技有限公司");
  ASSERT_EQ(taken.status, 422) << taken.body;
  EXPECT_EQ(taken.Json()["error"]["field"], "name");
  // 民法典 Arts. 201-202: the year runs from the day after the change and ends
  // on the corresponding date, 2027-09-29, the last day it still blocks …
  clock_.Set(*ParseTime("2027-09-29T10:00:00+08:00"));
  auto last_day = ChangeName(Login("clerk"), b_, "杭州翠竹科技有限公司");
  EXPECT_EQ(last_day.status, 422) << last_day.body;
  // … so another entity may take it from 2027-09-30.
  clock_.Set(*ParseTime("2027-09-30T10:00:00+08:00"));
  auto free = ChangeName(Login("clerk"), b_, "杭州翠竹科技有限公司");
  ASSERT_EQ(free.status, 201) << free.body;
  EXPECT_EQ(free.Json()["state"], "effective");

  // The public history of A: registration, two changes.
  auto history = Call("GET", "/api/v1/entities/" + a_ + "/changes", "");
  ASSERT_EQ(history.status, 200);
  const json versions = history.Json()["versions"];
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[1]["changes"][0]["before"], "杭州翠竹科技有限公司");
  EXPECT_EQ(versions[1]["changes"][0]["after"], "杭州松滔科技有限公司");
  EXPECT_EQ(versions[2]["effective_on"], "2026-09-29");
}

// 企业名称登记管理规定 Arts. 15, 17: an entity may take the 字号 of one it is
// in an investment relationship with, once the link is recorded; not before.
TEST_P(ChangeHttpTest, AnInvestmentLinkLetsAChangeUseTheInvestorsTradeName) {
  const std::string clerk = Login("clerk");
  auto before = ChangeName(clerk, b_, "杭州翠竹科技有限责任公司");
  ASSERT_EQ(before.status, 422) << before.body;
  EXPECT_EQ(before.Json()["error"]["field"], "name");
  // A registrar records that A invests in B (the record it rests on).
  auto link = Call("POST", "/api/v1/entities/" + a_ + "/affiliations", Login("registrar"),
                   json{{"kind", "investment"},
                        {"other_uscc", b_},
                        {"started_on", "2026-09-01"},
                        {"document", "股权转让协议"}}
                       .dump());
  ASSERT_EQ(link.status, 201) << link.body;
  auto after = ChangeName(clerk, b_, "杭州翠竹科技有限责任公司");
  ASSERT_EQ(after.status, 201) << after.body;
  EXPECT_EQ(after.Json()["state"], "effective") << after.body;
  // C, with no link, still meets Art. 17 on A's 字号.
  auto other = ChangeName(clerk, c_, "杭州翠竹科技有限公司");
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_NE(other.body.find("第十七条"), std::string::npos) << other.body;
}

// Art. 17 (二): a name transferred to an entity (受让) is no conflict with its
// source; the change rests on the agreement, so a registrar decides it and the
// approval's re-check in the store honours the transfer.
TEST_P(ChangeHttpTest, ATransferredNameGoesToTheRegistrarAndIsNoConflict) {
  const std::string clerk = Login("clerk");
  json body = {{"name", "杭州翠竹科技有限责任公司"},
               {"name_source",
                {{"uscc", a_}, {"relation", "transferred"}, {"document", "名称转让协议 2026-9"}}}};
  auto wrong = body;
  wrong.erase("name");
  wrong["address"] = "杭州市西湖区文三路 2 号";
  wrong["address_commitment"] = true;
  auto refused = Call("POST", "/api/v1/window/entities/" + b_ + "/changes", clerk, wrong.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "name_source");
  auto filed = Call("POST", "/api/v1/window/entities/" + b_ + "/changes", clerk, body.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.Json()["state"], "pending_review") << filed.body;
  const std::string id = std::to_string(filed.Json()["id"].get<int64_t>());
  auto approved =
      Call("POST", "/api/v1/registration/changes/" + id + "/approve", Login("registrar"));
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["state"], "effective");
  EXPECT_EQ(Call("GET", "/api/v1/entities/" + b_, "").Json()["name"], "杭州翠竹科技有限责任公司");
}

TEST_P(ChangeHttpTest, RetriedRequestWritesOneVersion) {
  const std::string clerk = Login("clerk");
  const std::string body =
      json{{"address", "杭州市西湖区文一西路 100 号"}, {"address_commitment", true}}.dump();
  auto first = Call("POST", "/api/v1/window/entities/" + a_ + "/changes", clerk, body, "k-1");
  ASSERT_EQ(first.status, 201) << first.body;
  auto retry = Call("POST", "/api/v1/window/entities/" + a_ + "/changes", clerk, body, "k-1");
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.Json()["id"], first.Json()["id"]);
  auto history = Call("GET", "/api/v1/entities/" + a_ + "/changes", "");
  EXPECT_EQ(history.Json()["versions"].size(), 2u);
  // Without the key the same request is a second change: nothing to change.
  auto plain = Call("POST", "/api/v1/window/entities/" + a_ + "/changes", clerk, body);
  EXPECT_EQ(plain.status, 400);
  EXPECT_EQ(plain.Json()["error"]["field"], "body");
}

// 受益所有人信息管理办法: after a change of the investors, the filing is due
// within 30 days (data change_days): Tuesday 2026-09-29 + 30 = Thursday
// 2026-10-29, a working day. Unfiled, it is overdue from 10-30 (the timer
// audits it); a filing meets it.
TEST_P(ChangeHttpTest, AChangeOfInvestorsStartsTheBeneficialOwnerFilingClock) {
  scheduler::Scheduler timers(db(), clock_, "test-1");
  lifecycle::RegisterBeneficialOwnerTimers(timers, clock_);
  const std::string holder = Login("holder");
  auto changed = Call(
      "POST", "/api/v1/entities/" + a_ + "/changes", holder,
      json{{"investors",
            {{{"name", "孙立新"}, {"citizen_id", Id(88, 1990)}, {"subscribed_capital", 500'000}}}}}
          .dump());
  ASSERT_EQ(changed.status, 201) << changed.body;
  auto read = [&] {
    auto r = Call("GET", "/api/v1/entities/" + a_ + "/beneficial-owners", Login("registrar"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  };
  json filing = read();
  EXPECT_EQ(filing["filing_due"]["due"], "2026-10-29") << filing.dump();
  // B, registered 2025-03-10 (after the measures took effect) and never changed: no time limit
  // of its own here; one registered before 2024-11-01 is due by 2025-11-01, long past.
  auto b = Call("GET", "/api/v1/entities/" + b_ + "/beneficial-owners", Login("registrar"));
  EXPECT_TRUE(b.Json()["filing_due"].is_null()) << b.body;
  ASSERT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
    sql << "UPDATE entity SET established_on = '2019-04-02' WHERE uscc = :u", soci::use(c_);
    return OkStatus();
  })));
  auto c = Call("GET", "/api/v1/entities/" + c_ + "/beneficial-owners", Login("registrar"));
  EXPECT_EQ(c.Json()["filing_due"]["due"], "2025-11-01") << c.body;
  EXPECT_EQ(c.Json()["filing_overdue"], true) << c.body;
  EXPECT_EQ(filing["filing_overdue"], false);
  // The last day passes without a filing: overdue, audited once.
  clock_.Set(*ParseTime("2026-10-30T00:00:01+08:00"));
  auto fired = timers.RunDue();
  ASSERT_TRUE(testing::IsOk(fired));
  EXPECT_EQ(fired->fired, 1);
  filing = read();
  EXPECT_EQ(filing["filing_due"]["due"], "2026-10-29");
  EXPECT_EQ(filing["filing_overdue"], true);
  EXPECT_EQ(identity::testing::CountAudit(db(), "beneficial_owner.overdue"), 1);
  // A filing (late) meets it.
  const json owners = {{"owners",
                        {{{"name", "孙立新"},
                          {"citizen_id", Id(88, 1990)},
                          {"nationality", "中国"},
                          {"control_type", "shareholding"},
                          {"ownership_share", 100},
                          {"from_date", "2026-09-29"}}}}};
  auto filed =
      Call("POST", "/api/v1/entities/" + a_ + "/beneficial-owners", Login("holder"), owners.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  filing = read();
  EXPECT_TRUE(filing["filing_due"].is_null()) << filing.dump();
  EXPECT_EQ(filing["filing_overdue"], false);
  // A second change of the investors starts it again, timer and all.
  clock_.Set(*ParseTime("2026-11-02T10:00:00+08:00"));
  auto again = Call(
      "POST", "/api/v1/entities/" + a_ + "/changes", Login("holder"),
      json{{"investors",
            {{{"name", "孙立新"}, {"citizen_id", Id(88, 1990)}, {"subscribed_capital", 300'000}},
             {{"name", "周晓敏"}, {"citizen_id", Id(77, 1979)}, {"subscribed_capital", 200'000}}}}}
          .dump());
  ASSERT_EQ(again.status, 201) << again.body;
  filing = read();
  EXPECT_EQ(filing["filing_due"]["due"], "2026-12-02") << filing.dump();
  clock_.Set(*ParseTime("2026-12-03T00:00:01+08:00"));
  auto second = timers.RunDue();
  ASSERT_TRUE(testing::IsOk(second));
  EXPECT_EQ(second->fired, 1);
  EXPECT_EQ(read()["filing_overdue"], true);
  EXPECT_EQ(identity::testing::CountAudit(db(), "beneficial_owner.overdue"), 2);
  ASSERT_EQ(
      Call("POST", "/api/v1/entities/" + a_ + "/beneficial-owners", Login("holder"), owners.dump())
          .status,
      201);
  // A change of the address alone starts nothing.
  auto moved =
      Call("POST", "/api/v1/entities/" + a_ + "/changes", Login("holder"),
           json{{"address", "杭州市西湖区文一西路 8 号"}, {"address_commitment", true}}.dump());
  ASSERT_EQ(moved.status, 201) << moved.body;
  EXPECT_TRUE(read()["filing_due"].is_null());
}

TEST_P(ChangeHttpTest, BeneficialOwnersNeverPublic) {
  const std::string owner_id = Id(77, 1979);
  const json filing = {{"owners",
                        {{{"name", "周晓敏"},
                          {"citizen_id", owner_id},
                          {"nationality", "中国"},
                          {"control_type", "shareholding"},
                          {"ownership_share", 75},
                          {"from_date", "2025-03-10"}}}}};
  const std::string holder = Login("holder");
  auto filed = Call("POST", "/api/v1/entities/" + a_ + "/beneficial-owners", holder, filing.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  // A legal representative with an ID, an investor who is a natural person.
  auto changed = Call(
      "POST", "/api/v1/entities/" + a_ + "/changes", holder,
      json{{"legal_rep", {{"name", "孙立新"}, {"citizen_id", Id(88, 1990)}}},
           {"investors",
            {{{"name", "孙立新"}, {"citizen_id", Id(88, 1990)}, {"subscribed_capital", 500'000}}}}}
          .dump());
  ASSERT_EQ(changed.status, 201) << changed.body;

  for (const std::string& target : {"/api/v1/entities/" + a_, "/api/v1/entities/" + a_ + "/changes",
                                    "/api/v1/entities?q=" + a_.substr(0, 10)}) {
    auto r = Call("GET", target, "");
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body.find(owner_id), std::string::npos) << target;
    EXPECT_EQ(r.body.find("周晓敏"), std::string::npos) << target;
    EXPECT_EQ(r.body.find(Id(88, 1990)), std::string::npos) << target;
    EXPECT_EQ(r.body.find(Id(12)), std::string::npos) << target;
  }
  auto history = Call("GET", "/api/v1/entities/" + a_ + "/changes", "");
  EXPECT_NE(history.body.find("孙**"), std::string::npos);  // the investor, masked

  EXPECT_EQ(Call("GET", "/api/v1/entities/" + a_ + "/beneficial-owners", "").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/entities/" + a_ + "/beneficial-owners", Login("inspector")).status,
            403);
  auto registrar = Call("GET", "/api/v1/entities/" + a_ + "/beneficial-owners", Login("registrar"));
  ASSERT_EQ(registrar.status, 200) << registrar.body;
  EXPECT_EQ(registrar.Json()["owners"][0]["citizen_id"], owner_id);
  EXPECT_EQ(Call("GET", "/api/v1/applicant/entities/" + a_ + "/beneficial-owners", holder).status,
            200);
  EXPECT_EQ(
      Call("GET", "/api/v1/applicant/entities/" + a_ + "/beneficial-owners", Login("stranger"))
          .status,
      403);
  // Audit records hold the masked ID only.
  long long clear = 0;
  ASSERT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%" + owner_id + "%'",
        soci::into(clear);
    return OkStatus();
  })));
  EXPECT_EQ(clear, 0);
}

TEST_P(ChangeHttpTest, BadIdIs400NamingTheField) {
  const std::string clerk = Login("clerk");
  auto r =
      Call("POST", "/api/v1/window/entities/" + a_ + "/changes", clerk,
           json{{"legal_rep", {{"name", "李强"}, {"citizen_id", "11010519491231002Y"}}}}.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["error"]["field"], "legal_rep.citizen_id");
  auto bo = Call("POST", "/api/v1/window/entities/" + a_ + "/beneficial-owners", clerk,
                 json{{"owners",
                       {{{"name", "李强"},
                         {"citizen_id", "123456"},
                         {"nationality", "中国"},
                         {"control_type", "other"},
                         {"from_date", "2026-01-01"}}}}}
                     .dump());
  ASSERT_EQ(bo.status, 400) << bo.body;
  EXPECT_EQ(bo.Json()["error"]["field"], "owners[0].citizen_id");
}

TEST_P(ChangeHttpTest, IndividualBusinessConvertsKeepingItsTradeNameAndHistoryLinked) {
  const std::string holder = Login("holder");
  // The operator changes the address first: the history to carry over.
  auto moved =
      Call("POST", "/api/v1/entities/" + ib_ + "/changes", holder,
           json{{"address", "杭州市西湖区文二路 18 号"}, {"address_commitment", true}}.dump());
  ASSERT_EQ(moved.status, 201) << moved.body;
  // Another 字号 is refused; the kept one passes although the individual
  // business still holds it (its own record does not count).
  auto other = Call("POST", "/api/v1/entities/" + ib_ + "/conversions", holder,
                    json{{"kind", "limited_company"},
                         {"name", "杭州松涛科技有限公司"},
                         {"declarations", {{"debts_assumed", true}, {"taxes_declared", true}}},
                         {"registered_capital", 300'000}}
                        .dump());
  EXPECT_EQ(other.status, 400) << other.body;
  // The debts and the taxes must be declared.
  auto undeclared = Call("POST", "/api/v1/entities/" + ib_ + "/conversions", holder,
                         json{{"kind", "limited_company"},
                              {"name", "杭州味香餐饮有限公司"},
                              {"declarations", {{"debts_assumed", true}}},
                              {"registered_capital", 300'000}}
                             .dump());
  ASSERT_EQ(undeclared.status, 400) << undeclared.body;
  EXPECT_EQ(undeclared.Json()["error"]["field"], "declarations.taxes_declared");
  // A food business permit of the bureau: it follows the business.
  ASSERT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
    long long unit = 0;
    sql << "SELECT MIN(id) FROM org_unit", soci::into(unit);
    audit::Actor actor;
    actor.username = "test";
    return lifecycle::RecordPermit(
               sql, ib_, unit, {"food_business", "JY13301060000001", "2025-01-01", "2030-01-01"},
               lifecycle::PermitKinds::Default(), actor, clock_)
        .status();
  })));
  auto converted = Call("POST", "/api/v1/entities/" + ib_ + "/conversions", holder,
                        json{{"kind", "limited_company"},
                             {"name", "杭州味香餐饮有限公司"},
                             {"declarations", {{"debts_assumed", true}, {"taxes_declared", true}}},
                             {"registered_capital", 300'000}}
                            .dump());
  ASSERT_EQ(converted.status, 201) << converted.body;
  EXPECT_EQ(converted.Json()["permits_carried"], json::array({"JY13301060000001"}));
  EXPECT_TRUE(converted.Json()["permits_cancelled"].empty());
  const std::string to = converted.Json()["to_uscc"];
  EXPECT_TRUE(codes::CheckUscc(to).valid);
  EXPECT_NE(to, ib_);
  EXPECT_EQ(converted.Json()["converted_on"], "2026-09-29");

  auto old_profile = Call("GET", "/api/v1/entities/" + ib_, "");
  EXPECT_EQ(old_profile.Json()["status"], "deregistered");
  auto new_profile = Call("GET", "/api/v1/entities/" + to, "");
  ASSERT_EQ(new_profile.status, 200);
  EXPECT_EQ(new_profile.Json()["status"], "active");
  EXPECT_EQ(new_profile.Json()["name"], "杭州味香餐饮有限公司");
  EXPECT_EQ(new_profile.Json()["org_form"], "有限责任公司");
  EXPECT_EQ(new_profile.Json()["established_on"], "2026-09-29");

  auto new_history = Call("GET", "/api/v1/entities/" + to + "/changes", "");
  ASSERT_EQ(new_history.status, 200);
  EXPECT_EQ(new_history.Json()["predecessor"]["from_uscc"], ib_);
  EXPECT_EQ(new_history.Json()["predecessor"]["history"], "/api/v1/entities/" + ib_ + "/changes");
  EXPECT_EQ(new_history.Json()["versions"][0]["kind"], "conversion");
  auto old_history = Call("GET", "/api/v1/entities/" + ib_ + "/changes", "");
  EXPECT_EQ(old_history.Json()["successor"]["to_uscc"], to);
  EXPECT_EQ(old_history.Json()["versions"].size(), 3u);  // registration, address, conversion
  // The ended individual business can be neither changed nor converted again.
  auto again = Call("POST", "/api/v1/window/entities/" + ib_ + "/changes", Login("clerk"),
                    json{{"address", "杭州市西湖区某路"}, {"address_commitment", true}}.dump());
  EXPECT_EQ(again.status, 422) << again.body;
  // The permit is the enterprise's now, still in force.
  std::string permit_owner, permit_state;
  ASSERT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT uscc, state FROM permit WHERE number = 'JY13301060000001'",
        soci::into(permit_owner), soci::into(permit_state);
    return OkStatus();
  })));
  EXPECT_EQ(permit_owner, to);
  EXPECT_EQ(permit_state, "valid");
  // The enterprise's licence went to the holder, who may change it.
  auto changed =
      Call("POST", "/api/v1/entities/" + to + "/changes", holder,
           json{{"address", "杭州市西湖区文二路 20 号"}, {"address_commitment", true}}.dump());
  EXPECT_EQ(changed.status, 201) << changed.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeHttpTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr
