// SPDX-License-Identifier: MulanPSL-2.0
// Test helpers: a county with two departments, entities, the 一单两库 and a
// joint task, through the real stores (tests, the authorization matrix and
// inspection_seed_for_test). Header-only, tests only.
#pragma once

#include <soci/soci.h>

#include <sstream>
#include <string>
#include <vector>

#include "codes/uscc.h"
#include "common/clock.h"
#include "common/status.h"
#include "identity/org_unit_store.h"
#include "inspection/library_store.h"
#include "inspection/task_store.h"
#include "registry/entity.h"
#include "registry/entity_store.h"
#include "storage/database.h"

namespace amr::inspection::testing {

inline identity::Caller System() { return identity::Caller{nullptr, "", "", "system"}; }

// A new org unit under `parent`.
// `region` empty: the parent's (a unit's region lies within its parent's),
// or 西湖区 under the root.
inline StatusOr<identity::OrgUnit> AddUnit(storage::Database& db, const Clock& clock,
                                           int64_t parent, std::string code, std::string name,
                                           std::string kind, std::string department,
                                           std::string region = "") {
  identity::OrgUnit out;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    if (region.empty()) {
      ASSIGN_OR_RETURN(identity::OrgUnit p, identity::GetOrgUnit(sql, parent));
      region = p.region_code.empty() ? "330106" : p.region_code;
    }
    identity::NewOrgUnit u{parent, code, name, kind, department, region};
    ASSIGN_OR_RETURN(out, identity::CreateOrgUnit(sql, u, System(), clock));
    return OkStatus();
  }));
  return out;
}

// `classes` entities (one per character: 'A'..'D', or 's' for a suspended and
// 'x' for a deregistered B entity) in `region`, industry 51, USCCs from serial
// `first_serial` on; returns their USCCs in order.
inline StatusOr<std::vector<std::string>> AddEntities(storage::Database& db, const Clock& clock,
                                                      const std::string& classes,
                                                      uint64_t first_serial,
                                                      const std::string& region = "330106") {
  std::vector<std::string> out;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    out.clear();
    uint64_t serial = first_serial;
    for (char c : classes) {
      registry::Entity e;
      ASSIGN_OR_RETURN(e.uscc, codes::IssueUscc('9', '1', region, serial++));
      e.name = "抽查测试企业" + std::to_string(serial) + "有限公司";
      e.org_form = "有限责任公司";
      e.region_code = region;
      e.industry_code = "51";
      e.credit_class = (c == 's' || c == 'x') ? 'B' : c;
      e.status = c == 's'   ? registry::EntityStatus::kSuspended
                 : c == 'x' ? registry::EntityStatus::kDeregistered
                            : registry::EntityStatus::kActive;
      e.established_on = *Date::Parse("2020-01-01");
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock.Now())));
      out.push_back(e.uscc);
    }
    return OkStatus();
  }));
  return out;
}

inline StatusOr<LibraryImportReport> Import(storage::Database& db, const Clock& clock,
                                            LibraryKind kind, const std::string& csv) {
  std::istringstream in(csv);
  return ImportLibrary(db, kind, in, System(), nullptr, clock);
}

inline StatusOr<int64_t> IdOf(storage::Database& db, const std::string& table,
                              const std::string& code) {
  long long id = 0;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT id FROM " + table + " WHERE code = :c", soci::use(code), soci::into(id);
    return OkStatus();
  }));
  if (id == 0) return NotFoundError(code + " 不存在");
  return static_cast<int64_t>(id);
}

// A joint task of departments `dept_a` and `dept_b` (org unit codes) over the
// entities labelled `label`, with every ratio 1 (all of them drawn), its pool
// published. The items get codes `<prefix>-A` and `<prefix>-B`.
struct JointTask {
  int64_t plan_id = 0;
  int64_t task_id = 0;
  std::vector<int64_t> item_ids;
};
inline StatusOr<JointTask> PlanJointTask(storage::Database& db, const Clock& clock,
                                         int64_t plan_unit, const std::string& dept_a,
                                         const std::string& dept_b, const std::string& prefix,
                                         const std::string& label, bool publish = true) {
  RETURN_IF_ERROR(Import(db, clock, LibraryKind::kItems,
                         "code,org_unit_code,name,category,legal_basis,content,entity_kinds,"
                         "industries\n" +
                             prefix + "-A," + dept_a +
                             ",登记事项检查,general,市场主体登记管理条例,,,\n" + prefix + "-B," +
                             dept_b + ",食品经营检查,key,食品安全法,,enterprise,51\n")
                      .status());
  JointTask out;
  ASSIGN_OR_RETURN(int64_t a, IdOf(db, "inspection_item", prefix + "-A"));
  ASSIGN_OR_RETURN(int64_t b, IdOf(db, "inspection_item", prefix + "-B"));
  out.item_ids = {a, b};
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Plan plan,
                     CreatePlan(sql, {plan_unit, 2026, prefix + " 年度抽查计划"}, System(), clock));
    out.plan_id = plan.id;
    NewTask t;
    t.plan_id = plan.id;
    t.name = prefix + " 联合抽查";
    t.item_ids = out.item_ids;
    t.filters.labels = {label};
    t.ratios = {1.0, 1.0, 1.0, 1.0};
    ASSIGN_OR_RETURN(Task task, CreateTask(sql, t, System(), clock));
    out.task_id = task.id;
    if (publish) RETURN_IF_ERROR(PublishPool(sql, task.id, System(), clock).status());
    return OkStatus();
  }));
  return out;
}

// Labels `usccs` with `label` in the target library (owner unit `unit_code`).
inline Status Label(storage::Database& db, const Clock& clock,
                    const std::vector<std::string>& usccs, const std::string& label,
                    const std::string& unit_code) {
  std::string csv = "target_key,kind,name,entity_uscc,org_unit_code,labels,special_library\n";
  for (const std::string& u : usccs)
    csv += u + ",entity,主体," + u + "," + unit_code + "," + label + ",\n";
  return Import(db, clock, LibraryKind::kTargets, csv).status();
}

inline StatusOr<Task> Draw(storage::Database& db, const Clock& clock, int64_t task_id,
                           const std::string& entropy) {
  Task out;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, DrawTask(sql, task_id, entropy, "见证人 王五", System(), clock));
    return OkStatus();
  }));
  return out;
}

}  // namespace amr::inspection::testing
