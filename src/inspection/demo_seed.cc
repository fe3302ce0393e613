// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/demo_seed.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <array>
#include <vector>

#include "inspection/internal/row_int.h"

namespace amr::inspection {
namespace {

struct DemoItem {
  const char* unit_suffix;  // "" = the bureau itself
  const char* code;
  const char* name;
  const char* category;
  const char* legal_basis;
  const char* kinds;
  const char* industries;
};

// Items of the kind every county's 抽查事项清单 lists; codes are the demo's own.
constexpr std::array<DemoItem, 6> kItems = {{
    {"", "DEMO-SC-01", "企业公示信息的抽查", "general", "《企业信息公示暂行条例》第十四条", "", ""},
    {"", "DEMO-SC-02", "食品经营者经营行为的检查", "key",
     "《中华人民共和国食品安全法》第一百一十条", "", "51;52;62"},
    {"", "DEMO-SC-03", "登记事项的检查", "general", "《市场主体登记管理条例》第三十五条", "", ""},
    {"", "DEMO-SC-04", "个体工商户年度报告的检查", "general", "《促进个体工商户发展条例》",
     "individual_business", ""},
    {"-urban", "DEMO-CG-01", "门前环境卫生责任区的检查", "general",
     "《城市市容和环境卫生管理条例》", "", ""},
    {"-health", "DEMO-WS-01", "公共场所卫生的检查", "general", "《公共场所卫生管理条例》", "",
     "80;81"},
}};

}  // namespace

StatusOr<InspectionDemoSummary> SeedInspectionDemo(storage::Database& db, const Clock& clock,
                                                   const std::string& bureau_code) {
  InspectionDemoSummary summary;
  const std::string now = FormatChinaTime(clock.Now());
  const int year = ChinaDate(clock.Now()).year();
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    summary = {};
    long long bureau = 0;
    soci::indicator ind = soci::i_null;
    std::string path, region;
    sql << "SELECT id, path, region_code FROM org_unit WHERE code = :c", soci::use(bureau_code),
        soci::into(bureau, ind), soci::into(path), soci::into(region);
    if (ind != soci::i_ok) {
      return FailedPreconditionError("机构 " + bureau_code + " 不存在", "bureau_code");
    }
    long long existing = 0;
    sql << "SELECT COUNT(*) FROM inspection_item WHERE code = 'DEMO-SC-01'", soci::into(existing);
    if (existing > 0) return AlreadyExistsError("演示抽查事项已存在", "code");
    // The county's code prefix: "330106" of "330106-amr".
    const std::string county = bureau_code.substr(0, bureau_code.find('-'));
    for (const DemoItem& item : kItems) {
      long long unit = bureau;
      std::string unit_region = region;
      if (*item.unit_suffix != '\0') {
        const std::string code = county + item.unit_suffix;
        soci::indicator found = soci::i_null;
        sql << "SELECT id, region_code FROM org_unit WHERE code = :c", soci::use(code),
            soci::into(unit, found), soci::into(unit_region);
        if (found != soci::i_ok) continue;
      }
      const std::string code = item.code, name = item.name, category = item.category,
                        basis = item.legal_basis, kinds = item.kinds, industries = item.industries;
      sql << "INSERT INTO inspection_item (code, org_unit_id, name, category, legal_basis, "
             "content, entity_kinds, industries, region_code, created_at) VALUES (:c, :u, :n, "
             ":cat, :b, :ct, :k, :i, :r, :t)",
          soci::use(code), soci::use(unit), soci::use(name), soci::use(category), soci::use(basis),
          soci::use(name), soci::use(kinds), soci::use(industries), soci::use(unit_region),
          soci::use(now);
      ++summary.items;
    }
    // Every inspector of the bureau's subtree becomes an officer of the bureau.
    const std::string like = path + "%";
    struct Inspector {
      int64_t user_id, station;
      std::string name, station_kind;
    };
    std::vector<Inspector> inspectors;
    {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT u.id, u.display_name, o.id, o.kind FROM user_role r JOIN "
                          "app_user u ON u.id = r.user_id JOIN org_unit o ON o.id = "
                          "r.org_unit_id WHERE r.role = 'inspector' AND o.path LIKE :p ORDER BY "
                          "u.id",
           soci::use(like));
      for (const soci::row& r : rows) {
        inspectors.push_back(
            {internal::Int(r, 0), internal::Int(r, 2), internal::Text(r, 1), internal::Text(r, 3)});
      }
    }
    for (const Inspector& i : inspectors) {
      const std::string code = fmt::format("DEMO-ZF-{:04}", i.user_id);
      long long user = i.user_id, station = i.station;
      soci::indicator st_ind = i.station_kind == "station" ? soci::i_ok : soci::i_null;
      sql << "INSERT INTO inspection_officer (code, name, org_unit_id, station_unit_id, user_id, "
             "qualifications, status, region_code, created_at) VALUES (:c, :n, :u, :s, :usr, "
             "'行政执法证', 'active', :r, :t)",
          soci::use(code), soci::use(i.name), soci::use(bureau), soci::use(station, st_ind),
          soci::use(user), soci::use(region), soci::use(now);
      ++summary.officers;
    }
    const std::string plan_name = fmt::format("{} 年度“双随机、一公开”抽查计划", year);
    sql << "INSERT INTO inspection_plan (org_unit_id, year, name, status, created_at) VALUES (:u, "
           ":y, :n, 'draft', :t)",
        soci::use(bureau), soci::use(year), soci::use(plan_name), soci::use(now);
    long long plan = 0;
    sql << "SELECT MAX(id) FROM inspection_plan WHERE org_unit_id = :u", soci::use(bureau),
        soci::into(plan);
    summary.plan_id = plan;
    return OkStatus();
  }));
  return summary;
}

}  // namespace amr::inspection
