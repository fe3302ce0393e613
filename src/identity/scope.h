// SPDX-License-Identifier: MulanPSL-2.0
// The data-scope check handlers call before acting on something an org unit
// owns (principal.h explains scopes). Any context uses it:
//
//   RETURN_IF_ERROR(RequireScope(principal, perm::kInspectionTaskRead, task_unit_path));
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "common/status.h"
#include "identity/principal.h"

namespace amr::identity {

// OK if `principal` holds `permission` at a unit whose subtree contains the
// unit at `unit_path`; PermissionDenied otherwise. An empty `unit_path` (a
// record of no unit, such as an applicant's account) needs a root scope.
Status RequireScope(const Principal& principal, std::string_view permission,
                    std::string_view unit_path);

// The refusal RequireScope gives, for handlers that check in other ways.
Status OutOfScopeError();

}  // namespace amr::identity
