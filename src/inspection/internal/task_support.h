// SPDX-License-Identifier: MulanPSL-2.0
// What the task store's files share (task_store.cc, draw_store.cc); not for other contexts.
#pragma once

#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/principal.h"
#include "inspection/draw/draw.h"
#include "inspection/task_store.h"

namespace amr::inspection::internal {

// Appends the audit entry of a plan's or task's state change, by `caller`.
Status Audit(soci::session& sql, const identity::Caller& caller, std::string_view permission,
             const std::string& unit_path, std::string action, std::string type, int64_t id,
             nlohmann::json before, nlohmann::json after, const Clock& clock);
// The pool as stored, in position order.
std::vector<PoolEntry> StoredPool(soci::session& sql, int64_t task_id);
// The officer snapshot taken at the draw: everything AssignOfficers read.
nlohmann::json SnapshotJson(const std::vector<OfficerCandidate>& officers,
                            const std::vector<VisitRequest>& visits, int per_visit);
// The id of the row of `table` whose `key_col` is `key` in the task.
StatusOr<int64_t> InsertedId(soci::session& sql, const char* table, const char* key_col,
                             const std::string& key, long long task_id);

}  // namespace amr::inspection::internal
