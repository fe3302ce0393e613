// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/user_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/admin_service.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"

namespace amr::identity {
namespace {

using amr::testing::IsOk;
using testing::AddStaff;
using testing::SystemCaller;

const FakeClock kClock(*ParseTime("2026-11-24T09:00:00+08:00"));

class UserStoreTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = testing::SeedTree(db(), kClock);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
  }
  StatusOr<UserPage> Find(UserQuery q) {
    UserPage page;
    RETURN_IF_ERROR(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(page, FindUsers(sql, q));
      return OkStatus();
    }));
    return page;
  }

  PasswordHasher hasher_{MinimumCostForTest()};
  testing::Tree t_;
};

TEST_P(UserStoreTest, CreatesAndReadsBackWithRoles) {
  auto user = AddStaff(db(), kClock, hasher_, "zhang.san", t_.a1.id,
                       {{Role::kInspector, t_.a1.id}, {Role::kRegistrar, t_.a.id}});
  ASSERT_TRUE(IsOk(user));
  EXPECT_EQ(user->username, "zhang.san");
  ASSERT_TRUE(user->org_unit.has_value());
  EXPECT_EQ(user->org_unit->id, t_.a1.id);
  EXPECT_EQ(user->region_code, "330106");
  ASSERT_EQ(user->roles.size(), 2u);
  EXPECT_EQ(user->roles[1].role, Role::kRegistrar);  // by role id, then unit
  EXPECT_EQ(user->roles[1].org_unit.path, t_.a.path);
  EXPECT_EQ(user->ScopePath(), t_.a1.path);
  // The audit record shows the user, never the hash.
  EXPECT_EQ(testing::CountAudit(db(), "user.create"), 1);
  const std::string audit = testing::AllAuditText(db());
  EXPECT_NE(audit.find("zhang.san"), std::string::npos);
  EXPECT_EQ(audit.find("$argon2id$"), std::string::npos);
  EXPECT_EQ(audit.find("password_hash"), std::string::npos);
}

TEST_P(UserStoreTest, RefusesTakenNamesAndMissingUnits) {
  ASSERT_TRUE(IsOk(AddStaff(db(), kClock, hasher_, "zhang.san", t_.a.id, {})));
  auto again = AddStaff(db(), kClock, hasher_, "zhang.san", t_.b.id, {});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "username");
  auto no_unit = AddStaff(db(), kClock, hasher_, "li.si", 987654, {});
  EXPECT_EQ(no_unit.status().field(), "org_unit_id");
  auto no_role_unit = AddStaff(db(), kClock, hasher_, "li.si", t_.a.id, {{Role::kLeader, 987654}});
  EXPECT_EQ(no_role_unit.status().field(), "roles");
  EXPECT_EQ(testing::CountAudit(db(), "user.create"), 1);
}

TEST_P(UserStoreTest, FindsWithinScopesOnly) {
  ASSERT_TRUE(IsOk(AddStaff(db(), kClock, hasher_, "a-one", t_.a.id, {})));
  ASSERT_TRUE(IsOk(AddStaff(db(), kClock, hasher_, "a1-one", t_.a1.id, {})));
  ASSERT_TRUE(IsOk(AddStaff(db(), kClock, hasher_, "b1-one", t_.b1.id, {})));
  ASSERT_TRUE(IsOk(testing::AddApplicant(db(), kClock, hasher_, "applicant-1")));

  auto a = Find({.scope_paths = {t_.a.path}});
  ASSERT_TRUE(IsOk(a));
  EXPECT_EQ(a->total, 2);
  auto a1 = Find({.scope_paths = {t_.a.path}, .within_path = t_.a1.path});
  ASSERT_TRUE(IsOk(a1));
  ASSERT_EQ(a1->total, 1);
  EXPECT_EQ(a1->items[0].username, "a1-one");
  auto both = Find({.scope_paths = {t_.a1.path, t_.b.path}});
  EXPECT_EQ(both->total, 2);
  auto root = Find({.scope_paths = {t_.root.path}, .include_unassigned = true});
  EXPECT_EQ(root->total, 4);
  auto nothing = Find({});
  EXPECT_EQ(nothing->total, 0);
  // Text matching treats LIKE wildcards and quotes as text.
  EXPECT_EQ(Find({.scope_paths = {t_.root.path}, .text = "one"})->total, 3);
  EXPECT_EQ(Find({.scope_paths = {t_.root.path}, .text = "%"})->total, 0);
  EXPECT_EQ(Find({.scope_paths = {t_.root.path}, .text = "_"})->total, 0);
  EXPECT_EQ(Find({.scope_paths = {t_.root.path}, .text = "' OR 1=1 --"})->total, 0);
  auto page = Find({.scope_paths = {t_.root.path}, .limit = 1, .offset = 1});
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].username, "a1-one");
}

