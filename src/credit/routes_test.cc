// SPDX-License-Identifier: MulanPSL-2.0
// The credit API over a real server behind the real authorizer, on both
// backends: the licence holder files the year's report (201; the same filing
// again is 200 and writes nothing); the public sees the filing state per year
// and only public fields; bad input is 400 naming the field with nothing
// written; another applicant is 403, nobody 401, a clerk of another county
// 403; after the July batch the public sees why the entity is listed, since
// when, on what basis and what it must do, and the owner leaves once filed.
#include "credit/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <set>

#include "credit/credit_service.h"
#include "identity/identity_test_util.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/route_server.h"

namespace amr::credit {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

constexpr const char* kShop = "91330106MAGCWHUC74";

class CreditRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    auto owner = identity::testing::AddApplicant(db(), clock_, hasher_, "shop-owner");
    ASSERT_TRUE(IsOk(owner));
    ASSERT_TRUE(IsOk(identity::testing::AddApplicant(db(), clock_, hasher_, "stranger")));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "clerk-b", tree->b.id,
                                                 {{Role::kWindowClerk, tree->b.id}})));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "registrar-a", tree->a.id,
                                                 {{Role::kRegistrar, tree->a.id}})));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "tax-a", tree->tax.id,
                                                 {{Role::kDepartmentOfficer, tree->tax.id}})));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "tax-a2", tree->tax.id,
                                                 {{Role::kDepartmentOfficer, tree->tax.id}})));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "officer-b", tree->b1.id,
                                                 {{Role::kDepartmentOfficer, tree->b1.id}})));
    t_ = *tree;
    registry::Entity e;
    e.uscc = kShop;
    e.name = "杭州西湖某某电器有限公司";
    e.region_code = "330106";
    e.industry_code = "52";
    e.established_on = *Date::FromYmd(2020, 1, 2);
    e.legal_rep_name = "张三";
    e.legal_rep_id = "11010519491231002X";
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2020-01-02T09:00:00+08:00"));
      return license::IssueLicense(sql, e, {"零售", "甲县局", owner->id, std::nullopt}, clock_)
          .status();
    })));
    service_ = std::make_shared<CreditService>(db(), clock_, codes::ShippedCalendar());
    server_ = std::make_unique<amr::testing::RouteServer>(db(), clock_, [&](http::Router& r) {
      AddCreditRoutes(r, service_, std::make_shared<RiskService>(db(), clock_, RiskSources{}));
      AddPunishmentRoutes(r, std::make_shared<PunishmentService>(db(), clock_));
    });
    ASSERT_TRUE(server_->ok());
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }
  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& user = "",
                                const nlohmann::json& body = nullptr) {
    return server_->Call(method, target, user, body);
  }
  long long Reports() {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM annual_report", soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-03-02T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::shared_ptr<CreditService> service_;
  identity::testing::Tree t_;
  std::unique_ptr<amr::testing::RouteServer> server_;
};

const json kReport = {{"year", 2025},
                      {"content",
                       {{"address", "杭州市西湖区文三路 1 号"},
                        {"phone", "0571-88880000"},
                        {"operating_status", "开业"},
                        {"employees", 12},
                        {"total_assets", 3000000},
                        {"total_liabilities", 1200000},
                        {"revenue", 5000000},
                        {"net_profit", 271828},
                        {"tax_paid", 150000}}},
                      {"withheld", {"net_profit"}}};

const std::string kReports = std::string("/api/v1/entities/") + kShop + "/annual-reports";

TEST_P(CreditRoutesTest, TheHolderFilesAndThePublicSeesTheYearAndThePublicFields) {
  // The form comes from the server, with the window in force.
  auto forms = Call("GET", "/api/v1/credit/annual-report-forms");
  ASSERT_EQ(forms.status, 200) << forms.body;
  EXPECT_EQ(forms.Json()["window"]["to"], "06-30");
  EXPECT_EQ(forms.Json()["window"]["ends_on"], "2026-06-30");
  EXPECT_FALSE(forms.Json()["forms"]["individual_business"].empty());

  auto before = Call("GET", kReports);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["years"][0]["year"], 2025);
  EXPECT_EQ(before.Json()["years"][0]["state"], "window_open");

  EXPECT_EQ(Call("POST", kReports, "", kReport).status, 401);
  EXPECT_EQ(Call("POST", kReports, "stranger", kReport).status, 403);
  EXPECT_EQ(Call("POST", kReports, "clerk-b", kReport).status, 403);  // another county
  json bad = kReport;
  bad["content"]["employees"] = -3;
  auto refused = Call("POST", kReports, "shop-owner", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["field"], "content.employees");
  bad = kReport;
  bad["uscc"] = "91330106MAHR785W6Q";
  EXPECT_EQ(Call("POST", kReports, "shop-owner", bad).Json()["error"]["field"], "uscc");
  EXPECT_EQ(Reports(), 0);

  auto filed = Call("POST", kReports, "shop-owner", kReport);
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.Json()["version"], 1);
  auto again = Call("POST", kReports, "shop-owner", kReport);  // a retry
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(Reports(), 1);

  auto shown = Call("GET", kReports);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.Json()["years"][0]["state"], "filed");
  bool profit_hidden = false;
  const json shown_body = shown.Json();
  for (const json& f : shown_body["items"][0]["content"]) {
    if (f["id"] == "net_profit") profit_hidden = f["withheld"] == true && f["value"].is_null();
  }
  EXPECT_TRUE(profit_hidden);
  EXPECT_EQ(shown.body.find("271828"), std::string::npos) << shown.body;

  json fix = kReport;
  fix["content"]["employees"] = 14;
  auto corrected = Call("POST", kReports + "/2025/corrections", "shop-owner", fix);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json()["corrected"], true);
  EXPECT_EQ(Call("POST", kReports + "/2024/corrections", "shop-owner", fix).status, 422);
  EXPECT_EQ(Call("GET", "/api/v1/entities/91330106MAHR785W6Q/annual-reports").status, 404);
}

