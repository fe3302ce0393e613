// SPDX-License-Identifier: MulanPSL-2.0
#include "workbench/todo.h"

#include "identity/roles.h"

namespace amr::workbench {

StatusOr<std::map<std::string, int64_t>> TodoService::Counts(const identity::Caller& caller) const {
  if (caller.principal == nullptr) return UnauthenticatedError("请先登录");
  std::map<std::string, int64_t> out;
  for (const TodoSource& s : sources_) {
    // "authenticated": every logged-in user (the unread messages).
    if (s.permission != identity::kAuthenticatedPermission && !caller.principal->Can(s.permission))
      continue;
    ASSIGN_OR_RETURN(int64_t n, s.count(caller));
    out[s.menu] += n;
  }
  return out;
}

}  // namespace amr::workbench
