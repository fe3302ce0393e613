// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/entities/{uscc}/penalties, /credit-repairs and /api/v1/credit/repair…
// (docs/credit.md): penalty publications, the one repair form, the queue and
// the decision. The routes only translate; RepairService decides.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "credit/credit_json.h"
#include "credit/routes.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::credit {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

json OptionalDate(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(nullptr); }

json PeriodJson(const codes::PeriodRule& r) {
  return {{"rule", codes::PeriodRuleToJson(r)}, {"text", codes::DescribePeriod(r)}};
}

json NamesJson(const std::vector<RepairRules::Named>& names) {
  json out = json::array();
  for (const RepairRules::Named& n : names) {
    out.push_back({{"id", n.id}, {"name", n.name}, {"published", n.published}});
  }
  return out;
}

json RulesJson(const RepairRules& rules, const Date& today) {
  StatusOr<const RepairRuleVersion*> now = rules.At(today);
  const RepairRuleVersion* current = now.ok() ? *now : nullptr;
  json versions = json::array();
  for (const RepairRuleVersion& v : rules.versions()) {
    json tiers = json::array();
    for (const PenaltyTier& t : v.tiers) {
      json by_field = json::object();
      for (const auto& [field, rule] : t.apply_after_by_field) by_field[field] = PeriodJson(rule);
      tiers.push_back({{"id", t.id},
                       {"name", t.name},
                       {"public", PeriodJson(t.public_period)},
                       {"apply_after", t.apply_after ? PeriodJson(*t.apply_after) : json(nullptr)},
                       {"apply_after_by_field", by_field},
                       {"repairable", t.repairable && t.apply_after.has_value()},
                       // automatic: stops by itself, no application; application:
                       // may be applied for after apply_after; never: not repaired.
                       {"repair", !t.repairable   ? "never"
                                  : t.apply_after ? "application"
                                                  : "automatic"}});
    }
    versions.push_back({{"effective_from", v.effective_from.ToString()},
                        {"source", v.source},
                        {"in_force", !(today < v.effective_from)},
                        {"current", current == &v},
                        {"decision_limit", PeriodJson(v.decision_limit)},
                        {"serious_list_apply_after", PeriodJson(v.serious_list_apply_after)},
                        {"tiers", tiers}});
  }
  return {{"penalty_kinds", NamesJson(rules.kinds())},
          {"fields", NamesJson(rules.fields())},
          {"versions", versions}};
}

json PenaltyJson(const PenaltyPublication& p, const RepairRules& rules) {
  json kinds = json::array();
  for (const std::string& k : p.kinds) {
    const RepairRules::Named* n = rules.Kind(k);
    kinds.push_back({{"id", k}, {"name", n ? n->name : k}});
  }
  const RepairRules::Named* field = rules.Field(p.field);
  std::string tier_name = p.tier;
  if (auto v = rules.At(p.decided_on); v.ok()) {
    if (const PenaltyTier* t = (*v)->Tier(p.tier)) tier_name = t->name;
  }
  return {{"id", p.id},
          {"uscc", p.uscc},
          {"entity_name", p.entity_name},
          {"decision_no", p.decision_no},
          {"decided_on", p.decided_on.ToString()},
          {"kinds", kinds},
          {"fine_yuan", fmt::format("{}.{:02d}", p.fine_fen / 100, p.fine_fen % 100)},
          {"field", p.field},
          {"field_name", field ? field->name : p.field},
          {"tier", p.tier},
          {"tier_name", tier_name},
          {"facts", p.facts},
          {"basis", p.basis},
          {"content", p.content},
          {"authority", p.authority_name},
          {"published_on", p.published_on.ToString()},
          {"published_late", p.published_late},
          {"public_until", p.public_until.ToString()},
          {"repairable_from", OptionalDate(p.repairable_from)},
          {"state", p.state == PublicationState::kRepaired ? "repaired" : "published"},
          {"repaired_on", p.repaired_on.empty() ? json(nullptr) : json(p.repaired_on)}};
}

