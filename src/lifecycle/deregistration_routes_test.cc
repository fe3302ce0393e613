// SPDX-License-Identifier: MulanPSL-2.0
// The restrictions, 简易注销 and 一屏注销 API over a real server on both
// backends: scope (403 outside the county, another applicant's entity),
// Idempotency-Key replays, the public notice board without private data,
// objections by the public and by a department, the department queue, and
// the figures.
#include "lifecycle/deregistration_routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "accounts/routes.h"
#include "codes/calendar.h"
#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "lifecycle/simplified_test_util.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class DeregistrationHttpTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    using identity::testing::AddApplicant;
    using identity::testing::AddStaff;
    auto alice = AddApplicant(db(), clock_, hasher_, "alice");
    ASSERT_TRUE(IsOk(alice));
    ASSERT_TRUE(IsOk(AddApplicant(db(), clock_, hasher_, "mallory")));
    ASSERT_TRUE(IsOk(
        AddStaff(db(), clock_, hasher_, "registrar-a", t_.a.id, {{Role::kRegistrar, t_.a.id}})));
    ASSERT_TRUE(IsOk(
        AddStaff(db(), clock_, hasher_, "registrar-b", t_.b.id, {{Role::kRegistrar, t_.b.id}})));
    ASSERT_TRUE(IsOk(AddStaff(db(), clock_, hasher_, "tax-officer", t_.tax.id,
                              {{Role::kDepartmentOfficer, t_.tax.id}})));
    ASSERT_TRUE(
        IsOk(AddStaff(db(), clock_, hasher_, "leader-a", t_.a.id, {{Role::kLeader, t_.a.id}})));
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(company_, testing::AddEntity(sql, clock_, "330106", false, 801, alice->id));
      ASSIGN_OR_RETURN(shop_, testing::AddEntity(sql, clock_, "330106", true, 802, alice->id));
      ASSIGN_OR_RETURN(company_b_, testing::AddEntity(sql, clock_, "330105", false, 803, 0));
      return OkStatus();
    })));
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    phone_codes_ = std::make_shared<accounts::PhoneCodeService>(db(), clock_);
    AddDeregistrationRoutes(
        *router, db(),
        std::make_shared<DeregistrationService>(DeregistrationPeriods::Default(),
                                                RestrictionKinds::Default(), clock_,
                                                codes::ShippedCalendar()),
        [](const http::Request&) -> StatusOr<std::vector<std::string>> {
          return std::vector<std::string>{"330106"};
        },
        clock_,
        [codes = phone_codes_](const std::string& phone, const std::string& code) {
          return codes->Confirm(accounts::kObjectionPurpose, phone, code);
        });
    accounts::AddPhoneCodeRoutes(*router, phone_codes_);
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
  std::string Apply(const std::string& uscc) {
    return json{{"uscc", uscc}, {"commitments", testing::LegalRepCommitmentJson()}}.dump();
  }

  // The code in the newest SMS event to `phone`, as the gateway would send it.
  std::string LastCode(const std::string& phone) {
    std::string code;
    EXPECT_TRUE(amr::testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
      soci::rowset<std::string> rows =
          (sql.prepare
           << "SELECT payload FROM outbox_event WHERE topic = 'notify.sms' ORDER BY id");
      for (const std::string& p : rows) {
        const json j = json::parse(p);
        if (j["phone"] == phone) code = j["params"]["code"].get<std::string>();
      }
      return OkStatus();
    })));
    return code;
  }

  std::shared_ptr<accounts::PhoneCodeService> phone_codes_;
  FakeClock clock_{*ParseTime("2026-09-22T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  registry::Entity company_, shop_, company_b_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

TEST_P(DeregistrationHttpTest, RestrictionsRecordedListedAndLiftedInScope) {
  const std::string reg = Token("registrar-a");
  const std::string path = "/api/v1/entities/" + company_.uscc + "/restrictions";
  const std::string body = json{
      {"kind", "equity_frozen"},
      {"document_number", "（2026）浙0106执保12号"},
      {"issued_by", "杭州市西湖区人民法院"},
      {"effective_on",
       "2026-09-20"}}.dump();
  auto first = Call("POST", path, body, reg, "r-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["kind_name"], "股权被冻结");
  auto replay = Call("POST", path, body, reg, "r-1");
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.Json()["id"], first.Json()["id"]);
  EXPECT_EQ(Count("entity_restriction"), 1);
  // Another county's registrar, a bad kind, a date in the future.
  EXPECT_EQ(Call("POST", path, body, Token("registrar-b")).status, 403);
  auto bad = Call("POST", path, json{{"kind", "x"}, {"document_number", "1"}}.dump(), reg);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "kind");
  auto future = Call(
      "POST", path,
      json{{"kind", "litigation"}, {"document_number", "1"}, {"effective_on", "2026-12-01"}}.dump(),
      reg);
  EXPECT_EQ(future.Json()["error"]["field"], "effective_on");
  EXPECT_EQ(Count("entity_restriction"), 1);

  auto list = Call("GET", path, "", reg);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["in_force"], 1);
  EXPECT_EQ(Call("GET", path, "", Token("registrar-b")).status, 403);
  // The applicant sees the condition named in eligibility.
  const std::string alice = Token("alice");
  auto elig =
      Call("GET", "/api/v1/entities/" + company_.uscc + "/simplified-deregistration/eligibility",
           "", alice);
  ASSERT_EQ(elig.status, 200) << elig.body;
  EXPECT_FALSE(elig.Json()["eligible"].get<bool>());
  EXPECT_EQ(elig.Json()["failed"][0]["condition"], "equity_frozen");
  auto refused = Call("POST", "/api/v1/deregistrations/simplified", Apply(company_.uscc), alice);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("股权被冻结"), std::string::npos);

  const std::string lift = path + "/" + std::to_string(first.Json()["id"].get<int64_t>()) + "/lift";
  auto lifted =
      Call("POST", lift, json{{"document_number", "（2026）浙0106执保12号之一"}}.dump(), reg);
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_FALSE(lifted.Json()["in_force"].get<bool>());
  EXPECT_EQ(Call("POST", lift, json{{"document_number", "再次"}}.dump(), reg).status, 422);
  EXPECT_TRUE(Call("GET",
                   "/api/v1/entities/" + company_.uscc + "/simplified-deregistration/eligibility",
                   "", alice)
                  .Json()["eligible"]
                  .get<bool>());
}

