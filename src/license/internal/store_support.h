// SPDX-License-Identifier: MulanPSL-2.0
// What the licence store's files share; not for other contexts.
#pragma once

#include <soci/soci.h>

#include <string_view>

#include "common/status.h"

namespace amr::license::internal {

// NotFound (field "uscc") unless `uscc` has a licence.
Status RequireLicense(soci::session& sql, std::string_view uscc);

}  // namespace amr::license::internal