json ApplicationJson(const RepairApplication& a, bool with_statement) {
  json out = {{"id", a.id},
              {"uscc", a.uscc},
              {"entity_name", a.entity_name},
              {"record_kind", RepairRecordId(a.record)},
              {"record_kind_name", RepairRecordName(a.record)},
              {"record_id", a.record_id},
              {"applied_on", a.applied_on.ToString()},
              {"due", a.due.ToString()},
              {"state", RepairStateId(a.state)},
              {"state_name", RepairStateName(a.state)},
              {"decided_on", a.decided_on.empty() ? json(nullptr) : json(a.decided_on)},
              {"decided_late", a.decided_late},
              {"reason", a.decision_reason.empty() ? json(nullptr) : json(a.decision_reason)}};
  if (with_statement) {
    out["statement"] = a.statement;
    out["evidence"] = a.evidence;
    out["commitment"] = a.commitment;
  }
  return out;
}

json OptionJson(const RepairOption& o) {
  json conditions = json::array();
  for (const RepairCondition& c : o.reading.conditions) {
    conditions.push_back({{"id", c.id},
                          {"text", c.text},
                          {"met", c.met},
                          {"by_applicant", c.by_applicant},
                          {"earliest", OptionalDate(c.earliest)}});
  }
  return {{"record_kind", RepairRecordId(o.record)},
          {"record_kind_name", RepairRecordName(o.record)},
          {"record_id", o.record_id},
          {"title", o.title},
          {"since", o.since},
          {"conditions", conditions},
          {"why_not", o.reading.why_not.empty() ? json(nullptr) : json(o.reading.why_not)},
          {"earliest", OptionalDate(o.reading.earliest)},
          {"can_apply", o.reading.Ready() && !o.pending},
          {"pending", o.pending ? ApplicationJson(*o.pending, false) : json(nullptr)}};
}

StatusOr<NewPenalty> ParsePenalty(const json& b, const std::string& uscc) {
  NewPenalty p;
  p.uscc = uscc;
  for (auto it = b.begin(); it != b.end(); ++it) {
    const std::string& k = it.key();
    if (k != "decision_no" && k != "decided_on" && k != "kinds" && k != "fine_yuan" &&
        k != "field" && k != "tier" && k != "facts" && k != "basis" && k != "content") {
      return InvalidArgumentError(fmt::format("不认识的项目：{}", k.substr(0, 40)),
                                  k.substr(0, 40));
    }
  }
  ASSIGN_OR_RETURN(p.decision_no, identity::StringField(b, "decision_no", true));
  ASSIGN_OR_RETURN(p.decided_on, identity::StringField(b, "decided_on", true));
  ASSIGN_OR_RETURN(p.field, identity::StringField(b, "field", false));
  if (p.field.empty()) p.field = "general";
  ASSIGN_OR_RETURN(p.tier, identity::StringField(b, "tier", true));
  ASSIGN_OR_RETURN(p.facts, identity::StringField(b, "facts", true));
  ASSIGN_OR_RETURN(p.basis, identity::StringField(b, "basis", true));
  ASSIGN_OR_RETURN(p.content, identity::StringField(b, "content", true));
  const json kinds = b.value("kinds", json());
  if (!kinds.is_array() || kinds.size() > 10) {
    return InvalidArgumentError("请选择处罚种类", "kinds");
  }
  for (const json& k : kinds) {
    if (!k.is_string()) return InvalidArgumentError("处罚种类应为文字", "kinds");
    p.kinds.push_back(k.get<std::string>());
  }
  // Money as the text of yuan with at most two decimals ("5000", "1234.50").
  ASSIGN_OR_RETURN(std::string fine, identity::StringField(b, "fine_yuan", false));
  if (!fine.empty()) {
    int64_t fen = 0;
    int decimals = -1;
    for (char c : fine) {
      if (c == '.' && decimals < 0) {
        decimals = 0;
        continue;
      }
      if (c < '0' || c > '9' || decimals >= 2 || fen > 1'000'000'000'000LL) {
        return InvalidArgumentError("罚款金额应为元，最多两位小数，如 5000 或 1234.50",
                                    "fine_yuan");
      }
      fen = fen * 10 + (c - '0');
      if (decimals >= 0) ++decimals;
    }
    for (int d = std::max(decimals, 0); d < 2; ++d) fen *= 10;
    p.fine_fen = fen;
  }
  return p;
}

}  // namespace

