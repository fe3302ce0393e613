// SPDX-License-Identifier: MulanPSL-2.0
// 联合惩戒 for other departments (punishment.h; docs/credit.md): an officer
// holding credit.punishment_query asks about a party — an entity by USCC, or
// a person by citizen ID — and gets the measures in force with their basis,
// reason and end; then reports back, per measure, whether it was applied.
// Scope: parties registered in the region of the officer's unit (a county
// department its county, a city's its city). Each query is kept (a person's
// ID masked) and audited as a read of personal data.
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "credit/punishment.h"
#include "credit/punishment_store.h"
#include "identity/caller.h"
#include "storage/database.h"

namespace amr::credit {

struct PunishmentAnswer {
  int64_t query_id = 0;
  std::string party_kind;  // "entity" | "person"
  std::string uscc, name;  // the entity (for an entity query)
  std::vector<MeasureInForce> measures;
};

class PunishmentService {
 public:
  PunishmentService(storage::Database& db, const Clock& clock,
                    const PunishmentCatalogue& catalogue = PunishmentCatalogue::Default());

  // Exactly one of `uscc` and `citizen_id` (InvalidArgument naming them
  // otherwise, or a malformed one). An entity outside the caller's region:
  // PermissionDenied; not registered: NotFound "uscc". A person: the
  // measures binding them as the legal representative of entities in scope.
  StatusOr<PunishmentAnswer> Query(const identity::Caller& caller, const std::string& uscc,
                                   const std::string& citizen_id);
  // What the caller's department did about one measure of its own query:
  // NotFound "id" for another's query, InvalidArgument "measure_id" for a
  // measure not in the answer, FailedPrecondition when reported already.
  Status Feedback(const identity::Caller& caller, int64_t query_id, const std::string& measure_id,
                  bool applied, const std::string& note);
  StatusOr<PunishmentFigures> Figures();
  const PunishmentCatalogue& catalogue() const { return catalogue_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
  const PunishmentCatalogue& catalogue_;
};

// The measures barring `citizen_id` from being the legal representative of
// another entity on `today` (measures binding the legal representative),
// wherever the listed entity is registered. 企业开办 refuses such a legal
// representative with BarMessage.
StatusOr<std::vector<MeasureInForce>> LegalRepBarsIn(
    soci::session& sql, const std::string& citizen_id, const Date& today,
    const PunishmentCatalogue& catalogue = PunishmentCatalogue::Default());
// "该法定代表人担任法定代表人的企业（USCC）列入严重违法失信名单（…起），依《…》，不得担任…（至
// …）".
std::string BarMessage(const MeasureInForce& m);

}  // namespace amr::credit
