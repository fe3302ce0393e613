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

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"
#include "lifecycle/change.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

struct BeneficialOwner {
  std::string name;
  std::string citizen_id;   // GB 11643, checked
  std::string nationality;  // e.g. 中国
  // shareholding (持股) | control (控制) | other (其他)
  std::string control_type;
  std::optional<double> ownership_share;   // percent, (0, 100]; required for shareholding
  Date from_date = Date::FromSysDays({});  // since when
};

struct BeneficialOwnerFiling {
  std::string uscc;
  int version = 0;  // 0: nothing filed yet
  std::vector<BeneficialOwner> owners;
  std::string channel;
  std::string filed_by;
  std::string filed_at;
};

// Parses {"owners": [{"name", "citizen_id", "nationality", "control_type",
// "ownership_share", "from_date"}, …]} (1..100 persons, no ID twice).
StatusOr<std::vector<BeneficialOwner>> ParseBeneficialOwners(const nlohmann::json& body,
                                                             const Date& today);

// The filing in clear (only for callers allowed to read it).
nlohmann::json BeneficialOwnerFilingJson(const BeneficialOwnerFiling& filing);

StatusOr<BeneficialOwnerFiling> FileBeneficialOwners(soci::session& sql,
                                                     const identity::Caller& caller,
                                                     ChangeChannel channel, std::string_view uscc,
                                                     const std::vector<BeneficialOwner>& owners,
                                                     const Clock& clock);

// The current filing (version 0 when none). The read is audited
// ("beneficial_owner.read"), so call it in a write transaction.
StatusOr<BeneficialOwnerFiling> GetBeneficialOwners(soci::session& sql,
                                                    const identity::Caller& caller,
                                                    std::string_view uscc, const Clock& clock);

}  // namespace amr::lifecycle