void AddRepairRoutes(http::Router& router, std::shared_ptr<RepairService> shared) {
  RepairService& service = *shared;
  const std::string file(identity::perm::kCreditFile), public_(identity::kPublicPermission),
      decide(identity::perm::kCreditDecide);
  router.Get("/api/v1/credit/repair-rules", public_, [&service, shared](Request&) {
    return Response::Json(RulesJson(service.rules(), service.Today()));
  });
  router.Post("/api/v1/entities/{uscc}/penalties", decide, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto penalty = ParsePenalty(*body, req.Param("uscc"));
    if (!penalty.ok()) return Response::Error(penalty.status());
    auto done = service.PublishPenalty(identity::CallerOf(req), *penalty);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(PenaltyJson(done->penalty, service.rules()), done->created ? 201 : 200);
  });
  router.Get("/api/v1/entities/{uscc}/penalties", public_, [&service, shared](Request& req) {
    auto items = service.PublicPenalties(req.Param("uscc"));
    if (!items.ok()) return Response::Error(items.status());
    json out = json::array();
    for (const PenaltyPublication& p : *items) out.push_back(PenaltyJson(p, service.rules()));
    return Response::Json({{"items", out}});
  });
  router.Get("/api/v1/entities/{uscc}/credit-repairs", public_, [&service, shared](Request& req) {
    auto options = service.Options(req.Param("uscc"));
    if (!options.ok()) return Response::Error(options.status());
    auto applications = service.ApplicationsOf(req.Param("uscc"));
    if (!applications.ok()) return Response::Error(applications.status());
    json out = json::array(), decided = json::array();
    for (const RepairOption& o : *options) out.push_back(OptionJson(o));
    for (const RepairApplication& a : *applications) decided.push_back(ApplicationJson(a, false));
    return Response::Json({{"items", out}, {"applications", decided}});
  });
  router.Post("/api/v1/entities/{uscc}/credit-repairs", file, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto kind_text = identity::StringField(*body, "record_kind", true);
    if (!kind_text.ok()) return Response::Error(kind_text.status());
    auto kind = ParseRepairRecord(*kind_text);
    if (!kind.ok()) return Response::Error(kind.status());
    auto id = identity::IdField(*body, "record_id");
    if (!id.ok()) return Response::Error(id.status());
    if (!id->has_value()) {
      return Response::Error(InvalidArgumentError("请选择要修复的信息", "record_id"));
    }
    RepairForm form;
    auto statement = identity::StringField(*body, "statement", false);
    if (!statement.ok()) return Response::Error(statement.status());
    auto evidence = identity::StringField(*body, "evidence", false);
    if (!evidence.ok()) return Response::Error(evidence.status());
    const json commitment = body->value("commitment", json(false));
    if (!commitment.is_boolean()) {
      return Response::Error(InvalidArgumentError("请选择是否作出信用修复承诺", "commitment"));
    }
    form.statement = *statement;
    form.evidence = *evidence;
    form.commitment = commitment.get<bool>();
    auto done =
        service.Apply(identity::CallerOf(req), req.Param("uscc"), *kind, **id, std::move(form));
    if (!done.ok()) return Response::Error(done.status());
    if (done->listing) return Response::Json({{"listing", ListingJson(*done->listing)}});
    return Response::Json({{"application", ApplicationJson(*done->application, true)}},
                          done->created ? 201 : 200);
  });
  router.Get("/api/v1/credit/repairs", decide, [&service, shared](Request& req) {
    auto items = service.Queue(identity::CallerOf(req));
    if (!items.ok()) return Response::Error(items.status());
    json out = json::array();
    for (const QueuedRepair& q : *items) {
      json a = ApplicationJson(q.application, true);
      a["record_title"] = q.title;
      a["days_left"] = q.days_left;
      a["overdue"] = q.overdue;
      a["due_provisional"] = q.due_provisional;
      out.push_back(std::move(a));
    }
    return Response::Json({{"items", out}});
  });
  router.Post("/api/v1/credit/repairs/{id}/decision", decide, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto decision = ParseYesNo(*body, "approve", "请选择准予修复或不予修复");
    if (!decision.ok()) return Response::Error(decision.status());
    auto done = service.Decide(identity::CallerOf(req), *id, decision->yes, decision->reason);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(ApplicationJson(*done, true));
  });
}

}  // namespace amr::credit
