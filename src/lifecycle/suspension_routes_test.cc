// SPDX-License-Identifier: MulanPSL-2.0
// The 歇业 and 一般注销 API over a real server on both backends: who may
// file (the licence's administrator, a window clerk of the county; nobody
// else), the public lists, Idempotency-Key replays, errors naming the field,
// the tax officer's scope and anonymous creditors' claims.
#include "lifecycle/suspension_routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "identity/user_store.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class SuspensionHttpTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    using identity::testing::AddApplicant;
    using identity::testing::AddStaff;
    auto holder = AddApplicant(db(), clock_, hasher_, "holder");
    ASSERT_TRUE(IsOk(holder));
    ASSERT_TRUE(IsOk(AddApplicant(db(), clock_, hasher_, "stranger")));
    ASSERT_TRUE(
        IsOk(AddStaff(db(), clock_, hasher_, "clerk-a", t_.a.id, {{Role::kWindowClerk, t_.a.id}})));
    ASSERT_TRUE(
        IsOk(AddStaff(db(), clock_, hasher_, "clerk-b", t_.b.id, {{Role::kWindowClerk, t_.b.id}})));
    ASSERT_TRUE(IsOk(AddStaff(db(), clock_, hasher_, "tax-a", t_.tax.id,
                              {{Role::kDepartmentOfficer, t_.tax.id}})));
    ASSERT_TRUE(IsOk(AddStaff(db(), clock_, hasher_, "officer-b1", t_.b1.id,
                              {{Role::kDepartmentOfficer, t_.b1.id}})));
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      for (const char* uscc : {kUscc, kOther}) {
        registry::Entity e;
        e.uscc = uscc;
        e.name = std::string("杭州接口测试有限公司") + (uscc == kUscc ? "甲" : "乙");
        e.org_form = "有限责任公司";
        e.region_code = "330106";
        e.industry_code = "62";
        e.established_on = *Date::Parse("2021-01-04");
        RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
        if (uscc == kUscc) {
          RETURN_IF_ERROR(license::IssueLicense(
                              sql, e, {"软件开发", "甲县局", holder->id, std::nullopt}, clock_)
                              .status());
        }
      }
      return OkStatus();
    })));
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    AddSuspensionRoutes(*router, db(), clock_);
    AddLiquidationRoutes(*router, db(), clock_, codes::ShippedCalendar(), {});
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
  void At(const char* time) { clock_.Set(*ParseTime(time)); }

  static constexpr const char* kUscc = "91330106MA2H000035";   // holder's licence
  static constexpr const char* kOther = "91330106MA2H000043";  // no licence of theirs
  FakeClock clock_{*ParseTime("2026-09-20T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

const std::string kFiling = json{
    {"reason_category", "自然灾害"},
    {"start_on", "2026-09-28"},
    {"end_on", "2026-10-31"}}.dump();

TEST_P(SuspensionHttpTest, OnlyTheHolderOrTheCountysWindowMayFile) {
  const std::string base = std::string("/api/v1/entities/") + kUscc + "/suspensions";
  const std::string window = std::string("/api/v1/window/entities/") + kUscc + "/suspensions";
  EXPECT_EQ(Call("POST", base, kFiling).status, 401);
  EXPECT_EQ(Call("POST", base, kFiling, Token("stranger")).status, 403);
  EXPECT_EQ(Call("POST", base, kFiling, Token("clerk-a")).status,
            403);  // not the applicant's route
  EXPECT_EQ(Call("POST", window, kFiling, Token("clerk-b")).status, 403);
  EXPECT_EQ(Count("suspension"), 0);
  auto other = Call("POST", std::string("/api/v1/entities/") + kOther + "/suspensions", kFiling,
                    Token("holder"));
  EXPECT_EQ(other.status, 403) << other.body;

  const std::string holder = Token("holder");
  auto first = Call("POST", base, kFiling, holder, "susp-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["state"], "filed");
  auto replay = Call("POST", base, kFiling, holder, "susp-1");
  ASSERT_EQ(replay.status, 201) << replay.body;
  EXPECT_EQ(replay.Json()["id"], first.Json()["id"]);
  EXPECT_EQ(Count("suspension"), 1);
  EXPECT_EQ(Count("suspension_notice"), 1);
  // A second filing (another key) is refused while this one is open.
  auto again = Call("POST", base, kFiling, holder, "susp-2");
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.Json()["error"]["field"], "uscc");

  // The clerk of the county files for the other entity.
  auto by_window = Call("POST", std::string("/api/v1/window/entities/") + kOther + "/suspensions",
                        kFiling, Token("clerk-a"));
  EXPECT_EQ(by_window.status, 201) << by_window.body;

  // Public: the entity's periods with its 3-year budget, and the notice list.
  auto list = Call("GET", base);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_EQ(list.Json()["items"][0]["start_on"], "2026-09-28");
  EXPECT_EQ(list.Json()["budget"]["used_days"], 34);
  EXPECT_EQ(list.Json()["budget"]["cap_days"], 1096);  // 2026-09-28 … 2029-09-27
  EXPECT_EQ(list.Json()["budget"]["remaining_days"], 1062);
  auto notices = Call("GET", "/api/v1/notices/suspensions");
  ASSERT_EQ(notices.status, 200);
  EXPECT_EQ(notices.Json()["items"].size(), 2u);
  EXPECT_EQ(Call("GET", "/api/v1/entities/91330106MA2H00005X/suspensions").status, 404);
}

TEST_P(SuspensionHttpTest, ErrorsNameTheField) {
  const std::string holder = Token("holder");
  const std::string base = std::string("/api/v1/entities/") + kUscc + "/suspensions";
  struct Bad {
    json body;
    int status;
    std::string field;
  };
  const std::vector<Bad> cases = {
      {{{"start_on", "2026-09-28"}, {"end_on", "2026-10-31"}}, 400, "reason_category"},
      {{{"reason_category", "自然灾害"}, {"start_on", "2026-9-28"}, {"end_on", "2026-10-31"}},
       400,
       "start_on"},
      {{{"reason_category", "自然灾害"}, {"start_on", "2026-09-19"}, {"end_on", "2026-10-31"}},
       400,
       "start_on"},
      {{{"reason_category", "自然灾害"}, {"start_on", "2026-09-28"}, {"end_on", "2029-09-28"}},
       422,
       "end_on"},
  };
  for (const Bad& bad : cases) {
    auto r = Call("POST", base, bad.body.dump(), holder);
    EXPECT_EQ(r.status, bad.status) << bad.body.dump() << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], bad.field) << r.body;
  }
  auto r = Call(
      "POST", base,
      json{{"reason_category", "自然灾害"}, {"start_on", "2026-09-28"}, {"end_on", "2029-09-28"}}
          .dump(),
      holder);
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("尚可歇业 1096 天"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(Count("suspension"), 0);
}

TEST_P(SuspensionHttpTest, ExtensionAndResumptionOverHttp) {
  const std::string clerk = Token("clerk-a");
  const std::string window = std::string("/api/v1/window/entities/") + kUscc + "/suspensions";
  auto filed = Call(
      "POST", window,
      json{
          {"reason_category", "其他经营困难"}, {"start_on", "2026-09-20"}, {"end_on", "2026-10-20"}}
          .dump(),
      clerk);
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.Json()["state"], "in_effect");
  // The page states the window for an extension from the data: 30 days before the end.
  EXPECT_EQ(filed.Json()["extension_opens_on"], "2026-09-20");
  const std::string id = std::to_string(filed.Json()["id"].get<int64_t>());
  auto ext = Call("POST", window + "/" + id + "/extension", json{{"end_on", "2026-11-30"}}.dump(),
                  clerk, "ext-1");
  ASSERT_EQ(ext.status, 200) << ext.body;
  EXPECT_EQ(ext.Json()["end_on"], "2026-11-30");
  auto ext_again = Call("POST", window + "/" + id + "/extension",
                        json{{"end_on", "2026-11-30"}}.dump(), clerk, "ext-1");
  EXPECT_EQ(ext_again.status, 200);
  EXPECT_EQ(ext_again.Json()["extensions"], 1);
  // Someone else's suspension id under this entity: 404.
  EXPECT_EQ(Call("POST", window + "/999/resumption", "", clerk).status, 404);
  At("2026-10-08T09:00:00+08:00");
  auto resumed = Call("POST", window + "/" + id + "/resumption", "", Token("clerk-a"));
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.Json()["state"], "resumed");
  EXPECT_EQ(resumed.Json()["resumed_on"], "2026-10-08");
  auto notices = Call("GET", std::string("/api/v1/notices/suspensions?uscc=") + kUscc);
  ASSERT_EQ(notices.status, 200);
  EXPECT_EQ(notices.Json()["items"][0]["kind"], "resumption");
  EXPECT_EQ(notices.Json()["items"].size(), 3u);
}

