// SPDX-License-Identifier: MulanPSL-2.0
#include "demo/demo_seed.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <array>
#include <string>

#include "common/random.h"
#include "identity/org_unit_store.h"
#include "identity/user_store.h"
#include "registry/entity_generator.h"
#include "registry/entity_store.h"

namespace amr::demo {

namespace {

struct Unit {
  const char* code;
  const char* parent;  // nullptr: under the root of the org tree
  const char* name;
  const char* kind;
  const char* department;
  const char* region;
  int staff;
};

// Real place names of 西湖区; the people are invented.
constexpr std::array<Unit, 19> kUnits = {{
    {"330000-amr", nullptr, "浙江省市场监督管理局", "province_bureau", "", "330000", 2},
    {"330100-amr", "330000-amr", "杭州市市场监督管理局", "city_bureau", "", "330100", 3},
    {"330106-amr", "330100-amr", "杭州市西湖区市场监督管理局", "county_bureau", "", "330106", 12},
    {"330106-beishan", "330106-amr", "北山市场监督管理所", "station", "", "330106", 5},
    {"330106-xixi", "330106-amr", "西溪市场监督管理所", "station", "", "330106", 5},
    {"330106-lingyin", "330106-amr", "灵隐市场监督管理所", "station", "", "330106", 4},
    {"330106-cuiyuan", "330106-amr", "翠苑市场监督管理所", "station", "", "330106", 5},
    {"330106-wenxin", "330106-amr", "文新市场监督管理所", "station", "", "330106", 5},
    {"330106-sandun", "330106-amr", "三墩市场监督管理所", "station", "", "330106", 6},
    {"330106-tax", nullptr, "国家税务总局杭州市西湖区税务局", "department", "tax", "330106", 3},
    {"330106-seal", nullptr, "杭州市公安局西湖区分局（印章治安管理）", "department", "seal",
     "330106", 2},
    {"330106-social", nullptr, "杭州市西湖区人力资源和社会保障局", "department", "social_insurance",
     "330106", 2},
    {"330106-medical", nullptr, "杭州市西湖区医疗保障局", "department", "medical_insurance",
     "330106", 2},
    {"330106-fund", nullptr, "杭州住房公积金管理中心西湖分中心", "department", "housing_fund",
     "330106", 2},
    {"330106-bank-icbc", nullptr, "中国工商银行杭州西湖支行", "department", "bank_account",
     "330106", 2},
    {"330106-bank-ccb", nullptr, "中国建设银行杭州西湖支行", "department", "bank_account", "330106",
     2},
    {"330106-urban", nullptr, "杭州市西湖区城市管理局", "department", "urban_management", "330106",
     2},
    {"330106-health", nullptr, "杭州市西湖区卫生健康局", "department", "health", "330106", 2},
    {"330106-hall", "330106-amr", "西湖区政务服务中心市场监管窗口", "service_hall", "", "330106",
     4},
}};

constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
constexpr std::string_view kGiven =
    "建国志红文斌辉玲萍鹏宇浩然欣怡秀英敏静丽强磊军洋勇艳杰娟涛明超";

std::string Pick3(std::string_view chars, Random& r) {
  const size_t n = chars.size() / 3;  // All three-byte characters.
  return std::string(chars.substr(3 * r.Uniform(n), 3));
}

struct Post {
  const char* title;
  identity::Role role;  // the role the title calls for, held at the staff's unit
};

Post PostFor(const Unit& u, int i) {
  using identity::Role;
  std::string_view kind = u.kind;
  if (kind == "department")
    return i == 0 ? Post{"科长", Role::kDepartmentOfficer}
                  : Post{"经办人", Role::kDepartmentOfficer};
  if (kind == "station") {
    return i == 0 ? Post{"所长", Role::kInspector} : Post{"执法人员", Role::kInspector};
  }
  if (kind == "service_hall") return {"窗口受理员", Role::kWindowClerk};
  if (kind == "county_bureau") {
    static constexpr std::array<Post, 12> kPosts = {{
        {"局长", Role::kLeader},
        {"副局长", Role::kLeader},
        {"注册官", Role::kRegistrar},
        {"注册官", Role::kRegistrar},
        {"注册官", Role::kRegistrar},
        {"窗口受理员", Role::kWindowClerk},
        {"窗口受理员", Role::kWindowClerk},
        {"执法人员", Role::kInspector},
        {"执法人员", Role::kInspector},
        {"执法人员", Role::kInspector},
        {"执法人员", Role::kInspector},
        {"内审员", Role::kAuditor},
    }};
    return kPosts[i % kPosts.size()];
  }
  return i == 0 ? Post{"处长", Role::kLeader} : Post{"注册官", Role::kRegistrar};
}

}  // namespace

StatusOr<bool> IsDemoStore(storage::Database& db) {
  long long n = 0;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM org_unit WHERE code = '330106-amr'", soci::into(n);
    return OkStatus();
  }));
  return n > 0;
}

