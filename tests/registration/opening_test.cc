// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 from end to end, as `amr serve` wires it (cli::App) on the demo
// county, over HTTP, on SQLite and PostgreSQL: one company and one 个体工商户,
// from the name check to a completed 开办, submitted on the afternoon of
// Friday 2026-02-13, the last working day before the Spring Festival holiday
// (02-15 … 02-23; Saturday 02-14 is a make-up working day).
//
// What it shows: the name engine decides and records the name (a second
// applicant then meets Art. 17), the USCC is valid, the e-licence is issued
// to the applicant who is the legal representative and verifies, every department step is
// dispatched at once and worked by the demo departments' officers, and every step's start, end and
// elapsed working time (09:00–12:00, 13:30–17:30 on working days) is shown with the SLA and the
// overdue flag.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>

#include "cli/app.h"
#include "cli/calendar_wiring.h"
#include "codes/uscc.h"
#include "demo/demo_seed.h"
#include "http/server_test_util.h"
#include "identity/password.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "Xihu-Demo-2026";  // the demo county's (docs/security.md)

class OpeningTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    cli::AppOptions options;
    options.password_cost = identity::MinimumCostForTest();
    auto calendar = cli::StartCalendar(db(), clock_, true);
    ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
    app_ = std::make_unique<cli::App>(db(), clock_, *calendar, options);
    auto demo = demo::SeedDemo(db(), app_->hasher(), clock_, 200);
    ASSERT_TRUE(testing::IsOk(demo));
    ASSERT_TRUE(demo->seeded);
    // The demo applicants file for themselves: -01 is the company's legal
    // representative, -02 the shop's operator, so each holds the e-licence
    // (电子营业执照管理办法（试行）: the holder is that person).
    ASSERT_TRUE(testing::IsOk(db().Transaction([](soci::session& sql) {
      sql << "UPDATE app_user SET citizen_id = '11010519491231002X' WHERE username = "
             "'demo-applicant-01'";
      sql << "UPDATE app_user SET citizen_id = '110105194912310038' WHERE username = "
             "'demo-applicant-02'";
      return OkStatus();
    })));
    server_ = http::testutil::StartServer(app_->router());
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  // Logs in afresh (sessions end as the fake clock passes the holiday).
  std::string Login(const std::string& username) {
    auto r = Call("POST", "/api/v1/auth/login", "",
                  json{{"username", username}, {"password", kPassword}}.dump());
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

  static std::string Encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) != 0) {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  // The department's officer claims and completes the application's step.
  void Complete(int64_t step_id, const std::string& officer, const json& result) {
    const std::string token = Login(officer);
    const std::string id = std::to_string(step_id);
    auto claim =
        Call("POST", "/api/v1/department/steps/" + id + "/claim", token, "", "claim-" + id);
    ASSERT_EQ(claim.status, 200) << officer << ": " << claim.body;
    auto done = Call("POST", "/api/v1/department/steps/" + id + "/complete", token,
                     json{{"result", result}}.dump(), "complete-" + id);
    ASSERT_EQ(done.status, 200) << officer << ": " << done.body;
  }

  void At(const char* rfc3339) { clock_.Set(*ParseTime(rfc3339)); }

  // Friday 2026-02-13 14:30 Beijing time.
  FakeClock clock_{*ParseTime("2026-02-13T14:30:00+08:00")};
  std::unique_ptr<cli::App> app_;
  std::unique_ptr<http::Server> server_;
};

