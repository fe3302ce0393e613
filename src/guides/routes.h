// SPDX-License-Identifier: MulanPSL-2.0
// GET /api/v1/guides/{id}: a form's 办事指南 (public).
#pragma once

#include <memory>

#include "guides/guide.h"
#include "http/router.h"

namespace amr::guides {

void AddGuideRoutes(http::Router& router, std::shared_ptr<const GuideBook> book);

}  // namespace amr::guides