TEST_P(SuspensionHttpTest, LiquidationStepsTaxScopeAndAnonymousClaims) {
  At("2026-07-08T10:00:00+08:00");
  const std::string clerk = Token("clerk-a");
  auto opened = Call("POST", std::string("/api/v1/window/entities/") + kUscc + "/liquidation",
                     json{{"cause", "股东会决议解散"},
                          {"cause_on", "2026-07-01"},
                          {"group_formed_on", "2026-07-03"},
                          {"members", {"王清", "李算"}},
                          {"documents", {"group_members", "dissolution_decision"}}}
                         .dump(),
                     clerk, "liq-1");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = std::to_string(opened.Json()["id"].get<int64_t>());
  const std::string base = "/api/v1/liquidations/" + id;
  // Public: the record with its deadlines, and the notice of the group.
  auto shown = Call("GET", base);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.Json()["steps"][2]["step"], "creditor_notice");
  EXPECT_EQ(shown.Json()["steps"][2]["due_on"], "2026-07-13");
  EXPECT_EQ(Call("GET", "/api/v1/notices/liquidations").Json()["items"][0]["kind"], "group");

  auto missing = Call("POST", "/api/v1/window" + base.substr(7) + "/creditor-notice",
                      json{{"documents", json::array()}}.dump(), clerk);
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(missing.Json()["error"]["field"], "documents");
  ASSERT_EQ(Call("POST", "/api/v1/window" + base.substr(7) + "/creditor-notice",
                 json{{"documents", {"creditor_notice_proof"}}}.dump(), clerk)
                .status,
            200);
  // Claims before the public notice: only with a notice received.
  const json claim = {
      {"creditor_name", "杭州某物流有限公司"}, {"amount", 5200.5}, {"basis", "运费"}};
  EXPECT_EQ(Call("POST", base + "/claims", claim.dump()).status, 422);
  At("2026-07-10T10:00:00+08:00");
  ASSERT_EQ(Call("POST", "/api/v1/window" + base.substr(7) + "/public-notice",
                 json{{"documents", {"notice_text"}}, {"text", "请债权人申报债权。"}}.dump(),
                 Token("clerk-a"))
                .status,
            200);
  auto filed = Call("POST", base + "/claims", claim.dump(), "", "claim-1");
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.Json()["amount_fen"], 520050);
  EXPECT_EQ(filed.Json()["window_end"], "2026-08-24");  // 2026-07-10 + 45
  EXPECT_EQ(Call("POST", base + "/claims", claim.dump(), "", "claim-1").status, 201);
  EXPECT_EQ(Count("liquidation_claim"), 1);
  At("2026-08-25T09:00:00+08:00");
  auto late = Call("POST", base + "/claims", claim.dump());
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(late.Json()["error"]["field"], "claims_period");
  // The public record shows the count, never the creditors.
  EXPECT_EQ(Call("GET", base).Json()["claims"], 1);
  EXPECT_EQ(Call("GET", base).body.find("杭州某物流"), std::string::npos);

  // Tax clearance: the tax unit of 330106, not a department officer elsewhere. Its queue lists
  // the liquidation until it is cleared; the other county's officer's does not.
  auto waiting = [&](const std::string& who) {
    auto r = Call("GET", "/api/v1/department/liquidations", "", Token(who));
    EXPECT_EQ(r.status, 200) << r.body;
    const json items = r.Json()["items"];
    std::vector<int64_t> ids;
    for (const json& l : items) ids.push_back(l["id"]);
    return ids;
  };
  const int64_t liquidation_id = shown.Json()["id"];
  EXPECT_EQ(waiting("tax-a"), std::vector<int64_t>{liquidation_id});
  EXPECT_TRUE(waiting("officer-b1").empty());
  const json tax = {{"documents", {"tax_clearance_certificate"}}};
  EXPECT_EQ(Call("POST", base + "/tax-clearance", tax.dump(), Token("officer-b1")).status, 403);
  EXPECT_EQ(Call("POST", base + "/tax-clearance", tax.dump(), Token("clerk-a")).status, 403);
  auto cleared = Call("POST", base + "/tax-clearance", tax.dump(), Token("tax-a"));
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.Json()["steps"][5]["state"], "done");
  EXPECT_TRUE(waiting("tax-a").empty());
  // Nothing is applied for yet: the registrars' queue is empty.
  auto decisions = Call("GET", "/api/v1/registration/liquidations", "", Token("clerk-a"));
  EXPECT_EQ(decisions.status, 403);  // a window clerk does not review
}

