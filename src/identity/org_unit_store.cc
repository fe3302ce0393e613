// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/org_unit_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "identity/internal/rows.h"
#include "storage/sql_text.h"

namespace amr::identity {
namespace {

using internal::Params;
using internal::RowInt;
using internal::RowText;

constexpr const char* kSelect =
    "SELECT id, parent_id, code, name, kind, department, region_code, path FROM org_unit ";

OrgUnit FromRow(const soci::row& r) {
  OrgUnit u;
  u.id = RowInt(r, 0);
  if (!internal::RowIsNull(r, 1)) u.parent_id = RowInt(r, 1);
  u.code = RowText(r, 2);
  u.name = RowText(r, 3);
  u.kind = RowText(r, 4);
  u.department = RowText(r, 5);
  u.region_code = RowText(r, 6);
  u.path = RowText(r, 7);
  return u;
}

StatusOr<std::vector<OrgUnit>> Select(soci::session& sql, const std::string& where,
                                      Params& params) {
  std::vector<OrgUnit> out;
  RETURN_IF_ERROR(internal::Query(sql, kSelect + where, params, [&](const soci::row& r) {
    out.push_back(FromRow(r));
    return OkStatus();
  }));
  return out;
}

StatusOr<OrgUnit> SelectOne(soci::session& sql, const std::string& where, Params& params,
                            const std::string& missing) {
  ASSIGN_OR_RETURN(auto units, Select(sql, where, params));
  if (units.empty()) return NotFoundError(missing);
  return units.front();
}

nlohmann::json UnitJson(const OrgUnit& u) {
  return {{"id", u.id},
          {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr)},
          {"code", u.code},
          {"name", u.name},
          {"kind", u.kind},
          {"department", u.department},
          {"region_code", u.region_code}};
}

}  // namespace

StatusOr<OrgUnit> GetOrgUnit(soci::session& sql, int64_t id) {
  Params p;
  const std::string where = "WHERE id = " + p.Int(id);
  return SelectOne(sql, where, p, fmt::format("机构 {} 不存在", id));
}

StatusOr<OrgUnit> GetOrgUnitByCode(soci::session& sql, std::string_view code) {
  Params p;
  const std::string where = "WHERE code = " + p.Text(std::string(code));
  return SelectOne(sql, where, p, fmt::format("机构代码“{}”不存在", code.substr(0, 40)));
}

StatusOr<std::vector<OrgUnit>> OrgUnitsUnder(soci::session& sql,
                                             const std::vector<std::string>& scope_paths) {
  if (scope_paths.empty()) return std::vector<OrgUnit>{};
  Params p;
  std::string where = "WHERE ";
  for (size_t i = 0; i < scope_paths.size(); ++i) {
    if (i > 0) where += " OR ";
    where += "path LIKE " + p.Text(storage::EscapeLike(scope_paths[i]) + "%") + " ESCAPE '\\'";
  }
  return Select(sql, where + " ORDER BY path", p);
}

StatusOr<std::vector<OrgUnit>> ChildrenOf(soci::session& sql, int64_t id) {
  Params p;
  const std::string where = "WHERE parent_id = " + p.Int(id) + " ORDER BY code";
  return Select(sql, where, p);
}

StatusOr<std::vector<OrgUnit>> AncestorsOf(soci::session& sql, const OrgUnit& unit) {
  std::vector<OrgUnit> out;
  std::string_view path = unit.path;
  // "/1/3/7/": every id but the last.
  size_t start = 1;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) break;
    const int64_t id = std::stoll(std::string(path.substr(start, end - start)));
    if (id != unit.id) {
      ASSIGN_OR_RETURN(OrgUnit u, GetOrgUnit(sql, id));
      out.push_back(std::move(u));
    }
    start = end + 1;
  }
  return out;
}

StatusOr<std::optional<OrgUnit>> FindRootOrgUnit(soci::session& sql) {
  Params p;
  ASSIGN_OR_RETURN(auto roots,
                   Select(sql,
                          "WHERE parent_id IS NULL ORDER BY CASE WHEN kind = 'platform' THEN 0 "
                          "ELSE 1 END, id",
                          p));
  if (roots.empty()) return std::optional<OrgUnit>();
  return std::optional<OrgUnit>(roots.front());
}

StatusOr<OrgUnit> CreateRootOrgUnit(soci::session& sql, const Caller& caller, const Clock& clock) {
  long long roots = 0;
  sql << "SELECT COUNT(*) FROM org_unit WHERE parent_id IS NULL", soci::into(roots);
  if (roots > 0) return FailedPreconditionError("机构树已有根机构");
  const std::string code = "root", name = "本平台", kind = "platform";
  sql << "INSERT INTO org_unit (parent_id, code, name, kind, department, region_code) "
         "VALUES (NULL, :code, :name, :kind, '', '')",
      soci::use(code), soci::use(name), soci::use(kind);
  ASSIGN_OR_RETURN(OrgUnit unit, GetOrgUnitByCode(sql, code));
  RETURN_IF_ERROR(audit::Append(sql,
                                {ActorFor(caller, perm::kOrgUnitsWrite), "org_unit.create",
                                 "org_unit", std::to_string(unit.id), nullptr, UnitJson(unit)},
                                clock));
  return unit;
}

StatusOr<OrgUnit> CreateOrgUnit(soci::session& sql, const NewOrgUnit& unit, const Caller& caller,
                                const Clock& clock) {
  auto parent = GetOrgUnit(sql, unit.parent_id);
  if (!parent.ok()) {
    if (parent.status().code() != StatusCode::kNotFound) return parent.status();
    return InvalidArgumentError(fmt::format("上级机构 {} 不存在", unit.parent_id), "parent_id");
  }
  RETURN_IF_ERROR(CheckRegionWithin(parent->region_code, unit.region_code));
  long long taken = 0;
  sql << "SELECT COUNT(*) FROM org_unit WHERE code = :code", soci::use(unit.code),
      soci::into(taken);
  if (taken > 0) {
    return AlreadyExistsError(fmt::format("机构代码“{}”已被使用", unit.code), "code");
  }
  long long parent_id = unit.parent_id;
  sql << "INSERT INTO org_unit (parent_id, code, name, kind, department, region_code) "
         "VALUES (:parent, :code, :name, :kind, :department, :region)",
      soci::use(parent_id), soci::use(unit.code), soci::use(unit.name), soci::use(unit.kind),
      soci::use(unit.department), soci::use(unit.region_code);
  ASSIGN_OR_RETURN(OrgUnit created, GetOrgUnitByCode(sql, unit.code));
  RETURN_IF_ERROR(
      audit::Append(sql,
                    {ActorFor(caller, perm::kOrgUnitsWrite, parent->path), "org_unit.create",
                     "org_unit", std::to_string(created.id), nullptr, UnitJson(created)},
                    clock));
  return created;
}

}  // namespace amr::identity
