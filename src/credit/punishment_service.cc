// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/punishment_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"

namespace amr::credit {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

// "330106" → "330106", "330100" → "3301", "330000" → "33"; "" → everything.
std::string RegionPrefix(std::string region) {
  while (region.size() >= 2 && region.ends_with("00")) region.resize(region.size() - 2);
  return region;
}

std::string Masked(const std::string& id) {
  return id.size() == 18 ? id.substr(0, 4) + std::string(10, '*') + id.substr(14) : "***";
}

}  // namespace

PunishmentService::PunishmentService(storage::Database& db, const Clock& clock,
                                     const PunishmentCatalogue& catalogue)
    : db_(db), clock_(clock), catalogue_(catalogue) {}

StatusOr<PunishmentAnswer> PunishmentService::Query(const identity::Caller& caller,
                                                    const std::string& uscc,
                                                    const std::string& citizen_id) {
  const identity::Principal* p = caller.principal;
  if (p == nullptr || !p->Can(perm::kCreditPunishmentQuery)) {
    return PermissionDeniedError("没有查询联合惩戒措施的权限");
  }
  if (uscc.empty() == citizen_id.empty()) {
    return InvalidArgumentError("请写统一社会信用代码或公民身份号码其中之一", "uscc");
  }
  if (!uscc.empty() && !codes::CheckUscc(uscc).valid) {
    return InvalidArgumentError("统一社会信用代码校验不通过，请核对", "uscc");
  }
  if (!citizen_id.empty() && !codes::CheckCitizenId(citizen_id).valid) {
    return InvalidArgumentError("公民身份号码校验不通过，请核对", "citizen_id");
  }
  const Date today = ChinaDate(clock_.Now());
  const std::string now = FormatChinaTime(clock_.Now());
  PunishmentAnswer out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    out = PunishmentAnswer{};
    std::vector<std::string> prefixes;
    int64_t unit = 0;
    for (const identity::RoleGrant* g : p->ScopesFor(perm::kCreditPunishmentQuery)) {
      ASSIGN_OR_RETURN(std::string region, UnitRegion(sql, g->org_unit.id));
      prefixes.push_back(RegionPrefix(region));
      if (unit == 0) unit = g->org_unit.id;
    }
    auto in_scope = [&](const std::string& region) {
      return std::any_of(prefixes.begin(), prefixes.end(),
                         [&](const std::string& pre) { return region.starts_with(pre); });
    };
    if (!uscc.empty()) {
      out.party_kind = "entity";
      ASSIGN_OR_RETURN(std::optional<PartyStanding> party, StandingOf(sql, uscc));
      if (!party) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
      if (!in_scope(party->region_code)) return identity::OutOfScopeError();
      out.uscc = party->uscc;
      out.name = party->name;
      out.measures = MeasuresForEntity(*party, catalogue_);
    } else {
      out.party_kind = "person";
      ASSIGN_OR_RETURN(std::vector<PartyStanding> entities,
                       SeriousEntitiesRepresentedBy(sql, citizen_id));
      for (const PartyStanding& e : entities) {
        if (!in_scope(e.region_code)) continue;
        for (MeasureInForce& m : MeasuresForLegalRep(e, catalogue_, today)) {
          out.measures.push_back(std::move(m));
        }
      }
    }
    std::vector<std::string> ids;
    for (const MeasureInForce& m : out.measures) ids.push_back(m.measure->id);
    const std::string party = out.party_kind == "entity" ? uscc : Masked(citizen_id);
    ASSIGN_OR_RETURN(out.query_id,
                     InsertQuery(sql, p->user_id, unit, out.party_kind, party, ids, now));
    return audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kCreditPunishmentQuery), "credit.punishment_query",
         "punishment_query", std::to_string(out.query_id), nullptr,
         json{{"party_kind", out.party_kind}, {"party", party}, {"measures", ids}}},
        clock_);
  }));
  return out;
}

Status PunishmentService::Feedback(const identity::Caller& caller, int64_t query_id,
                                   const std::string& measure_id, bool applied,
                                   const std::string& note) {
  const identity::Principal* p = caller.principal;
  if (p == nullptr || !p->Can(perm::kCreditPunishmentQuery)) {
    return PermissionDeniedError("没有反馈联合惩戒措施执行情况的权限");
  }
  if (Utf8Length(note) > 2000) return InvalidArgumentError("说明不超过 2000 个字", "note");
  return db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(StoredQuery q, GetQuery(sql, query_id));
    if (q.user_id != p->user_id) return NotFoundError("没有这次查询", "id");
    if (std::find(q.measures.begin(), q.measures.end(), measure_id) == q.measures.end()) {
      return InvalidArgumentError("这次查询的结果中没有这项措施", "measure_id");
    }
    RETURN_IF_ERROR(
        InsertFeedback(sql, query_id, measure_id, applied, note, FormatChinaTime(clock_.Now())));
    return audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kCreditPunishmentQuery), "credit.punishment_feedback",
         "punishment_query", std::to_string(query_id), nullptr,
         json{{"measure_id", measure_id}, {"applied", applied}, {"note", note}}},
        clock_);
  });
}

StatusOr<PunishmentFigures> PunishmentService::Figures() {
  PunishmentFigures out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, PunishmentFiguresOf(sql));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<MeasureInForce>> LegalRepBarsIn(soci::session& sql,
                                                     const std::string& citizen_id,
                                                     const Date& today,
                                                     const PunishmentCatalogue& catalogue) {
  std::vector<MeasureInForce> out;
  ASSIGN_OR_RETURN(std::vector<PartyStanding> entities,
                   SeriousEntitiesRepresentedBy(sql, citizen_id));
  for (const PartyStanding& e : entities) {
    for (MeasureInForce& m : MeasuresForLegalRep(e, catalogue, today)) out.push_back(std::move(m));
  }
  return out;
}

std::string BarMessage(const MeasureInForce& m) {
  return fmt::format("该法定代表人担任法定代表人的企业（{}）{}，依{}，{}{}", m.uscc, m.reason,
                     m.measure->basis, m.measure->measure,
                     m.ends_on.empty() ? "" : fmt::format("（至 {}）", m.ends_on));
}

}  // namespace amr::credit
