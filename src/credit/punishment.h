// SPDX-License-Identifier: MulanPSL-2.0
// 联合惩戒 (docs/credit.md): a catalogue of measures as data
// (data/credit/punishments.json: field, legal basis, measure, requesting and
// executing departments, which list triggers it, whom it binds) and which
// measures are in force against a party given where it stands on the lists.
// Other departments query a party and report back what they applied
// (punishment_service.h). No SQL, no HTTP.
//
// Thread-safety: immutable after loading; MeasuresFor is pure.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace amr::credit {

struct PunishmentMeasure {
  enum class Subject { kEntity, kLegalRep };
  std::string id, field, measure, basis, requesting, executing;
  std::vector<std::string> lists;  // "serious", "abnormal"
  Subject subject = Subject::kEntity;
  int years = 0;  // kLegalRep: binds for so many years after the listing
};

class PunishmentCatalogue {
 public:
  // InvalidArgument (field "measures") naming the entry that is wrong.
  static StatusOr<PunishmentCatalogue> FromJson(const nlohmann::json& root);
  static const PunishmentCatalogue& Default();  // aborts if unreadable
  const std::vector<PunishmentMeasure>& measures() const { return measures_; }
  const PunishmentMeasure* Find(std::string_view id) const;

 private:
  std::vector<PunishmentMeasure> measures_;
};

// Where an entity stands on the lists today (credit store).
struct PartyStanding {
  std::string uscc, name, region_code;
  std::string abnormal_since;  // "" when not on the 经营异常名录 (or in the state)
  bool abnormal_status_only = false;
  std::string serious_since, serious_until;  // the decision and its last day; "" when never
  bool serious_current = false;
};

struct MeasureInForce {
  const PunishmentMeasure* measure = nullptr;
  std::string uscc;    // the entity whose listing triggers it
  std::string reason;  // "列入严重违法失信名单（2026-07-03 起）"
  std::string since;
  std::string ends_on;  // "" while the listing lasts (no fixed end)
};

// The measures binding the entity itself.
std::vector<MeasureInForce> MeasuresForEntity(const PartyStanding& party,
                                              const PunishmentCatalogue& catalogue);
// The measures binding a person as the legal representative of `entity`
// (a serious listing within the measure's years, on `today`).
std::vector<MeasureInForce> MeasuresForLegalRep(const PartyStanding& entity,
                                                const PunishmentCatalogue& catalogue,
                                                const Date& today);

nlohmann::json MeasureJson(const MeasureInForce& m);

}  // namespace amr::credit
