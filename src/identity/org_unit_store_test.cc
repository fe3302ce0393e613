// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/org_unit_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_test_util.h"
#include "storage/migrations.h"
#include "testing/db_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::IsOk;
using testing::SeedTree;
using testing::SystemCaller;

const FakeClock kClock(*ParseTime("2026-11-24T09:00:00+08:00"));

class OrgUnitStoreTest : public amr::testing::DbTest {};

TEST_P(OrgUnitStoreTest, PathsFollowTheTree) {
  auto tree = SeedTree(db(), kClock);
  ASSERT_TRUE(IsOk(tree));
  const testing::Tree& t = *tree;
  EXPECT_EQ(t.root.path, "/" + std::to_string(t.root.id) + "/");
  EXPECT_EQ(t.a1.path, t.a.path + std::to_string(t.a1.id) + "/");
  EXPECT_EQ(t.a1.parent_id, t.a.id);
  EXPECT_FALSE(t.root.parent_id.has_value());
  EXPECT_TRUE(PathInScope(t.a.path, t.a2.path));
  EXPECT_FALSE(PathInScope(t.a.path, t.b1.path));

  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto under_a, OrgUnitsUnder(sql, {t.a.path}));
    EXPECT_EQ(under_a.size(), 3u);
    ASSIGN_OR_RETURN(auto two, OrgUnitsUnder(sql, {t.a1.path, t.b.path}));
    EXPECT_EQ(two.size(), 3u);  // a1, b, b1
    ASSIGN_OR_RETURN(auto none, OrgUnitsUnder(sql, {}));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_RETURN(auto children, ChildrenOf(sql, t.root.id));
    EXPECT_EQ(children.size(), 3u);
    ASSIGN_OR_RETURN(auto ancestors, AncestorsOf(sql, t.a1));
    EXPECT_EQ(ancestors.size(), 2u);
    EXPECT_EQ(ancestors[0].id, t.root.id);
    EXPECT_EQ(ancestors[1].id, t.a.id);
    ASSIGN_OR_RETURN(auto root, FindRootOrgUnit(sql));
    EXPECT_EQ(root->id, t.root.id);
    EXPECT_EQ(GetOrgUnit(sql, 999999).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(GetOrgUnitByCode(sql, "' OR 1=1 --").status().code(), StatusCode::kNotFound);
    return OkStatus();
  })));
  // One audit record per unit.
  EXPECT_EQ(testing::CountAudit(db(), "org_unit.create"), 7);
}

