// SPDX-License-Identifier: MulanPSL-2.0
// Shared by change.cc and change_conversion.cc: the entity's detail, its
// versions and 双告知 for permit items. Not part of the public interface.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lifecycle/change.h"

namespace amr::lifecycle::internal {

std::string ChannelId(ChangeChannel channel);

// entity_detail of `uscc` ({"scope": [...], "investors": [...]}); when there
// is none, the 企业开办 form it was registered with, else empty lists.
StatusOr<nlohmann::json> LoadDetail(soci::session& sql, std::string_view uscc);
Status SaveDetail(soci::session& sql, std::string_view uscc, const nlohmann::json& detail,
                  const std::string& now);

// The registered values as versioned: name, address, legal_rep, capital,
// scope, investors.
nlohmann::json Snapshot(const registry::Entity& entity, const nlohmann::json& detail);
// Every snapshot field, before null.
std::vector<FieldChange> InitialChanges(const nlohmann::json& snapshot);

StatusOr<int> LatestVersion(soci::session& sql, std::string_view uscc);
Status InsertVersion(soci::session& sql, const Version& version, const std::string& now);
// Writes version 1 (the registration as it stands) if the entity has none.
Status EnsureBaseVersion(soci::session& sql, const registry::Entity& entity,
                         const std::string& now);
StatusOr<std::vector<Version>> LoadVersions(soci::session& sql, std::string_view uscc);

// 双告知: entity_change_notice rows for `items` at their competent
// departments (the county, then city, then province unit of the department;
// the authority when none), with an outbox event each. Returns them as shown.
StatusOr<std::vector<nlohmann::json>> NotifyPermits(
    soci::session& sql, const ChangeHooks& hooks, int64_t change_id, const registry::Entity& entity,
    const std::vector<const establishment::ScopeItem*>& items, int64_t authority_id,
    const std::string& now);

nlohmann::json InvestorListJson(const std::vector<establishment::Investor>& investors);
// Citizen IDs masked anywhere in `value` (audit records, staff views).
nlohmann::json MaskPrivate(const nlohmann::json& value);

}  // namespace amr::lifecycle::internal
