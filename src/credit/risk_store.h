// SPDX-License-Identifier: MulanPSL-2.0
// Where credit risk classifications are kept (table credit_risk, migrations
// 0027 and 0034; the current class in entity.credit_class) and what the store knows
// of each entity for the indicators. Functions take the caller's session;
// they neither check permissions nor audit (risk_service.h does).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "credit/risk.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

// One batch of the classification: at most `limit` entities 存续 or 歇业
// whose USCC comes after `after` ("" = from the first), in USCC order as the
// database orders text (the entity's primary key), with what this context
// holds: the report of `report_year` (the last year whose window has closed)
// — missing when the entity existed by that year's end and has not filed,
// late when first filed after the window — and its 经营异常名录 and
// 严重违法失信名单 records. Each read is bounded by the batch's range of
// USCCs, so memory and time follow `limit`, not the register.
StatusOr<std::vector<RiskFacts>> LoadRiskFacts(soci::session& sql, int report_year,
                                               const std::string& after, int limit);

// Stores the classifications of `on` of one batch, `batch` in USCC order,
// and sets each entity's current class. Every classification of that day
// with a USCC after `after` and up to `last` (to the end when nullopt) is
// replaced, so that batches covering the whole range of USCCs replace a run
// of the same day, entities no longer 存续 or 歇业 included, and never
// duplicate it.
Status SaveClassifications(soci::session& sql, const Date& on, const Date& rule_from,
                           const std::string& after, const std::optional<std::string>& last,
                           const std::vector<Classification>& batch);

struct StoredClassification {
  Date classified_on = Date::FromSysDays({});
  char letter = 'B';
  int points = 0;
  nlohmann::json hits = nlohmann::json::array();
  Date rule_from = Date::FromSysDays({});
};
// The entity's classifications, newest first (at most `limit`).
StatusOr<std::vector<StoredClassification>> RiskHistory(soci::session& sql, const std::string& uscc,
                                                        int limit);

// Entities 存续 or 歇业 by current class, per registration authority under
// one of `paths`.
struct UnitDistribution {
  int64_t unit_id = 0;
  std::string unit_name;
  int64_t counts[4] = {0, 0, 0, 0};  // A, B, C, D
};
StatusOr<std::vector<UnitDistribution>> RiskDistribution(soci::session& sql,
                                                         const std::vector<std::string>& paths);

}  // namespace amr::credit
