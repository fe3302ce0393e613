// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/principal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "identity/scope.h"

namespace amr::identity {
namespace {

RoleGrant Grant(Role role, int64_t id, std::string path) {
  return {role, OrgUnitRef{id, "u" + std::to_string(id), "单位", std::move(path)}};
}

TEST(PrincipalTest, PathScopeIsTheSubtree) {
  EXPECT_TRUE(PathInScope("/1/3/", "/1/3/"));
  EXPECT_TRUE(PathInScope("/1/3/", "/1/3/7/"));
  EXPECT_FALSE(PathInScope("/1/3/", "/1/30/"));  // a sibling whose id starts alike
  EXPECT_FALSE(PathInScope("/1/3/", "/1/"));
  EXPECT_FALSE(PathInScope("/1/3/", "/2/3/"));
  EXPECT_FALSE(PathInScope("", "/1/"));
  EXPECT_FALSE(PathInScope("/1/", ""));
}

TEST(PrincipalTest, PermissionsAndScopesComeFromGrants) {
  Principal p;
  p.grants = {Grant(Role::kInspector, 7, "/1/3/7/"), Grant(Role::kLeader, 3, "/1/3/")};
  EXPECT_TRUE(p.Can(perm::kInspectionTaskWrite));
  EXPECT_TRUE(p.Can(perm::kStatsRead));
  EXPECT_FALSE(p.Can(perm::kUsersRead));
  // Writing tasks: only at the station; reading: the whole county as leader.
  EXPECT_TRUE(p.InScope(perm::kInspectionTaskWrite, "/1/3/7/"));
  EXPECT_FALSE(p.InScope(perm::kInspectionTaskWrite, "/1/3/8/"));
  EXPECT_TRUE(p.InScope(perm::kInspectionTaskRead, "/1/3/8/"));
  EXPECT_FALSE(p.InScope(perm::kInspectionTaskRead, "/1/4/"));
  // The nearest grant is the one the audit record names.
  ASSERT_NE(p.GrantFor(perm::kInspectionTaskRead, "/1/3/7/9/"), nullptr);
  EXPECT_EQ(p.GrantFor(perm::kInspectionTaskRead, "/1/3/7/9/")->role, Role::kInspector);
  EXPECT_EQ(p.GrantFor(perm::kInspectionTaskRead, "/1/3/8/")->role, Role::kLeader);
  EXPECT_EQ(p.ScopesFor(perm::kInspectionTaskRead).size(), 2u);
  EXPECT_FALSE(p.HasRootScope(perm::kInspectionTaskRead));
  std::set<std::string_view> both;
  for (Role r : {Role::kInspector, Role::kLeader}) {
    for (std::string_view perm : PermissionsOf(r)) both.insert(perm);
  }
  EXPECT_EQ(p.Permissions().size(), both.size());  // the union, each once
}

TEST(PrincipalTest, RequireScopeRefusesOutsideAndUnitlessWithoutRoot) {
  Principal county;
  county.grants = {Grant(Role::kAdmin, 3, "/1/3/")};
  EXPECT_TRUE(RequireScope(county, perm::kUsersRead, "/1/3/9/").ok());
  EXPECT_EQ(RequireScope(county, perm::kUsersRead, "/1/4/").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(RequireScope(county, perm::kAuditRead, "/1/3/").code(), StatusCode::kPermissionDenied);
  // Applicants' accounts belong to no unit: only a root scope covers them.
  EXPECT_EQ(RequireScope(county, perm::kUsersRead, "").code(), StatusCode::kPermissionDenied);
  Principal root;
  root.grants = {Grant(Role::kAdmin, 1, "/1/")};
  EXPECT_TRUE(root.HasRootScope(perm::kUsersRead));
  EXPECT_TRUE(RequireScope(root, perm::kUsersRead, "").ok());
}

// The outbox and the scheduler belong to the whole platform: a county
// administrator must not read other counties' dead letters nor point the
// platform's subscriptions at itself.
TEST(PrincipalTest, PlatformPermissionsNeedARoleAtTheRoot) {
  Principal county;
  county.grants = {Grant(Role::kAdmin, 3, "/1/3/")};
  for (std::string_view p : {perm::kOutboxRead, perm::kOutboxWrite, perm::kSchedulerRead}) {
    EXPECT_TRUE(IsPlatformPermission(p));
    EXPECT_FALSE(county.Can(p)) << p;
    EXPECT_TRUE(county.ScopesFor(p).empty()) << p;
    EXPECT_EQ(county.GrantFor(p), nullptr) << p;
  }
  EXPECT_TRUE(county.Can(perm::kUsersWrite));  // its own subtree's accounts stay its
  const auto listed = county.Permissions();
  EXPECT_EQ(std::count(listed.begin(), listed.end(), perm::kOutboxRead), 0);
  Principal root;
  root.grants = {Grant(Role::kAdmin, 1, "/1/")};
  EXPECT_TRUE(root.Can(perm::kOutboxWrite));
  EXPECT_TRUE(root.Can(perm::kSchedulerRead));
  EXPECT_FALSE(IsPlatformPermission(perm::kUsersWrite));
}

TEST(PrincipalTest, ApplicantsOwnOnlyTheirEntity) {
  Principal a;
  a.kind = UserKind::kApplicant;
  a.entity_uscc = "91330106MA2AXXXX1X";
  a.grants = {{Role::kApplicant, OrgUnitRef{}}};
  EXPECT_TRUE(a.OwnsEntity("91330106MA2AXXXX1X"));
  EXPECT_FALSE(a.OwnsEntity("91330106MA2AYYYY1X"));
  EXPECT_TRUE(a.Can(perm::kRegistrationApply));
  EXPECT_FALSE(a.InScope(perm::kRegistrationApply, "/1/"));
  Principal staff;
  staff.entity_uscc = "91330106MA2AXXXX1X";
  EXPECT_FALSE(staff.OwnsEntity("91330106MA2AXXXX1X"));
  EXPECT_EQ(ParseUserKind("applicant").value(), UserKind::kApplicant);
  EXPECT_EQ(ParseUserKind("robot").status().field(), "kind");
}

}  // namespace
}  // namespace amr::identity
