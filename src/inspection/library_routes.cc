// SPDX-License-Identifier: MulanPSL-2.0
// The 一单两库 half of routes.h.
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "export/json_export.h"
#include "identity/org_unit_store.h"
#include "identity/route_support.h"
#include "identity/scope.h"
#include "inspection/library_store.h"
#include "inspection/routes.h"

namespace amr::inspection::internal {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

std::vector<std::string> ScopePaths(const http::Request& req, std::string_view permission) {
  std::vector<std::string> out;
  const identity::Principal* p = identity::PrincipalOf(req);
  if (p == nullptr) return out;
  for (const identity::RoleGrant* g : p->ScopesFor(permission)) out.push_back(g->org_unit.path);
  return out;
}

// Adds "<key>_name" beside each "<key>" org unit id of the items, so the
// screens and the exports show 西湖区市场监督管理局 rather than an id.
Status NameUnits(soci::session& sql, json& items, const char* key) {
  std::map<int64_t, std::string> names;
  const std::string name_key = std::string(key).substr(0, std::string(key).size() - 3) + "_name";
  for (json& item : items) {
    if (!item.contains(key) || !item[key].is_number_integer()) continue;
    const int64_t id = item[key].get<int64_t>();
    auto it = names.find(id);
    if (it == names.end()) {
      ASSIGN_OR_RETURN(identity::OrgUnit unit, identity::GetOrgUnit(sql, id));
      it = names.emplace(id, unit.name).first;
    }
    item[name_key] = it->second;
  }
  return OkStatus();
}

// The entity kinds an item applies to, in words ("企业、个体工商户"); empty is all kinds.
exports::XlsxCell EntityKindNames(const json& item) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"enterprise", "企业"},
      {"individual_business", "个体工商户"},
      {"cooperative", "农民专业合作社"}};
  std::string out;
  for (const json& k : item.value("entity_kinds", json::array())) {
    if (!k.is_string()) continue;
    auto it = kNames.find(k.get<std::string>());
    if (!out.empty()) out += "、";
    out += it != kNames.end() ? it->second : k.get<std::string>();
  }
  return out.empty() ? std::string("全部") : out;
}

// "导出 Excel" of one library: its columns depend on the kind.
StatusOr<exports::JsonExport> LibraryExport(const http::Request& req) {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  ASSIGN_OR_RETURN(LibraryKind kind, ParseLibraryKind(req.Param("kind")));
  switch (kind) {
    case LibraryKind::kItems:
      return JsonExport{
          .filename = "抽查事项清单.xlsx",
          .title = "随机抽查事项清单",
          .columns = {Field("事项编码", "/code", 14), Field("抽查事项", "/name", 30),
                      Labeled("类别", "/category", {{"key", "重点"}, {"general", "一般"}}, 8),
                      Field("部门", "/org_unit_name", 24), Field("法律依据", "/legal_basis", 40),
                      Field("检查内容", "/content", 40),
                      Computed("市场主体类型", 20, EntityKindNames),
                      Field("行业", "/industries", 16)}};
    case LibraryKind::kTargets:
      return JsonExport{
          .filename = "检查对象名录库.xlsx",
          .title = "检查对象名录库",
          .columns = {Field("对象编号", "/target_key", 22), Field("类型", "/kind", 12),
                      Field("名称", "/name", 32), Field("统一社会信用代码", "/entity_uscc", 22),
                      Field("所属部门", "/org_unit_name", 24), Field("标签", "/labels", 20),
                      Field("专项库", "/special_library", 16)}};
    case LibraryKind::kOfficers:
      return JsonExport{
          .filename = "执法检查人员名录库.xlsx",
          .title = "执法检查人员名录库",
          .columns = {
              Field("执法证号/编号", "/code", 16), Field("姓名", "/name", 10),
              Field("部门", "/org_unit_name", 24), Field("所在所", "/station_unit_name", 20),
              Labeled("状态", "/status",
                      {{"active", "在岗"}, {"on_leave", "休假"}, {"inactive", "停用"}}, 8),
              Field("执法资格", "/qualifications", 20), Field("申报回避", "/conflicts", 24)}};
  }
  return InvalidArgumentError("没有这种名录", "kind");
}

