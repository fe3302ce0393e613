// SPDX-License-Identifier: MulanPSL-2.0
// The 12315 API over a real server behind the real authorizer, on both
// backends: a consumer without an account files a complaint and follows it
// with the query code; a wrong code is 404; bad input is 400 naming the field
// with nothing written; a station's officer sees its county's queue and
// accepts; an officer of another county gets 403.
#include "complaints/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_test_util.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/route_server.h"

namespace amr::complaints {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class ComplaintRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    for (auto [name, unit] : {std::pair{"officer-a1", t_.a1.id}, std::pair{"officer-a", t_.a.id},
                              std::pair{"officer-b", t_.b.id}}) {
      ASSERT_TRUE(
          identity::testing::AddStaff(db(), clock_, hasher_, name, unit, {{Role::kInspector, unit}})
              .ok());
    }
    registry::Entity e;
    e.uscc = "91330106MAGCWHUC74";
    e.name = "杭州西湖某某电器有限公司";
    e.region_code = "330106";
    e.industry_code = "52";
    e.established_on = *Date::FromYmd(2020, 1, 2);
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
      return registry::InsertEntity(sql, e, "2020-01-02T09:00:00+08:00");
    })));
    server_ = std::make_unique<amr::testing::RouteServer>(db(), clock_, [&](http::Router& r) {
      AddComplaintRoutes(r,
                         std::make_shared<ComplaintService>(db(), clock_, codes::ShippedCalendar()),
                         codes::ShippedCalendar(), clock_);
    });
    ASSERT_TRUE(server_->ok());
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& user = "", const nlohmann::json& body = nullptr,
                                const std::string& key = "") {
    return server_->Call(method, target, user, body, key);
  }
  long long Count() {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM complaint", soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-12-04T10:00:00+08:00")};  // a Friday
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  std::unique_ptr<amr::testing::RouteServer> server_;
};

const json kKettle = {{"kind", "complaint"},
                      {"business", {{"uscc", "91330106MAGCWHUC74"}}},
                      {"consumer", {{"name", "王女士"}, {"phone", "13812345678"}}},
                      {"summary", "购买的电水壶使用三天后漏电，商家拒绝退货。"},
                      {"occurred_on", "2026-11-20"}};

TEST_P(ComplaintRoutesTest, AConsumerFilesFollowsAndTheCountyAccepts) {
  auto filed = Call("POST", "/api/v1/complaints", "", kKettle, "k-1");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json f = filed.Json();
  EXPECT_EQ(f["accept_due"]["due"], "2026-12-15");
  EXPECT_EQ(f["unit_name"], "甲县局");
  EXPECT_FALSE(f.contains("consumer"));  // the public answer carries no contact
  const std::string id = std::to_string(f["id"].get<int64_t>());
  const std::string code = f["query_code"];
  auto retry = Call("POST", "/api/v1/complaints", "", kKettle, "k-1");
  ASSERT_EQ(retry.status, 201);
  EXPECT_EQ(retry.Json()["id"], f["id"]);
  EXPECT_EQ(Count(), 1);
  // Someone else's submission under that key gets neither a record nor that one.
  json other = kKettle;
  other["summary"] = "另一件事：超市销售过期食品，要求赔偿。";
  auto reused = Call("POST", "/api/v1/complaints", "", other, "k-1");
  EXPECT_EQ(reused.status, 422) << reused.body;
  EXPECT_EQ(reused.body.find(code), std::string::npos);
  EXPECT_EQ(Count(), 1);

  auto track = Call("GET", "/api/v1/complaints/" + id + "/track?code=" + code);
  ASSERT_EQ(track.status, 200) << track.body;
  EXPECT_EQ(track.Json()["state_name"], "待受理");
  EXPECT_EQ(track.Json()["consumer_phone"], "138****5678");
  EXPECT_EQ(track.Json()["accept_due"]["days_left"], 7);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/" + id + "/track?code=AAAAAAAAAA").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/999/track?code=" + code).status, 404);

  // The county's officers see it; another county's do not.
  EXPECT_EQ(Call("GET", "/api/v1/complaints").status, 401);
  auto queue = Call("GET", "/api/v1/complaints?state=received", "officer-a");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.Json()["items"].size(), 1u);
  EXPECT_EQ(queue.Json()["items"][0]["consumer"]["phone"], "13812345678");
  EXPECT_EQ(Call("GET", "/api/v1/complaints", "officer-b").Json()["items"].size(), 0u);
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + id + "/accept", "officer-b").status, 403);
  auto accepted = Call("POST", "/api/v1/complaints/" + id + "/accept", "officer-a");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json()["state"], "accepted");
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + id + "/accept", "officer-a").status, 422);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/" + id + "/track?code=" + code).Json()["state_name"],
            "已受理");
  auto figures =
      Call("GET", "/api/v1/complaints/figures?from=2026-12-01&to=2026-12-31", "officer-a");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.Json()["total"], 1);
  EXPECT_EQ(figures.Json()["decided_in_time_ratio"], 1.0);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/figures?from=2026-13-01&to=2026-12-31", "officer-a")
                .Json()["error"]["field"],
            "from");
}

