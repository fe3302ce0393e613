// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for the national codes and the working-day calendar:
//   GET /api/v1/codes/uscc/{code}        check a USCC
//   GET /api/v1/codes/regions/{code}     a region, its name chain and children
//   GET /api/v1/codes/industries         GB/T 4754 sections and divisions
//   GET /api/v1/calendar/workdays?from=YYYY-MM-DD&add=N
// All are public: they disclose reference data only.
#pragma once

#include "http/router.h"

namespace amr::codes {

void AddCodeRoutes(http::Router& router);

}  // namespace amr::codes
