// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/registration_wiring.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "common/text.h"
#include "credit/credit_service.h"
#include "credit/punishment_service.h"
#include "identity/org_unit_store.h"
#include "license/license_store.h"
#include "lifecycle/affiliation.h"
#include "outbox/outbox.h"

namespace amr::cli {
namespace {

bool IsArt17(const names::NameHit& hit) { return hit.rule == names::rule::kArt17; }

std::string HitsText(const std::vector<names::NameHit>& hits) {
  std::string out;
  for (const names::NameHit& hit : hits) {
    if (hit.message.empty()) continue;
    if (!out.empty()) out += "；";
    out += hit.message;
  }
  return out;
}

}  // namespace

std::vector<names::RelatedEntity> FormNameRelatives(const establishment::Form& form) {
  std::vector<names::RelatedEntity> related;
  if (!form.parent_uscc.empty()) {
    related.push_back({form.parent_uscc, names::NameRelation::kParent});
  }
  for (const establishment::Investor& investor : form.investors) {
    if (!investor.uscc.empty()) {
      related.push_back({investor.uscc, names::NameRelation::kInvestment});
    }
  }
  if (form.name_source) {
    related.push_back({form.name_source->uscc, form.name_source->relation == "transferred"
                                                   ? names::NameRelation::kTransferred
                                                   : names::NameRelation::kAuthorised});
  }
  return related;
}

establishment::NameDecision DecideName(const names::NameCheck& check, bool has_reservation,
                                       const std::vector<names::RelatedEntity>& related) {
  std::vector<names::NameHit> hits = check.hits;
  names::Verdict verdict = check.verdict;
  if (has_reservation && verdict == names::Verdict::kConflict) {
    // The applicant's own reservation: an identical 字号 hit that is a
    // reservation (no USCC) of the same name.
    std::erase_if(hits, [&](const names::NameHit& hit) {
      return IsArt17(hit) && hit.uscc.empty() && FoldText(hit.name) == check.folded;
    });
    if (std::none_of(hits.begin(), hits.end(), IsArt17)) {
      verdict = hits.empty() ? names::Verdict::kOk : names::Verdict::kSimilar;
    }
  }
  establishment::NameDecision decision;
  // Arts. 15, 17: a name that rests on another entity's authorisation or
  // transfer is the registrar's to confirm against the document.
  const bool documented =
      std::any_of(related.begin(), related.end(), [](const names::RelatedEntity& r) {
        return r.relation == names::NameRelation::kAuthorised ||
               r.relation == names::NameRelation::kTransferred;
      });
  // A relation the form claims (a parent, an investor) that spares a name
  // conflict is the registrar's to confirm too: never decided instantly.
  const bool claimed = !check.exempted.empty();
  if ((documented || claimed) && verdict == names::Verdict::kOk) {
    verdict = names::Verdict::kSimilar;
  }
  decision.verdict = std::string(names::VerdictId(verdict));
  decision.message = verdict == names::Verdict::kInvalid ? check.reason : HitsText(hits);
  if (documented) {
    if (!decision.message.empty()) decision.message += "；";
    decision.message += "名称经授权使用或受让，须核对授权书或转让协议";
  } else if (claimed) {
    if (!decision.message.empty()) decision.message += "；";
    decision.message += "名称与隶属企业或投资人的字号相同，须核对其关系";
  }
  if (claimed) decision.message += "：" + HitsText(check.exempted);
  return decision;
}

establishment::RegistrationHooks RegistrationWiring(names::NameService& names,
                                                    const establishment::Rules& rules,
                                                    const Clock& clock) {
  establishment::RegistrationHooks hooks;
  hooks.check_name =
      [&names](const establishment::Form& form) -> StatusOr<establishment::NameDecision> {
    // 企业开办 decides inside its write transaction: the index as it stands.
    const std::vector<names::RelatedEntity> related = FormNameRelatives(form);
    ASSIGN_OR_RETURN(names::NameCheck check,
                     names.CheckAsIndexed(form.name, form.region_code, form.industry_code,
                                          form.name_approval_document, related));
    return DecideName(check, !form.name_reservation_id.empty(), related);
  };
  hooks.record_name = [&names, &clock](soci::session& sql, const registry::Entity& entity,
                                       const establishment::Application& app) -> Status {
    names::RegisteredName name;
    name.uscc = entity.uscc;
    name.name = entity.name;
    name.region_code = entity.region_code;
    name.industry_code = entity.industry_code;
    name.approval_document = app.form.name_approval_document;
    name.related = FormNameRelatives(app.form);
    const std::string& id = app.form.name_reservation_id;
    if (!id.empty()) {
      auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), name.reservation_id);
      if (ec != std::errc() || end != id.data() + id.size() || name.reservation_id <= 0) {
        return InvalidArgumentError("名称预留编号应为正整数", "name_reservation_id");
      }
    }
    RETURN_IF_ERROR(names.RecordRegistered(sql, name, audit::Actor{}));
    // The links the entity comes with (a branch's parent, organisations
    // investing in it), kept for the name engine and 简易注销's exclusions.
    std::vector<std::string> investors;
    for (const establishment::Investor& investor : app.form.investors) {
      investors.push_back(investor.uscc);
    }
    return lifecycle::RecordLinksAtRegistration(sql, entity, app.form.parent_uscc, investors,
                                                "企业开办申请 " + std::to_string(app.id),
                                                audit::Actor{}, clock);
  };
  hooks.issue_license = [&rules, &clock](soci::session& sql, const registry::Entity& entity,
                                         const establishment::Application& app) -> Status {
    // The licence's first administrator is its holder, the legal
    // representative (个体工商户: the operator; license::LicenseHolderAccount):
    // the applicant who filed only if that is who they are. Without an
    // account for the holder yet, the licence is issued later with
    // `amr license issue`; the filer then acts as an agent the holder authorises.
    ASSIGN_OR_RETURN(int64_t holder,
                     license::LicenseHolderAccount(sql, entity, app.applicant_user_id));
    if (holder <= 0) return OkStatus();
    license::LicenseExtras extras;
    for (const std::string& code : app.form.scope) {
      const establishment::ScopeItem* item = rules.FindScope(code);
      if (!extras.business_scope.empty()) extras.business_scope += "；";
      extras.business_scope += item != nullptr ? item->name : code;
    }
    ASSIGN_OR_RETURN(identity::OrgUnit authority,
                     identity::GetOrgUnit(sql, app.authority_org_unit_id));
    extras.authority_name = authority.name;
    extras.holder_user_id = holder;
    return license::IssueLicense(sql, entity, extras, clock).status();
  };
  hooks.enqueue_event = [&clock](soci::session& sql, std::string_view topic,
                                 const nlohmann::json& payload, std::string_view dedupe_key) {
    return outbox::Enqueue(sql, topic, payload, dedupe_key, clock);
  };
  hooks.catch_up = [&names] { return names.CatchUp(); };
  // 企业信息公示暂行条例 第十七条第二款: the legal representative (负责人) of an
  // enterprise on the 严重违法失信名单 may not be one of another enterprise
  // for the catalogue's years. An individual business has an operator, not
  // a legal representative.
  hooks.check_people = [&clock](soci::session& sql, const establishment::Form& form) -> Status {
    if (form.kind == establishment::FormKind::kIndividualBusiness) return OkStatus();
    return CheckLegalRepNotBarred(sql, form.legal_rep.citizen_id, clock, "legal_rep.citizen_id");
  };
  return hooks;
}