TEST_P(DeregistrationHttpTest, SimplifiedNoticeOnThePublicBoardAndObjections) {
  const std::string alice = Token("alice");
  // Someone else's entity.
  EXPECT_EQ(
      Call("POST", "/api/v1/deregistrations/simplified", Apply(company_.uscc), Token("mallory"))
          .status,
      403);
  auto first =
      Call("POST", "/api/v1/deregistrations/simplified", Apply(company_.uscc), alice, "s-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["notice_end_on"], "2026-10-12");  // day 20 is a Sunday
  auto replay =
      Call("POST", "/api/v1/deregistrations/simplified", Apply(company_.uscc), alice, "s-1");
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.Json()["id"], first.Json()["id"]);
  EXPECT_EQ(Count("simplified_deregistration"), 1);
  const std::string id = std::to_string(first.Json()["id"].get<int64_t>());

  // The board: no login, no citizen ID.
  auto board = Call("GET", "/api/v1/notices/simplified-deregistrations?state=current");
  ASSERT_EQ(board.status, 200) << board.body;
  ASSERT_EQ(board.Json()["items"].size(), 1u);
  EXPECT_EQ(board.Json()["items"][0]["notice_end_on"], "2026-10-12");
  EXPECT_EQ(board.body.find("11010519491231002X"), std::string::npos);
  auto one = Call("GET", "/api/v1/notices/simplified-deregistrations/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.find("11010519491231002X"), std::string::npos);

  // The periods the pages state come from the data.
  auto periods = Call("GET", "/api/v1/deregistrations/periods");
  ASSERT_EQ(periods.status, 200) << periods.body;
  EXPECT_EQ(periods.Json()["notice"]["days"], 20);
  EXPECT_EQ(periods.Json()["notice"]["text"], "20 天");
  EXPECT_EQ(periods.Json()["one_screen_window"]["days"], 10);
  // 歇业's cap and extension window too (periods.json "suspension").
  EXPECT_EQ(periods.Json()["suspension_max_total"]["value"], 3);
  EXPECT_EQ(periods.Json()["suspension_max_total"]["unit"], "years");
  EXPECT_EQ(periods.Json()["suspension_max_total"]["text"], "3 年");
  EXPECT_EQ(periods.Json()["suspension_extension_window"]["text"], "30 日");

  // A public objection without a reason writes nothing.
  const std::string objections = "/api/v1/notices/simplified-deregistrations/" + id + "/objections";
  auto no_reason = Call("POST", objections,
                        json{{"objector_kind", "creditor"},
                             {"objector_name", "李四"},
                             {"objector_contact", "13800000000"}}
                            .dump());
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.Json()["error"]["field"], "reason");
  EXPECT_EQ(Count("deregistration_objection"), 0);

  // A member of the public objects with a phone confirmed by code: without
  // the code, or with a wrong one, nothing is written.
  const json spam = {{"objector_kind", "other"},
                     {"objector_name", "某某推广"},
                     {"objector_contact", "13800000000"},
                     {"reason", "低价代办执照，加微信"}};
  auto no_code = Call("POST", objections, spam.dump());
  EXPECT_EQ(no_code.status, 400) << no_code.body;
  EXPECT_EQ(no_code.Json()["error"]["field"], "code");
  EXPECT_EQ(Call("POST", "/api/v1/notices/objection-codes", json{{"phone", "0571-88888888"}}.dump())
                .Json()["error"]["field"],
            "phone");
  auto sent =
      Call("POST", "/api/v1/notices/objection-codes", json{{"phone", "13800000000"}}.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string code = LastCode("13800000000");
  ASSERT_EQ(code.size(), 6u);
  json wrong = spam;
  wrong["code"] = code == "000000" ? "000001" : "000000";
  EXPECT_EQ(Call("POST", objections, wrong.dump()).Json()["error"]["field"], "code");
  EXPECT_EQ(Count("deregistration_objection"), 0);
  json with_code = spam;
  with_code["code"] = code;
  auto spammed = Call("POST", objections, with_code.dump(), "", "spam-1");
  ASSERT_EQ(spammed.status, 201) << spammed.body;
  EXPECT_EQ(spammed.Json()["state"], "objected");
  const std::string spam_id = std::to_string(spammed.Json()["objections"][0]["id"].get<int64_t>());

  // The registrar sets it aside as plainly not an objection: the notice runs
  // on, to the same end, and the board shows why.
  const std::string set_aside = "/api/v1/registration/simplified-deregistrations/" + id +
                                "/objections/" + spam_id + "/set-aside";
  EXPECT_EQ(Call("POST", set_aside, json{{"reason", ""}}.dump(), Token("registrar-a")).status, 400);
  EXPECT_EQ(Call("POST", set_aside, json{{"reason", "广告"}}.dump(), Token("tax-officer")).status,
            403);
  auto aside = Call("POST", set_aside, json{{"reason", "广告信息，与本企业的债权债务无关"}}.dump(),
                    Token("registrar-a"));
  ASSERT_EQ(aside.status, 200) << aside.body;
  EXPECT_EQ(aside.Json()["state"], "notice");
  EXPECT_EQ(aside.Json()["notice_end_on"], "2026-10-12");
  auto board_after = Call("GET", "/api/v1/notices/simplified-deregistrations/" + id);
  EXPECT_EQ(board_after.Json()["objections"][0]["set_aside"], true);
  EXPECT_EQ(board_after.Json()["objections"][0]["set_aside_reason"],
            "广告信息，与本企业的债权债务无关");
  EXPECT_EQ(board_after.body.find("13800000000"), std::string::npos);  // the contact stays private
  EXPECT_EQ(Call("POST", set_aside, json{{"reason", "再次"}}.dump(), Token("registrar-a")).status,
            422);
  EXPECT_EQ(identity::testing::CountAudit(db(), "deregistration.simplified.objection_set_aside"),
            1);

  // Day 10 (National Day): the tax department objects.
  clock_.Set(*ParseTime("2026-10-01T09:00:00+08:00"));
  auto objected =
      Call("POST", "/api/v1/department/simplified-deregistrations/" + id + "/objections",
           json{{"reason", "欠缴 2026 年 8 月增值税"}}.dump(), Token("tax-officer"), "o-1");
  ASSERT_EQ(objected.status, 201) << objected.body;
  EXPECT_EQ(objected.Json()["state"], "objected");
  auto shown = Call("GET", "/api/v1/notices/simplified-deregistrations/" + id);
  EXPECT_EQ(shown.Json()["state"], "objected");
  EXPECT_NE(shown.Json()["closed_reason"].get<std::string>().find("欠缴 2026 年 8 月增值税"),
            std::string::npos);
  // The set-aside objection first (its maker's name stays private), then the tax bureau's.
  EXPECT_TRUE(shown.Json()["objections"][0]["objector_name"].is_null());
  EXPECT_EQ(shown.Json()["objections"][1]["objector_name"], "税务局");
  // Nine days on, the applicant logs in again.
  auto mine = Call("GET", "/api/v1/deregistrations/simplified/" + id, "", Token("alice"));
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.Json()["state"], "objected");
  // The public cannot object to a stopped notice.
  ASSERT_EQ(
      Call("POST", "/api/v1/notices/objection-codes", json{{"phone", "13900000000"}}.dump()).status,
      201);
  auto late = Call("POST", objections,
                   json{{"objector_kind", "other"},
                        {"objector_name", "王五"},
                        {"objector_contact", "13900000000"},
                        {"reason", "附议"},
                        {"code", LastCode("13900000000")}}
                       .dump());
  EXPECT_EQ(late.status, 422);
}

