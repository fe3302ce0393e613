// SPDX-License-Identifier: MulanPSL-2.0
// HTTP routes of 双随机、一公开 (docs/inspection.md has bodies and answers).
//
//   GET  /api/v1/inspection/settings                        inspection.task.read
//   GET  /api/v1/inspection/library/{kind}?org_unit_id=     inspection.library.read
//   POST /api/v1/inspection/library/{kind}/import  (CSV)     inspection.library.write
//   POST /api/v1/inspection/plans                            inspection.plan.write
//   POST /api/v1/inspection/plans/{id}/file                  inspection.plan.write
//   POST /api/v1/inspection/tasks                            inspection.plan.write
//   GET  /api/v1/inspection/tasks                            inspection.task.read
//   GET  /api/v1/inspection/tasks/{id}                       inspection.task.read
//   POST /api/v1/inspection/tasks/{id}/pool                  inspection.draw
//   POST /api/v1/inspection/tasks/{id}/draw                  inspection.draw
//   GET  /api/v1/inspection/visits?task_id=                  inspection.task.read
//   PUT  /api/v1/inspection/visits/{id}/result               inspection.task.write
//   POST /api/v1/inspection/visits/{id}/case-lead            inspection.task.write
//   GET  /api/v1/inspection/stats?from=&to=&org_unit_id=     stats.read
//   GET  /api/v1/public/inspection/tasks/{id}/draw           public
//   GET  /api/v1/entities/{uscc}/inspections                 public
//
// {kind} is items, targets or officers. Data scope: records of units outside
// the caller's subtree answer 403; an inspector's visit list holds only the
// visits assigned to them, and only they may enter its result.
#pragma once

#include "codes/calendar.h"
#include "common/clock.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::inspection {

// `db`, `clock` and `calendar` (the working-day calendar in force) must
// outlive the router.
void AddInspectionRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                         const codes::CalendarSource& calendar);

namespace internal {
void AddLibraryRoutes(http::Router& router, storage::Database& db, const Clock& clock);
}  // namespace internal

}  // namespace amr::inspection
