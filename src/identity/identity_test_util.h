// SPDX-License-Identifier: MulanPSL-2.0
// Test helpers: a small org tree and users in it (for identity's own tests
// and the authorization matrix, tests/authz). Header-only, tests only.
//
//   root (platform)
//   ├── county-a (county_bureau, 330106) ── station-a1, station-a2
//   ├── county-b (county_bureau, 330105) ── station-b1
//   └── dept-tax (department "tax", 330106)
#pragma once

#include <soci/soci.h>

#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/org_unit_store.h"
#include "identity/password.h"
#include "identity/user_store.h"
#include "storage/database.h"

namespace amr::identity::testing {

inline constexpr const char* kTestPassword = "Test-pass-2026";

struct Tree {
  OrgUnit root, a, a1, a2, b, b1, tax;
};

inline Caller SystemCaller() { return Caller{nullptr, "", "", "system"}; }

inline StatusOr<Tree> SeedTree(storage::Database& db, const Clock& clock) {
  Tree t;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(t.root, CreateRootOrgUnit(sql, SystemCaller(), clock));
    auto add = [&](const OrgUnit& parent, std::string code, std::string name, std::string kind,
                   std::string department, std::string region) -> StatusOr<OrgUnit> {
      NewOrgUnit u{parent.id,       std::move(code),       std::move(name),
                   std::move(kind), std::move(department), std::move(region)};
      RETURN_IF_ERROR(ValidateNewOrgUnit(u));
      return CreateOrgUnit(sql, u, SystemCaller(), clock);
    };
    ASSIGN_OR_RETURN(t.a, add(t.root, "county-a", "甲县局", "county_bureau", "", "330106"));
    ASSIGN_OR_RETURN(t.a1, add(t.a, "station-a1", "甲一所", "station", "", "330106"));
    ASSIGN_OR_RETURN(t.a2, add(t.a, "station-a2", "甲二所", "station", "", "330106"));
    ASSIGN_OR_RETURN(t.b, add(t.root, "county-b", "乙县局", "county_bureau", "", "330105"));
    ASSIGN_OR_RETURN(t.b1, add(t.b, "station-b1", "乙一所", "station", "", "330105"));
    ASSIGN_OR_RETURN(t.tax, add(t.root, "dept-tax", "税务局", "department", "tax", "330106"));
    return OkStatus();
  }));
  return t;
}

// A staff user of `unit` with `roles`, whose password is `password`.
inline StatusOr<User> AddStaff(storage::Database& db, const Clock& clock,
                               const PasswordHasher& hasher, std::string username, int64_t unit,
                               std::vector<RoleAssignment> roles,
                               const std::string& password = kTestPassword,
                               bool must_change = false) {
  NewUser u;
  u.username = std::move(username);
  u.display_name = "测试用户";
  u.kind = UserKind::kStaff;
  u.org_unit_id = unit;
  u.roles = std::move(roles);
  u.must_change_password = must_change;
  RETURN_IF_ERROR(ValidateNewUser(u));
  ASSIGN_OR_RETURN(std::string hash, hasher.Hash(password));
  User out;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, CreateUser(sql, u, hash, SystemCaller(), clock));
    return OkStatus();
  }));
  return out;
}

// An applicant (no unit) acting for `uscc` (may be empty).
inline StatusOr<User> AddApplicant(storage::Database& db, const Clock& clock,
                                   const PasswordHasher& hasher, std::string username,
                                   std::string uscc = "") {
  NewUser u;
  u.username = std::move(username);
  u.display_name = "申请人";
  u.kind = UserKind::kApplicant;
  u.entity_uscc = std::move(uscc);
  u.must_change_password = false;
  RETURN_IF_ERROR(ValidateNewUser(u));
  ASSIGN_OR_RETURN(std::string hash, hasher.Hash(kTestPassword));
  User out;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, CreateUser(sql, u, hash, SystemCaller(), clock));
    return OkStatus();
  }));
  return out;
}

// How many audit records carry `action`.
inline long long CountAudit(storage::Database& db, const std::string& action) {
  long long n = -1;
  (void)db.ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = :a", soci::use(action), soci::into(n);
    return OkStatus();
  });
  return n;
}

// The text of every audit record, for checks that secrets never appear.
inline std::string AllAuditText(storage::Database& db) {
  std::string out;
  (void)db.ReadTransaction([&](soci::session& sql) {
    soci::rowset<std::string> rows = (sql.prepare << "SELECT summary FROM audit_log");
    for (const std::string& s : rows) out += s + "\n";
    return OkStatus();
  });
  return out;
}

}  // namespace amr::identity::testing
