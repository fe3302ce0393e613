// SPDX-License-Identifier: MulanPSL-2.0
// The entity routes over real HTTP on every backend: the Excel export and the
// dashboard figures with their region scope. The scope resolver stands in for
// the composition root's (src/cli/app.cc derives it from the caller's units).
#include "registry/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/server_test_util.h"
#include "registry/entity_generator.h"
#include "registry/entity_store.h"
#include "registry/profile_cache.h"
#include "storage/change_log.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::registry {
namespace {

using amr::testing::IsOk;

class EntityRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    GeneratorOptions options;
    options.region_prefix = "330106";
    auto gen = *EntityGenerator::Create(3, options);
    struct Row {
      const char* region;
      EntityKind kind;
      const char* name;
    };
    const std::vector<Row> rows = {
        {"330106", EntityKind::kEnterprise, "杭州西湖龙井茶业有限公司"},
        {"330106", EntityKind::kIndividualBusiness, "西湖区龙井茶馆"},
        {"330105", EntityKind::kEnterprise, "杭州拱墅运河茶叶有限公司"},
    };
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      for (const Row& r : rows) {
        Entity e = *gen.Next();
        e.region_code = r.region;
        e.kind = r.kind;
        e.name = r.name;
        e.legal_rep_name = r.kind == EntityKind::kEnterprise ? "陈建国" : "王小梅";
        e.status = EntityStatus::kActive;
        e.established_on = *Date::Parse("2026-10-08");
        e.registered_capital =
            r.kind == EntityKind::kEnterprise ? std::optional<int64_t>(1'500'000) : std::nullopt;
        if (r.kind == EntityKind::kEnterprise) {
          e.operating_term =
              OperatingTerm{r.region == std::string("330106") ? std::optional<Date>()
                                                              : Date::Parse("2046-10-07").value()};
        }
        RETURN_IF_ERROR(InsertEntity(sql, e, "2026-11-24T09:00:00+08:00"));
      }
      return OkStatus();
    })));
    auto router = std::make_shared<http::Router>();
    // The public's profiles through the cache, as the server wires them.
    cache_ = std::make_unique<ProfileCache>(db(), ProfileCache::Options{});
    AddEntityRoutes(
        *router, [this](const http::Request&) -> storage::Database& { return db(); },
        [](storage::Database&, std::string_view uscc) -> StatusOr<std::string> {
          return "茶叶零售；" + std::string(uscc);
        },
        [this](const http::Request&) { return cache_.get(); });
    AddEntityStatsRoutes(*router, db(), [this](const http::Request&) {
      return StatusOr<std::vector<std::string>>(allowed_);
    });
    server_ = http::testutil::StartServer(router);
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  amr::testing::HttpResult Get(const std::string& target) {
    return amr::testing::HttpRequest(server_->port(), "GET", target);
  }

  std::vector<std::string> allowed_ = {"330106"};
  std::unique_ptr<ProfileCache> cache_;
  std::unique_ptr<http::Server> server_;
};

// The public finds the entities a person represents by the name (whole, not
// a fragment), never by an ID number.
TEST_P(EntityRoutesTest, ThePublicSearchesByTheLegalRepresentativesName) {
  auto both = Get("/api/v1/entities?legal_rep=%E9%99%88%E5%BB%BA%E5%9B%BD");  // 陈建国
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(both.Json()["total"], 2);
  auto county = Get("/api/v1/entities?legal_rep=%E9%99%88%E5%BB%BA%E5%9B%BD&region_code=330106");
  EXPECT_EQ(county.Json()["total"], 1);
  auto part = Get("/api/v1/entities?legal_rep=%E9%99%88%E5%BB%BA");  // 陈建: not a fragment
  EXPECT_EQ(part.Json()["total"], 0);
  auto one = Get("/api/v1/entities?legal_rep=%E9%99%88");  // a single character
  EXPECT_EQ(one.status, 400);
  EXPECT_EQ(one.Json()["error"]["field"], "legal_rep");
}

// The profile states 营业期限 (长期 or to a day) and 经营范围 as the licence has it.
TEST_P(EntityRoutesTest, TheProfileStatesTheTermAndTheScope) {
  auto list = Get("/api/v1/entities?q=%E8%8C%B6&limit=10").Json();  // 茶
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& item : list["items"]) by_name[item["name"].get<std::string>()] = item;
  ASSERT_EQ(by_name.size(), 3u);
  const std::string longjing = by_name["杭州西湖龙井茶业有限公司"]["uscc"];
  auto profile = Get("/api/v1/entities/" + longjing);
  ASSERT_EQ(profile.status, 200) << profile.body;
  auto body = profile.Json();
  EXPECT_EQ(body["operating_term"]["label"], "营业期限");
  EXPECT_EQ(body["operating_term"]["from"], "2026-10-08");
  EXPECT_TRUE(body["operating_term"]["until"].is_null());  // 长期
  EXPECT_EQ(body["business_scope"], "茶叶零售；" + longjing);
  const std::string yunhe = by_name["杭州拱墅运河茶叶有限公司"]["uscc"];
  EXPECT_EQ(Get("/api/v1/entities/" + yunhe).Json()["operating_term"]["until"], "2046-10-07");
  // An individual business has no term.
  const std::string teahouse = by_name["西湖区龙井茶馆"]["uscc"];
  EXPECT_TRUE(Get("/api/v1/entities/" + teahouse).Json()["operating_term"].is_null());
}

