// SPDX-License-Identifier: MulanPSL-2.0
// How change registration and 个转企 (lifecycle/change.h) reach the name
// engine, the outbox and deregistration. `amr serve` (cli::App) and
// `amr entity change|convert` wire them the same way.
//
// Ownership: the hooks refer to `names` and `clock`; keep them alive while
// the hooks are used.
#pragma once

#include "codes/calendar.h"
#include "common/clock.h"
#include "lifecycle/change.h"
#include "names/name_service.h"

namespace amr::cli {

// `calendar` (may be null: then the beneficial-owner filing's time limit
// after a change is not tracked) must outlive the hooks.
lifecycle::ChangeHooks ChangeWiring(names::NameService& names, const Clock& clock,
                                    const codes::CalendarSource* calendar = nullptr);

// The entities whose names do not conflict with `uscc`'s new name: those it
// is linked with (lifecycle::LinkedEntities: parent or branch, investor or
// invested; 企业名称登记管理规定 Arts. 13, 15, 17) and the individual business
// an enterprise continues (个转企, `predecessor_uscc`), and the entity a change
// request's name_source names (`source`: authorised or transferred; may be null).
std::vector<names::RelatedEntity> NameRelatives(soci::session& sql, std::string_view uscc,
                                                std::string_view predecessor_uscc,
                                                const establishment::NameSource* source = nullptr);

// The name engine's verdict on a changed name (its related entities already
// applied, NameRelatives): hits on the entity's own name do not count; what
// remains decides (an Art. 17 hit: conflict; another hit: similar; none: ok).
// `documented`: the name rests on an authorisation or a transfer, so it goes
// to a registrar (similar) even without a hit.
lifecycle::ChangeNameDecision DecideChangedName(const names::NameCheck& check,
                                                std::string_view uscc, bool documented = false);

}  // namespace amr::cli
