// SPDX-License-Identifier: MulanPSL-2.0
// Where the 严重违法失信名单 is kept (table serious_listing, migration 0028).
// Functions take the caller's session; no permission checks, no audit
// (serious_service.h does both).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "credit/serious.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

// Proposals for every 经营异常名录 listing still current and listed on or
// before `listed_by` (not 经营异常状态: individual businesses never escalate)
// that has none yet; returns them.
StatusOr<std::vector<SeriousListing>> ProposeEscalations(soci::session& sql, const Date& listed_by,
                                                         const Date& today, const std::string& now);

// Current listings (not individual businesses) listed in (from, to]: those
// to be reminded that they will be proposed; USCC, name, listing id and day.
struct EscalationDue {
  std::string uscc, name;
  int64_t listing_id = 0;
  Date listed_on = Date::FromSysDays({});
};
StatusOr<std::vector<EscalationDue>> ListingsListedBetween(soci::session& sql, const Date& after,
                                                           const Date& until);

// Listings whose period ended before `today` (listed_until < today).
StatusOr<std::vector<SeriousListing>> ExpiredSerious(soci::session& sql, const Date& today);

// A proposal the authority makes (state proposed); its id. AlreadyExists
// "source" when one comes from the same record.
StatusOr<int64_t> InsertSerious(soci::session& sql, const SeriousListing& s,
                                const std::string& now);
StatusOr<SeriousListing> GetSerious(soci::session& sql, int64_t id);  // NotFound "id"
Status SaveSerious(soci::session& sql, const SeriousListing& s);
StatusOr<std::vector<SeriousListing>> SeriousOf(soci::session& sql, const std::string& uscc);
// Proposed and noticed ones whose authority lies under one of `paths`.
StatusOr<std::vector<SeriousListing>> SeriousQueue(soci::session& sql,
                                                   const std::vector<std::string>& paths);

}  // namespace amr::credit
