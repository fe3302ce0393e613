// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/punishment.h"

#include <fmt/format.h>

#include <algorithm>

#include "credit/credit_rules.h"
#include "credit/data_file.h"

namespace amr::credit {
namespace {

using nlohmann::json;

bool Has(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

StatusOr<PunishmentCatalogue> PunishmentCatalogue::FromJson(const json& root) {
  if (!root.is_object() || !root.value("measures", json()).is_array()) {
    return InvalidArgumentError("联合惩戒清单须有 measures", "measures");
  }
  PunishmentCatalogue out;
  for (const json& m : root["measures"]) {
    PunishmentMeasure p;
    if (!m.is_object()) return InvalidArgumentError("联合惩戒措施应为对象", "measures");
    for (auto [key, target] : {std::pair<const char*, std::string*>{"id", &p.id},
                               {"field", &p.field},
                               {"measure", &p.measure},
                               {"basis", &p.basis},
                               {"requesting", &p.requesting},
                               {"executing", &p.executing}}) {
      if (!m.value(key, json()).is_string() || m[key].get<std::string>().empty()) {
        return InvalidArgumentError(
            fmt::format("联合惩戒措施 {} 缺少 {}", m.value("id", std::string("?")), key),
            "measures");
      }
      *target = m[key].get<std::string>();
    }
    for (const json& l : m.value("lists", json::array())) {
      const std::string list = l.is_string() ? l.get<std::string>() : "";
      if (list != "serious" && list != "abnormal") {
        return InvalidArgumentError(p.id + " 的 lists 只能是 serious、abnormal", "measures");
      }
      p.lists.push_back(list);
    }
    if (p.lists.empty()) return InvalidArgumentError(p.id + " 须写明 lists", "measures");
    const std::string subject = m.value("subject", std::string("entity"));
    if (subject == "legal_rep") {
      p.subject = PunishmentMeasure::Subject::kLegalRep;
      p.years = m.value("years", 0);
      if (p.years < 1 || !Has(p.lists, "serious") || p.lists.size() != 1) {
        return InvalidArgumentError(p.id + "：约束法定代表人的措施须只对应 serious 并写明 years",
                                    "measures");
      }
    } else if (subject != "entity") {
      return InvalidArgumentError(p.id + " 的 subject 应为 entity 或 legal_rep", "measures");
    }
    if (out.Find(p.id) != nullptr) return InvalidArgumentError(p.id + " 重复", "measures");
    out.measures_.push_back(std::move(p));
  }
  return out;
}

const PunishmentCatalogue& PunishmentCatalogue::Default() {
  static const PunishmentCatalogue* catalogue =
      LoadDataOrAbort<PunishmentCatalogue>("punishments.json");
  return *catalogue;
}

const PunishmentMeasure* PunishmentCatalogue::Find(std::string_view id) const {
  for (const PunishmentMeasure& m : measures_) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

std::vector<MeasureInForce> MeasuresForEntity(const PartyStanding& party,
                                              const PunishmentCatalogue& catalogue) {
  std::vector<MeasureInForce> out;
  for (const PunishmentMeasure& m : catalogue.measures()) {
    if (m.subject != PunishmentMeasure::Subject::kEntity) continue;
    if (party.serious_current && Has(m.lists, "serious")) {
      out.push_back({&m, party.uscc,
                     fmt::format("列入严重违法失信名单（{} 起）", party.serious_since),
                     party.serious_since, party.serious_until});
    } else if (!party.abnormal_since.empty() && Has(m.lists, "abnormal")) {
      out.push_back({&m, party.uscc,
                     fmt::format("列入{}（{} 起）",
                                 party.abnormal_status_only ? "经营异常状态" : "经营异常名录",
                                 party.abnormal_since),
                     party.abnormal_since, ""});
    }
  }
  return out;
}

std::vector<MeasureInForce> MeasuresForLegalRep(const PartyStanding& entity,
                                                const PunishmentCatalogue& catalogue,
                                                const Date& today) {
  std::vector<MeasureInForce> out;
  if (entity.serious_since.empty()) return out;
  StatusOr<Date> since = Date::Parse(entity.serious_since, "since");
  if (!since.ok()) return out;
  for (const PunishmentMeasure& m : catalogue.measures()) {
    if (m.subject != PunishmentMeasure::Subject::kLegalRep) continue;
    StatusOr<Date> end = YearsAfter(*since, m.years);
    if (!end.ok() || !(today < *end)) continue;
    out.push_back({&m, entity.uscc,
                   fmt::format("担任法定代表人的{}于 {} 被列入严重违法失信名单", entity.name,
                               entity.serious_since),
                   entity.serious_since, end->AddDays(-1).ToString()});
  }
  return out;
}

json MeasureJson(const MeasureInForce& m) {
  return {{"measure_id", m.measure->id},
          {"field", m.measure->field},
          {"measure", m.measure->measure},
          {"basis", m.measure->basis},
          {"requesting_department", m.measure->requesting},
          {"executing_department", m.measure->executing},
          {"binds",
           m.measure->subject == PunishmentMeasure::Subject::kLegalRep ? "legal_rep" : "entity"},
          {"because_of", m.uscc},
          {"reason", m.reason},
          {"since", m.since},
          {"ends_on", m.ends_on.empty() ? json(nullptr) : json(m.ends_on)}};
}

}  // namespace amr::credit
