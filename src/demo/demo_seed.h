// SPDX-License-Identifier: MulanPSL-2.0
// The demo county: a living system for newcomers (`amr serve --demo`).
//
// Seeds 杭州市西湖区 under the root of the org tree ("本平台"): its bureau chain
// (province → city → county → six supervision stations and the service hall's
// window), the departments 企业开办 routes to (tax, seal, social and medical
// insurance, housing fund, banks) and others (urban management, health), their
// staff, a login for each staff member with the role its title calls for
// (docs/security.md lists them), and a few thousand synthetic market entities.
// Every demo login uses identity::kDemoPassword: demo data only, never a real
// store. Runs only on an empty store; the same seed always gives the same data.
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "common/status.h"
#include "identity/password.h"
#include "storage/database.h"

namespace amr::demo {

inline constexpr const char* kDemoCounty = "330106";

struct DemoSummary {
  bool seeded = false;  // false if the store already held data
  int org_units = 0;
  int staff = 0;
  int users = 0;  // demo logins, all with identity::kDemoPassword
  int entities = 0;
};

// A user name of the demo county, for messages ("330106-amr-01", the 局长).
inline constexpr const char* kDemoLeaderUsername = "330106-amr-01";
// Applicant logins of the demo: demo-applicant-01 … -04 (申请人, no org unit).
// The fourth runs two older enterprises of the county (credit_demo.h): the
// annual report and the 经营异常名录 can be tried with it at once.
inline constexpr const char* kDemoApplicantPrefix = "demo-applicant-";
inline constexpr int kDemoApplicants = 4;
inline constexpr const char* kDemoHolderUsername = "demo-applicant-04";
// Their citizen IDs (GB 11643, valid check digits; docs/security.md): an
// applicant who files for a business it runs itself is the licence's holder.
inline constexpr const char* kDemoApplicantCitizenIds[kDemoApplicants] = {
    "33010619800315001X", "330106198507220122", "330102199011080233", "330106197603150043"};

// One transaction: either all of the demo data is written or none. `hasher`
// hashes the demo password (once: every demo login shares the hash).
StatusOr<DemoSummary> SeedDemo(storage::Database& db, const identity::PasswordHasher& hasher,
                               const Clock& clock, int entity_count = 3000);

// Whether the store holds the demo county (its bureau's org unit exists).
StatusOr<bool> IsDemoStore(storage::Database& db);

}  // namespace amr::demo