StatusOr<DemoSummary> SeedDemo(storage::Database& db, const identity::PasswordHasher& hasher,
                               const Clock& clock, int entity_count) {
  DemoSummary summary;
  // One hash for every demo login: the password is public anyway.
  ASSIGN_OR_RETURN(const std::string password_hash, hasher.Hash(identity::kDemoPassword));
  const identity::Caller system{nullptr, "", "", "system"};
  const std::string now = FormatChinaTime(clock.Now());
  registry::GeneratorOptions options;
  options.region_prefix = kDemoCounty;
  options.as_of = ChinaDate(clock.Now()).AddDays(-1);
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    // The body may be retried after a busy store: start from scratch each time.
    summary = DemoSummary{};
    ASSIGN_OR_RETURN(auto generator, registry::EntityGenerator::Create(20261124, options));
    long long existing = 0;
    sql << "SELECT COUNT(*) FROM org_unit", soci::into(existing);
    long long entities = 0;
    sql << "SELECT COUNT(*) FROM entity", soci::into(entities);
    if (existing > 0 || entities > 0) return OkStatus();  // Not an empty store.

    Random random(2026);
    ASSIGN_OR_RETURN(identity::OrgUnit root, identity::CreateRootOrgUnit(sql, system, clock));
    ++summary.org_units;
    for (const Unit& u : kUnits) {
      std::string code = u.code, name = u.name, kind = u.kind, dept = u.department,
                  region = u.region;
      std::string parent = u.parent == nullptr ? root.code : u.parent;
      sql << "INSERT INTO org_unit (parent_id, code, name, kind, department, region_code) "
             "SELECT id, :code, :name, :kind, :dept, :region FROM org_unit WHERE code = :parent",
          soci::use(code), soci::use(name), soci::use(kind), soci::use(dept), soci::use(region),
          soci::use(parent);
      ASSIGN_OR_RETURN(identity::OrgUnit unit, identity::GetOrgUnitByCode(sql, code));
      ++summary.org_units;
      for (int i = 0; i < u.staff; ++i) {
        std::string username = fmt::format("{}-{:02d}", u.code, i + 1);
        std::string display = Pick3(kSurnames, random) + Pick3(kGiven, random) +
                              (random.Bernoulli(0.5) ? Pick3(kGiven, random) : "");
        const Post post = PostFor(u, i);
        std::string title = post.title;
        sql << "INSERT INTO staff (org_unit_id, username, display_name, title, active, "
               "region_code) SELECT id, :username, :display, :title, 1, :region FROM org_unit "
               "WHERE code = :code",
            soci::use(username), soci::use(display), soci::use(title), soci::use(region),
            soci::use(code);
        ++summary.staff;
        long long staff_id = 0;
        sql << "SELECT id FROM staff WHERE username = :username", soci::use(username),
            soci::into(staff_id);
        identity::NewUser user;
        user.username = username;
        user.display_name = display;
        user.kind = identity::UserKind::kStaff;
        user.org_unit_id = unit.id;
        user.staff_id = staff_id;
        // The hall's clerks accept applications for the bureau it belongs to:
        // their role is held at that bureau (their data scope), not the hall.
        int64_t role_unit = unit.id;
        if (std::string_view(u.kind) == "service_hall" && u.parent != nullptr) {
          ASSIGN_OR_RETURN(identity::OrgUnit bureau, identity::GetOrgUnitByCode(sql, u.parent));
          role_unit = bureau.id;
        }
        user.roles = {{post.role, role_unit}};
        user.must_change_password = false;
        RETURN_IF_ERROR(identity::ValidateNewUser(user));
        RETURN_IF_ERROR(identity::CreateUser(sql, user, password_hash, system, clock).status());
        ++summary.users;
      }
    }
    // Members of the public who open a business on the portal (申请人).
    for (int i = 1; i <= kDemoApplicants; ++i) {
      identity::NewUser user;
      user.username = fmt::format("{}{:02d}", kDemoApplicantPrefix, i);
      user.display_name = fmt::format("演示申请人{}", i);
      user.citizen_id = kDemoApplicantCitizenIds[i - 1];
      user.kind = identity::UserKind::kApplicant;
      user.must_change_password = false;
      RETURN_IF_ERROR(identity::ValidateNewUser(user));
      RETURN_IF_ERROR(identity::CreateUser(sql, user, password_hash, system, clock).status());
      ++summary.users;
    }
    // demo-applicant-04 is the legal representative of the first two
    // enterprises opened before last year (credit_demo.h files for one).
    int held = 0;
    const Date before = *Date::FromYmd(ChinaDate(clock.Now()).year() - 1, 1, 1);
    for (int i = 0; i < entity_count; ++i) {
      ASSIGN_OR_RETURN(registry::Entity e, generator.Next());
      if (held < 2 && e.kind == registry::EntityKind::kEnterprise && e.established_on < before) {
        e.legal_rep_name = fmt::format("演示申请人{}", kDemoApplicants);
        e.legal_rep_id = kDemoApplicantCitizenIds[kDemoApplicants - 1];
        ++held;
      }
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, now));
      ++summary.entities;
    }
    summary.seeded = true;
    return OkStatus();
  }));
  return summary;
}

}  // namespace amr::demo