json CompanyForm(const std::string& reservation_id) {
  return {
      {"kind", "有限责任公司"},
      {"name", "杭州西湖云杉科技有限公司"},
      {"name_reservation_id", reservation_id},
      {"legal_rep", {{"name", "张三"}, {"citizen_id", "11010519491231002X"}}},
      {"investors",
       {{{"name", "张三"}, {"citizen_id", "11010519491231002X"}, {"subscribed_capital", 600000}},
        {{"name", "李四"}, {"citizen_id", "440524188001010014"}, {"subscribed_capital", 400000}}}},
      {"registered_capital", 1000000},
      {"address", "浙江省杭州市西湖区文三路 90 号 301 室"},
      {"address_commitment", true},
      {"scope", {"G04", "G05", "G06"}},
      {"region_code", "330106"},
      {"industry_code", "65"},
      {"materials",
       {"application_form", "legal_rep_id", "articles", "investor_ids", "officer_appointment",
        "address_commitment"}},
      {"options",
       {{"seal", {{"kinds", {"公章", "财务专用章", "发票专用章"}}}},
        {"tax", {{"invoice_kinds", {"全面数字化的电子发票"}}, {"tax_ukey", true}}},
        {"social_insurance", true},
        {"medical_insurance", true},
        {"housing_fund", true},
        {"bank_account", {{"bank", "中国工商银行"}, {"branch", "杭州文三路支行"}}}}}};
}

json ShopForm() {
  return {{"kind", "个体工商户"},
          {"name", "西湖区张记百货店"},
          {"legal_rep", {{"name", "王五"}, {"citizen_id", "110105194912310038"}}},
          {"address", "浙江省杭州市西湖区古荡新村 12 幢 1 号"},
          {"address_commitment", true},
          {"scope", {"G01", "G03"}},
          {"region_code", "330106"},
          {"industry_code", "52"},
          {"materials", {"application_form", "legal_rep_id", "address_commitment"}},
          {"options",
           {{"tax", {{"invoice_kinds", {"全面数字化的电子发票"}}, {"tax_ukey", false}}},
            {"bank_account", {{"bank", "中国建设银行"}, {"branch", "古荡支行"}}}}}};
}

std::map<std::string, json> StepsByKind(const json& app) {
  std::map<std::string, json> out;
  for (const json& step : app["steps"]) out[step["kind"].get<std::string>()] = step;
  return out;
}

