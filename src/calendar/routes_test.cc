// SPDX-License-Identifier: MulanPSL-2.0
// The calendar's API over a real server behind the real authorizer, on both
// backends: the public years and the provisional year, the administrators'
// reminder in December, entering a year (root administrators only), the
// refusals naming the field, and the moved deadlines a unit's staff see.
// (2027 here lists only 元旦, fixed by law: see calendar_service_test.cc.)
#include "calendar/routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/data_dir.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"
#include "testing/route_server.h"

namespace amr::calendar {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;
using ::testing::HasSubstr;

const json k2027 = {
    {"notice", "测试"},
    {"days", json::array({{{"date", "2027-01-01"}, {"kind", "holiday"}, {"name", "元旦"}}})}};

class CalendarRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    for (auto [name, unit, role] : {std::tuple{"root-admin", t_.root.id, Role::kAdmin},
                                    std::tuple{"county-admin", t_.a.id, Role::kAdmin},
                                    std::tuple{"inspector-a1", t_.a1.id, Role::kInspector},
                                    std::tuple{"inspector-b", t_.b.id, Role::kInspector}}) {
      ASSERT_TRUE(
          identity::testing::AddStaff(db(), clock_, hasher_, name, unit, {{role, unit}}).ok());
    }
    service_ = std::make_shared<CalendarService>(db(), clock_);
    auto shipped = codes::WorkdayCalendar::ReadShippedYears(codes::DataDir() / "calendar.csv");
    ASSERT_TRUE(IsOk(shipped));
    ASSERT_TRUE(IsOk(service_->Start(*shipped)));
    server_ = std::make_unique<amr::testing::RouteServer>(
        db(), clock_, [&](http::Router& r) { AddCalendarRoutes(r, service_, clock_); });
    ASSERT_TRUE(server_->ok());
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& user = "", const json& body = nullptr) {
    return server_->Call(method, target, user, body);
  }

  FakeClock clock_{*ParseTime("2026-12-06T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  std::shared_ptr<CalendarService> service_;
  std::unique_ptr<amr::testing::RouteServer> server_;
};

TEST_P(CalendarRoutesTest, YearsArePublicWithTheProvisionalYearAndDecembersReminder) {
  auto r = Call("GET", "/api/v1/calendar/years");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  EXPECT_EQ(j["first_year"], 2004);
  EXPECT_EQ(j["last_year"], 2026);
  EXPECT_EQ(j["provisional_year"], 2027);
  EXPECT_EQ(j["years"].size(), 23u);
  EXPECT_EQ(j["years"].back()["source"], "shipped");
  EXPECT_THAT(j["reminder"].get<std::string>(), HasSubstr("2027 年的节假日安排尚未录入"));
  // In September there is nothing to remind of.
  clock_.Set(*ParseTime("2026-09-30T10:00:00+08:00"));
  EXPECT_TRUE(Call("GET", "/api/v1/calendar/years").Json()["reminder"].is_null());

  auto y2026 = Call("GET", "/api/v1/calendar/years/2026").Json();
  EXPECT_EQ(y2026["provisional"], false);
  EXPECT_EQ(y2026["days"].size(), 39u);
  auto y2027 = Call("GET", "/api/v1/calendar/years/2027").Json();
  EXPECT_EQ(y2027["provisional"], true);
  EXPECT_THAT(y2027["provisional_reason"].get<std::string>(), HasSubstr("暂按周一至周五"));
  EXPECT_EQ(Call("GET", "/api/v1/calendar/years/2028").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/calendar/years/20x7").status, 400);
}

TEST_P(CalendarRoutesTest, OnlyTheRootAdministratorEntersAYear) {
  EXPECT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "", k2027).status, 401);
  EXPECT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "inspector-a1", k2027).status, 403);
  auto county = Call("PUT", "/api/v1/calendar/years/2027", "county-admin", k2027);
  EXPECT_EQ(county.status, 403) << county.body;
  EXPECT_EQ(service_->Current()->last_year(), 2026);

  auto entered = Call("PUT", "/api/v1/calendar/years/2027", "root-admin", k2027);
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(entered.Json()["version"], 1);
  EXPECT_EQ(entered.Json()["source"], "entered");
  EXPECT_EQ(entered.Json()["entered_by"], "root-admin");
  // Again without replace: 409; with replace and the same days: unchanged.
  EXPECT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "root-admin", k2027).status, 409);
  json replace = k2027;
  replace["replace"] = true;
  auto same = Call("PUT", "/api/v1/calendar/years/2027", "root-admin", replace);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.Json()["unchanged"], true);
  auto versions = Call("GET", "/api/v1/calendar/years/2027/versions", "root-admin");
  ASSERT_EQ(versions.status, 200);
  EXPECT_EQ(versions.Json()["versions"].size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/calendar/years", "").Json()["provisional_year"], 2028);
}

TEST_P(CalendarRoutesTest, BadDaysAreRefusedNamingTheField) {
  json bad = k2027;
  bad["days"].push_back({{"date", "2027-01-05"}, {"kind", "makeup_workday"}, {"name", "元旦"}});
  auto weekday = Call("PUT", "/api/v1/calendar/years/2027", "root-admin", bad);
  EXPECT_EQ(weekday.status, 400);
  EXPECT_EQ(weekday.Json()["error"]["field"], "days[1]");
  EXPECT_THAT(weekday.Json()["error"]["message"].get<std::string>(), HasSubstr("星期二"));
  json kind = k2027;
  kind["days"][0]["kind"] = "day_off";
  EXPECT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "root-admin", kind).Json()["error"]["field"],
            "days[0].kind");
  json date = k2027;
  date["days"][0]["date"] = "2027-02-30";
  EXPECT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "root-admin", date).Json()["error"]["field"],
            "days[0].date");
  EXPECT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "root-admin", json{{"notice", "x"}})
                .Json()["error"]["field"],
            "days");
  auto gap =
      Call("PUT", "/api/v1/calendar/years/2029", "root-admin",
           json{{"days",
                 json::array({{{"date", "2029-01-01"}, {"kind", "holiday"}, {"name", "元旦"}}})}});
  EXPECT_EQ(gap.status, 422) << gap.body;
  EXPECT_EQ(gap.Json()["error"]["field"], "year");
  EXPECT_EQ(service_->Current()->last_year(), 2026);
}

TEST_P(CalendarRoutesTest, MovedDeadlinesAreShownToTheUnitsStaff) {
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    TrackRequest r{
        "test.reply", "x", "答复期限", t_.a1.path,
        codes::DeadlineInput{*Date::Parse("2026-12-28"), {5, codes::PeriodUnit::kWorkingDays}}};
    return Track(sql, *service_->Current(), r, clock_).status();
  })));
  ASSERT_EQ(Call("PUT", "/api/v1/calendar/years/2027", "root-admin", k2027).status, 201);
  auto mine = Call("GET", "/api/v1/calendar/moved-deadlines", "inspector-a1");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_EQ(mine.Json()["items"][0]["previous_due_on"], "2027-01-04");
  EXPECT_EQ(mine.Json()["items"][0]["due"]["due"], "2027-01-05");
  EXPECT_EQ(mine.Json()["items"][0]["due"]["provisional"], false);
  EXPECT_TRUE(
      Call("GET", "/api/v1/calendar/moved-deadlines", "inspector-b").Json()["items"].empty());
  EXPECT_EQ(Call("GET", "/api/v1/calendar/moved-deadlines").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::calendar
