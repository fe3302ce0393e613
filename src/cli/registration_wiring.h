// SPDX-License-Identifier: MulanPSL-2.0
// How 企业开办 (establishment) reaches the parts built beside it: the name
// engine decides on the form's name and records it at registration, the
// e-licence and e-seals are issued in the registration transaction, and the
// department steps reach external systems through the outbox. `amr serve`
// (cli::App) and `amr establishment submit` wire it the same way.
//
// Ownership: the hooks refer to `names`, `rules` and `clock`; keep them alive
// while the hooks are used.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "establishment/rules.h"
#include "establishment/service.h"
#include "lifecycle/deregister.h"
#include "names/name_service.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::cli {

establishment::RegistrationHooks RegistrationWiring(names::NameService& names,
                                                    const establishment::Rules& rules,
                                                    const Clock& clock);

// How every deregistration reaches the name engine (the name's one-year
// protection starts) and the outbox ("entity.deregistered" to the
// departments). Refers to `names` and `clock`.
lifecycle::DeregistrationHooks DeregistrationWiring(names::NameService& names, const Clock& clock);

// 企业信息公示暂行条例 第十七条第二款: FailedPrecondition (field `field`) naming
// the listed enterprise, the rule and the bar's last day when `citizen_id`
// may not be the legal representative (负责人) of another enterprise on the
// day of `clock`; OK otherwise. 企业开办 and 变更登记 both ask.
Status CheckLegalRepNotBarred(soci::session& sql, const std::string& citizen_id, const Clock& clock,
                              const std::string& field);

// The name engine's verdict as 企业开办 takes it. A form naming its own
// reservation (name_reservation_id) is not in conflict with that reservation:
// the identical-name hit without a USCC for the same folded name is the
// applicant's own and is dropped; the binding test is re-run against the
// store when the name is recorded, inside the registration transaction.
// A name that rests on another entity's authorisation or transfer
// (form.name_source), or that a relation the form claims (a branch's parent,
// an investor) spares from a conflict, goes to a registrar (similar), who
// checks the document or the relation: never decided instantly.
establishment::NameDecision DecideName(const names::NameCheck& check, bool has_reservation,
                                       const std::vector<names::RelatedEntity>& related = {});

// The entities whose names do not conflict with the form's (企业名称登记管理规定
// Arts. 13, 15, 17): a branch's parent, the investors that are organisations,
// and the entity named by form.name_source.
std::vector<names::RelatedEntity> FormNameRelatives(const establishment::Form& form);

}  // namespace amr::cli
