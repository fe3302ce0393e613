// SPDX-License-Identifier: MulanPSL-2.0
// Credit records for the demo county (`amr serve --demo`, after the demo
// seed): the reports of the last year whose window has closed, filed by about
// as many entities as the seeds report (86.04 % of enterprises, 76.09 % of
// cooperatives, 86.25 % of individual businesses; the four years before, by
// every entity, on time), then that year's no-report
// batch as it would have run on the first working day after the window. The
// applicant `holder_username` receives the electronic licences of the
// entities whose legal representative they are (the demo seed makes two):
// the first filed, the second did not and is listed, so the annual report and
// the removal can be tried at once. Same data for the same
// store and day; runs once (nothing when any report exists).
//
// Thread-safety: one transaction.
#pragma once

#include <string>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::credit {

struct CreditDemoSummary {
  int year = 0;
  int64_t filed = 0;
  int64_t listed = 0;
};

StatusOr<CreditDemoSummary> SeedCreditDemo(storage::Database& db, const Clock& clock,
                                           const codes::CalendarSource& calendar,
                                           const std::string& holder_username);

}  // namespace amr::credit
