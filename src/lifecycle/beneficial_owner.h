// SPDX-License-Identifier: MulanPSL-2.0
// 受益所有人备案 (beneficial-owner filing; 受益所有人信息管理办法 2024):
// the natural persons who ultimately own or control an entity. Each filing
// replaces the previous one in full and is kept as version n.
//
// Not public (docs/lifecycle.md, section beneficial_owner): the filing is
// read only by staff holding beneficial_owner.read over the entity's county
// bureau, or by the entity's own licence administrator; it never appears in
// a public route, the profile or an export, and audit records hold masked
// citizen IDs only.
//
// Filed by the entity's licence administrator or an agent authorised for the
// task "change" (registration.apply), or by the window clerk of its county
// bureau (registration.accept). Errors: InvalidArgument naming the member
// ("owners[1].citizen_id"); FailedPrecondition "uscc" for a deregistered or
// revoked entity; PermissionDenied outside scope.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "lifecycle/beneficial_owner_due.h"
#include "lifecycle/change.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

// 受益所有人信息管理办法 (2024) Art. 6, through data/lifecycle/beneficial_owner.json.
class BeneficialOwnerRules {
 public:
  static StatusOr<BeneficialOwnerRules> FromJson(const nlohmann::json& root);
  static const BeneficialOwnerRules& Default();  // aborts if unreadable

  double threshold_percent() const { return threshold_percent_; }           // 25
  int64_t exemption_capital_max() const { return exemption_capital_max_; }  // yuan, 10 000 000
  int change_days() const { return change_days_; }                          // 30
  const Date& existing_due() const { return existing_due_; }                // 2025-11-01
  const Date& registered_before() const { return registered_before_; }      // 2024-11-01

 private:
  double threshold_percent_ = 25;
  int64_t exemption_capital_max_ = 10'000'000;
  int change_days_ = 30;
  Date existing_due_ = Date::FromSysDays({});
  Date registered_before_ = Date::FromSysDays({});
};

// Who files (备案主体, Art. 2): companies, partnerships and foreign companies'
// branches; not individual businesses, sole proprietorships, cooperatives or
// a domestic company's branch.
bool MustFileBeneficialOwners(const registry::Entity& entity);

struct BeneficialOwner {
  std::string name;
  // The identity document (Art. 7: 身份证件或者身份证明文件种类、号码):
  // citizen_id (居民身份证, GB 11643, checked), passport (护照),
  // hk_macao_permit (港澳居民来往内地通行证), taiwan_permit (台湾居民来往大陆
  // 通行证), residence_permit (港澳台居民居住证), foreign_permanent_residence
  // (外国人永久居留身份证), other.
  std::string id_type = "citizen_id";
  std::string citizen_id;   // the document's number
  std::string nationality;  // e.g. 中国
  // Art. 6: shareholding (≥ threshold of the equity, shares or partnership
  // interests), benefit (≥ threshold of the 收益权), voting (≥ threshold of
  // the 表决权), control (实际控制), manager (负责日常经营管理的人员: only when
  // no one meets the others).
  std::string control_type;
  std::optional<double> ownership_share;   // percent; required (≥ threshold) for the first three
  Date from_date = Date::FromSysDays({});  // since when
};

struct BeneficialOwnerFiling {
  std::string uscc;
  int version = 0;  // 0: nothing filed yet
  std::vector<BeneficialOwner> owners;
  bool exempt = false;  // 承诺免报: the commitment instead of owners
  std::string channel;
  std::string filed_by;
  std::string filed_at;
  // The time limit of a filing after a change, while open (GetBeneficialOwners).
  std::optional<BeneficialOwnerDue> due;
};

// Parses {"owners": [{"name", "id_type", "citizen_id" (the number), "nationality",
// "control_type", "ownership_share", "from_date"}, …]} (1..100 persons, no ID
// twice, a share below the threshold refused, a manager only alone).
StatusOr<std::vector<BeneficialOwner>> ParseBeneficialOwners(const nlohmann::json& body,
                                                             const Date& today);

// The filing in clear (only for callers allowed to read it).
nlohmann::json BeneficialOwnerFilingJson(const BeneficialOwnerFiling& filing);

StatusOr<BeneficialOwnerFiling> FileBeneficialOwners(soci::session& sql,
                                                     const identity::Caller& caller,
                                                     ChangeChannel channel, std::string_view uscc,
                                                     const std::vector<BeneficialOwner>& owners,
                                                     const Clock& clock);

// 承诺免报 (Art. 9 of the measures, unverified article number): the entity
// commits that no natural person other than its shareholders or partners
// controls it or takes its income; allowed when its registered capital is at
// most the data's limit and every recorded shareholder or partner is a
// natural person. FailedPrecondition naming "registered_capital" or
// "investors" otherwise; "uscc" for an entity that does not file.
StatusOr<BeneficialOwnerFiling> FileBeneficialOwnerExemption(soci::session& sql,
                                                             const identity::Caller& caller,
                                                             ChangeChannel channel,
                                                             std::string_view uscc,
                                                             const Clock& clock);

// The current filing (version 0 when none). The read is audited
// ("beneficial_owner.read"), so call it in a write transaction.
StatusOr<BeneficialOwnerFiling> GetBeneficialOwners(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc, const Clock& clock);

}  // namespace amr::lifecycle
