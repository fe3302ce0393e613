// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/scope.h"

namespace amr::identity {

Status OutOfScopeError() { return PermissionDeniedError("该数据不在您的管辖范围内"); }

Status RequireScope(const Principal& principal, std::string_view permission,
                    std::string_view unit_path) {
  const bool ok = unit_path.empty() ? principal.HasRootScope(permission)
                                    : principal.InScope(permission, unit_path);
  return ok ? OkStatus() : OutOfScopeError();
}

}  // namespace amr::identity
