// SPDX-License-Identifier: MulanPSL-2.0
// The HTTP API of 歇业 and 一般注销 (docs/lifecycle.md, sections "suspension"
// and "ordinary"). Applicants (the entity's e-licence administrators or
// agents authorised for the task) use the plain paths; window clerks file for
// them under /api/v1/window/… within their county (registration.accept).
//
//   POST /api/v1/entities/{uscc}/suspensions                      registration.apply
//   POST /api/v1/window/entities/{uscc}/suspensions               registration.accept
//   POST …/suspensions/{id}/extension, …/suspensions/{id}/resumption (both prefixes)
//   GET  /api/v1/entities/{uscc}/suspensions                      public: periods + 3-year budget
//   GET  /api/v1/notices/suspensions                              public notice list
//
//   POST /api/v1/entities/{uscc}/liquidation                      registration.apply  清算组备案
//   POST /api/v1/window/entities/{uscc}/liquidation               registration.accept
//   GET  /api/v1/liquidations/{id}                                public: steps, deadlines
//   GET  /api/v1/entities/{uscc}/liquidation-rules                public: the steps, periods and
//                                                                 documents for its form
//   POST /api/v1/liquidations/{id}/creditor-notice|public-notice|report|application
//   POST /api/v1/window/liquidations/{id}/creditor-notice|public-notice|report|application
//   POST /api/v1/liquidations/{id}/claims                         public (rate-limited) 债权申报
//   POST /api/v1/liquidations/{id}/tax-clearance                  department_queue.work
//   POST /api/v1/liquidations/{id}/decision                       registration.review
//   GET  /api/v1/notices/liquidations                             public notice list
//
// Writes honour Idempotency-Key (identity::RunWrite).
//
// Thread-safety: `db` and `clock` must outlive the router; the hooks are copied.
#pragma once

#include "codes/calendar.h"
#include "common/clock.h"
#include "http/router.h"
#include "lifecycle/deregister.h"
#include "storage/database.h"

namespace amr::lifecycle {

void AddSuspensionRoutes(http::Router& router, storage::Database& db, const Clock& clock);
// `calendar` (the calendar in force) must outlive the router.
void AddLiquidationRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                          const codes::CalendarSource& calendar, DeregistrationHooks hooks);

}  // namespace amr::lifecycle
