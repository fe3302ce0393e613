// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/change_wiring.h"

#include <algorithm>

#include "cli/registration_wiring.h"
#include "lifecycle/affiliation.h"
#include "lifecycle/beneficial_owner_due.h"
#include "outbox/outbox.h"

namespace amr::cli {

std::vector<names::RelatedEntity> NameRelatives(soci::session& sql, std::string_view uscc,
                                                std::string_view predecessor_uscc,
                                                const establishment::NameSource* source) {
  std::vector<names::RelatedEntity> related;
  if (!uscc.empty()) {
    for (const lifecycle::LinkedEntity& l : lifecycle::LinkedEntities(sql, uscc)) {
      related.push_back({l.uscc, l.kind == "branch" ? names::NameRelation::kParent
                                                    : names::NameRelation::kInvestment});
    }
  }
  if (!predecessor_uscc.empty()) {
    related.push_back({std::string(predecessor_uscc), names::NameRelation::kPredecessor});
  }
  if (source != nullptr) {
    related.push_back({source->uscc, source->relation == "transferred"
                                         ? names::NameRelation::kTransferred
                                         : names::NameRelation::kAuthorised});
  }
  return related;
}

lifecycle::ChangeNameDecision DecideChangedName(const names::NameCheck& check,
                                                std::string_view uscc, bool documented) {
  lifecycle::ChangeNameDecision d;
  d.trade_name = check.parts.trade_name;
  names::Verdict verdict = check.verdict;
  std::vector<names::NameHit> hits = check.hits;
  if (verdict == names::Verdict::kConflict || verdict == names::Verdict::kSimilar) {
    std::erase_if(hits,
                  [&](const names::NameHit& hit) { return !hit.uscc.empty() && hit.uscc == uscc; });
    if (std::any_of(hits.begin(), hits.end(),
                    [](const names::NameHit& hit) { return hit.rule == names::rule::kArt17; })) {
      verdict = names::Verdict::kConflict;
    } else {
      verdict = hits.empty() ? names::Verdict::kOk : names::Verdict::kSimilar;
    }
  }
  // Arts. 15, 17: a name resting on an authorisation or a transfer is the
  // registrar's to confirm against the document.
  if (documented && verdict == names::Verdict::kOk) verdict = names::Verdict::kSimilar;
  d.verdict = std::string(names::VerdictId(verdict));
  if (verdict == names::Verdict::kInvalid) {
    d.message = check.reason;
  } else {
    for (const names::NameHit& hit : hits) {
      if (hit.message.empty()) continue;
      if (!d.message.empty()) d.message += "；";
      d.message += hit.message;
    }
    if (documented) {
      if (!d.message.empty()) d.message += "；";
      d.message += "名称经授权使用或受让，须核对授权书或转让协议";
    }
  }
  return d;
}

lifecycle::ChangeHooks ChangeWiring(names::NameService& names, const Clock& clock,
                                    const codes::CalendarSource* calendar) {
  lifecycle::ChangeHooks hooks;
  hooks.check_legal_rep = [&clock](soci::session& sql, const establishment::Person& legal_rep) {
    return CheckLegalRepNotBarred(sql, legal_rep.citizen_id, clock, "legal_rep.citizen_id");
  };
  if (calendar != nullptr) {
    hooks.beneficial_owners_changed = [calendar, &clock](soci::session& sql,
                                                         const registry::Entity& entity,
                                                         const Date& on, std::string_view path) {
      return lifecycle::TrackBeneficialOwnerFiling(sql, entity, on, path, *calendar->Current(),
                                                   clock);
    };
  }
  hooks.check_name =
      [&names](soci::session& sql, std::string_view name, std::string_view region,
               std::string_view industry, std::string_view uscc, std::string_view predecessor,
               const establishment::NameSource* source) -> StatusOr<lifecycle::ChangeNameDecision> {
    // Decided inside the write transaction: the index as it stands; the
    // binding test is RecordRegistered's.
    ASSIGN_OR_RETURN(names::NameCheck check,
                     names.CheckAsIndexed(name, region, industry, {},
                                          NameRelatives(sql, uscc, predecessor, source)));
    return DecideChangedName(check, uscc, source != nullptr);
  };
  hooks.record_name =
      [&names](soci::session& sql, const registry::Entity& entity, std::string_view old_name,
               const Date& on, std::string_view predecessor,
               const establishment::NameSource* source, const audit::Actor& actor) -> Status {
    if (!old_name.empty()) {
      // The old name ends today and keeps its 字号 one more year.
      Status ended = names.RecordNameEnded(sql, entity.uscc, on, "名称变更", actor);
      if (ended.code() == StatusCode::kNotFound) {
        // Registered before the name engine kept records: record it first.
        // With its relatives: a branch's or an invested entity's name may
        // share its parent's or investor's 字号.
        names::RegisteredName old{entity.uscc,
                                  std::string(old_name),
                                  entity.region_code,
                                  entity.industry_code,
                                  0,
                                  NameRelatives(sql, entity.uscc, predecessor, nullptr),
                                  ""};
        RETURN_IF_ERROR(names.RecordRegistered(sql, old, actor));
        ended = names.RecordNameEnded(sql, entity.uscc, on, "名称变更", actor);
      }
      RETURN_IF_ERROR(ended);
    }
    names::RegisteredName name{entity.uscc,
                               entity.name,
                               entity.region_code,
                               entity.industry_code,
                               0,
                               NameRelatives(sql, entity.uscc, predecessor, source),
                               ""};
    return names.RecordRegistered(sql, name, actor);
  };
  hooks.enqueue_event = [&clock](soci::session& sql, std::string_view topic,
                                 const nlohmann::json& payload, std::string_view dedupe_key) {
    return outbox::Enqueue(sql, topic, payload, dedupe_key, clock);
  };
  hooks.catch_up = [&names] { return names.CatchUp(); };
  // 个转企 ends the individual business the way every deregistration does.
  hooks.deregistration = DeregistrationWiring(names, clock);
  return hooks;
}

}  // namespace amr::cli