TEST_P(SuspensionHttpTest, LiquidationRulesFollowTheEntitysForm) {
  // A company: the general section of periods.json.
  auto company = Call(
      "GET", std::string("/api/v1/entities/") + kUscc + "/liquidation-rules?cause_on=2026-07-01");
  ASSERT_EQ(company.status, 200) << company.body;
  const json c = company.Json();
  EXPECT_EQ(c["form"], "company");
  EXPECT_EQ(c["form_name"], "公司");
  ASSERT_EQ(c["steps"].size(), 8u);
  EXPECT_EQ(c["steps"][0]["step"], "group_filing");
  EXPECT_EQ(c["steps"][0]["period"]["value"], 15);
  EXPECT_EQ(c["steps"][0]["period"]["text"], "15 日");
  EXPECT_EQ(c["steps"][0]["from_text"], "解散事由出现之日起");
  EXPECT_EQ(c["steps"][0]["documents"][0]["code"], "group_members");
  EXPECT_TRUE(c["steps"][4]["period"].is_null());  // 清算报告: no statutory period
  EXPECT_FALSE(c["steps"][4]["note"].get<std::string>().empty());
  EXPECT_EQ(c["steps"][7]["actor"], "registrar");
  EXPECT_EQ(c["steps"][7]["period"]["text"], "3 个工作日");
  EXPECT_EQ(c["claims_notified"]["text"], "30 日");
  EXPECT_EQ(c["claims_public"]["text"], "45 日");
  EXPECT_EQ(c["group_filing_due_on"], "2026-07-16");
  // A sole proprietorship: its own section (个人独资企业法 Art. 27).
  constexpr const char* kSole = "91330106MA2H00005T";
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    registry::Entity e;
    e.uscc = kSole;
    e.name = "杭州接口测试软件开发部";
    e.org_form = "个人独资企业";
    e.region_code = "330106";
    e.industry_code = "62";
    e.established_on = *Date::Parse("2021-01-04");
    return registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now()));
  })));
  auto sole = Call(
      "GET", std::string("/api/v1/entities/") + kSole + "/liquidation-rules?cause_on=2026-07-01");
  ASSERT_EQ(sole.status, 200) << sole.body;
  EXPECT_EQ(sole.Json()["form"], "sole_proprietorship");
  EXPECT_TRUE(sole.Json()["steps"][0]["period"].is_null());
  EXPECT_TRUE(sole.Json()["group_filing_due_on"].is_null());
  EXPECT_EQ(sole.Json()["claims_public"]["text"], "60 日");
  // No such entity; a date that is not one.
  EXPECT_EQ(Call("GET", "/api/v1/entities/91330106MA2H000071/liquidation-rules").status, 404);
  auto bad = Call(
      "GET", std::string("/api/v1/entities/") + kUscc + "/liquidation-rules?cause_on=2026-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "cause_on");
}

INSTANTIATE_TEST_SUITE_P(Backends, SuspensionHttpTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