// A profile asked again comes from the cache, until a change of the entity
// commits: then the store is read again.
TEST_P(EntityRoutesTest, AProfileIsCachedUntilTheEntityChanges) {
  auto list = Get("/api/v1/entities?q=%E8%8C%B6&limit=10").Json();  // 茶
  const std::string uscc = list["items"][0]["uscc"];
  const std::string first = Get("/api/v1/entities/" + uscc).body;
  EXPECT_EQ(cache_->misses(), 1);
  EXPECT_EQ(Get("/api/v1/entities/" + uscc).body, first);
  EXPECT_EQ(Get("/api/v1/entities/" + uscc).body, first);
  EXPECT_EQ(cache_->hits(), 2);
  EXPECT_EQ(cache_->misses(), 1);
  // A bad code is refused, never answered from the cache.
  EXPECT_EQ(Get("/api/v1/entities/" + uscc.substr(0, 17) + "X").status, 400);

  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    sql << "UPDATE entity SET name = '杭州西湖新名茶业有限公司' WHERE uscc = :u", soci::use(uscc);
    return storage::AppendChange(sql, "entity", uscc, "update", "330106",
                                 "2026-12-08T09:00:00+08:00");
  })));
  auto changed = Get("/api/v1/entities/" + uscc);
  ASSERT_EQ(changed.status, 200);
  EXPECT_EQ(changed.Json()["name"], "杭州西湖新名茶业有限公司");
  EXPECT_EQ(cache_->misses(), 2);
}

TEST_P(EntityRoutesTest, ExportIsAnXlsxOfTheFilteredList) {
  // "茶" matches all three names; the kind filter leaves the two enterprises.
  auto r = Get("/api/v1/entities/export.xlsx?q=%E8%8C%B6&kind=enterprise");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.headers["content-disposition"].find(
                "filename*=UTF-8''%E5%B8%82%E5%9C%BA%E4%B8%BB%E4%BD%93.xlsx"),
            std::string::npos);
  EXPECT_EQ(r.body.substr(0, 4), std::string("PK\x03\x04", 4));
  // Bad filters are refused as in the list, before anything is written.
  auto bad = Get("/api/v1/entities/export.xlsx?kind=bank");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "kind");
}

TEST_P(EntityRoutesTest, StatsCountTheCallersRegionByDefault) {
  auto r = Get("/api/v1/entities/stats?from_year=2020");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.Json();
  EXPECT_EQ(body["region_code"], "330106");
  EXPECT_EQ(body["total"], 2);
  ASSERT_EQ(body["by_kind_status"].size(), 2u);
  EXPECT_EQ(body["by_kind_status"][0]["kind"], "enterprise");
  EXPECT_EQ(body["by_kind_status"][0]["status_name"], "存续");
  EXPECT_EQ(body["by_kind_status"][0]["count"], 1);
  ASSERT_EQ(body["by_year"].size(), 2u);
  EXPECT_EQ(body["by_year"][0]["year"], 2026);
}

TEST_P(EntityRoutesTest, StatsRefuseARegionOutsideTheCallers) {
  EXPECT_EQ(Get("/api/v1/entities/stats?region_code=330105").status, 403);
  // A wider region than the caller's (the whole city) is outside too.
  EXPECT_EQ(Get("/api/v1/entities/stats?region_code=3301").status, 403);
  EXPECT_EQ(Get("/api/v1/entities/stats?region_code=33010x").status, 400);
  // A city-wide caller sees the city and any county in it.
  allowed_ = {"3301"};
  auto city = Get("/api/v1/entities/stats");
  ASSERT_EQ(city.status, 200) << city.body;
  EXPECT_EQ(city.Json()["total"], 3);
  auto county = Get("/api/v1/entities/stats?region_code=330105");
  ASSERT_EQ(county.status, 200);
  EXPECT_EQ(county.Json()["total"], 1);
  // No region at all: nothing to count.
  allowed_ = {};
  EXPECT_EQ(Get("/api/v1/entities/stats").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, EntityRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::registry
