// SPDX-License-Identifier: MulanPSL-2.0
// The org-unit paths a caller holds `permission` at, without those inside
// another of them (so that counting over each path counts nothing twice);
// empty for no principal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

std::vector<std::string> OutermostScopes(const identity::Caller& caller,
                                         std::string_view permission);

// Whether the caller may act for the entity under credit.file: one of its
// e-licence administrators or agents authorised for the task annual_report
// (applicants), or staff holding credit.file over `authority_path` (the
// window entering a paper form). PermissionDenied says who may, ending with
// `what` ("申请信用修复").
Status MayActForEntity(soci::session& sql, const identity::Caller& caller, const std::string& uscc,
                       const std::string& authority_path, Clock::TimePoint now,
                       std::string_view what);

}  // namespace amr::credit