TEST_P(CreditRoutesTest, ThePublicSeesWhyAListingIsThereAndTheOwnerLeavesOnceFiled) {
  clock_.Set(*ParseTime("2026-07-01T09:00:00+08:00"));
  ASSERT_TRUE(IsOk(service_->RunNoReportListing(2025, *Date::Parse("2026-07-01"))));
  auto credit = Call("GET", std::string("/api/v1/entities/") + kShop + "/credit");
  ASSERT_EQ(credit.status, 200) << credit.body;
  EXPECT_FALSE(credit.Json().contains("risk_class"));  // never to the public
  auto staff = Call("GET", std::string("/api/v1/entities/") + kShop + "/credit", "registrar-a");
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(staff.Json()["risk_class"], "B");  // as stored; not yet classified
  EXPECT_TRUE(staff.Json()["explanation"].empty());
  const json l = credit.Json()["lists"][0];
  EXPECT_EQ(l["list"], "abnormal");
  EXPECT_EQ(l["reason"], "no_annual_report");
  EXPECT_EQ(l["listed_on"], "2026-07-01");
  EXPECT_EQ(l["authority"], "甲县局");
  EXPECT_FALSE(l["basis"].get<std::string>().empty());
  EXPECT_EQ(l["conditions"][0]["met"], false);
  EXPECT_TRUE(l["earliest_removal"].is_null());
  EXPECT_EQ(l["escalation_on"], "2029-07-01");

  const std::string removal = std::string("/api/v1/entities/") + kShop + "/credit/listings/" +
                              std::to_string(l["id"].get<int64_t>()) + "/removal";
  auto early = Call("POST", removal, "shop-owner");
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.Json()["error"]["field"], "conditions");
  EXPECT_EQ(Call("POST", removal, "stranger").status, 403);
  auto filed = Call("POST", kReports, "shop-owner", kReport);
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.Json()["late"], true);
  auto left = Call("POST", removal, "shop-owner");
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_EQ(left.Json()["state"], "removed");
  EXPECT_EQ(left.Json()["removed_on"], "2026-07-01");
  EXPECT_EQ(Call("POST", std::string("/api/v1/entities/") + kShop + "/credit/listings/abc/removal",
                 "shop-owner")
                .status,
            400);
}

TEST_P(CreditRoutesTest, TheAuthorityListsOnAFindingAndVerifiesTheRemoval) {
  clock_.Set(*ParseTime("2026-10-19T09:00:00+08:00"));
  const std::string listings = std::string("/api/v1/entities/") + kShop + "/credit/listings";
  const json finding = {{"reason", "false_info"},
                        {"found_on", "2026-09-28"},
                        {"evidence", "2025 年度报告的从业人数与社保缴纳人数明显不符"}};
  EXPECT_EQ(Call("POST", listings, "shop-owner", finding).status, 403);
  json bad = finding;
  bad["found_on"] = "2026-9-28";
  auto refused = Call("POST", listings, "registrar-a", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["field"], "found_on");
  auto listed = Call("POST", listings, "registrar-a", finding);
  ASSERT_EQ(listed.status, 201) << listed.body;
  EXPECT_EQ(listed.Json()["decision_due"], "2026-10-16");
  EXPECT_EQ(listed.Json()["decided_late"], true);
  const std::string removal =
      listings + "/" + std::to_string(listed.Json()["id"].get<int64_t>()) + "/removal";
  auto no_statement = Call("POST", removal, "shop-owner", json::object());
  EXPECT_EQ(no_statement.status, 400);
  EXPECT_EQ(no_statement.Json()["error"]["field"], "statement");
  auto applied = Call("POST", removal, "shop-owner", {{"statement", "已更正年度报告的从业人数"}});
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.Json()["state"], "removal_applied");
  EXPECT_EQ(applied.Json()["removal_due"], "2026-10-26");
  auto decided = Call("POST", removal + "-decision", "registrar-a", {{"approve", "yes"}});
  EXPECT_EQ(decided.Json()["error"]["field"], "approve");
  decided = Call("POST", removal + "-decision", "registrar-a", {{"approve", true}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.Json()["state"], "removed");
  auto findings = Call("GET", "/api/v1/credit/findings", "registrar-a");
  ASSERT_EQ(findings.status, 200);
  EXPECT_TRUE(findings.Json()["items"].empty());
}