TEST_P(OrgUnitStoreTest, CreateRefusesBadParentsDuplicateCodesAndMoves) {
  auto tree = SeedTree(db(), kClock);
  ASSERT_TRUE(IsOk(tree));
  Status s = db().Transaction([&](soci::session& sql) -> Status {
    NewOrgUnit dup{tree->a.id, "station-a1", "重复", "station", "", "330106"};
    return CreateOrgUnit(sql, dup, SystemCaller(), kClock).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "code");
  s = db().Transaction([&](soci::session& sql) -> Status {
    NewOrgUnit orphan{424242, "orphan", "孤儿", "station", "", "330106"};
    return CreateOrgUnit(sql, orphan, SystemCaller(), kClock).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "parent_id");
  // A second root is refused; so is moving a unit, which would strand its path.
  s = db().Transaction([&](soci::session& sql) -> Status {
    return CreateRootOrgUnit(sql, SystemCaller(), kClock).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  s = db().Transaction([&](soci::session& sql) -> Status {
    long long a1 = tree->a1.id, b = tree->b.id;
    sql << "UPDATE org_unit SET parent_id = :b WHERE id = :a1", soci::use(b), soci::use(a1);
    return OkStatus();
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(testing::CountAudit(db(), "org_unit.create"), 7);
}

// A county administrator could otherwise widen a leader's statistics scope by
// creating, under its county, a unit with a whole province's region code.
TEST_P(OrgUnitStoreTest, AUnitsRegionLiesWithinItsParents) {
  auto tree = SeedTree(db(), kClock);
  ASSERT_TRUE(IsOk(tree));
  auto create = [&](int64_t parent, std::string code, std::string region) {
    return db().Transaction([&](soci::session& sql) -> Status {
      NewOrgUnit u{parent, std::move(code), "新机构", "station", "", std::move(region)};
      RETURN_IF_ERROR(ValidateNewOrgUnit(u));
      return CreateOrgUnit(sql, u, SystemCaller(), kClock).status();
    });
  };
  // Under 甲县局 (西湖区 330106): the province, the city, another county.
  for (const char* wider : {"330000", "330100", "330105", "110101"}) {
    Status s = create(tree->a.id, std::string("wide-") + wider, wider);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << wider;
    EXPECT_EQ(s.field(), "region_code") << wider;
    EXPECT_NE(s.message().find("浙江省 杭州市 西湖区"), std::string::npos) << s.message();
  }
  EXPECT_EQ(testing::CountAudit(db(), "org_unit.create"), 7);
  // The parent's own region, and anything below a wider parent's, is fine.
  EXPECT_TRUE(IsOk(create(tree->a.id, "same-county", "330106")));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    NewOrgUnit city{tree->root.id, "city-hz", "杭州市局", "city_bureau", "", "330100"};
    RETURN_IF_ERROR(ValidateNewOrgUnit(city));
    ASSIGN_OR_RETURN(OrgUnit hz, CreateOrgUnit(sql, city, SystemCaller(), kClock));
    NewOrgUnit county{hz.id, "county-bj", "滨江区局", "county_bureau", "", "330108"};
    RETURN_IF_ERROR(ValidateNewOrgUnit(county));
    RETURN_IF_ERROR(CreateOrgUnit(sql, county, SystemCaller(), kClock).status());
    NewOrgUnit elsewhere{hz.id, "county-nb", "宁波某区局", "county_bureau", "", "330203"};
    EXPECT_EQ(CreateOrgUnit(sql, elsewhere, SystemCaller(), kClock).status().field(),
              "region_code");
    return OkStatus();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgUnitStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

// Units that existed before 0002 get their paths from the migration.
class OrgUnitMigrationTest : public amr::testing::DbTest {
 protected:
  OrgUnitMigrationTest() : DbTest(/*migrate=*/false) {}
};

TEST_P(OrgUnitMigrationTest, BackfillsPathsOfExistingUnits) {
  auto all = storage::EmbeddedMigrations(backend());
  ASSERT_TRUE(IsOk(all));
  ASSERT_TRUE(IsOk(storage::ApplyMigrations(db(), std::span(all->data(), 1), kClock)));
  ASSERT_TRUE(IsOk(db().Transaction([](soci::session& sql) {
    sql << "INSERT INTO org_unit (parent_id, code, name, kind, region_code) "
           "VALUES (NULL, 'p', '省局', 'province_bureau', '330000')";
    sql << "INSERT INTO org_unit (parent_id, code, name, kind, region_code) "
           "SELECT id, 'c', '市局', 'city_bureau', '330100' FROM org_unit WHERE code = 'p'";
    sql << "INSERT INTO org_unit (parent_id, code, name, kind, region_code) "
           "SELECT id, 'x', '县局', 'county_bureau', '330106' FROM org_unit WHERE code = 'c'";
    return OkStatus();
  })));
  ASSERT_TRUE(IsOk(storage::Migrate(db(), kClock)));
  ASSERT_TRUE(IsOk(db().ReadTransaction([](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(OrgUnit p, GetOrgUnitByCode(sql, "p"));
    ASSIGN_OR_RETURN(OrgUnit c, GetOrgUnitByCode(sql, "c"));
    ASSIGN_OR_RETURN(OrgUnit x, GetOrgUnitByCode(sql, "x"));
    EXPECT_EQ(x.path, "/" + std::to_string(p.id) + "/" + std::to_string(c.id) + "/" +
                          std::to_string(x.id) + "/");
    return OkStatus();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgUnitMigrationTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
