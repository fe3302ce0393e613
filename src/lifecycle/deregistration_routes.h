// SPDX-License-Identifier: MulanPSL-2.0
// The HTTP API of restrictions, 简易注销 and 一屏注销 (docs/lifecycle.md
// section "simplified"; docs/api.md):
//
//   GET  /api/v1/entities/{uscc}/restrictions             entities.read_private
//   POST /api/v1/entities/{uscc}/restrictions             restrictions.write  record
//   POST /api/v1/entities/{uscc}/restrictions/{id}/lift   restrictions.write
//   GET  /api/v1/entities/{uscc}/simplified-deregistration/eligibility
//                                                         registration.apply  (?procedure=)
//   GET  /api/v1/registration/entities/{uscc}/deregistration-eligibility
//                                                         entities.read_private  staff's view
//   POST /api/v1/deregistrations/simplified               registration.apply  apply, notice starts
//   GET  /api/v1/deregistrations/simplified/{id}          registration.apply
//   POST /api/v1/deregistrations/simplified/{id}/completion  registration.apply
//   GET  /api/v1/notices/simplified-deregistrations       public  (?state=current|closed)
//   GET  /api/v1/notices/simplified-deregistrations/{id}  public
//   POST /api/v1/notices/simplified-deregistrations/{id}/objections  public  anyone objects,
//                                                         with a mobile phone confirmed by code
//   POST /api/v1/registration/simplified-deregistrations/{id}/objections/{objection_id}/set-aside
//                                                         registration.review  not an objection
//   POST /api/v1/department/simplified-deregistrations/{id}/objections
//                                                         department_queue.work
//   POST /api/v1/deregistrations/one-screen               registration.apply
//   GET  /api/v1/deregistrations/one-screen/{id}          registration.apply
//   GET  /api/v1/department/deregistrations               department_queue.work  the queue
//   POST /api/v1/department/deregistrations/{id}/objection|clear  department_queue.work
//   GET  /api/v1/deregistrations/stats                    stats.read  figures (scoped)
//
// Writes honour Idempotency-Key (identity::RunWrite).
//
// Thread-safety: the routes share `service`; `db` and `clock` outlive the router.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "http/router.h"
#include "lifecycle/simplified.h"
#include "storage/database.h"

namespace amr::lifecycle {

// The region-code prefixes whose figures the caller may read (cli::App's
// StatsRegions): "" for all.
using StatsRegionScope = std::function<StatusOr<std::vector<std::string>>(const http::Request&)>;

// Confirms that the code sent to a mobile phone came back (accounts/
// phone_code_service.h Confirm for the "objection" purpose): OK, or the
// error to answer (field "code" or "phone").
using PhoneConfirm = std::function<Status(const std::string& phone, const std::string& code)>;

// A public objection needs `confirm_phone` (must be set).
void AddDeregistrationRoutes(http::Router& router, storage::Database& db,
                             std::shared_ptr<const DeregistrationService> service,
                             StatsRegionScope stats_scope, const Clock& clock,
                             PhoneConfirm confirm_phone);

}  // namespace amr::lifecycle
