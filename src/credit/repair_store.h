// SPDX-License-Identifier: MulanPSL-2.0
// Where penalty publications and repair applications are kept (tables
// penalty_publication and repair_application, migration 0031). Functions take
// the caller's session; no permission checks, no audit (repair_service.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "credit/repair.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

// The new publication's id; the one already kept for the same entity and
// decision number, with `created` false.
struct InsertedPenalty {
  int64_t id = 0;
  bool created = true;
};
StatusOr<InsertedPenalty> InsertPenalty(soci::session& sql, const PenaltyPublication& p,
                                        const std::string& now);
StatusOr<PenaltyPublication> GetPenalty(soci::session& sql, int64_t id);  // NotFound "record_id"
Status SavePenalty(soci::session& sql, const PenaltyPublication& p);
// Every publication of the entity, newest decision first.
StatusOr<std::vector<PenaltyPublication>> PenaltiesOf(soci::session& sql, const std::string& uscc);
// Whether the entity has a penalty of `tier` decided after `after`.
StatusOr<bool> PenaltyOfTierAfter(soci::session& sql, const std::string& uscc,
                                  const std::string& tier, const Date& after);

StatusOr<int64_t> InsertRepair(soci::session& sql, const RepairApplication& a,
                               const std::string& now);
StatusOr<RepairApplication> GetRepair(soci::session& sql, int64_t id);  // NotFound "id"
Status SaveRepair(soci::session& sql, const RepairApplication& a);
// The applications of the entity, newest first.
StatusOr<std::vector<RepairApplication>> RepairsOf(soci::session& sql, const std::string& uscc);
// The pending application for a record, if any.
StatusOr<std::optional<RepairApplication>> PendingRepair(soci::session& sql, RepairRecord record,
                                                         int64_t record_id);
// Pending applications whose authority lies under one of `paths`, oldest due first.
StatusOr<std::vector<RepairApplication>> RepairQueue(soci::session& sql,
                                                     const std::vector<std::string>& paths);
// Repairs decided in `year` by kind of entity: approved applications plus
// 经营异常名录 removals on cure (not on deregistration), under `paths`.
struct RepairCounts {
  int64_t enterprise = 0, cooperative = 0, individual_business = 0;
  int64_t total() const { return enterprise + cooperative + individual_business; }
};
StatusOr<RepairCounts> RepairFigures(soci::session& sql, int year,
                                     const std::vector<std::string>& paths);

}  // namespace amr::credit