TEST_P(ComplaintRoutesTest, BadInputIs400NamingTheFieldAndWritesNothing) {
  for (auto [patch, field] : {std::pair{json{{"consumer", {{"phone", "12345"}}}}, "consumer.phone"},
                              std::pair{json{{"business", {{"uscc", nullptr}}}}, "business"},
                              std::pair{json{{"summary", "短"}}, "summary"},
                              std::pair{json{{"occurred_on", "2026-12-05"}}, "occurred_on"},
                              std::pair{json{{"kind", "praise"}}, "kind"},
                              std::pair{json{{"colour", "red"}}, "colour"}}) {
    json body = kKettle;
    body.merge_patch(patch);
    auto r = Call("POST", "/api/v1/complaints", "", body);
    EXPECT_EQ(r.status, 400) << field << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], field) << r.body;
  }
  json elsewhere = kKettle;
  elsewhere["unit_code"] = "station-b1";  // not of the business's county
  auto wrong_unit = Call("POST", "/api/v1/complaints", "", elsewhere);
  EXPECT_EQ(wrong_unit.status, 400);
  EXPECT_EQ(wrong_unit.Json()["error"]["field"], "unit_code") << wrong_unit.body;
  json staff_only = kKettle;
  staff_only["channel"] = "phone";
  EXPECT_EQ(Call("POST", "/api/v1/complaints", "", staff_only).status, 403);
  EXPECT_EQ(Count(), 0);
  auto reasons = Call("GET", "/api/v1/complaints/not-accept-reasons");
  ASSERT_EQ(reasons.status, 200);
  EXPECT_GE(reasons.Json()["items"].size(), 5u);
}

// A report over HTTP: the filer learns the check's last day; every list and
// answer hides the reporter, who is read only by an officer on the report;
// a bad evidence item is named by its index in the request.
TEST_P(ComplaintRoutesTest, AReportHidesItsReporterAndIsDecidedWithItsEvidence) {
  json report = kKettle;
  report["kind"] = "report";
  report["consumer"] = {{"name", "李先生"}, {"phone", "13900001111"}};
  auto filed = Call("POST", "/api/v1/complaints", "", report);
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.Json()["check"]["due"], "2026-12-25");
  const std::string id = std::to_string(filed.Json()["id"].get<int64_t>());
  ASSERT_EQ(
      Call("POST", "/api/v1/complaints/" + id + "/accept", "officer-a", json::object()).status,
      200);
  auto queue = Call("GET", "/api/v1/complaints", "officer-a");
  ASSERT_EQ(queue.status, 200);
  const json item = queue.Json()["items"][0];
  EXPECT_EQ(item["reporter_hidden"], true);
  EXPECT_EQ(item["consumer"]["name"], "");
  EXPECT_EQ(item["consumer"]["phone"], "");
  EXPECT_EQ(queue.body.find("13900001111"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/" + id + "/reporter", "officer-a").status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + id + "/take", "officer-b").status, 403);
  ASSERT_EQ(Call("POST", "/api/v1/complaints/" + id + "/take", "officer-a").status, 200);
  auto taken = Call("GET", "/api/v1/complaints", "officer-a");
  EXPECT_EQ(taken.Json()["items"][0]["on_report"], true);
  EXPECT_EQ(taken.Json()["items"][0]["consumer"]["phone"], "");
  auto who = Call("GET", "/api/v1/complaints/" + id + "/reporter", "officer-a");
  ASSERT_EQ(who.status, 200);
  EXPECT_EQ(who.Json()["phone"], "13900001111");
  auto bad = Call("POST", "/api/v1/complaints/" + id + "/report-decision", "officer-a",
                  json{{"decision", "case_filed"},
                       {"note", "现场检查发现无 3C 标志。"},
                       {"evidence", json::array({json{{"title", "照片"}, {"ref", ""}}})}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "evidence[0]") << bad.body;
  auto decided = Call("POST", "/api/v1/complaints/" + id + "/report-decision", "officer-a",
                      json{{"decision", "case_filed"},
                           {"note", "现场检查发现无 3C 标志。"},
                           {"evidence", json::array({json{{"title", "照片"}, {"ref", "IMG-1"}}})}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_TRUE(decided.Json()["lead_id"].is_number_integer());
  EXPECT_EQ(decided.Json()["check"]["decision"], "case_filed");
  EXPECT_EQ(decided.Json()["mediation_due"], nullptr);
  EXPECT_EQ(decided.Json()["consumer"]["phone"], "");
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.reporter.read"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::complaints