TEST_P(UserStoreTest, ReplacesRolesAndUnlocksWithAudit) {
  auto user = AddStaff(db(), kClock, hasher_, "zhang.san", t_.a.id, {{Role::kInspector, t_.a.id}});
  ASSERT_TRUE(IsOk(user));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    long long id = user->id;
    sql << "UPDATE app_user SET failed_logins = 3, locked_until = '2026-11-24T09:15:00+08:00' "
           "WHERE id = :id",
        soci::use(id);
    ASSIGN_OR_RETURN(User changed, ReplaceRoles(sql, *user, {{Role::kLeader, t_.a.id}},
                                                SystemCaller(), user->ScopePath(), kClock));
    EXPECT_EQ(changed.roles.size(), 1u);
    EXPECT_EQ(changed.roles[0].role, Role::kLeader);
    EXPECT_EQ(changed.locked_until, "2026-11-24T09:15:00+08:00");
    ASSIGN_OR_RETURN(User unlocked, UnlockUser(sql, changed, SystemCaller(), kClock));
    EXPECT_EQ(unlocked.locked_until, "");
    EXPECT_EQ(unlocked.failed_logins, 0);
    return OkStatus();
  })));
  EXPECT_EQ(testing::CountAudit(db(), "user.roles"), 1);
  EXPECT_EQ(testing::CountAudit(db(), "user.unlock"), 1);
  const std::string audit = testing::AllAuditText(db());
  EXPECT_NE(audit.find("\"before\":{\"roles\":[{\"org_unit\""), std::string::npos) << audit;
}

// The use cases behind the admin API add the data scope to the permission.
TEST_P(UserStoreTest, AdminServiceChecksScopes) {
  auto root_admin =
      AddStaff(db(), kClock, hasher_, "root-admin", t_.root.id, {{Role::kAdmin, t_.root.id}});
  auto county_admin =
      AddStaff(db(), kClock, hasher_, "a-admin", t_.a.id, {{Role::kAdmin, t_.a.id}});
  auto in_a = AddStaff(db(), kClock, hasher_, "in-a", t_.a1.id, {{Role::kInspector, t_.a1.id}});
  auto in_b = AddStaff(db(), kClock, hasher_, "in-b", t_.b1.id, {{Role::kInspector, t_.b1.id}});
  ASSERT_TRUE(root_admin.ok() && county_admin.ok() && in_a.ok() && in_b.ok());
  Principal county;
  county.user_id = county_admin->id;
  county.username = county_admin->username;
  county.grants = county_admin->roles;
  const Caller caller{&county, "192.0.2.1", "req-1"};
  auto expect = [&](StatusCode code, const std::function<Status(soci::session&)>& f) {
    Status s = db().Transaction(f);
    EXPECT_EQ(s.code(), code) << s.ToString();
  };
  expect(StatusCode::kOk,
         [&](soci::session& sql) { return GetUserAs(sql, caller, in_a->id).status(); });
  expect(StatusCode::kPermissionDenied,
         [&](soci::session& sql) { return GetUserAs(sql, caller, in_b->id).status(); });
  expect(StatusCode::kPermissionDenied,
         [&](soci::session& sql) { return FindUsersAs(sql, caller, t_.b.id, "", 10, 0).status(); });
  expect(StatusCode::kOk, [&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(UserPage page, FindUsersAs(sql, caller, std::nullopt, "", 10, 0));
    EXPECT_EQ(page.total, 2);  // a-admin and in-a
    return OkStatus();
  });
  // Granting at a unit outside the scope, or withdrawing one there, is refused.
  expect(StatusCode::kPermissionDenied, [&](soci::session& sql) {
    return ReplaceRolesAs(sql, caller, in_a->id,
                          {{Role::kInspector, t_.a1.id}, {Role::kInspector, t_.b1.id}}, kClock)
        .status();
  });
  expect(StatusCode::kOk, [&](soci::session& sql) {
    return ReplaceRolesAs(sql, caller, in_a->id, {{Role::kLeader, t_.a.id}}, kClock).status();
  });
  expect(StatusCode::kFailedPrecondition, [&](soci::session& sql) {
    return ReplaceRolesAs(sql, caller, county_admin->id, {}, kClock).status();
  });
  expect(StatusCode::kPermissionDenied,
         [&](soci::session& sql) { return UnlockUserAs(sql, caller, in_b->id, kClock).status(); });
  expect(StatusCode::kPermissionDenied, [&](soci::session& sql) {
    NewOrgUnit unit{t_.b.id, "b-new", "乙新所", "station", "", "330105"};
    return CreateOrgUnitAs(sql, caller, unit, kClock).status();
  });
  expect(StatusCode::kOk, [&](soci::session& sql) {
    NewOrgUnit unit{t_.a.id, "a-new", "甲新所", "station", "", "330106"};
    return CreateOrgUnitAs(sql, caller, unit, kClock).status();
  });
  expect(StatusCode::kPermissionDenied,
         [&](soci::session& sql) { return ListOrgUnitsAs(sql, caller, t_.b.id).status(); });
  expect(StatusCode::kOk, [&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto units, ListOrgUnitsAs(sql, caller, std::nullopt));
    EXPECT_EQ(units.size(), 4u);  // a, a1, a2, a-new
    return OkStatus();
  });
  // The last administrator keeps the role.
  Principal root;
  root.user_id = root_admin->id;
  root.grants = root_admin->roles;
  const Caller root_caller{&root, "", ""};
  expect(StatusCode::kOk, [&](soci::session& sql) {
    return ReplaceRolesAs(sql, root_caller, county_admin->id, {}, kClock).status();
  });
  auto other = AddStaff(db(), kClock, hasher_, "other", t_.root.id, {});
  ASSERT_TRUE(other.ok());
  Principal other_p;
  other_p.user_id = other->id;
  other_p.grants = root_admin->roles;  // pretend: another admin's session
  const Caller other_caller{&other_p, "", ""};
  expect(StatusCode::kFailedPrecondition, [&](soci::session& sql) {
    return ReplaceRolesAs(sql, other_caller, root_admin->id, {}, kClock).status();
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, UserStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
