// SPDX-License-Identifier: MulanPSL-2.0
// Inspection data for the demo county, for the demo seed to call after it has
// written its org tree and staff (src/demo):
//   - items of the county bureau (`bureau_code`) and, when those units exist,
//     of 城市管理 and 卫生健康 (`<county>-urban`, `<county>-health`), so a joint
//     task can be planned at once;
//   - an officer for every login holding the role `inspector`, in the bureau
//     department, at the station the role is held at;
//   - one draft annual plan of the bureau for the current year.
// One transaction; FailedPrecondition if the bureau unit does not exist,
// AlreadyExists if its demo items are already there.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::inspection {

struct InspectionDemoSummary {
  int items = 0;
  int officers = 0;
  int64_t plan_id = 0;
};

StatusOr<InspectionDemoSummary> SeedInspectionDemo(storage::Database& db, const Clock& clock,
                                                   const std::string& bureau_code = "330106-amr");

}  // namespace amr::inspection
