// SPDX-License-Identifier: MulanPSL-2.0
// The org-unit paths a caller holds `permission` at, without those inside
// another of them (so that counting over each path counts nothing twice);
// empty for no principal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "identity/caller.h"

namespace amr::credit {

std::vector<std::string> OutermostScopes(const identity::Caller& caller,
                                         std::string_view permission);

}  // namespace amr::credit
