// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes for the national codes and the working-day calendar:
//   GET /api/v1/codes/uscc/{code}        check a USCC
//   GET /api/v1/codes/regions/{code}     a region, its name chain and children
//   GET /api/v1/codes/industries         GB/T 4754 sections and divisions
//   GET /api/v1/calendar/workdays?from=YYYY-MM-DD&add=N  ("provisional": true when the
//                                        date depends on a year not yet entered)
// All are public: they disclose reference data only.
#pragma once

#include "codes/calendar.h"
#include "http/router.h"

namespace amr::codes {

// `calendar` (the calendar in force) must outlive the router.
void AddCodeRoutes(http::Router& router, const CalendarSource& calendar);

}  // namespace amr::codes
