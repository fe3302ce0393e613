// SPDX-License-Identifier: MulanPSL-2.0
// The 企业开办 API over a real server on both backends: validation errors
// name the field and write nothing, Idempotency-Key replays, data scope, and
// a department's queue worked over HTTP.
#include "establishment/routes.h"

#include <gtest/gtest.h>

#include "codes/calendar.h"
#include "establishment/establishment_test_util.h"
#include "export/xlsx.h"
#include "export/xlsx_testing.h"
#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::establishment {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class EstablishmentHttpTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    auto depts = testing::SeedDepartments(db(), clock_, t_.root);
    ASSERT_TRUE(IsOk(depts));
    d_ = *depts;
    using identity::testing::AddApplicant;
    using identity::testing::AddStaff;
    ASSERT_TRUE(IsOk(AddApplicant(db(), clock_, hasher_, "alice")));
    ASSERT_TRUE(IsOk(AddApplicant(db(), clock_, hasher_, "mallory")));
    ASSERT_TRUE(IsOk(AddStaff(db(), clock_, hasher_, "bank-officer", d_.bank.id,
                              {{Role::kDepartmentOfficer, d_.bank.id}})));
    ASSERT_TRUE(IsOk(AddStaff(db(), clock_, hasher_, "tax-b-officer", d_.tax_b.id,
                              {{Role::kDepartmentOfficer, d_.tax_b.id}})));
    ASSERT_TRUE(
        IsOk(AddStaff(db(), clock_, hasher_, "leader-a", t_.a.id, {{Role::kLeader, t_.a.id}})));
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    AddEstablishmentRoutes(
        *router, db(),
        std::make_shared<EstablishmentService>(Rules::Default(), clock_, codes::ShippedCalendar()),
        clock_);
    identity::AuthorizerOptions o;
    o.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    o.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    identity::Authorizer::Install(*router,
                                  std::make_shared<identity::Authorizer>(*auth_, clock_, o));
    server_ = http::testutil::StartServer(router);
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  std::string Token(const std::string& user) {
    auto r = Call("POST", "/api/v1/auth/login",
                  json{{"username", user}, {"password", identity::testing::kTestPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }
  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& body = "", const std::string& token = "",
                                const std::string& key = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    return amr::testing::HttpRequest(server_->port(), method, target, body, headers);
  }
  int64_t Count(const std::string& table) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-02-13T15:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  testing::Departments d_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

TEST_P(EstablishmentHttpTest, BadInputIsA400NamingTheFieldAndWritesNothing) {
  const std::string alice = Token("alice");
  struct Bad {
    std::function<void(json&)> mutate;
    std::string field;
  };
  const std::vector<Bad> cases = {
      {[](json& j) { j["legal_rep"]["citizen_id"] = "110105194912310021"; },
       "legal_rep.citizen_id"},
      {[](json& j) {
         j["scope"] = {"G01", "NOPE"};
       },
       "scope[1]"},
      {[](json& j) { j["region_code"] = "999999"; }, "region_code"},
      {[](json& j) { j["industry_code"] = "00"; }, "industry_code"},
      {[](json& j) { j["materials"] = {"application_form"}; }, "materials"},
      {[](json& j) { j["address_commitment"] = false; }, "address_commitment"},
      {[](json& j) {
         j["options"]["bank_account"] = {{"bank", "杭州银行"}};
       },
       "options.bank_account.branch"},
  };
  for (const Bad& bad : cases) {
    json form = testing::LoadForm("individual.json");
    bad.mutate(form);
    auto r = Call("POST", "/api/v1/establishments", form.dump(), alice);
    EXPECT_EQ(r.status, 400) << bad.field << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], bad.field) << r.body;
  }
  auto not_json = Call("POST", "/api/v1/establishments", "[1,2]", alice);
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(Count("establishment_application"), 0);
  EXPECT_EQ(Count("entity"), 0);
}

TEST_P(EstablishmentHttpTest, SameIdempotencyKeyCreatesNothingNew) {
  const std::string alice = Token("alice");
  const std::string body = testing::LoadForm("individual.json").dump();
  auto first = Call("POST", "/api/v1/establishments", body, alice, "est-key-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["decision"], "instant_approval");
  auto again = Call("POST", "/api/v1/establishments", body, alice, "est-key-1");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json()["id"], first.Json()["id"]);
  EXPECT_EQ(again.Json()["uscc"], first.Json()["uscc"]);
  EXPECT_EQ(Count("establishment_application"), 1);
  EXPECT_EQ(Count("entity"), 1);
  EXPECT_EQ(Count("establishment_step"), 3);
}

