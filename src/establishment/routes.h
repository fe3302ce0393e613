// SPDX-License-Identifier: MulanPSL-2.0
// The 企业开办 HTTP API (docs/api.md, docs/registration.md):
//
//   POST /api/v1/establishments                        registration.apply   submit (own)
//   POST /api/v1/window/establishments                 registration.accept  submit at the window
//   GET  /api/v1/establishments/stats                  stats.read           figures (scoped)
//   GET  /api/v1/establishments/{id}                   registration.apply   own application
//   POST /api/v1/establishments/{id}/steps/{step_id}/resubmit
//                                                      registration.apply   fix a returned step
//   GET  /api/v1/registration/queue                    registration.review  registrar's queue
//   GET  /api/v1/registration/applications/{id}        registration.review
//   POST /api/v1/registration/applications/{id}/claim|approve|reject
//   GET  /api/v1/department/steps                      department_queue.work
//   POST /api/v1/department/steps/{id}/claim|complete|return
//   GET  /api/v1/department/notices                    department_queue.work  双告知
//   POST /api/v1/department/notices/{id}/claim|return
//
// Writes honour Idempotency-Key (identity::RunWrite).
//
// Thread-safety: the routes share `service` (kept alive by the router);
// `db` and `clock` must outlive the router.
#pragma once

#include <memory>

#include "common/clock.h"
#include "establishment/service.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::establishment {

// `figures`, when given, is where the figures (GET …/stats) are read: the
// composition root's read replica (docs/operations.md); `db` otherwise.
void AddEstablishmentRoutes(http::Router& router, storage::Database& db,
                            std::shared_ptr<const EstablishmentService> service, const Clock& clock,
                            storage::Database* figures = nullptr);

}  // namespace amr::establishment