TEST_P(DeregistrationHttpTest, OneScreenInTheDepartmentQueue) {
  const std::string alice = Token("alice");
  auto app = Call("POST", "/api/v1/deregistrations/one-screen",
                  json{{"uscc", shop_.uscc},
                       {"declarations", {{"debts_settled", true}, {"taxes_cleared", true}}}}
                      .dump(),
                  alice, "os-1");
  ASSERT_EQ(app.status, 201) << app.body;
  EXPECT_EQ(app.Json()["window_end_on"], "2026-10-08");  // 10-01 is National Day
  const std::string tax = Token("tax-officer");
  auto queue = Call("GET", "/api/v1/department/deregistrations", "", tax);
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.Json()["items"].size(), 1u);
  EXPECT_EQ(queue.Json()["items"][0]["department"], "tax");
  EXPECT_EQ(queue.Json()["items"][0]["uscc"], shop_.uscc);
  const std::string task = std::to_string(queue.Json()["items"][0]["id"].get<int64_t>());
  // The registrar is no department officer; a task of the county bureau is out of the tax scope.
  EXPECT_EQ(Call("POST", "/api/v1/department/deregistrations/" + task + "/objection",
                 json{{"reason", "x"}}.dump(), Token("registrar-a"))
                .status,
            403);
  const std::string other_task = std::to_string(app.Json()["departments"][1]["id"].get<int64_t>());
  EXPECT_EQ(Call("POST", "/api/v1/department/deregistrations/" + other_task + "/objection",
                 json{{"reason", "x"}}.dump(), tax)
                .status,
            403);
  auto objected = Call("POST", "/api/v1/department/deregistrations/" + task + "/objection",
                       json{{"reason", "尚有未申报的个人所得税（经营所得）"}}.dump(), tax);
  ASSERT_EQ(objected.status, 200) << objected.body;
  auto mine =
      Call("GET",
           "/api/v1/deregistrations/one-screen/" + std::to_string(app.Json()["id"].get<int64_t>()),
           "", alice);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.Json()["state"], "objected");
  EXPECT_NE(mine.Json()["closed_reason"].get<std::string>().find("个人所得税"), std::string::npos);
  EXPECT_TRUE(Call("GET", "/api/v1/department/deregistrations", "", tax).Json()["items"].empty());
}