TEST_P(EstablishmentHttpTest, ScopeAndTheDepartmentQueue) {
  const std::string alice = Token("alice");
  auto created =
      Call("POST", "/api/v1/establishments", testing::LoadForm("individual.json").dump(), alice);
  ASSERT_EQ(created.status, 201) << created.body;
  const json app = created.Json();
  const std::string id = std::to_string(app["id"].get<int64_t>());
  // The applicant sees its own application with every step; another does not.
  auto own = Call("GET", "/api/v1/establishments/" + id, "", alice);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.Json()["steps"].size(), 3u);
  EXPECT_EQ(Call("GET", "/api/v1/establishments/" + id, "", Token("mallory")).status, 403);

  int64_t bank_step = 0;
  for (const json& s : app["steps"]) {
    if (s["kind"] == "bank_account") bank_step = s["id"];
  }
  const std::string step = std::to_string(bank_step);
  // Another county's officer: not in its queue, 403 on the step and on the unit.
  const std::string tax_b = Token("tax-b-officer");
  auto foreign_queue = Call("GET", "/api/v1/department/steps", "", tax_b);
  ASSERT_EQ(foreign_queue.status, 200);
  EXPECT_TRUE(foreign_queue.Json()["items"].empty());
  EXPECT_EQ(Call("POST", "/api/v1/department/steps/" + step + "/claim", "", tax_b).status, 403);
  EXPECT_EQ(
      Call("GET", "/api/v1/department/steps?org_unit_id=" + std::to_string(d_.bank.id), "", tax_b)
          .status,
      403);

  const std::string bank = Token("bank-officer");
  auto queue = Call("GET", "/api/v1/department/steps", "", bank);
  ASSERT_EQ(queue.status, 200);
  ASSERT_EQ(queue.Json()["items"].size(), 1u);
  // "导出 Excel": the same route and scope, as a workbook; the other county's officer gets an
  // empty sheet and a refusal for a unit outside its scope, as on the screen.
  auto sheet = Call("GET", "/api/v1/department/steps?format=xlsx", "", bank);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_EQ(sheet.headers["content-type"], exports::kXlsxContentType);
  EXPECT_NE(sheet.headers["content-disposition"].find("filename*=UTF-8''"), std::string::npos);
  {
    exports::XlsxFile file(sheet.body);
    const std::string strings = file.Read("xl/sharedStrings.xml");
    EXPECT_NE(strings.find("银行开户预约"), std::string::npos) << strings;
    EXPECT_NE(strings.find("待办理"), std::string::npos) << strings;
    EXPECT_NE(strings.find("共 1 条。"), std::string::npos) << strings;
  }
  {
    exports::XlsxFile file(Call("GET", "/api/v1/department/steps?format=xlsx", "", tax_b).body);
    EXPECT_NE(file.Read("xl/sharedStrings.xml").find("共 0 条。"), std::string::npos);
  }
  EXPECT_EQ(
      Call("GET", "/api/v1/department/steps?format=xlsx&org_unit_id=" + std::to_string(d_.bank.id),
           "", tax_b)
          .status,
      403);
  EXPECT_EQ(Call("GET", "/api/v1/department/steps?format=pdf", "", bank).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/department/steps/" + step + "/claim", "", bank).status, 200);
  auto returned = Call("POST", "/api/v1/department/steps/" + step + "/return",
                       json{{"reason", "请选择开户网点"}}.dump(), bank);
  ASSERT_EQ(returned.status, 200) << returned.body;
  // 我的申请 finds it with the returned step and its reason.
  auto mine = Call("GET", "/api/v1/establishments", "", alice);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_EQ(std::to_string(mine.Json()["items"][0]["id"].get<int64_t>()), id);
  EXPECT_NE(mine.body.find("请选择开户网点"), std::string::npos);
  auto bad = Call("POST", "/api/v1/establishments/" + id + "/steps/" + step + "/resubmit",
                  json{{"option", {{"bank", "杭州银行"}}}}.dump(), alice);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "options.bank_account.branch");
  auto resubmit = Call(
      "POST", "/api/v1/establishments/" + id + "/steps/" + step + "/resubmit",
      json{{"note", "改选古荡支行"}, {"option", {{"bank", "杭州银行"}, {"branch", "古荡支行"}}}}
          .dump(),
      alice);
  ASSERT_EQ(resubmit.status, 200) << resubmit.body;
  EXPECT_EQ(resubmit.Json()["state"], "pending");
  EXPECT_EQ(Call("POST", "/api/v1/department/steps/" + step + "/claim", "", bank).status, 200);
  auto empty = Call("POST", "/api/v1/department/steps/" + step + "/complete", "{}", bank);
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.Json()["error"]["field"], "result");
  clock_.Set(*ParseTime("2026-02-14T10:00:00+08:00"));
  const std::string bank_next_day = Token("bank-officer");  // sessions end overnight
  auto done =
      Call("POST", "/api/v1/department/steps/" + step + "/complete",
           json{{"result", {{"appointment", "2026-02-14 14:00 古荡支行"}}}}.dump(), bank_next_day);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["elapsed_working_minutes"], 210);
  EXPECT_EQ(done.Json()["overdue"], false);

  auto stats = Call("GET", "/api/v1/establishments/stats?from=2026-02-01&to=2026-02-28", "",
                    Token("leader-a"));
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["by_kind"][0]["kind"], "individual_business");
  EXPECT_EQ(stats.Json()["by_kind"][0]["count"], 1);
  EXPECT_EQ(Call("GET",
                 "/api/v1/establishments/stats?from=2026-02-01&to=2026-02-28&org_unit_id=" +
                     std::to_string(t_.b.id),
                 "", Token("leader-a"))
                .status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Backends, EstablishmentHttpTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::establishment
