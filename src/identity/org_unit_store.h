// SPDX-License-Identifier: MulanPSL-2.0
// The organisation tree in the store (table org_unit): province → city →
// county/district bureau → station, and the external departments, all under
// one root (kind "platform") made at the first start.
//
// Functions taking a soci::session run inside the caller's transaction.
// Errors: NotFound for a unit that does not exist; others from the store.
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "identity/user_input.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::identity {

struct OrgUnit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string code;
  std::string name;
  std::string kind;
  std::string department;
  std::string region_code;
  std::string path;  // "/1/3/"

  OrgUnitRef Ref() const { return {id, code, name, path}; }
};

StatusOr<OrgUnit> GetOrgUnit(soci::session& sql, int64_t id);
StatusOr<OrgUnit> GetOrgUnitByCode(soci::session& sql, std::string_view code);

// The units whose path starts with one of `scope_paths` (their subtrees), by
// path. An empty list gives nothing.
StatusOr<std::vector<OrgUnit>> OrgUnitsUnder(soci::session& sql,
                                             const std::vector<std::string>& scope_paths);
// The direct children of `id`, by code.
StatusOr<std::vector<OrgUnit>> ChildrenOf(soci::session& sql, int64_t id);
// The units on `unit`'s path above it, the root first.
StatusOr<std::vector<OrgUnit>> AncestorsOf(soci::session& sql, const OrgUnit& unit);

// The root of the tree: the unit of kind "platform" without a parent, else
// the first unit without a parent; nullopt in an empty store.
StatusOr<std::optional<OrgUnit>> FindRootOrgUnit(soci::session& sql);

// Creates the root "本平台" (code "root", kind "platform"), audited as
// "org_unit.create". FailedPrecondition if a unit without parent exists.
StatusOr<OrgUnit> CreateRootOrgUnit(soci::session& sql, const Caller& caller, const Clock& clock);

// Creates `unit` (validated with ValidateNewOrgUnit) and its audit record.
// Whether the caller may create it under its parent is the caller's check.
// Errors: InvalidArgument (field "parent_id") if the parent does not exist;
// AlreadyExists (field "code") if the code is taken.
StatusOr<OrgUnit> CreateOrgUnit(soci::session& sql, const NewOrgUnit& unit, const Caller& caller,
                                const Clock& clock);

}  // namespace amr::identity
