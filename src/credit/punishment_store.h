// SPDX-License-Identifier: MulanPSL-2.0
// What 联合惩戒 reads and keeps (tables punishment_query and
// punishment_feedback, migration 0029; the lists of this context). Functions
// take the caller's session; no permission checks, no audit
// (punishment_service.h does both).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "credit/punishment.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

// The entity and where it stands on the lists; nullopt if not registered.
StatusOr<std::optional<PartyStanding>> StandingOf(soci::session& sql, const std::string& uscc);
// The entities whose legal representative holds `citizen_id` and that were
// ever put on the 严重违法失信名单.
StatusOr<std::vector<PartyStanding>> SeriousEntitiesRepresentedBy(soci::session& sql,
                                                                  const std::string& citizen_id);
// The region code of an org unit ("" when it has none).
StatusOr<std::string> UnitRegion(soci::session& sql, int64_t unit_id);

struct StoredQuery {
  int64_t id = 0, user_id = 0;
  std::vector<std::string> measures;
};
StatusOr<int64_t> InsertQuery(soci::session& sql, int64_t user_id, int64_t unit_id,
                              const std::string& party_kind, const std::string& party,
                              const std::vector<std::string>& measures, const std::string& now);
StatusOr<StoredQuery> GetQuery(soci::session& sql, int64_t id);  // NotFound "id"
// FailedPrecondition "measure_id" when reported already.
Status InsertFeedback(soci::session& sql, int64_t query_id, const std::string& measure_id,
                      bool applied, const std::string& note, const std::string& now);

struct FeedbackCount {
  std::string measure_id;
  int64_t applied = 0, not_applied = 0;
};
struct PunishmentFigures {
  int64_t queries = 0;
  std::vector<FeedbackCount> feedback;
};
StatusOr<PunishmentFigures> PunishmentFiguresOf(soci::session& sql);

}  // namespace amr::credit
