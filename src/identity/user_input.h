// SPDX-License-Identifier: MulanPSL-2.0
// The rules for what people type into identity records: usernames, names,
// org-unit codes. Everything that passes is stored verbatim (and rendered
// escaped by every reader); everything else is refused with a Chinese message
// naming the field, before anything is written.
//
// Names may hold any printable Unicode text (Chinese, emoji, quotes, "<",
// SQL fragments: they are data, never code). Refused everywhere, by the one
// character rule of common/text_rules.h: invalid UTF-8, control characters
// (NUL included), the bidirectional formatting characters (U+200E/F,
// U+202A–U+202E, U+2066–U+2069, U+061C), which can make a name display as a
// different one, and invisible format characters.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "identity/principal.h"
#include "identity/roles.h"

namespace amr::identity {

// 3–64 characters of a–z, 0–9, '.', '_', '-', '@', starting with a letter or
// digit. Lower case only, so "Admin" and "admin" cannot both exist.
Status CheckUsername(std::string_view username, std::string_view field = "username");

// Printable text of 1..max_chars characters after trimming (see above).
// Returns the trimmed text.
StatusOr<std::string> CheckName(std::string_view text, std::string_view field, size_t max_chars,
                                std::string_view what);

// An org unit's code: 1–40 characters of A–Z, a–z, 0–9, '-', '_'.
Status CheckOrgUnitCode(std::string_view code, std::string_view field = "code");

// province_bureau | city_bureau | county_bureau | station | service_hall |
// department | platform (the root only).
Status CheckOrgUnitKind(std::string_view kind, std::string_view field = "kind");

// A department identifier ("tax", "seal", …): lower-case snake_case, 1–40
// characters; required (and only allowed) for kind "department".
Status CheckDepartment(std::string_view kind, std::string_view department,
                       std::string_view field = "department");

// A client-chosen Idempotency-Key: 1–200 printable ASCII characters.
Status CheckIdempotencyKey(std::string_view key);

struct RoleAssignment {
  Role role = Role::kApplicant;
  int64_t org_unit_id = 0;
  friend bool operator==(const RoleAssignment&, const RoleAssignment&) = default;
  friend auto operator<=>(const RoleAssignment& a, const RoleAssignment& b) {
    if (a.role != b.role) return a.role <=> b.role;
    return a.org_unit_id <=> b.org_unit_id;
  }
};

// Staff roles need an org unit; `applicant` is never assigned (it comes with
// the user kind). Duplicates are refused, and so are `admin` and `auditor`
// together (三员分立). Sorted on return.
StatusOr<std::vector<RoleAssignment>> CheckRoleAssignments(std::vector<RoleAssignment> roles,
                                                           UserKind kind);

// The fields of a user to create, as validated input.
struct NewUser {
  std::string username;
  std::string display_name;
  UserKind kind = UserKind::kStaff;
  std::optional<int64_t> org_unit_id;  // required for staff
  std::optional<int64_t> staff_id;
  std::string entity_uscc;  // applicants only, optional
  std::string citizen_id;   // applicants only, optional
  std::vector<RoleAssignment> roles;
  bool must_change_password = true;
};

// The fields of an org unit to create, as validated input. New units always
// have a parent: the root is made once, at the first start (bootstrap.h).
struct NewOrgUnit {
  int64_t parent_id = 0;
  std::string code;
  std::string name;
  std::string kind;
  std::string department;
  std::string region_code;  // GB/T 2260, on the list in data/regions.csv
};

// Checks every field of `unit` and normalises it (trimmed name).
Status ValidateNewOrgUnit(NewOrgUnit& unit);

// A unit's region must lie within its parent's (the parent's code itself or a
// region below it in GB/T 2260), so that a unit's data scope, which leaders'
// statistics follow, can never be wider than its parent's. A parent without a
// region (the platform's root) allows any. InvalidArgument naming `field`.
Status CheckRegionWithin(std::string_view parent_region, std::string_view region,
                         std::string_view field = "region_code");

// Checks every field of `user` (not the password, not whether the org units
// exist) and normalises it (trimmed name, sorted roles, folded codes).
Status ValidateNewUser(NewUser& user);

}  // namespace amr::identity