TEST_P(DeregistrationHttpTest, FiguresScopedToTheCallersRegions) {
  const std::string leader = Token("leader-a");
  ASSERT_EQ(Call("POST", "/api/v1/deregistrations/simplified", Apply(company_.uscc), Token("alice"))
                .status,
            201);
  auto stats =
      Call("GET", "/api/v1/deregistrations/stats?from=2026-09-01&to=2026-09-30", "", leader);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["applications"]["simplified_applications"], 1);
  EXPECT_EQ(stats.Json()["applications"]["notices_published"], 1);
  for (const char* key : {"simplified_deregistrations", "joint_cancellations",
                          "one_screen_deregistrations", "average_days_to_deregistration"}) {
    EXPECT_TRUE(stats.Json()["figures"].contains(key)) << key;
  }
  // No entity deregistered in the period: no average (not "0 days").
  EXPECT_EQ(stats.Json()["deregistrations"]["total"], 0);
  EXPECT_TRUE(stats.Json()["figures"]["average_days_to_deregistration"].is_null());
  EXPECT_EQ(Call("GET",
                 "/api/v1/deregistrations/stats?from=2026-09-01&to=2026-09-30&org_unit_id=" +
                     std::to_string(t_.b.id),
                 "", leader)
                .status,
            403);
  EXPECT_EQ(
      Call("GET", "/api/v1/deregistrations/stats?from=2026-09-30&to=2026-09-01", "", leader).status,
      400);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeregistrationHttpTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
