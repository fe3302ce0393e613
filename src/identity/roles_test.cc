// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/roles.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace amr::identity {
namespace {

TEST(RolesTest, IdsRoundTripAndUnknownIsRefused) {
  std::set<std::string_view> ids;
  for (Role r : AllRoles()) {
    EXPECT_TRUE(ids.insert(RoleId(r)).second) << RoleId(r);
    auto parsed = ParseRole(RoleId(r));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, r);
    EXPECT_FALSE(RoleName(r).empty());
  }
  EXPECT_EQ(ids.size(), 8u);
  auto bad = ParseRole("superuser");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "role");
  EXPECT_NE(bad.status().message().find("window_clerk"), std::string::npos);
}

TEST(RolesTest, PermissionNamesFollowTheRule) {
  const std::regex rule("^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$");
  std::set<std::string_view> names;
  for (const PermissionInfo& p : AllPermissions()) {
    EXPECT_TRUE(std::regex_match(std::string(p.name), rule)) << p.name;
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
    EXPECT_FALSE(p.description.empty());
    EXPECT_TRUE(IsKnownPermission(p.name));
  }
  EXPECT_TRUE(IsKnownPermission("public"));
  EXPECT_TRUE(IsKnownPermission("authenticated"));
  EXPECT_FALSE(IsKnownPermission("users.delete"));
  EXPECT_FALSE(IsKnownPermission(""));
}

TEST(RolesTest, AdministrationAndAuditAreSeparated) {
  EXPECT_TRUE(RoleGrants(Role::kAdmin, perm::kUsersRead));
  EXPECT_TRUE(RoleGrants(Role::kAdmin, perm::kUsersWrite));
  EXPECT_TRUE(RoleGrants(Role::kAdmin, perm::kOrgUnitsWrite));
  EXPECT_FALSE(RoleGrants(Role::kAdmin, perm::kAuditRead));
  EXPECT_TRUE(RoleGrants(Role::kAuditor, perm::kAuditRead));
  for (std::string_view p : PermissionsOf(Role::kAuditor)) {
    EXPECT_FALSE(p.ends_with(".write")) << p;
  }
  // Only administrators manage users; applicants hold nothing of the staff's.
  for (Role r : AllRoles()) {
    EXPECT_EQ(RoleGrants(r, perm::kUsersWrite), r == Role::kAdmin) << RoleId(r);
  }
  EXPECT_EQ(PermissionsOf(Role::kApplicant),
            (std::vector<std::string_view>{perm::kRegistrationApply, perm::kNamesReserve,
                                           perm::kLicenseManage, perm::kComplaintsOdrAnswer,
                                           perm::kCreditFile}));
  // Route markers are not grants.
  EXPECT_FALSE(RoleGrants(Role::kAdmin, kPublicPermission));
  EXPECT_FALSE(RoleGrants(Role::kAdmin, kAuthenticatedPermission));
}

TEST(RolesTest, MarkdownTableHasARowPerPermissionAndAColumnPerRole) {
  const std::string md = PermissionTableMarkdown();
  std::istringstream lines(md);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 2 + 1 + 8) << line;
  }
  EXPECT_EQ(rows, 2 + static_cast<int>(AllPermissions().size()));
  EXPECT_NE(md.find("| `users.write` | 创建用户、分配角色、解除锁定 |"), std::string::npos);
}

// docs/security.md shows the table generated from this one
// (`amr users permissions --markdown`); the two must not drift apart.
TEST(RolesTest, SecurityDocShowsTheCurrentTable) {
  std::ifstream in(std::string(AMR_SOURCE_DIR) + "/docs/security.md");
  ASSERT_TRUE(in.good()) << "docs/security.md is missing";
  std::stringstream doc;
  doc << in.rdbuf();
  EXPECT_NE(doc.str().find(PermissionTableMarkdown()), std::string::npos)
      << "regenerate the table in docs/security.md with `amr users permissions --markdown`:\n"
      << PermissionTableMarkdown();
}

}  // namespace
}  // namespace amr::identity
