// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/routes.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "export/xlsx.h"
#include "identity/roles.h"
#include "registry/entity_store.h"

namespace amr::registry {

namespace {

constexpr int kMaxLimit = 200;

// 营业期限 as {"label", "from", "until"} (until null: 长期); null when none
// is recorded.
nlohmann::json OperatingTermJson(const Entity& e) {
  if (!e.operating_term) return nullptr;
  return {{"label", OperatingTermLabel(e)},
          {"from", e.established_on.ToString()},
          {"until", e.operating_term->until ? nlohmann::json(e.operating_term->until->ToString())
                                            : nlohmann::json(nullptr)}};
}

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
      {"operating_term", OperatingTermJson(e)},
  };
}

StatusOr<EntityQuery> ParseQuery(const http::Request& req) {
  EntityQuery q;
  q.text = FoldText(req.Query("q").value_or(""));
  if (Utf8Length(q.text) > 100) return InvalidArgumentError("查询词不能超过 100 个字符", "q");
  // The legal representative by name only, whole (never the ID number).
  q.legal_rep_name = FoldText(req.Query("legal_rep").value_or(""));
  if (!q.legal_rep_name.empty() &&
      (Utf8Length(q.legal_rep_name) < 2 || Utf8Length(q.legal_rep_name) > 30)) {
    return InvalidArgumentError("法定代表人（经营者）姓名应为 2 到 30 个字", "legal_rep");
  }
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

http::Response ExportXlsx(storage::Database& db, http::Request& req) {
  auto query = ParseQuery(req);
  if (!query.ok()) return http::Response::Error(query.status());
  query->limit = kMaxExportRows;
  query->offset = 0;
  auto page = FindEntities(db, *query);
  if (!page.ok()) return http::Response::Error(page.status());
  exports::XlsxTable table;
  table.sheet_name = "市场主体";
  table.title = "市场主体公示信息";
  table.columns = {{"统一社会信用代码", 22},
                   {"名称", 36},
                   {"类型", 12},
                   {"组织形式", 16},
                   {"法定代表人", 12},
                   {"注册资本（万元）", 14},
                   {"登记状态", 10},
                   {"成立日期", 12},
                   {"所在地区", 28},
                   {"住所", 40}};
  for (const Entity& e : page->items) {
    exports::XlsxCell capital;
    if (e.registered_capital) capital = static_cast<double>(*e.registered_capital) / 10000.0;
    table.rows.push_back({e.uscc, e.name, std::string(KindName(e.kind)), e.org_form,
                          e.legal_rep_name, capital, std::string(StatusName(e.status)),
                          e.established_on.ToString(), codes::Regions().ChainName(e.region_code),
                          e.address});
  }
  table.note = page->total > kMaxExportRows
                   ? fmt::format("共 {} 条符合条件，本表为前 {} 条；请缩小查询范围后再导出。",
                                 page->total, kMaxExportRows)
                   : fmt::format("共 {} 条。", page->total);
  auto bytes = exports::RenderXlsx(table);
  if (!bytes.ok()) return http::Response::Error(bytes.status());
  http::Response r =
      http::Response::Text(std::move(*bytes), std::string(exports::kXlsxContentType));
  r.headers.emplace_back("Content-Disposition", exports::AttachmentDisposition("市场主体.xlsx"));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// Whether `region` lies within one of `allowed` (prefixes; "" is everywhere).
bool RegionAllowed(const std::vector<std::string>& allowed, std::string_view region) {
  for (const std::string& prefix : allowed) {
    if (region.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

http::Response Stats(storage::Database& db, const RegionScope& scope, http::Request& req) {
  std::string region = req.Query("region_code").value_or("");
  if (region.size() > 6 || region.find_first_not_of("0123456789") != std::string::npos) {
    return http::Response::Error(
        InvalidArgumentError("行政区划代码应为 1 到 6 位数字", "region_code"));
  }
  auto from_year = req.IntQuery("from_year", 1949, 1949, 9999);
  if (!from_year.ok()) return http::Response::Error(from_year.status());
  auto allowed =
      scope ? scope(req) : StatusOr<std::vector<std::string>>(std::vector<std::string>{""});
  if (!allowed.ok()) return http::Response::Error(allowed.status());
  if (region.empty() && !allowed->empty()) region = allowed->front();
  if (!RegionAllowed(*allowed, region)) {
    return http::Response::Error(PermissionDeniedError("所查地区不在本人的统计范围内"));
  }
  auto stats = CountEntities(db, region, static_cast<int>(*from_year));
  if (!stats.ok()) return http::Response::Error(stats.status());
  nlohmann::json by_kind_status = nlohmann::json::array();
  for (const KindStatusCount& c : stats->by_kind_status) {
    by_kind_status.push_back({{"kind", KindId(c.kind)},
                              {"kind_name", KindName(c.kind)},
                              {"status", StatusId(c.status)},
                              {"status_name", StatusName(c.status)},
                              {"count", c.count}});
  }
  nlohmann::json by_year = nlohmann::json::array();
  for (const YearKindCount& c : stats->by_year) {
    by_year.push_back({{"year", c.year},
                       {"kind", KindId(c.kind)},
                       {"kind_name", KindName(c.kind)},
                       {"count", c.count}});
  }
  return http::Response::Json({{"region_code", region},
                               {"region_name", region.empty() ? std::string("全部地区")
                                                              : codes::Regions().ChainName(region)},
                               {"from_year", *from_year},
                               {"total", stats->total},
                               {"by_kind_status", std::move(by_kind_status)},
                               {"by_year", std::move(by_year)}});
}

}  // namespace

void AddEntityStatsRoutes(http::Router& router, storage::Database& db, RegionScope scope) {
  router.Get("/api/v1/entities/stats", std::string(identity::perm::kStatsRead),
             [&db, scope = std::move(scope)](http::Request& req) { return Stats(db, scope, req); });
}

void AddEntityRoutes(http::Router& router, storage::Database& db, BusinessScopeOf scope_of) {
  AddEntityRoutes(
      router, [&db](const http::Request&) -> storage::Database& { return db; },
      std::move(scope_of));
}

void AddEntityRoutes(http::Router& router, ReadsFor reads_for, BusinessScopeOf scope_of,
                     ProfileCacheFor cache_for) {
  router.Get("/api/v1/entities", std::string(http::kPublic), [reads_for](http::Request& req) {
    auto query = ParseQuery(req);
    if (!query.ok()) return http::Response::Error(query.status());
    auto page = FindEntities(reads_for(req), *query);
    if (!page.ok()) return http::Response::Error(page.status());
    nlohmann::json items = nlohmann::json::array();
    for (const Entity& e : page->items) items.push_back(PublicJson(e));
    return http::Response::Json({{"total", page->total},
                                 {"limit", query->limit},
                                 {"offset", query->offset},
                                 {"items", std::move(items)}});
  });
  router.Get("/api/v1/entities/export.xlsx", std::string(http::kPublic),
             [reads_for](http::Request& req) { return ExportXlsx(reads_for(req), req); });
  router.Get("/api/v1/entities/{uscc}", std::string(http::kPublic),
             [reads_for, scope_of = std::move(scope_of), cache_for](http::Request& req) {
               const codes::UsccCheck check = codes::CheckUscc(req.Param("uscc"));
               if (!check.valid && !check.legacy) return http::Response::Error(check.problem);
               const std::string uscc = FoldText(req.Param("uscc"));
               ProfileCache* cache = cache_for ? cache_for(req) : nullptr;
               const uint64_t stamp = cache ? cache->Stamp() : 0;
               if (cache) {
                 if (auto body = cache->Find(uscc, stamp)) {
                   return http::Response::Text(*std::move(body),
                                               std::string(http::kJsonContentType));
                 }
               }
               if (cache) cache->CountMiss();
               storage::Database& db = reads_for(req);
               auto entity = GetEntity(db, uscc);
               if (!entity.ok()) return http::Response::Error(entity.status());
               nlohmann::json profile = PublicJson(*entity);
               std::string scope;
               if (scope_of) {
                 auto found = scope_of(db, entity->uscc);
                 if (!found.ok()) return http::Response::Error(found.status());
                 scope = std::move(*found);
               }
               profile["business_scope"] = scope;
               http::Response answer = http::Response::Json(profile);
               if (cache) cache->Store(uscc, answer.body, stamp);
               return answer;
             });
  if (cache_for) {
    // A profile in the cache, answered without a handler thread; anything
    // else (a miss, a follow of the change log due) goes to the route above.
    router.SetFast("/api/v1/entities/{uscc}",
                   [cache_for](http::Request& req) -> std::optional<http::Response> {
                     ProfileCache* cache = cache_for(req);
                     if (cache == nullptr) return std::nullopt;
                     const codes::UsccCheck check = codes::CheckUscc(req.Param("uscc"));
                     if (!check.valid && !check.legacy) return std::nullopt;
                     const std::optional<uint64_t> stamp = cache->StampIfFollowed();
                     if (!stamp) return std::nullopt;
                     auto body = cache->Find(FoldText(req.Param("uscc")), *stamp);
                     if (!body) return std::nullopt;
                     return http::Response::Text(*std::move(body),
                                                 std::string(http::kJsonContentType));
                   });
  }
}

}  // namespace amr::registry
