// SPDX-License-Identifier: MulanPSL-2.0
// The 双随机、一公开 path over HTTP against a real server, on both backends: a
// leader imports the libraries, plans and files, creates a joint task,
// publishes the pool and draws with a witness's entropy; the public sees the
// draw; an inspector sees only their own visits and enters a result that is
// published on the entity's profile and sent on as a case lead; the leader
// reads the figures. Bad input answers 4xx naming the field; nothing stored.
#include "inspection/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>

#include "codes/calendar.h"
#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/auth_service.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "inspection/config.h"
#include "inspection/inspection_test_util.h"
#include "inspection/photo_routes.h"
#include "inspection/public_routes.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::inspection {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

class InspectionRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    // The urban-management department joins the county's tasks.
    ASSERT_TRUE(IsOk(testing::AddUnit(db(), clock_, t_.a.id, "urban-a", "城管", "department",
                                      "urban_management")));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "leader", t_.a.id,
                                                 {{Role::kLeader, t_.a.id}})));
    ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, "leader-b", t_.b.id,
                                                 {{Role::kLeader, t_.b.id}})));
    for (const char* name : {"insp-1", "insp-2"}) {
      ASSERT_TRUE(IsOk(identity::testing::AddStaff(db(), clock_, hasher_, name, t_.a1.id,
                                                   {{Role::kInspector, t_.a1.id}})));
    }
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    AddInspectionRoutes(*router, db(), clock_, codes::ShippedCalendar());
    AddPublicDrawRoutes(*router, std::make_shared<PublicDrawService>(db()));
    AddPhotoRoutes(*router, std::make_shared<PhotoService>(db(), clock_));
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

  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& body = "", const std::string& token = "",
                                const std::string& content_type = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    return amr::testing::HttpRequest(server_->port(), method, target, body, headers);
  }
  std::string Token(const std::string& username) {
    auto r =
        Call("POST", "/api/v1/auth/login",
             json{{"username", username}, {"password", identity::testing::kTestPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }
  long long Count(const std::string& text) {
    long long n = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-09-01T09:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
};

TEST_P(InspectionRoutesTest, SettingsComeFromTheData) {
  // The screens read the ratios from here (data/inspection/credit_ratios.csv), never a copy.
  auto settings = Call("GET", "/api/v1/inspection/settings", "", Token("leader"));
  ASSERT_EQ(settings.status, 200) << settings.body;
  const json all = settings.Json();
  const json& classes = all["credit_classes"];
  ASSERT_EQ(classes.size(), 4u);
  EXPECT_EQ(classes[0]["id"], "A");
  EXPECT_EQ(classes[0]["name"], Config().Ratio('A').name);
  EXPECT_DOUBLE_EQ(classes[1]["ratio"].get<double>(), Config().Ratio('B').ratio);
  EXPECT_DOUBLE_EQ(classes[2]["min"].get<double>(), Config().Ratio('C').min_ratio);
  EXPECT_DOUBLE_EQ(classes[3]["max"].get<double>(), Config().Ratio('D').max_ratio);
  EXPECT_EQ(all["result_deadline_workdays"], Config().result_deadline_workdays);
  EXPECT_EQ(all["result_states"].size(), Config().states.size());
  EXPECT_EQ(Call("GET", "/api/v1/inspection/settings", "", Token("insp-1")).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/inspection/settings").status, 401);
}

TEST_P(InspectionRoutesTest, JointTaskFromLibrariesToPublishedResults) {
  auto usccs = testing::AddEntities(db(), clock_, "AABBBCCCDDDs", 7000);
  ASSERT_TRUE(IsOk(usccs));
  std::string leader = Token("leader"), insp1 = Token("insp-1"), insp2 = Token("insp-2");

  // 一单两库 by CSV over HTTP; a row outside the leader's scope refuses the file.
  std::string targets = "target_key,kind,name,entity_uscc,org_unit_code,labels,special_library\n";
  for (const std::string& u : *usccs) targets += u + ",entity,主体," + u + ",county-a,餐饮,\n";
  EXPECT_EQ(Call("POST", "/api/v1/inspection/library/targets/import", targets, leader).status, 201);
  const std::string items =
      "code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries\n"
      "SC-1,county-a,食品经营者经营行为的检查,key,食品安全法,,,51\n"
      "CG-1,urban-a,门前责任区的检查,general,城市市容和环境卫生管理条例,,,\n";
  auto outside = Call("POST", "/api/v1/inspection/library/items/import",
                      "code,org_unit_code,name,category,legal_basis,content,entity_kinds,"
                      "industries\nX-1,station-b1,越权事项,general,,,,\n",
                      leader);
  EXPECT_EQ(outside.status, 403) << outside.body;
  EXPECT_EQ(Call("POST", "/api/v1/inspection/library/items/import", items, leader).status, 201);
  const std::string officers =
      "code,name,org_unit_code,station_code,username,qualifications,status,conflicts\n"
      "A1,甲一,county-a,station-a1,insp-1,行政执法证,active,\n"
      "A2,甲二,county-a,station-a1,insp-2,行政执法证,active,\n"
      "A3,甲三,county-a,station-a2,,行政执法证,active,\n"
      "U1,城一,urban-a,,,行政执法证,active,\n"
      "U2,城二,urban-a,,,行政执法证,active,\n";
  EXPECT_EQ(Call("POST", "/api/v1/inspection/library/officers/import", officers, leader).status,
            201);
  auto listed = Call("GET", "/api/v1/inspection/library/items", "", leader);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json()["items"].size(), 2u);
  json item_ids = json::array();
  const json listed_items = listed.Json()["items"];
  for (const json& i : listed_items) item_ids.push_back(i["id"]);

  // Plan, filed upward; task (bad ratios and no items are refused first).
  auto plan = Call("POST", "/api/v1/inspection/plans",
                   json{{"org_unit_id", t_.a.id}, {"year", 2026}, {"name", "2026 年度计划"}}.dump(),
                   leader);
  ASSERT_EQ(plan.status, 201) << plan.body;
  const int64_t plan_id = plan.Json()["id"];
  EXPECT_EQ(
      Call("POST", "/api/v1/inspection/plans/" + std::to_string(plan_id) + "/file", "", leader)
          .Json()["status"],
      "filed");
  // The leader finds the plan at the next visit; another county's leader does not.
  auto plans = Call("GET", "/api/v1/inspection/plans", "", leader);
  ASSERT_EQ(plans.status, 200) << plans.body;
  ASSERT_EQ(plans.Json()["items"].size(), 1u);
  EXPECT_EQ(plans.Json()["items"][0]["id"], plan_id);
  EXPECT_EQ(plans.Json()["items"][0]["status"], "filed");
  auto other_plans = Call("GET", "/api/v1/inspection/plans", "", Token("leader-b"));
  ASSERT_EQ(other_plans.status, 200);
  EXPECT_TRUE(other_plans.Json()["items"].empty());
  json task = {{"plan_id", plan_id},
               {"name", "餐饮联合抽查"},
               {"item_ids", item_ids},
               {"filters", {{"labels", {"餐饮"}}}},
               {"ratios", {{"A", 0.5}, {"B", 1}, {"C", 1}, {"D", 1}}}};
  json bad = task;
  bad["ratios"]["C"] = 1.5;
  auto refused = Call("POST", "/api/v1/inspection/tasks", bad.dump(), leader);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["field"], "ratios");
  bad = task;
  bad["item_ids"] = json::array();
  refused = Call("POST", "/api/v1/inspection/tasks", bad.dump(), leader);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["field"], "item_ids");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_task"), 0);
  auto created = Call("POST", "/api/v1/inspection/tasks", task.dump(), leader);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["joint"], true);
  const std::string id = std::to_string(created.Json()["id"].get<int64_t>());

  const std::string entropy = json{
      {"entropy", "2026-09-01 双色球 03 11 17 22 28 31 + 09"},
      {"witness",
       "区人大代表 李四"}}.dump();
  EXPECT_EQ(Call("POST", "/api/v1/inspection/tasks/" + id + "/draw", entropy, leader).status, 422)
      << "the pool must be published first";
  auto pool = Call("POST", "/api/v1/inspection/tasks/" + id + "/pool", "", leader);
  ASSERT_EQ(pool.status, 200) << pool.body;
  EXPECT_EQ(pool.Json()["pool_size"], 11) << "the suspended entity stays out";
  auto no_entropy = Call("POST", "/api/v1/inspection/tasks/" + id + "/draw",
                         json{{"witness", "李四"}}.dump(), leader);
  EXPECT_EQ(no_entropy.status, 400);
  EXPECT_EQ(no_entropy.Json()["error"]["field"], "entropy");
  auto drawn = Call("POST", "/api/v1/inspection/tasks/" + id + "/draw", entropy, leader);
  ASSERT_EQ(drawn.status, 200) << drawn.body;
  EXPECT_EQ(Call("POST", "/api/v1/inspection/tasks/" + id + "/draw", entropy, leader).status, 422);

  // Anyone can check the draw.
  auto pub = Call("GET", "/api/v1/public/inspection/tasks/" + id + "/draw");
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.Json()["pool"].size(), 11u);
  EXPECT_EQ(pub.Json()["pool_hash"], pool.Json()["pool_hash"]);
  EXPECT_EQ(pub.Json()["seed"], drawn.Json()["seed"]);
  const size_t selected = pub.Json()["selected"].size();
  EXPECT_GE(selected, 9u);
  const json selected_visits = pub.Json()["selected"];
  for (const json& v : selected_visits) EXPECT_EQ(v["officers"].size(), 2u);

  // Each inspector sees only the visits assigned to them.
  auto mine = Call("GET", "/api/v1/inspection/visits", "", insp1);
  auto theirs = Call("GET", "/api/v1/inspection/visits", "", insp2);
  auto all = Call("GET", "/api/v1/inspection/visits", "", leader);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(all.Json()["items"].size(), selected);
  const json my_visits = mine.Json()["items"];
  ASSERT_FALSE(my_visits.empty());
  // What an inspector needs at the door: the items by name, and officers told
  // apart by code and unit.
  EXPECT_FALSE(my_visits[0]["item_names"].empty()) << my_visits[0];
  EXPECT_TRUE(my_visits[0].contains("address"));
  EXPECT_FALSE(my_visits[0]["officers"][0]["code"].get<std::string>().empty()) << my_visits[0];
  EXPECT_FALSE(my_visits[0]["officers"][0]["unit_name"].get<std::string>().empty()) << my_visits[0];
  EXPECT_LT(my_visits.size(), selected);
  EXPECT_EQ(static_cast<long long>(my_visits.size()),
            Count("SELECT COUNT(*) FROM inspection_visit_officer vo JOIN inspection_officer f ON "
                  "f.id = vo.officer_id WHERE f.code = 'A1'"));
  std::set<int64_t> mine_ids;
  for (const json& v : my_visits) mine_ids.insert(v["id"].get<int64_t>());
  int64_t not_mine = 0;
  const json all_visits = all.Json()["items"];
  for (const json& v : all_visits) {
    if (mine_ids.count(v["id"].get<int64_t>()) == 0) not_mine = v["id"];
  }
  ASSERT_NE(not_mine, 0);
  (void)theirs;

  // Result entry: only on one's own visit; published; sent on as a lead.
  clock_.Set(*ParseTime("2026-10-12T09:00:00+08:00"));
  leader = Token("leader");  // the sessions of September have ended
  insp1 = Token("insp-1");
  const json result = {{"state", "problem_pending"},
                       {"check_date", "2026-09-29"},
                       {"notes", "超范围经营，待立案"},
                       {"attachments",
                        {{{"file_name", "检查记录.pdf"},
                          {"media_type", "application/pdf"},
                          {"size_bytes", 40960},
                          {"sha256", std::string(64, 'b')}}}}};
  EXPECT_EQ(Call("PUT", "/api/v1/inspection/visits/" + std::to_string(not_mine) + "/result",
                 result.dump(), insp1)
                .status,
            403);
  const std::string visit = std::to_string(my_visits[0]["id"].get<int64_t>());
  auto entered =
      Call("PUT", "/api/v1/inspection/visits/" + visit + "/result", result.dump(), insp1);
  ASSERT_EQ(entered.status, 200) << entered.body;
  EXPECT_EQ(entered.Json()["deadline"], "2026-11-02");  // across National Day
  EXPECT_EQ(entered.Json()["deadline_state"], "on_time");
  auto profile =
      Call("GET", "/api/v1/entities/" + my_visits[0]["uscc"].get<std::string>() + "/inspections");
  ASSERT_EQ(profile.status, 200);
  ASSERT_EQ(profile.Json()["items"].size(), 1u);
  EXPECT_EQ(profile.Json()["items"][0]["result_name"], "发现问题待后续处理");
  // 一公开: the public finds the draw in the list, by name or unit, and its
  // page shows the published result beside the entity.
  auto draws = Call("GET", "/api/v1/public/inspection/draws?q=%E9%A4%90%E9%A5%AE");  // 餐饮
  ASSERT_EQ(draws.status, 200) << draws.body;
  ASSERT_EQ(draws.Json()["total"], 1);
  EXPECT_EQ(std::to_string(draws.Json()["items"][0]["task_id"].get<int64_t>()), id);
  EXPECT_EQ(draws.Json()["items"][0]["selected"], selected);
  EXPECT_EQ(draws.Json()["items"][0]["results_published"], 1);
  EXPECT_EQ(Call("GET", "/api/v1/public/inspection/draws?year=2025").Json()["total"], 0);
  EXPECT_EQ(Call("GET", "/api/v1/public/inspection/draws?year=2026").Json()["total"], 1);
  EXPECT_EQ(Call("GET", "/api/v1/public/inspection/draws?q=%E6%B2%A1%E6%9C%89").Json()["total"], 0);
  EXPECT_EQ(Call("GET", "/api/v1/public/inspection/draws?limit=0").Json()["error"]["field"],
            "limit");
  EXPECT_EQ(Call("GET", "/api/v1/public/inspection/draws?q=" + std::string(60, 'x'))
                .Json()["error"]["field"],
            "q");
  auto with_result = Call("GET", "/api/v1/public/inspection/tasks/" + id + "/draw");
  ASSERT_EQ(with_result.status, 200) << with_result.body;
  int shown = 0;
  const json selected_now = with_result.Json()["selected"];
  for (const json& v : selected_now) {
    if (v["uscc"] == my_visits[0]["uscc"]) {
      EXPECT_EQ(v["result_name"], "发现问题待后续处理");
      ++shown;
    } else {
      EXPECT_TRUE(v["result_name"].is_null()) << v;
    }
  }
  EXPECT_EQ(shown, 1);
  // Photos from the phone: the assigned officer adds them (a retry is the
  // same photo), others may not, the task's leader sees them, another
  // county's does not; only JPEG or PNG, as declared.
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(3000, 'x');
  const std::string photos = "/api/v1/inspection/visits/" + visit + "/photos";
  auto photo = Call("POST", photos, jpeg, insp1, "image/jpeg");
  ASSERT_EQ(photo.status, 201) << photo.body;
  const std::string sha = photo.Json()["sha256"];
  EXPECT_EQ(sha.size(), 64u);
  EXPECT_EQ(photo.Json()["size_bytes"], 3004);
  auto again = Call("POST", photos, jpeg, insp1, "image/jpeg");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json()["id"], photo.Json()["id"]);
  EXPECT_EQ(Call("POST", "/api/v1/inspection/visits/" + std::to_string(not_mine) + "/photos", jpeg,
                 insp1, "image/jpeg")
                .status,
            403);
  auto mislabelled = Call("POST", photos, jpeg, insp1, "image/png");
  EXPECT_EQ(mislabelled.status, 400) << mislabelled.body;
  EXPECT_EQ(mislabelled.Json()["error"]["field"], "photo");
  EXPECT_EQ(Call("POST", photos, "GIF89a....", insp1, "image/gif").status, 400);
  EXPECT_EQ(Call("POST", photos, "", insp1, "image/jpeg").status, 400);
  auto photo_list = Call("GET", photos, "", leader);
  ASSERT_EQ(photo_list.status, 200) << photo_list.body;
  EXPECT_EQ(photo_list.Json()["items"].size(), 1u);
  auto image = Call("GET", photos + "/" + sha, "", insp1);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.body, jpeg);
  EXPECT_EQ(image.Header("content-type"), "image/jpeg");
  EXPECT_EQ(Call("GET", photos + "/" + sha, "", Token("leader-b")).status, 403);
  EXPECT_EQ(Call("GET", photos + "/" + std::string(64, '0'), "", insp1).status, 404);
  EXPECT_EQ(Call("GET", photos + "/nothex", "", insp1).status, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'inspection.photo.add'"), 1);
  auto lead = Call("POST", "/api/v1/inspection/visits/" + visit + "/case-lead",
                   json{{"description", "移送执法稽查"}}.dump(), insp1);
  EXPECT_EQ(lead.status, 201) << lead.body;

  auto stats = Call("GET", "/api/v1/inspection/stats?from=2026-01-01&to=2026-12-31", "", leader);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["completed_visits"], 1);
  EXPECT_EQ(stats.Json()["joint_task_share"], 1.0);
  EXPECT_EQ(stats.Json()["credit_classified_task_share"], 1.0);

  // Too few eligible officers (5 per visit, 5 officers, one conflict is
  // enough to fail): 422 naming the officers; nothing stored.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    sql << "INSERT INTO inspection_officer_conflict (officer_id, entity_uscc) SELECT id, :u FROM "
           "inspection_officer WHERE code = 'U1'",
        soci::use((*usccs)[2]);
    return OkStatus();
  })));
  task["officers_per_visit"] = 5;
  task["ratios"] = {{"A", 1}, {"B", 1}, {"C", 1}, {"D", 1}};
  auto second = Call("POST", "/api/v1/inspection/tasks", task.dump(), leader);
  ASSERT_EQ(second.status, 201);
  const std::string id2 = std::to_string(second.Json()["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", "/api/v1/inspection/tasks/" + id2 + "/pool", "", leader).status, 200);
  const long long visits = Count("SELECT COUNT(*) FROM inspection_visit");
  auto few = Call("POST", "/api/v1/inspection/tasks/" + id2 + "/draw", entropy, leader);
  EXPECT_EQ(few.status, 422) << few.body;
  EXPECT_EQ(few.Json()["error"]["field"], "officers");
  // It names the first entity left with too few: the conflicted one, or the
  // one whose last inspectors are excluded, whichever comes first by USCC.
  EXPECT_TRUE(few.body.find((*usccs)[2]) != std::string::npos ||
              few.body.find(my_visits[0]["uscc"].get<std::string>()) != std::string::npos)
      << few.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_visit"), visits);

  // An empty pool.
  task["filters"]["region_code"] = "110101";
  auto third = Call("POST", "/api/v1/inspection/tasks", task.dump(), leader);
  ASSERT_EQ(third.status, 201);
  auto empty = Call(
      "POST",
      "/api/v1/inspection/tasks/" + std::to_string(third.Json()["id"].get<int64_t>()) + "/pool", "",
      leader);
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.Json()["error"]["field"], "pool");
}

INSTANTIATE_TEST_SUITE_P(Backends, InspectionRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::inspection