// 联合惩戒: the tax office of the county asks about the shop on the serious
// list and gets the measures with their basis and end, and about its legal
// representative by citizen ID (barred from representing another entity
// until 2029-07-02); it reports back once per measure; an officer of another
// county may not ask about the shop.
TEST_P(CreditRoutesTest, ADepartmentQueriesAPartyAndReportsBack) {
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    const std::string shop = kShop;
    sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, noticed_on, "
           "statement_due, decided_on, decision_no, authority_unit_id, listed_until, created_at) "
           "VALUES (:u, 'abnormal_escalation', 'abnormal_listing:1', 'listed', '2026-07-01', "
           "'2026-07-01', '2026-07-08', '2026-07-03', 'x', :a, '2029-07-02', 'x')",
        soci::use(shop), soci::use(t_.a.id);
    return OkStatus();
  })));
  clock_.Set(*ParseTime("2026-12-07T10:00:00+08:00"));
  const std::string queries = "/api/v1/joint-punishment/queries";
  auto catalogue = Call("GET", "/api/v1/joint-punishment/measures");
  ASSERT_EQ(catalogue.status, 200);
  EXPECT_FALSE(catalogue.Json()["items"].empty());

  EXPECT_EQ(Call("POST", queries, "", {{"uscc", kShop}}).status, 401);
  EXPECT_EQ(Call("POST", queries, "registrar-a", {{"uscc", kShop}}).status, 403);
  EXPECT_EQ(Call("POST", queries, "officer-b", {{"uscc", kShop}}).status, 403);  // other county
  EXPECT_EQ(Call("POST", queries, "tax-a", {{"uscc", kShop}, {"citizen_id", "11010519491231002X"}})
                .status,
            400);
  EXPECT_EQ(Call("POST", queries, "tax-a", {{"citizen_id", "110105194912310021"}})
                .Json()["error"]["field"],
            "citizen_id");

  auto entity = Call("POST", queries, "tax-a", {{"uscc", kShop}});
  ASSERT_EQ(entity.status, 200) << entity.body;
  const json answer = entity.Json();
  std::set<std::string> ids;
  for (const json& m : answer["measures"]) {
    ids.insert(m["measure_id"].get<std::string>());
    EXPECT_EQ(m["ends_on"], "2029-07-02");
    EXPECT_FALSE(m["basis"].get<std::string>().empty());
  }
  EXPECT_TRUE(ids.contains("procurement"));
  EXPECT_FALSE(ids.contains("legal_rep_ban"));  // binds the person, not the entity

  auto person = Call("POST", queries, "tax-a", {{"citizen_id", "11010519491231002X"}});
  ASSERT_EQ(person.status, 200) << person.body;
  ASSERT_EQ(person.Json()["measures"].size(), 1u);
  EXPECT_EQ(person.Json()["measures"][0]["measure_id"], "legal_rep_ban");
  EXPECT_EQ(person.Json()["measures"][0]["ends_on"], "2029-07-02");
  EXPECT_EQ(person.body.find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.punishment_query"), 2);

  const std::string feedback =
      queries + "/" + std::to_string(answer["query_id"].get<int64_t>()) + "/feedback";
  EXPECT_EQ(Call("POST", feedback, "tax-a", {{"measure_id", "legal_rep_ban"}, {"applied", true}})
                .Json()["error"]["field"],
            "measure_id");  // not in this answer
  EXPECT_EQ(
      Call("POST", feedback, "tax-a2", {{"measure_id", "procurement"}, {"applied", true}}).status,
      404);  // another officer's query
  EXPECT_EQ(
      Call("POST", feedback, "tax-a", {{"measure_id", "procurement"}, {"applied", true}}).status,
      201);
  EXPECT_EQ(
      Call("POST", feedback, "tax-a", {{"measure_id", "procurement"}, {"applied", false}}).status,
      422);  // reported already
}

INSTANTIATE_TEST_SUITE_P(Backends, CreditRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::credit
