// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/routes.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "registry/entity_store.h"

namespace amr::registry {

namespace {

constexpr int kMaxLimit = 200;

// The public profile: what 企业信息公示暂行条例 lets anyone see.
nlohmann::json PublicJson(const Entity& e) {
  return {
      {"uscc", e.uscc},
      {"name", e.name},
      {"kind", KindId(e.kind)},
      {"kind_name", KindName(e.kind)},
      {"org_form", e.org_form},
      {"family_farm", e.family_farm},
      {"region_code", e.region_code},
      {"region_name", codes::Regions().ChainName(e.region_code)},
      {"industry_code", e.industry_code},
      {"legal_rep_name", e.legal_rep_name},
      {"registered_capital",
       e.registered_capital ? nlohmann::json(*e.registered_capital) : nlohmann::json(nullptr)},
      {"address", e.address},
      {"status", StatusId(e.status)},
      {"status_name", StatusName(e.status)},
      {"established_on", e.established_on.ToString()},
  };
}

StatusOr<EntityQuery> ParseQuery(const http::Request& req) {
  EntityQuery q;
  q.text = FoldText(req.Query("q").value_or(""));
  if (Utf8Length(q.text) > 100) return InvalidArgumentError("查询词不能超过 100 个字符", "q");
  q.region_code = req.Query("region_code").value_or("");
  if (!q.region_code.empty()) {
    bool digits = q.region_code.size() <= 6 &&
                  q.region_code.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      return InvalidArgumentError("行政区划代码应为 1 到 6 位数字", "region_code");
    }
  }
  if (auto kind = req.Query("kind"); kind && !kind->empty()) {
    ASSIGN_OR_RETURN(q.kind, ParseKind(*kind));
  }
  if (auto status = req.Query("status"); status && !status->empty()) {
    ASSIGN_OR_RETURN(q.status, ParseStatus(*status));
  }
  ASSIGN_OR_RETURN(q.limit, req.IntQuery("limit", 20, 1, kMaxLimit));
  ASSIGN_OR_RETURN(q.offset, req.IntQuery("offset", 0, 0, 1'000'000));
  return q;
}

}  // namespace

void AddEntityRoutes(http::Router& router, storage::Database& db) {
  router.Get("/api/v1/entities", std::string(http::kPublic), [&db](http::Request& req) {
    auto query = ParseQuery(req);
    if (!query.ok()) return http::Response::Error(query.status());
    auto page = FindEntities(db, *query);
    if (!page.ok()) return http::Response::Error(page.status());
    nlohmann::json items = nlohmann::json::array();
    for (const Entity& e : page->items) items.push_back(PublicJson(e));
    return http::Response::Json({{"total", page->total},
                                 {"limit", query->limit},
                                 {"offset", query->offset},
                                 {"items", std::move(items)}});
  });
  router.Get("/api/v1/entities/{uscc}", std::string(http::kPublic), [&db](http::Request& req) {
    const codes::UsccCheck check = codes::CheckUscc(req.Param("uscc"));
    if (!check.valid && !check.legacy) return http::Response::Error(check.problem);
    auto entity = GetEntity(db, FoldText(req.Param("uscc")));
    if (!entity.ok()) return http::Response::Error(entity.status());
    return http::Response::Json(PublicJson(*entity));
  });
}

}  // namespace amr::registry