TEST_P(OpeningTest, ACompanyAndAShopOpenAcrossTheSpringFestivalHoliday) {
  const std::string company_name = "杭州西湖云杉科技有限公司";

  // 1. Anyone checks the name: free.
  auto check = Call(
      "GET", "/api/v1/names/check?name=" + Encode(company_name) + "&authority=330106&industry=65",
      "");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.Json()["verdict"], "ok") << check.body;
  EXPECT_EQ(check.Json()["parts"]["trade_name"], "云杉");

  // 2. The applicant reserves it (2 months) and files the one form.
  std::string applicant = Login("demo-applicant-01");
  auto reserved =
      Call("POST", "/api/v1/names/reservations", applicant,
           json{{"name", company_name}, {"authority", "330106"}, {"industry", "65"}}.dump(),
           "reserve-1");
  ASSERT_EQ(reserved.status, 201) << reserved.body;
  EXPECT_EQ(reserved.Json()["expires_on"], "2026-04-13");  // 民法典 Arts. 201-202
  const std::string reservation = std::to_string(reserved.Json()["id"].get<int64_t>());

  auto company = Call("POST", "/api/v1/establishments", applicant, CompanyForm(reservation).dump(),
                      "company-1");
  ASSERT_EQ(company.status, 201) << company.body;
  json app = company.Json();
  EXPECT_EQ(app["decision"], "instant_approval");  // 秒批: catalogue scope, all materials
  EXPECT_EQ(app["state"], "registered");
  const std::string uscc = app["uscc"];
  EXPECT_TRUE(codes::CheckUscc(uscc).valid) << uscc;
  EXPECT_EQ(uscc.substr(0, 8), "91330106");  // 工商 · 企业 · 西湖区
  // A retry with the same key creates nothing new.
  auto retry = Call("POST", "/api/v1/establishments", applicant, CompanyForm(reservation).dump(),
                    "company-1");
  ASSERT_EQ(retry.status, 201);
  EXPECT_EQ(retry.Json()["id"], app["id"]);
  // Every department step at once, in parallel.
  auto steps = StepsByKind(app);
  ASSERT_EQ(steps.size(), 7u) << app["steps"].dump();
  for (const char* kind :
       {"seal", "tax", "social_insurance", "medical_insurance", "housing_fund", "bank_account"}) {
    ASSERT_TRUE(steps.contains(kind)) << kind;
    EXPECT_EQ(steps[kind]["state"], "pending") << kind;
    EXPECT_EQ(steps[kind]["started_at"], "2026-02-13T14:30:00+08:00") << kind;
  }
  EXPECT_EQ(steps["registration"]["state"], "done");
  EXPECT_EQ(steps["registration"]["elapsed_working_minutes"], 0);
  EXPECT_EQ(steps["bank_account"]["org_unit_name"], "中国工商银行杭州西湖支行");

  // 3. The name is now registered: another applicant meets Art. 17 naming it.
  auto again = Call("GET",
                    "/api/v1/names/check?name=" + Encode("云杉（杭州）科技有限公司") +
                        "&authority=330105&industry=65",
                    "");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["verdict"], "conflict") << again.body;
  bool names_the_company = false;
  const json hits = again.Json()["hits"];
  for (const json& hit : hits) names_the_company |= hit["uscc"] == uscc;
  EXPECT_TRUE(names_the_company) << again.body;

  // 4. The e-licence was issued with the registration, to the applicant, and verifies.
  auto licence = Call("GET", "/api/v1/licenses/" + uscc, applicant);
  ASSERT_EQ(licence.status, 200) << licence.body;
  const json document = licence.Json()["document"];
  EXPECT_EQ(document["payload"]["uscc"], uscc);
  EXPECT_EQ(document["payload"]["name"], company_name);
  auto verified = Call("POST", "/api/v1/licenses/verify", "", document.dump());
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json()["valid"], true) << verified.body;
  EXPECT_EQ(Call("GET", "/api/v1/licenses/" + uscc, Login("demo-applicant-02")).status, 403);

  // 5. The shop, 秒批 too, by another applicant at 15:00.
  At("2026-02-13T15:00:00+08:00");
  std::string shopkeeper = Login("demo-applicant-02");
  auto shop = Call("POST", "/api/v1/establishments", shopkeeper, ShopForm().dump(), "shop-1");
  ASSERT_EQ(shop.status, 201) << shop.body;
  json shop_app = shop.Json();
  EXPECT_EQ(shop_app["decision"], "instant_approval");
  const std::string shop_uscc = shop_app["uscc"];
  EXPECT_EQ(shop_uscc.substr(0, 8), "92330106");  // 工商 · 个体工商户
  EXPECT_TRUE(codes::CheckUscc(shop_uscc).valid) << shop_uscc;
  auto shop_steps = StepsByKind(shop_app);
  ASSERT_EQ(shop_steps.size(), 3u) << shop_app["steps"].dump();  // registration, tax, bank
  EXPECT_EQ(shop_steps["bank_account"]["org_unit_name"], "中国建设银行杭州西湖支行");

  // 6. The departments work their queues, in any order, across the holiday.
  At("2026-02-13T16:00:00+08:00");
  Complete(steps["seal"]["id"], "330106-seal-01", {{"seal_numbers", {"3301060012345"}}});
  At("2026-02-13T16:40:00+08:00");
  Complete(shop_steps["tax"]["id"], "330106-tax-01", {{"tax_registration", "已办理"}});
  At("2026-02-13T17:00:00+08:00");
  Complete(shop_steps["bank_account"]["id"], "330106-bank-ccb-01", {{"appointment", "02-14"}});
  Complete(steps["tax"]["id"], "330106-tax-01", {{"tax_registration", "已办理"}});
  At("2026-02-14T09:30:00+08:00");  // Saturday, a make-up working day
  Complete(steps["social_insurance"]["id"], "330106-social-01", {{"number", "SI-1"}});
  Complete(steps["medical_insurance"]["id"], "330106-medical-01", {{"number", "MI-1"}});
  Complete(steps["housing_fund"]["id"], "330106-fund-01", {{"account", "HF-1"}});

  // Before the bank finishes, over the holiday: the company's bank step is overdue.
  At("2026-02-20T10:00:00+08:00");
  applicant = Login("demo-applicant-01");
  auto waiting =
      Call("GET", "/api/v1/establishments/" + std::to_string(app["id"].get<int64_t>()), applicant);
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  auto waiting_steps = StepsByKind(waiting.Json());
  // 14:30 → 17:30 Friday (180) + Saturday 09:00–12:00, 13:30–17:30 (420); the holiday counts
  // nothing.
  EXPECT_EQ(waiting_steps["bank_account"]["elapsed_working_minutes"], 600);
  EXPECT_EQ(waiting_steps["bank_account"]["overdue"], true);
  EXPECT_EQ(waiting.Json()["state"], "registered");

  At("2026-02-24T10:00:00+08:00");  // the first working day after the holiday
  Complete(steps["bank_account"]["id"], "330106-bank-icbc-01", {{"appointment", "02-24 14:00"}});

  // 7. Every step's time is shown; the whole 开办 is complete.
  applicant = Login("demo-applicant-01");
  auto done =
      Call("GET", "/api/v1/establishments/" + std::to_string(app["id"].get<int64_t>()), applicant);
  ASSERT_EQ(done.status, 200) << done.body;
  json finished = done.Json();
  EXPECT_EQ(finished["state"], "completed");
  EXPECT_EQ(finished["completed_at"], "2026-02-24T10:00:00+08:00");
  const std::map<std::string, int> elapsed = {{"registration", 0},
                                              {"seal", 90},
                                              {"tax", 150},
                                              {"social_insurance", 210},
                                              {"medical_insurance", 210},
                                              {"housing_fund", 210},
                                              {"bank_account", 660}};  // 180 + 420 + 60
  auto final_steps = StepsByKind(finished);
  for (const auto& [kind, minutes] : elapsed) {
    const json& step = final_steps[kind];
    EXPECT_EQ(step["state"], "done") << kind;
    EXPECT_EQ(step["elapsed_working_minutes"], minutes) << kind;
    EXPECT_FALSE(step["ended_at"].get<std::string>().empty()) << kind;
    EXPECT_GT(step["sla_working_minutes"].get<int>(), 0) << kind;
  }
  // One working day (420 minutes) for the whole 开办: overdue by the bank.
  EXPECT_EQ(finished["elapsed_working_minutes"], 660);
  EXPECT_EQ(finished["sla_working_minutes"], 420);
  EXPECT_EQ(finished["overdue"], true);

  shopkeeper = Login("demo-applicant-02");
  auto shop_done = Call(
      "GET", "/api/v1/establishments/" + std::to_string(shop_app["id"].get<int64_t>()), shopkeeper);
  ASSERT_EQ(shop_done.status, 200) << shop_done.body;
  EXPECT_EQ(shop_done.Json()["state"], "completed");
  EXPECT_EQ(shop_done.Json()["elapsed_working_minutes"], 120);  // 15:00 → 17:00
  EXPECT_EQ(shop_done.Json()["overdue"], false);

  // 8. The public register lists both.
  for (const std::string& code : {uscc, shop_uscc}) {
    auto profile = Call("GET", "/api/v1/entities/" + code, "");
    EXPECT_EQ(profile.status, 200) << code << ": " << profile.body;
  }
}

