// SPDX-License-Identifier: MulanPSL-2.0
// The demo county: a living system for newcomers (`amr serve --demo`).
//
// Seeds 杭州市西湖区 with its bureau chain (province → city → county → six
// supervision stations), the departments 企业开办 routes to (tax, seal, social
// and medical insurance, housing fund, a bank) and others (urban management,
// health), their staff, and a few thousand synthetic market entities. Runs only
// on an empty store; the same seed always gives the same data.
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::demo {

inline constexpr const char* kDemoCounty = "330106";

struct DemoSummary {
  bool seeded = false;  // false if the store already held data
  int org_units = 0;
  int staff = 0;
  int entities = 0;
};

// One transaction: either all of the demo data is written or none.
StatusOr<DemoSummary> SeedDemo(storage::Database& db, const Clock& clock, int entity_count = 3000);

}  // namespace amr::demo
