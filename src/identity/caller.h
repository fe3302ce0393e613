// SPDX-License-Identifier: MulanPSL-2.0
// Who is making a change, for the audit record the change writes.
//
// Thread-safety: values.
#pragma once

#include <string>
#include <string_view>

#include "audit/audit_log.h"
#include "identity/principal.h"

namespace amr::identity {

// The party behind a use case: a logged-in principal (over HTTP), or nobody
// for the platform itself and the command line (principal == nullptr).
struct Caller {
  const Principal* principal = nullptr;
  std::string ip;
  std::string request_id;
  // Without a principal: the audit username ("system", "cli:root").
  std::string name = "system";
};

// The audit actor for `caller` exercising `permission` on a target owned by
// the unit at `unit_path` (empty: no particular unit): the role and unit are
// those of the grant that allowed it.
audit::Actor ActorFor(const Caller& caller, std::string_view permission,
                      std::string_view unit_path = {});

}  // namespace amr::identity