// 企业名称登记管理规定 Arts. 13, 15, 17 through 企业开办: a branch bears its
// parent's name and a company its investor's 字号, each relation confirmed by
// a registrar; a name transferred from another entity rests on a document a
// registrar checks; the links are kept (the parent's branch, the investor's
// investment).
TEST_P(OpeningTest, ABranchAndAnInvestedCompanyUseTheParentsNameATransferGoesToTheRegistrar) {
  const std::string applicant = Login("demo-applicant-01");
  auto parent = Call("POST", "/api/v1/establishments", applicant, CompanyForm("").dump(), "p-1");
  ASSERT_EQ(parent.status, 201) << parent.body;
  const std::string parent_uscc = parent.Json()["uscc"];
  ASSERT_FALSE(parent_uscc.empty()) << parent.body;

  // Without a relation the same 字号 is refused (Art. 17) …
  json stranger = CompanyForm("");
  stranger["name"] = "杭州云杉科技有限公司";
  auto refused = Call("POST", "/api/v1/establishments", applicant, stranger.dump(), "s-1");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "name") << refused.body;
  // … with a transfer agreement it goes to a registrar, who checks it.
  stranger["name_source"] = {
      {"uscc", parent_uscc}, {"relation", "transferred"}, {"document", "名称转让协议 2026-7"}};
  auto transferred = Call("POST", "/api/v1/establishments", applicant, stranger.dump(), "s-2");
  ASSERT_EQ(transferred.status, 201) << transferred.body;
  EXPECT_EQ(transferred.Json()["decision"], "review") << transferred.body;
  EXPECT_EQ(transferred.Json()["form"]["name_source"]["relation"], "transferred");
  stranger["name_source"]["relation"] = "friend";
  auto bad = Call("POST", "/api/v1/establishments", applicant, stranger.dump(), "s-3");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "name_source.relation") << bad.body;

  json branch = CompanyForm("");
  branch["kind"] = "分公司";
  branch["name"] = "杭州西湖云杉科技有限公司文三路分公司";
  branch["parent_uscc"] = parent_uscc;
  branch.erase("investors");
  branch.erase("registered_capital");
  branch["materials"] = {"application_form", "legal_rep_id", "parent_licence",
                         "address_commitment"};
  // The live check sees the parent's 字号 as exempted once told the parent.
  auto check = Call("GET",
                    "/api/v1/names/check?name=" + Encode(branch["name"]) +
                        "&authority=330106&industry=65&parent_uscc=" + parent_uscc,
                    "");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.Json()["verdict"], "ok") << check.body;
  ASSERT_EQ(check.Json()["exempted"].size(), 1u) << check.body;
  EXPECT_EQ(check.Json()["exempted"][0]["uscc"], parent_uscc);
  auto filed = Call("POST", "/api/v1/establishments", applicant, branch.dump(), "b-1");
  ASSERT_EQ(filed.status, 201) << filed.body;
  // A branch is decided by a registrar (settings.csv instant_approval_kinds),
  // whose approval re-checks the name in the store.
  EXPECT_EQ(filed.Json()["decision"], "review") << filed.body;
  const std::string registrar = Login("330106-amr-03");
  const std::string branch_id = std::to_string(filed.Json()["id"].get<int64_t>());
  auto claimed = Call("POST", "/api/v1/registration/applications/" + branch_id + "/claim",
                      registrar, "", "claim-b");
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  auto approved = Call("POST", "/api/v1/registration/applications/" + branch_id + "/approve",
                       registrar, "", "approve-b");
  ASSERT_EQ(approved.status, 200) << approved.body;
  const std::string branch_uscc = approved.Json()["uscc"];

  json invested = CompanyForm("");
  invested["name"] = "杭州西湖云杉科技有限责任公司";
  invested["investors"] = {{{"name", "杭州西湖云杉科技有限公司"},
                            {"uscc", parent_uscc},
                            {"subscribed_capital", 1000000}}};
  auto sub = Call("POST", "/api/v1/establishments", applicant, invested.dump(), "i-1");
  ASSERT_EQ(sub.status, 201) << sub.body;
  // The investor relation is the form's claim: a registrar confirms it.
  EXPECT_EQ(sub.Json()["decision"], "review") << sub.body;
  const std::string sub_id = std::to_string(sub.Json()["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", "/api/v1/registration/applications/" + sub_id + "/claim", registrar, "",
                 "claim-i")
                .status,
            200);
  auto sub_approved = Call("POST", "/api/v1/registration/applications/" + sub_id + "/approve",
                           registrar, "", "approve-i");
  ASSERT_EQ(sub_approved.status, 200) << sub_approved.body;
  const std::string invested_uscc = sub_approved.Json()["uscc"];

  // The parent's links, kept for the name engine and 简易注销.
  auto links =
      Call("GET", "/api/v1/entities/" + parent_uscc + "/affiliations", Login("330106-hall-01"));
  ASSERT_EQ(links.status, 200) << links.body;
  std::map<std::string, std::string> kinds;
  const json items = links.Json()["items"];
  for (const json& l : items) {
    kinds[l["other_uscc"].get<std::string>()] = l["kind"].get<std::string>();
  }
  EXPECT_EQ(kinds[branch_uscc], "branch") << links.body;
  EXPECT_EQ(kinds[invested_uscc], "investment") << links.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, OpeningTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr
