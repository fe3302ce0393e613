// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/application.h"

#include <map>

namespace amr::establishment {

using nlohmann::json;

namespace {
json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json IdOrNull(int64_t id) { return id == 0 ? json(nullptr) : json(id); }
}  // namespace

std::string StepName(std::string_view kind) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"registration", "设立登记"},          {"seal", "公章刻制"},
      {"tax", "税务（发票、税控UKey）"},     {"social_insurance", "社会保险登记"},
      {"medical_insurance", "医疗保险登记"}, {"housing_fund", "住房公积金缴存登记"},
      {"bank_account", "银行开户预约"}};
  const auto it = kNames.find(kind);
  return it != kNames.end() ? it->second : std::string(kind);
}

json StepJson(const Step& s) {
  return {{"id", s.id},
          {"application_id", s.application_id},
          {"kind", s.kind},
          {"entity_name", s.entity_name},
          {"uscc", OrNull(s.uscc)},
          {"org_unit_id", s.org_unit_id},
          {"org_unit_name", s.org_unit_name},
          {"state", s.state},
          {"claimed_by", IdOrNull(s.claimed_by)},
          {"result", s.result},
          {"return_reason", OrNull(s.return_reason)},
          {"returns", s.returns},
          {"started_at", s.started_at},
          {"ended_at", OrNull(s.ended_at)},
          {"elapsed_working_minutes", s.elapsed_minutes},
          {"sla_working_minutes", s.sla_minutes},
          {"overdue", s.overdue}};
}

json NoticeJson(const Notice& n) {
  const bool change = n.source == NoticeSource::kChange;
  return {{"id", n.id},
          {"source", change ? "change" : "establishment"},
          {"application_id", change ? json(nullptr) : json(n.application_id)},
          {"change_id", change ? json(n.change_id) : json(nullptr)},
          {"uscc", OrNull(n.uscc)},
          {"entity_name", n.entity_name},
          {"scope_code", n.scope_code},
          {"scope_name", n.scope_name},
          {"permit", n.permit},
          {"department", n.department},
          {"org_unit_id", n.org_unit_id},
          {"state", n.state},
          {"reason", OrNull(n.reason)},
          {"created_at", n.created_at}};
}

json ApplicationJson(const Application& a) {
  json steps = json::array();
  for (const Step& s : a.steps) steps.push_back(StepJson(s));
  json deferred = json::array();
  for (const DeferredMaterial& m : a.deferred) {
    deferred.push_back({{"material", m.material},
                        {"name", m.name},
                        {"due_on", m.due_on},
                        {"due_provisional", !m.provisional_reason.empty()},
                        {"due_provisional_reason", OrNull(m.provisional_reason)},
                        {"supplied_at", OrNull(m.supplied_at)}});
  }
  json permits = json::array();
  for (const ScopeItem* item : a.permits_needed) {
    permits.push_back({{"scope_code", item->code},
                       {"scope_name", item->name},
                       {"permit", item->permit},
                       {"department", item->department},
                       {"reform_mode", item->reform_mode}});
  }
  json notices = json::array();
  for (const Notice& n : a.notices) notices.push_back(NoticeJson(n));
  return {{"id", a.id},
          {"name", a.form.name},
          {"kind", FormKindId(a.form.kind)},
          {"kind_name", FormKindName(a.form.kind)},
          {"channel", a.channel},
          {"submitted_by", a.submitted_by},
          {"authority_org_unit_id", a.authority_org_unit_id},
          {"decision", a.decision},
          {"state", a.state},
          {"reject_reason", OrNull(a.reject_reason)},
          {"uscc", OrNull(a.uscc)},
          {"submitted_at", a.submitted_at},
          {"registered_at", OrNull(a.registered_at)},
          {"completed_at", OrNull(a.completed_at)},
          {"elapsed_working_minutes", a.elapsed_minutes},
          {"sla_working_minutes", a.sla_minutes},
          {"overdue", a.overdue},
          {"steps", steps},
          {"deferred_materials", deferred},
          {"permits_needed", permits},
          {"dual_notifications", notices},
          {"review_reasons", a.review_reasons},
          {"form", FormJson(a.form)}};
}

}  // namespace amr::establishment