Status CheckLegalRepNotBarred(soci::session& sql, const std::string& citizen_id, const Clock& clock,
                              const std::string& field) {
  if (citizen_id.empty()) return OkStatus();
  ASSIGN_OR_RETURN(std::vector<credit::MeasureInForce> bars,
                   credit::LegalRepBarsIn(sql, citizen_id, ChinaDate(clock.Now())));
  if (bars.empty()) return OkStatus();
  return FailedPreconditionError(credit::BarMessage(bars.front()), field);
}

lifecycle::DeregistrationHooks DeregistrationWiring(names::NameService& names, const Clock& clock) {
  lifecycle::DeregistrationHooks hooks;
  hooks.record_name_ended = [&names](soci::session& sql, std::string_view uscc, const Date& on,
                                     std::string_view reason) {
    Status s = names.RecordNameEnded(sql, uscc, on, reason, audit::Actor{});
    // An entity imported from the former system has no name record here; its
    // name was never reserved through this platform, so there is nothing to end.
    if (s.code() == StatusCode::kNotFound) return OkStatus();
    return s;
  };
  hooks.end_listings = [&clock](soci::session& sql, std::string_view uscc, const Date& on) {
    return credit::EndListingsOfDeregistered(sql, std::string(uscc), on, clock);
  };
  hooks.enqueue_event = [&clock](soci::session& sql, std::string_view topic,
                                 const nlohmann::json& payload, std::string_view dedupe_key) {
    return outbox::Enqueue(sql, topic, payload, dedupe_key, clock);
  };
  return hooks;
}

}  // namespace amr::cli
