// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/internal/service_support.h"

#include "identity/principal.h"
#include "identity/roles.h"

namespace amr::complaints::internal {

using nlohmann::json;

std::string Subject(int64_t id) { return "complaint:" + std::to_string(id); }

std::string ReminderKey(int64_t id, std::string_view stage) {
  return Subject(id) + ":" + std::string(stage);
}

json AuditJson(const Complaint& c) {
  json out = {{"kind", KindId(c.kind)},
              {"channel", ChannelId(c.channel)},
              {"state", StateId(c.state)},
              {"unit_path", c.unit_path},
              {"business_uscc", c.business_uscc}};
  if (c.accept_due.date != Date::FromSysDays({})) out["accept_due"] = c.accept_due.date.ToString();
  if (!c.not_accept_reason.empty()) out["not_accept_reason"] = c.not_accept_reason;
  if (c.decided_late) out["decided_late"] = true;
  if (c.outcome) out["outcome"] = OutcomeId(*c.outcome);
  if (c.amount_recovered > 0) out["amount_recovered"] = c.amount_recovered;
  if (c.rating > 0) out["rating"] = c.rating;
  if (!c.problem_kind.empty()) out["problem_kind"] = c.problem_kind;
  if (c.check_due.date != Date::FromSysDays({})) out["check_due"] = c.check_due.date.ToString();
  if (!c.check_extended_by.empty()) out["check_extended_by"] = c.check_extended_by;
  if (c.report_decision) out["report_decision"] = ReportDecisionId(*c.report_decision);
  if (!c.transferred_to.empty()) out["transferred_to"] = c.transferred_to;
  if (c.lead_id != 0) out["lead_id"] = c.lead_id;
  if (c.went_to_business()) out["odr_due"] = c.odr_due.date.ToString();
  if (c.odr_result) out["odr_result"] = OdrResultId(*c.odr_result);
  return out;
}

std::string WhoOf(const identity::Caller& caller) {
  return caller.principal != nullptr ? caller.principal->username : caller.name;
}

bool Handles(const identity::Caller& caller, std::string_view unit_path) {
  return caller.principal != nullptr &&
         caller.principal->InScope(identity::perm::kComplaintsHandle, unit_path);
}

bool HandlesWithin(const identity::Caller& caller, std::string_view unit_path) {
  if (Handles(caller, unit_path)) return true;
  if (caller.principal == nullptr) return false;
  for (const identity::RoleGrant* grant :
       caller.principal->ScopesFor(identity::perm::kComplaintsHandle)) {
    if (!grant->org_unit.path.empty() && grant->org_unit.path.starts_with(unit_path)) return true;
  }
  return false;
}

}  // namespace amr::complaints::internal
