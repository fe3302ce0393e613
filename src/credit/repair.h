// SPDX-License-Identifier: MulanPSL-2.0
// Credit repair (信用修复) and the publication of administrative penalties
// (docs/credit.md). A published penalty belongs to a tier of the rules
// (data/credit/repair.json: 轻微, 一般, 严重) that sets how long it stays
// public and how soon its party may apply to repair it; the rules of the
// penalty's date apply (总局令第107号 from 2025-12-25, the 2021 rules before).
// One application form serves each kind of record — a penalty publication, a
// 严重违法失信名单 listing (and, through the listing's own removal, the
// 经营异常名录) — and its conditions are read item by item: those the platform
// can verify itself (time, no new heavy penalty, the reports filed) and those
// the applicant attests with evidence (obligations fulfilled, the commitment),
// which the authority verifies. No SQL, no HTTP.
//
// Thread-safety: RepairRules is immutable after loading; the rest are values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/deadline.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::credit {

struct PenaltyTier {
  std::string id, name;
  codes::PeriodRule public_period;               // stops showing after it
  std::optional<codes::PeriodRule> apply_after;  // none: no application (or none allowed)
  std::vector<std::pair<std::string, codes::PeriodRule>> apply_after_by_field;
  bool repairable = true;  // false: never repaired, only ended by its period
};

struct RepairRuleVersion {
  Date effective_from = Date::FromSysDays({});
  std::string source;
  codes::PeriodRule decision_limit;     // working days to decide an application
  codes::PeriodRule publication_limit;  // a penalty published within it of the decision
  std::vector<PenaltyTier> tiers;
  codes::PeriodRule serious_list_apply_after;  // 严重违法失信名单: listed so long first
  const PenaltyTier* Tier(std::string_view id) const;
};

class RepairRules {
 public:
  struct Named {
    std::string id, name;
    bool published = true;  // penalty kinds: false for a warning
  };
  static StatusOr<RepairRules> FromJson(const nlohmann::json& root);
  static const RepairRules& Default();  // aborts with the reason if unreadable

  // FailedPrecondition "date" before the first version.
  StatusOr<const RepairRuleVersion*> At(const Date& on) const;
  const std::vector<Named>& kinds() const { return kinds_; }
  const std::vector<Named>& fields() const { return fields_; }
  const Named* Kind(std::string_view id) const;
  const Named* Field(std::string_view id) const;
  const std::vector<RepairRuleVersion>& versions() const { return versions_; }

 private:
  std::vector<Named> kinds_, fields_;
  std::vector<RepairRuleVersion> versions_;  // by effective_from
};

// published → repaired (信用修复: stops showing at once), or simply ends
// showing after its tier's period (public_until).
enum class PublicationState { kPublished, kRepaired };

struct PenaltyPublication {
  int64_t id = 0;
  std::string uscc, entity_name, entity_kind;
  std::string decision_no;  // 行政处罚决定书文号
  Date decided_on = Date::FromSysDays({});
  std::vector<std::string> kinds;  // penalty kinds of the rules
  int64_t fine_fen = 0;            // the fine, in fen (0 when none)
  std::string field = "general";
  std::string tier;                   // of the rules of decided_on
  std::string facts, basis, content;  // 违法行为, 依据, 处罚内容
  int64_t authority_unit_id = 0;
  std::string authority_name;
  Date published_on = Date::FromSysDays({});
  bool published_late = false;                // after the rules' publication limit
  Date public_until = Date::FromSysDays({});  // last day shown
  std::optional<Date> repairable_from;        // first day an application can succeed
  std::string fulfilled_on;  // the day the authority recorded the obligations fulfilled
  PublicationState state = PublicationState::kPublished;
  std::string repaired_on;

  // Shown to the public on `today`.
  bool Public(const Date& today) const {
    return state == PublicationState::kPublished && !(public_until < today);
  }
  // FailedPrecondition "state" once repaired or no longer public.
  Status Repair(const Date& today);
};

// A new penalty as the authority enters it. InvalidArgument naming the field:
// decision_no (2–64 characters), decided_on (not in the future), kinds (at
// least one, each of the rules; a warning alone is never published), fine
// (not negative; required with the kind fine), field and tier of the rules,
// facts, basis and content (2–2000 characters).
struct NewPenalty {
  std::string uscc, decision_no, decided_on;
  std::vector<std::string> kinds;
  int64_t fine_fen = 0;
  std::string field = "general", tier, facts, basis, content;
};
// Checks `in` and fills the publication's dates from the rules of its date.
StatusOr<PenaltyPublication> MakePublication(const NewPenalty& in, const Date& today,
                                             const RepairRules& rules);

// One condition of a repair, and where it stands.
struct RepairCondition {
  std::string id, text;
  bool met = false;
  // The applicant meets it in the application (evidence, commitment); the
  // authority verifies.
  bool by_applicant = false;
  std::optional<Date> earliest;  // when a time condition will be met
};

// The kinds of record one application form repairs.
enum class RepairRecord { kPenalty, kSeriousListing, kAbnormalListing };
std::string_view RepairRecordId(
    RepairRecord r);  // "penalty" | "serious_listing" | "abnormal_listing"
std::string_view RepairRecordName(RepairRecord r);
StatusOr<RepairRecord> ParseRepairRecord(std::string_view id);  // InvalidArgument "record_kind"

// Facts the platform knows when it reads the conditions.
struct RepairFacts {
  Date today = Date::FromSysDays({});
  bool heavy_penalty_since = false;   // a 严重 penalty decided after the record's date
  bool obligations_verified = false;  // recorded by the authority (penalty fulfilled_on)
  std::optional<bool> source_cured;   // serious listing by escalation: the reports filed
};

// The conditions of repairing a penalty publication; empty `why_not` when
// it can be applied for at all, else why not (a tier with no application, or
// one never repaired, or no longer public).
struct RepairReading {
  std::vector<RepairCondition> conditions;
  std::string why_not;
  std::optional<Date> earliest;  // every time condition met from then
  bool Ready() const;            // no why_not, and every platform condition met
};
RepairReading ReadPenaltyRepair(const PenaltyPublication& p, const RepairFacts& facts,
                                const RepairRules& rules);
// A 严重违法失信名单 listing decided on `listed_on` (current): early removal.
RepairReading ReadSeriousRepair(const Date& listed_on, const RepairFacts& facts,
                                const RepairRules& rules);

// applied → approved | refused.
enum class RepairState { kApplied, kApproved, kRefused };
std::string_view RepairStateId(RepairState s);    // "applied"
std::string_view RepairStateName(RepairState s);  // "审核中"
StatusOr<RepairState> ParseRepairState(std::string_view id);

struct RepairApplication {
  int64_t id = 0;
  std::string uscc, entity_name, entity_kind;
  RepairRecord record = RepairRecord::kPenalty;
  int64_t record_id = 0;
  Date applied_on = Date::FromSysDays({});
  std::string statement, evidence;   // what the applicant did, and the proof
  bool commitment = false;           // 信用修复承诺书
  Date due = Date::FromSysDays({});  // the decision's last day
  int64_t authority_unit_id = 0;
  RepairState state = RepairState::kApplied;
  std::string decided_on, decided_by, decision_reason;
  bool decided_late = false;

  // FailedPrecondition "state" unless applied; InvalidArgument "reason" for
  // a refusal without one.
  Status Decide(const Date& today, bool approve, std::string reason, std::string by);
};

}  // namespace amr::credit
