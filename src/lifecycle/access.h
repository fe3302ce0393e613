// SPDX-License-Identifier: MulanPSL-2.0
// Who may act on a registered entity's lifecycle (变更、歇业、受益所有人备案、
// 注销), checked the same way by every lifecycle use case:
//   - the platform and the command line (no principal): always;
//   - staff: `staff_permission` held at a unit whose subtree contains the
//     entity's registration authority (the county bureau of its region);
//   - applicants (perm::kRegistrationApply): only for an entity whose
//     electronic licence names them an administrator or whose authorisation
//     covers `task` today (license::IsAuthorized).
// Out of scope or not authorised: PermissionDenied (403). No such entity:
// NotFound naming "uscc". No county bureau for its region: FailedPrecondition.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

struct EntityAccess {
  registry::Entity entity;
  int64_t authority_org_unit_id = 0;  // the registration authority (county bureau)
  std::string authority_path;         // its materialised path, for scope and audit
};

// The county bureau registering entities of `region_code` (GB/T 2260).
struct Authority {
  int64_t id = 0;
  std::string path;
  std::string name;
};
StatusOr<Authority> AuthorityOfRegion(soci::session& sql, std::string_view region_code);

// Loads `uscc` and checks `caller` as above. `task` is a licence
// authorisation task ("change", "deregistration", ... license::AllTasks()).
StatusOr<EntityAccess> AuthorizeEntityAction(soci::session& sql, const identity::Caller& caller,
                                             std::string_view uscc,
                                             std::string_view staff_permission,
                                             std::string_view task, Clock::TimePoint now);

// The audit actor for `caller` acting on `access` (identity::ActorFor with the
// permission the caller used: `staff_permission` for staff, registration.apply
// for applicants).
audit::Actor ActorForEntity(const identity::Caller& caller, const EntityAccess& access,
                            std::string_view staff_permission);

}  // namespace amr::lifecycle
