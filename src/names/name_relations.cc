// SPDX-License-Identifier: MulanPSL-2.0
// Related entities whose names are no conflict (企业名称登记管理规定 Arts. 13,
// 15, 17): see name_rules.h.
#include <fmt/format.h>

#include <algorithm>

#include "names/name_rules.h"

namespace amr::names {

std::string_view NameRelationId(NameRelation relation) {
  switch (relation) {
    case NameRelation::kParent:
      return "parent";
    case NameRelation::kInvestment:
      return "investment";
    case NameRelation::kAuthorised:
      return "authorised";
    case NameRelation::kTransferred:
      return "transferred";
    case NameRelation::kPredecessor:
      return "predecessor";
  }
  return "investment";
}

std::string_view NameRelationName(NameRelation relation) {
  switch (relation) {
    case NameRelation::kParent:
      return "所隶属的企业（第十三条）";
    case NameRelation::kInvestment:
      return "有投资关系的企业（第十五条、第十七条）";
    case NameRelation::kAuthorised:
      return "授权使用其名称的企业（第十五条）";
    case NameRelation::kTransferred:
      return "名称转让方（第十七条）";
    case NameRelation::kPredecessor:
      return "个转企前的个体工商户";
  }
  return "";
}

StatusOr<NameRelation> ParseNameRelation(std::string_view id, std::string_view field) {
  for (NameRelation r :
       {NameRelation::kParent, NameRelation::kInvestment, NameRelation::kAuthorised,
        NameRelation::kTransferred, NameRelation::kPredecessor}) {
    if (NameRelationId(r) == id) return r;
  }
  return InvalidArgumentError(
      fmt::format("名称来源关系“{}”不可识别（可选 parent、investment、authorised、transferred）",
                  id),
      std::string(field));
}

bool RelationExempts(NameRelation relation, bool other_ended) {
  if (!other_ended) return true;  // Arts. 13 and 15: a name in use
  // Art. 17 (二): 已经注销或者变更登记未满一年的原企业名称，但有投资关系或者受让企业名称的除外;
  // (三): 被撤销…未满一年的原企业名称，但有投资关系的除外. An authorisation ends with
  // the name it was given for; a branch bears its parent's current name (Art. 13), not
  // one the parent no longer uses.
  return relation == NameRelation::kInvestment || relation == NameRelation::kTransferred ||
         relation == NameRelation::kPredecessor;
}

void ApplyRelations(NameCheck& check, const std::vector<RelatedEntity>& related) {
  if (related.empty() || check.hits.empty()) return;
  if (check.verdict != Verdict::kConflict && check.verdict != Verdict::kSimilar) return;
  std::vector<NameHit> kept;
  for (NameHit& hit : check.hits) {
    auto it = std::find_if(related.begin(), related.end(), [&](const RelatedEntity& r) {
      return !hit.uscc.empty() && r.uscc == hit.uscc;
    });
    if (it == related.end() || !RelationExempts(it->relation, hit.ended)) {
      kept.push_back(std::move(hit));
      continue;
    }
    hit.message =
        fmt::format("“{}”是{}，其名称不构成冲突", hit.name, NameRelationName(it->relation));
    check.exempted.push_back(std::move(hit));
  }
  // Art. 13: a branch's name is the name of the company it belongs to, so
  // a branch of an exempted entity is exempted with it.
  std::vector<NameHit> rest;
  for (NameHit& hit : kept) {
    auto parent = std::find_if(check.exempted.begin(), check.exempted.end(), [&](const NameHit& e) {
      return !hit.uscc.empty() && !e.name.empty() && hit.name.size() > e.name.size() &&
             hit.name.starts_with(e.name);
    });
    if (parent == check.exempted.end()) {
      rest.push_back(std::move(hit));
      continue;
    }
    hit.message =
        fmt::format("“{}”是“{}”的分支机构，其名称不构成冲突（第十三条）", hit.name, parent->name);
    check.exempted.push_back(std::move(hit));
  }
  check.hits = std::move(rest);
  if (std::any_of(check.hits.begin(), check.hits.end(),
                  [](const NameHit& h) { return h.rule == rule::kArt17; })) {
    check.verdict = Verdict::kConflict;
  } else {
    check.verdict = check.hits.empty() ? Verdict::kOk : Verdict::kSimilar;
  }
}

}  // namespace amr::names