http::Response ListLibrary(storage::Database& db, http::Request& req) {
  auto kind = ParseLibraryKind(req.Param("kind"));
  if (!kind.ok()) return http::Response::Error(kind.status());
  auto unit = req.IntQuery("org_unit_id", 0, 0, INT64_MAX);
  if (!unit.ok()) return http::Response::Error(unit.status());
  const identity::Principal* principal = identity::PrincipalOf(req);
  json items = json::array();
  Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
    items = json::array();
    std::optional<int64_t> only;
    if (*unit != 0) {
      ASSIGN_OR_RETURN(std::string path, UnitPath(sql, *unit));
      RETURN_IF_ERROR(identity::RequireScope(*principal, perm::kInspectionLibraryRead, path));
      only = *unit;
    }
    const auto scope = ScopePaths(req, perm::kInspectionLibraryRead);
    switch (*kind) {
      case LibraryKind::kItems: {
        ASSIGN_OR_RETURN(auto list, ListItems(sql, scope, only));
        for (const Item& i : list) {
          items.push_back({{"id", i.id},
                           {"code", i.code},
                           {"org_unit_id", i.org_unit_id},
                           {"name", i.name},
                           {"category", i.category},
                           {"legal_basis", i.legal_basis},
                           {"content", i.content},
                           {"entity_kinds", i.entity_kinds},
                           {"industries", i.industries}});
        }
        break;
      }
      case LibraryKind::kTargets: {
        ASSIGN_OR_RETURN(auto list, ListTargets(sql, scope, only));
        for (const Target& t : list) {
          items.push_back({{"id", t.id},
                           {"target_key", t.target_key},
                           {"kind", t.kind},
                           {"name", t.name},
                           {"entity_uscc", t.entity_uscc},
                           {"org_unit_id", t.org_unit_id},
                           {"labels", t.labels},
                           {"special_library", t.special_library}});
        }
        break;
      }
      case LibraryKind::kOfficers: {
        ASSIGN_OR_RETURN(auto list, ListOfficers(sql, scope, only));
        for (const Officer& f : list) {
          items.push_back(
              {{"id", f.id},
               {"code", f.code},
               {"name", f.name},
               {"org_unit_id", f.org_unit_id},
               {"station_unit_id", f.station_unit_id ? json(*f.station_unit_id) : json()},
               {"user_id", f.user_id ? json(*f.user_id) : json()},
               {"qualifications", f.qualifications},
               {"status", f.status},
               {"conflicts", f.conflicts}});
        }
        break;
      }
    }
    RETURN_IF_ERROR(NameUnits(sql, items, "org_unit_id"));
    return NameUnits(sql, items, "station_unit_id");
  });
  if (!s.ok()) return http::Response::Error(s);
  return http::Response::Json({{"kind", LibraryKindId(*kind)}, {"items", items}});
}

}  // namespace

void AddLibraryRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  router.Get("/api/v1/inspection/library/{kind}", std::string(perm::kInspectionLibraryRead),
             exports::WithXlsxExport([&db](http::Request& req) { return ListLibrary(db, req); },
                                     exports::ExportFor(LibraryExport)));
  router.Post(
      "/api/v1/inspection/library/{kind}/import", std::string(perm::kInspectionLibraryWrite),
      [&db, &clock](http::Request& req) {
        auto kind = ParseLibraryKind(req.Param("kind"));
        if (!kind.ok()) return http::Response::Error(kind.status());
        const identity::Principal* principal = identity::PrincipalOf(req);
        std::istringstream csv(req.body);
        auto report = ImportLibrary(
            db, *kind, csv, identity::CallerOf(req),
            [principal](std::string_view path) {
              return identity::RequireScope(*principal, perm::kInspectionLibraryWrite, path);
            },
            clock);
        if (!report.ok()) return http::Response::Error(report.status());
        return http::Response::Json({{"kind", LibraryKindId(*kind)}, {"rows", report->rows}}, 201);
      });
}

}  // namespace amr::inspection::internal
