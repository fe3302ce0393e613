// SPDX-License-Identifier: MulanPSL-2.0
// GET /api/v1/public/inspection/draws: the published draws for the public
// (public_draws.h). Routes only translate.
#pragma once

#include <memory>

#include "http/router.h"
#include "inspection/public_draws.h"

namespace amr::inspection {

// `anonymous`, when given, answers callers who are not logged in (the
// composition root builds it on a read replica, docs/operations.md).
void AddPublicDrawRoutes(http::Router& router, std::shared_ptr<const PublicDrawService> service,
                         std::shared_ptr<const PublicDrawService> anonymous = nullptr);

}  // namespace amr::inspection
