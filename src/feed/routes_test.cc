// SPDX-License-Identifier: MulanPSL-2.0
// The change feed over a real server, on both backends: entities registered,
// a report filed and a listing appear in the order they happened; a client
// resumes from the cursor it was given and sees each event once; the same
// events come as server-sent events, resumed by Last-Event-ID; a bad cursor
// or page size is 400 naming it.
#include "feed/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "credit/routes.h"
#include "identity/identity_test_util.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/route_server.h"

namespace amr::feed {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

constexpr const char* kShop = "91330106MAGCWHUC74";
constexpr const char* kOther = "91330106MAHR785W6Q";

class FeedRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    ASSERT_TRUE(IsOk(identity::testing::SeedTree(db(), clock_)));
    auto owner = identity::testing::AddApplicant(db(), clock_, hasher_, "shop-owner");
    ASSERT_TRUE(IsOk(owner));
    for (const char* uscc : {kShop, kOther}) {
      registry::Entity e;
      e.uscc = uscc;
      e.name = std::string("杭州西湖某某") + (uscc == kShop ? "电器" : "服装") + "有限公司";
      e.region_code = "330106";
      e.industry_code = "52";
      e.established_on = *Date::FromYmd(2020, 1, 2);
      ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
        RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2020-01-02T09:00:00+08:00"));
        return license::IssueLicense(sql, e, {"零售", "甲县局", owner->id, std::nullopt}, clock_)
            .status();
      })));
    }
    credit_ = std::make_shared<credit::CreditService>(db(), clock_, codes::ShippedCalendar());
    server_ = std::make_unique<amr::testing::RouteServer>(db(), clock_, [&](http::Router& r) {
      AddFeedRoutes(r, std::make_shared<FeedService>(db()));
      credit::AddCreditRoutes(r, credit_);
    });
    ASSERT_TRUE(server_->ok());
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  FakeClock clock_{*ParseTime("2026-03-02T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::shared_ptr<credit::CreditService> credit_;
  std::unique_ptr<amr::testing::RouteServer> server_;
};

std::vector<std::string> Types(const json& page) {
  std::vector<std::string> out;
  for (const json& e : page["events"]) out.push_back(e["type"].get<std::string>());
  return out;
}

TEST_P(FeedRoutesTest, EventsComeInOrderAndResumeFromTheCursor) {
  const json report = {{"year", 2025},
                       {"content",
                        {{"address", "杭州市西湖区文三路 1 号"},
                         {"phone", "0571-88880000"},
                         {"operating_status", "开业"},
                         {"employees", 3},
                         {"total_assets", 1},
                         {"total_liabilities", 0},
                         {"revenue", 1},
                         {"net_profit", 0},
                         {"tax_paid", 0}}}};
  auto filed = server_->Call("POST", std::string("/api/v1/entities/") + kShop + "/annual-reports",
                             "shop-owner", report);
  ASSERT_EQ(filed.status, 201) << filed.body;
  clock_.Set(*ParseTime("2026-07-01T09:00:00+08:00"));
  ASSERT_TRUE(IsOk(credit_->RunNoReportListing(2025, *Date::Parse("2026-07-01"))));

  auto all = server_->Call("GET", "/api/v1/feed");
  ASSERT_EQ(all.status, 200) << all.body;
  const json page = all.Json();
  EXPECT_EQ(Types(page), (std::vector<std::string>{"entity.registered", "entity.registered",
                                                   "annual_report.filed", "abnormal_list.listed"}));
  EXPECT_EQ(page["events"][2]["uscc"], kShop);
  EXPECT_EQ(page["events"][2]["year"], 2025);
  EXPECT_EQ(page["events"][3]["uscc"], kOther);  // it did not file
  EXPECT_EQ(page["next"], page["events"][3]["cursor"]);

  // A client that read the first two resumes after them, one at a time.
  const std::string after_two = page["events"][1]["cursor"];
  auto next = server_->Call("GET", "/api/v1/feed?since=" + after_two + "&limit=1");
  ASSERT_EQ(next.status, 200);
  EXPECT_EQ(Types(next.Json()), std::vector<std::string>{"annual_report.filed"});
  auto last = server_->Call("GET", "/api/v1/feed?since=" + next.Json()["next"].get<std::string>());
  EXPECT_EQ(Types(last.Json()), std::vector<std::string>{"abnormal_list.listed"});
  auto none = server_->Call("GET", "/api/v1/feed?since=" + last.Json()["next"].get<std::string>());
  EXPECT_TRUE(none.Json()["events"].empty());
  EXPECT_EQ(none.Json()["next"], last.Json()["next"]);  // nothing new: the same cursor

  auto sse = server_->Call("GET", "/api/v1/feed?format=sse&since=" + after_two);
  ASSERT_EQ(sse.status, 200);
  EXPECT_EQ(sse.Header("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_NE(sse.body.find("event: annual_report.filed\n"), std::string::npos) << sse.body;
  EXPECT_NE(sse.body.find("id: " + next.Json()["events"][0]["cursor"].get<std::string>() + "\n"),
            std::string::npos);
  EXPECT_EQ(sse.body.find("entity.registered"), std::string::npos);

  for (const std::string bad : {"since=abc", "since=-1", "since=1e3", "limit=0", "limit=1001"}) {
    auto r = server_->Call("GET", "/api/v1/feed?" + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.Json()["error"]["field"], bad.substr(0, bad.find('='))) << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::feed
