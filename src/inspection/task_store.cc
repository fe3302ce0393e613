// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/task_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit_log.h"
#include "common/text.h"
#include "identity/roles.h"
#include "inspection/config.h"
#include "inspection/internal/row_int.h"
#include "inspection/library_store.h"
#include "storage/change_log.h"

namespace amr::inspection {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

Status Audit(soci::session& sql, const identity::Caller& caller, std::string_view permission,
             const std::string& unit_path, std::string action, std::string type, int64_t id,
             json before, json after, const Clock& clock) {
  audit::AuditEntry e;
  e.actor = identity::ActorFor(caller, permission, unit_path);
  e.action = std::move(action);
  e.target_type = std::move(type);
  e.target_id = std::to_string(id);
  e.before = std::move(before);
  e.after = std::move(after);
  return audit::Append(sql, e, clock);
}

json FiltersJson(const TaskFilters& f) {
  return {{"region_code", f.region_code},
          {"industry_code", f.industry_code},
          {"kind", f.kind},
          {"labels", f.labels},
          {"credit_classes", f.credit_classes}};
}

TaskFilters FiltersFrom(const std::string& text) {
  TaskFilters f;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return f;
  f.region_code = j.value("region_code", "");
  f.industry_code = j.value("industry_code", "");
  f.kind = j.value("kind", "");
  f.labels = j.value("labels", std::vector<std::string>{});
  f.credit_classes = j.value("credit_classes", "");
  return f;
}

constexpr const char* kTaskColumns =
    "id, plan_id, org_unit_id, name, joint, filters, ratios, officers_per_visit, "
    "exclude_within_days, status, pool_size, pool_hash, pool_published_at, entropy, witness, seed, "
    "drawn_at, region_code, created_at";

Task TaskFromRow(const soci::row& r) {
  using internal::Int;
  using internal::Text;
  Task t;
  t.id = Int(r, 0);
  t.plan_id = Int(r, 1);
  t.org_unit_id = Int(r, 2);
  t.name = Text(r, 3);
  t.joint = Int(r, 4) != 0;
  t.filters = FiltersFrom(Text(r, 5));
  t.ratios = Text(r, 6);
  t.officers_per_visit = static_cast<int>(Int(r, 7));
  t.exclude_within_days = static_cast<int>(Int(r, 8));
  t.status = Text(r, 9);
  t.pool_size = Int(r, 10);
  t.pool_hash = Text(r, 11);
  t.pool_published_at = Text(r, 12);
  t.entropy = Text(r, 13);
  t.witness = Text(r, 14);
  t.seed = Text(r, 15);
  t.drawn_at = Text(r, 16);
  t.region_code = Text(r, 17);
  t.created_at = Text(r, 18);
  return t;
}

Status LoadTaskItems(soci::session& sql, Task& t) {
  long long id = t.id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT ti.item_id, i.org_unit_id FROM inspection_task_item ti JOIN "
                      "inspection_item i ON i.id = ti.item_id WHERE ti.task_id = :t ORDER BY "
                      "ti.item_id",
       soci::use(id));
  std::set<int64_t> units;
  for (const soci::row& r : rows) {
    t.item_ids.push_back(internal::Int(r, 0));
    units.insert(internal::Int(r, 1));
  }
  t.department_ids.assign(units.begin(), units.end());
  return OkStatus();
}

// The pool as stored, in position order.
std::vector<PoolEntry> StoredPool(soci::session& sql, int64_t task_id) {
  long long id = task_id;
  std::vector<PoolEntry> pool;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT uscc, credit_class FROM inspection_pool WHERE task_id = :t ORDER BY "
                      "position",
       soci::use(id));
  for (const soci::row& r : rows) {
    const std::string cls = r.get<std::string>(1);
    pool.push_back({r.get<std::string>(0), cls.empty() ? '?' : cls[0]});
  }
  return pool;
}

struct PoolCandidate {
  std::string kind;
  std::string industry;
};

// Entities and their kinds/industries by USCC, for the items' applicability.
struct EntityFacts {
  std::string kind, industry, region;
  char credit_class = 'B';
};

// The officer snapshot taken at the draw: everything AssignOfficers read.
json SnapshotJson(const std::vector<OfficerCandidate>& officers,
                  const std::vector<VisitRequest>& visits, int per_visit) {
  json o = json::array();
  for (const OfficerCandidate& c : officers) {
    o.push_back({{"id", c.id}, {"department", c.department}, {"station", c.station}});
  }
  json v = json::array();
  for (const VisitRequest& r : visits) {
    v.push_back({{"uscc", r.uscc},
                 {"departments", r.departments},
                 {"stations", r.stations},
                 {"conflicted_officers", r.conflicted_officers},
                 {"last_inspectors", r.last_inspectors}});
  }
  return {{"per_visit", per_visit}, {"officers", o}, {"visits", v}};
}

StatusOr<int64_t> InsertedId(soci::session& sql, const char* table, const char* key_col,
                             const std::string& key, long long task_id) {
  long long id = 0;
  sql << fmt::format("SELECT id FROM {} WHERE task_id = :t AND {} = :k", table, key_col),
      soci::use(task_id), soci::use(key), soci::into(id);
  return static_cast<int64_t>(id);
}

}  // namespace

std::string SeedTaskId(int64_t task_id) { return std::to_string(task_id); }

json PlanJson(const Plan& p) {
  return {{"id", p.id},
          {"org_unit_id", p.org_unit_id},
          {"year", p.year},
          {"name", p.name},
          {"status", p.status},
          {"filed_to_unit_id", p.filed_to_unit_id ? json(*p.filed_to_unit_id) : json(nullptr)},
          {"filed_at", p.filed_at.empty() ? json(nullptr) : json(p.filed_at)},
          {"created_at", p.created_at}};
}

json TaskJson(const Task& t) {
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", t.id},
          {"plan_id", t.plan_id},
          {"org_unit_id", t.org_unit_id},
          {"name", t.name},
          {"joint", t.joint},
          {"filters", FiltersJson(t.filters)},
          {"ratios", t.ratios},
          {"officers_per_visit", t.officers_per_visit},
          {"exclude_within_days", t.exclude_within_days},
          {"status", t.status},
          {"pool_size", t.pool_size},
          {"pool_hash", opt(t.pool_hash)},
          {"pool_published_at", opt(t.pool_published_at)},
          {"entropy", opt(t.entropy)},
          {"witness", opt(t.witness)},
          {"seed", opt(t.seed)},
          {"drawn_at", opt(t.drawn_at)},
          {"item_ids", t.item_ids},
          {"department_ids", t.department_ids},
          {"created_at", t.created_at}};
}

StatusOr<Plan> GetPlan(soci::session& sql, int64_t plan_id) {
  long long id = plan_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, org_unit_id, year, name, status, filed_to_unit_id, filed_at, "
                      "created_at FROM inspection_plan WHERE id = :id",
       soci::use(id));
  for (const soci::row& r : rows) {
    Plan p;
    p.id = internal::Int(r, 0);
    p.org_unit_id = internal::Int(r, 1);
    p.year = static_cast<int>(internal::Int(r, 2));
    p.name = internal::Text(r, 3);
    p.status = internal::Text(r, 4);
    p.filed_to_unit_id = internal::MaybeInt(r, 5);
    p.filed_at = internal::Text(r, 6);
    p.created_at = internal::Text(r, 7);
    return p;
  }
  return NotFoundError(fmt::format("抽查计划 {} 不存在", plan_id), "plan_id");
}

StatusOr<Plan> CreatePlan(soci::session& sql, const NewPlan& plan, const identity::Caller& caller,
                          const Clock& clock) {
  if (plan.year < 2000 || plan.year > 2100) {
    return InvalidArgumentError("年度应在 2000 到 2100 之间", "year");
  }
  if (plan.name.empty() || Utf8Length(plan.name) > 100) {
    return InvalidArgumentError("计划名称不能为空（至多 100 个字）", "name");
  }
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, plan.org_unit_id));
  const std::string now = FormatChinaTime(clock.Now());
  long long unit = plan.org_unit_id;
  int year = plan.year;
  sql << "INSERT INTO inspection_plan (org_unit_id, year, name, status, created_at) VALUES (:u, "
         ":y, :n, 'draft', :t)",
      soci::use(unit), soci::use(year), soci::use(plan.name), soci::use(now);
  long long id = 0;
  sql << "SELECT MAX(id) FROM inspection_plan WHERE org_unit_id = :u", soci::use(unit),
      soci::into(id);
  ASSIGN_OR_RETURN(Plan created, GetPlan(sql, id));
  RETURN_IF_ERROR(Audit(sql, caller, perm::kInspectionPlanWrite, path, "inspection.plan.create",
                        "inspection_plan", id, nullptr, PlanJson(created), clock));
  return created;
}

StatusOr<Plan> FilePlan(soci::session& sql, int64_t plan_id, const identity::Caller& caller,
                        const Clock& clock) {
  ASSIGN_OR_RETURN(Plan plan, GetPlan(sql, plan_id));
  if (plan.status != "draft") return FailedPreconditionError("计划已报送，不能重复报送", "status");
  long long unit = plan.org_unit_id;
  long long parent = 0;
  soci::indicator ind = soci::i_null;
  std::string path;
  sql << "SELECT parent_id, path FROM org_unit WHERE id = :u", soci::use(unit),
      soci::into(parent, ind), soci::into(path);
  if (ind != soci::i_ok) {
    return FailedPreconditionError("计划所属机构没有上级机构，无从报送", "org_unit_id");
  }
  const std::string now = FormatChinaTime(clock.Now());
  long long id = plan_id;
  sql << "UPDATE inspection_plan SET status = 'filed', filed_to_unit_id = :p, filed_at = :t WHERE "
         "id = :id",
      soci::use(parent), soci::use(now), soci::use(id);
  ASSIGN_OR_RETURN(Plan filed, GetPlan(sql, plan_id));
  RETURN_IF_ERROR(Audit(sql, caller, perm::kInspectionPlanWrite, path, "inspection.plan.file",
                        "inspection_plan", plan_id, PlanJson(plan), PlanJson(filed), clock));
  return filed;
}

StatusOr<Task> GetTask(soci::session& sql, int64_t task_id) {
  long long id = task_id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kTaskColumns +
                                                     " FROM inspection_task WHERE id = :id",
                                  soci::use(id));
  for (const soci::row& r : rows) {
    Task t = TaskFromRow(r);
    RETURN_IF_ERROR(LoadTaskItems(sql, t));
    return t;
  }
  return NotFoundError(fmt::format("抽查任务 {} 不存在", task_id), "task_id");
}

namespace {

// The ids of `table` (alias t) whose unit (t.org_unit_id, or `also_unit` when
// given) lies under one of `scope_paths`; newest first, at most 500.
std::vector<long long> IdsUnder(soci::session& sql, const std::string& table,
                                const std::vector<std::string>& scope_paths,
                                const std::string& also_unit = "") {
  std::string q = "SELECT t.id FROM " + table + " t JOIN org_unit o ON o.id = t.org_unit_id ";
  if (!also_unit.empty()) q += "LEFT JOIN org_unit f ON f.id = t." + also_unit + " ";
  q += "WHERE (1 = 0";
  for (size_t i = 0; i < scope_paths.size(); ++i) {
    q += fmt::format(" OR o.path LIKE :p{0}", i);
    if (!also_unit.empty()) q += fmt::format(" OR f.path LIKE :p{0}", i);
  }
  q += ") ORDER BY t.id DESC LIMIT 500";
  std::vector<std::string> likes;
  for (const std::string& p : scope_paths) likes.push_back(p + "%");
  soci::details::prepare_temp_type st = (sql.prepare << q);
  for (size_t i = 0; i < likes.size(); ++i) st, soci::use(likes[i], "p" + std::to_string(i));
  soci::rowset<soci::row> rows(st);
  std::vector<long long> ids;
  for (const soci::row& r : rows) ids.push_back(internal::Int(r, 0));
  return ids;
}

}  // namespace

StatusOr<std::vector<Plan>> ListPlans(soci::session& sql,
                                      const std::vector<std::string>& scope_paths) {
  std::vector<Plan> out;
  for (long long id : IdsUnder(sql, "inspection_plan", scope_paths, "filed_to_unit_id")) {
    ASSIGN_OR_RETURN(Plan p, GetPlan(sql, id));
    out.push_back(std::move(p));
  }
  return out;
}

StatusOr<std::vector<Task>> ListTasks(soci::session& sql,
                                      const std::vector<std::string>& scope_paths) {
  std::vector<Task> out;
  for (long long id : IdsUnder(sql, "inspection_task", scope_paths)) {
    ASSIGN_OR_RETURN(Task t, GetTask(sql, id));
    out.push_back(std::move(t));
  }
  return out;
}

StatusOr<Task> CreateTask(soci::session& sql, const NewTask& in, const identity::Caller& caller,
                          const Clock& clock) {
  if (in.name.empty() || Utf8Length(in.name) > 100) {
    return InvalidArgumentError("任务名称不能为空（至多 100 个字）", "name");
  }
  if (in.item_ids.empty()) {
    return InvalidArgumentError("抽查任务至少要有一个抽查事项", "item_ids");
  }
  if (in.officers_per_visit < 2 || in.officers_per_visit > 10) {
    return InvalidArgumentError("每户检查人员应为 2 到 10 名（每次检查至少两名执法人员）",
                                "officers_per_visit");
  }
  if (in.exclude_within_days < 0 || in.exclude_within_days > 3650) {
    return InvalidArgumentError("近期已检查排除天数应在 0 到 3650 之间", "exclude_within_days");
  }
  for (char c : in.filters.credit_classes) {
    if (CreditClassIndex(c) < 0) {
      return InvalidArgumentError("信用风险分类只能是 A、B、C、D", "filters.credit_classes");
    }
  }
  ASSIGN_OR_RETURN(Plan plan, GetPlan(sql, in.plan_id));
  std::set<int64_t> unique_ids(in.item_ids.begin(), in.item_ids.end());
  ASSIGN_OR_RETURN(std::vector<Item> items,
                   GetItems(sql, std::vector<int64_t>(unique_ids.begin(), unique_ids.end())));
  std::set<int64_t> departments;
  bool only_general = true;
  for (const Item& it : items) {
    departments.insert(it.org_unit_id);
    only_general = only_general && it.category == "general";
  }
  ASSIGN_OR_RETURN(Ratios ratios, TaskRatios(in.ratios, only_general, Config()));
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, plan.org_unit_id));
  std::string region;
  long long unit = plan.org_unit_id;
  sql << "SELECT region_code FROM org_unit WHERE id = :u", soci::use(unit), soci::into(region);
  const std::string now = FormatChinaTime(clock.Now());
  const std::string filters = FiltersJson(in.filters).dump();
  const std::string ratio_text = ratios.ToString();
  long long plan_id = in.plan_id;
  int joint = departments.size() > 1 ? 1 : 0;
  int per_visit = in.officers_per_visit, exclude = in.exclude_within_days;
  sql << "INSERT INTO inspection_task (plan_id, org_unit_id, name, joint, filters, ratios, "
         "officers_per_visit, exclude_within_days, status, region_code, created_at) VALUES (:p, "
         ":u, :n, :j, :f, :r, :o, :e, 'planned', :reg, :t)",
      soci::use(plan_id), soci::use(unit), soci::use(in.name), soci::use(joint), soci::use(filters),
      soci::use(ratio_text), soci::use(per_visit), soci::use(exclude), soci::use(region),
      soci::use(now);
  long long id = 0;
  sql << "SELECT MAX(id) FROM inspection_task WHERE plan_id = :p", soci::use(plan_id),
      soci::into(id);
  for (int64_t item : unique_ids) {
    long long item_id = item;
    sql << "INSERT INTO inspection_task_item (task_id, item_id) VALUES (:t, :i)", soci::use(id),
        soci::use(item_id);
  }
  ASSIGN_OR_RETURN(Task task, GetTask(sql, id));
  RETURN_IF_ERROR(Audit(sql, caller, perm::kInspectionPlanWrite, path, "inspection.task.create",
                        "inspection_task", id, nullptr, TaskJson(task), clock));
  return task;
}

StatusOr<Task> PublishPool(soci::session& sql, int64_t task_id, const identity::Caller& caller,
                           const Clock& clock) {
  ASSIGN_OR_RETURN(Task task, GetTask(sql, task_id));
  if (task.status != "planned") {
    return FailedPreconditionError("抽查名录已公布，不能再改动（任务状态 " + task.status + "）",
                                   "status");
  }
  ASSIGN_OR_RETURN(std::vector<Item> items, GetItems(sql, task.item_ids));
  if (items.empty()) return FailedPreconditionError("任务没有抽查事项", "item_ids");
  const TaskFilters& f = task.filters;

  // Entities inspected recently are left out (exclude_within_days).
  std::set<std::string> recent;
  const Date today = ChinaDate(clock.Now());
  if (task.exclude_within_days > 0) {
    const std::string since = today.AddDays(-task.exclude_within_days).ToString();
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT DISTINCT uscc FROM inspection_visit WHERE check_date IS NOT NULL "
                        "AND check_date >= :d",
         soci::use(since));
    for (const std::string& u : rows) recent.insert(u);
  }
  // Labels (target library): every label asked for must be on the entity or
  // on one of its products, projects or premises.
  std::map<std::string, std::set<std::string>> labels_of;
  if (!f.labels.empty()) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT entity_uscc, labels, special_library FROM inspection_target");
    for (const soci::row& r : rows) {
      auto& set = labels_of[r.get<std::string>(0)];
      for (const std::string& l : SplitList(r.get<std::string>(1))) set.insert(l);
      const std::string special = r.get<std::string>(2);
      if (!special.empty()) set.insert(special);
    }
  }
  // Suspended, deregistered and revoked entities are never in a pool.
  std::string q =
      "SELECT uscc, kind, industry_code, credit_class FROM entity WHERE status = 'active'";
  const std::string region = f.region_code + "%", industry = f.industry_code + "%";
  if (!f.region_code.empty()) q += " AND region_code LIKE :region";
  if (!f.industry_code.empty()) q += " AND industry_code LIKE :industry";
  if (!f.kind.empty()) q += " AND kind = :kind";
  soci::details::prepare_temp_type st = (sql.prepare << q);
  if (!f.region_code.empty()) st, soci::use(region, "region");
  if (!f.industry_code.empty()) st, soci::use(industry, "industry");
  if (!f.kind.empty()) st, soci::use(f.kind, "kind");
  soci::rowset<soci::row> rows(st);
  std::vector<PoolEntry> entries;
  for (const soci::row& r : rows) {
    const std::string uscc = r.get<std::string>(0);
    const char cls = r.get<std::string>(3).at(0);
    if (!f.credit_classes.empty() && f.credit_classes.find(cls) == std::string::npos) continue;
    if (recent.count(uscc) != 0) continue;
    const std::string kind = r.get<std::string>(1), ind = r.get<std::string>(2);
    if (std::none_of(items.begin(), items.end(),
                     [&](const Item& it) { return ItemApplies(it, kind, ind); })) {
      continue;
    }
    if (!f.labels.empty()) {
      auto it = labels_of.find(uscc);
      if (it == labels_of.end()) continue;
      bool all = std::all_of(f.labels.begin(), f.labels.end(),
                             [&](const std::string& l) { return it->second.count(l) != 0; });
      if (!all) continue;
    }
    entries.push_back({uscc, cls});
  }
  if (entries.empty()) {
    return FailedPreconditionError(
        "抽查名录为空：没有符合筛选条件、适用抽查事项且未被排除的存续主体", "pool");
  }
  ASSIGN_OR_RETURN(std::vector<PoolEntry> pool, CanonicalPool(std::move(entries)));
  const std::string hash = PoolHash(pool);
  const std::string now = FormatChinaTime(clock.Now());
  long long id = task_id;
  {
    long long position = 0;
    std::string uscc, cls;
    soci::statement ins =
        (sql.prepare << "INSERT INTO inspection_pool (task_id, position, uscc, credit_class) "
                        "VALUES (:t, :p, :u, :c)",
         soci::use(id), soci::use(position), soci::use(uscc), soci::use(cls));
    for (const PoolEntry& e : pool) {
      uscc = e.uscc;
      cls = std::string(1, e.credit_class);
      ins.execute(true);
      ++position;
    }
  }
  long long size = static_cast<long long>(pool.size());
  sql << "UPDATE inspection_task SET status = 'pool_published', pool_size = :s, pool_hash = :h, "
         "pool_published_at = :t WHERE id = :id",
      soci::use(size), soci::use(hash), soci::use(now), soci::use(id);
  ASSIGN_OR_RETURN(Task published, GetTask(sql, task_id));
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, task.org_unit_id));
  RETURN_IF_ERROR(Audit(sql, caller, perm::kInspectionDraw, path, "inspection.pool.publish",
                        "inspection_task", task_id, nullptr,
                        {{"pool_size", size}, {"pool_hash", hash}}, clock));
  return published;
}

namespace {

// Everything the assignment reads, taken from the store at draw time.
struct AssignmentInput {
  std::vector<OfficerCandidate> officers;
  std::vector<VisitRequest> visits;
  std::vector<std::vector<int64_t>> visit_items;
};

StatusOr<AssignmentInput> GatherAssignment(soci::session& sql, const Task& task,
                                           const std::vector<Item>& items,
                                           const std::vector<PoolEntry>& selected) {
  AssignmentInput in;
  // Officers: active, of a department taking part (its unit or below).
  std::map<int64_t, std::string> dept_path;
  for (int64_t d : task.department_ids) {
    ASSIGN_OR_RETURN(dept_path[d], UnitPath(sql, d));
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT f.id, o.path, f.station_unit_id FROM inspection_officer f JOIN "
                        "org_unit o ON o.id = f.org_unit_id WHERE f.status = 'active' ORDER BY "
                        "f.id");
    for (const soci::row& r : rows) {
      const std::string path = r.get<std::string>(1);
      for (const auto& [d, dpath] : dept_path) {
        if (path.compare(0, dpath.size(), dpath) == 0) {
          in.officers.push_back(
              {internal::Int(r, 0), std::to_string(d), internal::MaybeInt(r, 2).value_or(0)});
          break;
        }
      }
    }
  }
  std::set<int64_t> candidate_ids;
  for (const OfficerCandidate& c : in.officers) candidate_ids.insert(c.id);
  long long task_id = task.id;
  for (const PoolEntry& e : selected) {
    VisitRequest v;
    v.uscc = e.uscc;
    std::string kind, industry;
    sql << "SELECT kind, industry_code FROM entity WHERE uscc = :u", soci::use(e.uscc),
        soci::into(kind), soci::into(industry);
    std::set<std::string> depts;
    std::vector<int64_t> item_ids;
    for (const Item& it : items) {
      if (ItemApplies(it, kind, industry)) {
        depts.insert(std::to_string(it.org_unit_id));
        item_ids.push_back(it.id);
      }
    }
    v.departments.assign(depts.begin(), depts.end());
    soci::rowset<soci::row> conflicts =
        (sql.prepare << "SELECT officer_id FROM inspection_officer_conflict WHERE entity_uscc = "
                        ":u ORDER BY officer_id",
         soci::use(e.uscc));
    for (const soci::row& r : conflicts) {
      int64_t o = internal::Int(r, 0);
      if (candidate_ids.count(o) != 0) v.conflicted_officers.push_back(o);
    }
    // The officers of the entity's last inspection (a visit with a check date).
    long long last_visit = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(id) FROM inspection_visit WHERE uscc = :u AND task_id <> :t AND check_date "
           "= (SELECT MAX(check_date) FROM inspection_visit WHERE uscc = :u2 AND task_id <> :t2)",
        soci::use(e.uscc, "u"), soci::use(task_id, "t"), soci::use(e.uscc, "u2"),
        soci::use(task_id, "t2"), soci::into(last_visit, ind);
    if (ind == soci::i_ok) {
      soci::rowset<soci::row> last =
          (sql.prepare << "SELECT officer_id FROM inspection_visit_officer WHERE visit_id = :v "
                          "ORDER BY officer_id",
           soci::use(last_visit));
      for (const soci::row& r : last) {
        int64_t o = internal::Int(r, 0);
        if (candidate_ids.count(o) != 0) v.last_inspectors.push_back(o);
      }
    }
    in.visits.push_back(std::move(v));
    in.visit_items.push_back(std::move(item_ids));
  }
  return in;
}

StatusOr<AssignmentInput> SnapshotFrom(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return InvalidArgumentError("检查人员快照不是 JSON 对象", "officer_snapshot");
  AssignmentInput in;
  try {
    for (const json& o : j.at("officers")) {
      in.officers.push_back({o.at("id").get<int64_t>(), o.at("department").get<std::string>(),
                             o.at("station").get<int64_t>()});
    }
    for (const json& v : j.at("visits")) {
      VisitRequest r;
      r.uscc = v.at("uscc").get<std::string>();
      r.departments = v.at("departments").get<std::vector<std::string>>();
      r.stations = v.at("stations").get<std::vector<int64_t>>();
      r.conflicted_officers = v.at("conflicted_officers").get<std::vector<int64_t>>();
      r.last_inspectors = v.at("last_inspectors").get<std::vector<int64_t>>();
      in.visits.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    return InvalidArgumentError(std::string("检查人员快照格式错误：") + e.what(),
                                "officer_snapshot");
  }
  return in;
}

}  // namespace

StatusOr<Task> DrawTask(soci::session& sql, int64_t task_id, const std::string& entropy,
                        const std::string& witness, const identity::Caller& caller,
                        const Clock& clock) {
  if (entropy.empty() || entropy.size() > 512) {
    return InvalidArgumentError("见证人输入的公开随机数不能为空（至多 512 个字母或数字）",
                                "entropy");
  }
  if (witness.empty() || Utf8Length(witness) > 60) {
    return InvalidArgumentError("须写明见证人（至多 60 个字）", "witness");
  }
  ASSIGN_OR_RETURN(Task task, GetTask(sql, task_id));
  if (task.status == "drawn") {
    return FailedPreconditionError("该任务已抽取，不能重新抽取", "status");
  }
  if (task.status != "pool_published") {
    return FailedPreconditionError("须先公布抽查名录及其哈希值，再抽取", "status");
  }
  if (task.item_ids.empty()) return FailedPreconditionError("任务没有抽查事项", "item_ids");
  std::vector<PoolEntry> pool = StoredPool(sql, task_id);
  if (Status s = CheckPool(pool); !s.ok()) {
    return FailedPreconditionError("已公布的抽查名录已损坏：" + s.message(), "pool");
  }
  if (PoolHash(pool) != task.pool_hash) {
    return FailedPreconditionError("已公布的抽查名录与其哈希值不符", "pool");
  }
  ASSIGN_OR_RETURN(Ratios ratios, Ratios::Parse(task.ratios));
  std::optional<DrawStream> stream_holder;
  DrawStream* stream = nullptr;
  Seed zero{};
  stream_holder.emplace(zero);
  stream = &*stream_holder;
  ASSIGN_OR_RETURN(SampleResult sample,
                   DrawSample(SeedTaskId(task_id), pool, ratios, entropy, stream));
  if (sample.selected.empty()) {
    return FailedPreconditionError("按本任务的比例未抽中任何主体，请调整比例", "ratios");
  }
  std::vector<PoolEntry> selected;
  for (size_t i : sample.selected) selected.push_back(pool[i]);
  ASSIGN_OR_RETURN(std::vector<Item> items, GetItems(sql, task.item_ids));
  ASSIGN_OR_RETURN(AssignmentInput in, GatherAssignment(sql, task, items, selected));
  if (in.officers.empty()) {
    return FailedPreconditionError("参与部门没有在岗的执法检查人员", "officers");
  }
  auto assignment = AssignOfficers(in.visits, in.officers, task.officers_per_visit, *stream);
  if (!assignment.ok()) {
    return Status(assignment.status().code(), assignment.status().message(), "officers");
  }
  const std::string now = FormatChinaTime(clock.Now());
  long long id = task_id;
  for (size_t v = 0; v < selected.size(); ++v) {
    std::string region;
    sql << "SELECT region_code FROM entity WHERE uscc = :u", soci::use(selected[v].uscc),
        soci::into(region);
    std::vector<std::string> item_text;
    for (int64_t i : in.visit_items[v]) item_text.push_back(std::to_string(i));
    const std::string joined = JoinList(item_text), cls(1, selected[v].credit_class);
    sql << "INSERT INTO inspection_visit (task_id, uscc, credit_class, item_ids, region_code) "
           "VALUES (:t, :u, :c, :i, :r)",
        soci::use(id), soci::use(selected[v].uscc), soci::use(cls), soci::use(joined),
        soci::use(region);
    ASSIGN_OR_RETURN(int64_t visit_id,
                     InsertedId(sql, "inspection_visit", "uscc", selected[v].uscc, id));
    int position = 0;
    for (int64_t officer : assignment->OfficersOf(v)) {
      long long vid = visit_id, oid = officer;
      sql << "INSERT INTO inspection_visit_officer (visit_id, officer_id, position) VALUES (:v, "
             ":o, :p)",
          soci::use(vid), soci::use(oid), soci::use(position);
      ++position;
    }
  }
  const std::string seed = SeedHex(sample.seed);
  const std::string snapshot = SnapshotJson(in.officers, in.visits, task.officers_per_visit).dump();
  sql << "UPDATE inspection_task SET status = 'drawn', entropy = :e, witness = :w, seed = :s, "
         "officer_snapshot = :o, drawn_at = :t WHERE id = :id",
      soci::use(entropy), soci::use(witness), soci::use(seed), soci::use(snapshot), soci::use(now),
      soci::use(id);
  ASSIGN_OR_RETURN(Task drawn, GetTask(sql, task_id));
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, task.org_unit_id));
  RETURN_IF_ERROR(Audit(sql, caller, perm::kInspectionDraw, path, "inspection.task.draw",
                        "inspection_task", task_id, nullptr,
                        {{"entropy", entropy},
                         {"witness", witness},
                         {"seed", seed},
                         {"pool_hash", task.pool_hash},
                         {"visits", selected.size()}},
                        clock));
  return drawn;
}

StatusOr<VerifyReport> VerifyDraw(soci::session& sql, int64_t task_id) {
  ASSIGN_OR_RETURN(Task task, GetTask(sql, task_id));
  if (task.status != "drawn") {
    return FailedPreconditionError("该任务尚未抽取，无可核验的结果", "status");
  }
  VerifyReport report;
  report.task_id = task_id;
  std::vector<PoolEntry> pool = StoredPool(sql, task_id);
  report.pool_size = static_cast<int64_t>(pool.size());
  if (Status s = CheckPool(pool); !s.ok()) {
    report.problems.push_back("名录不合规范：" + s.message());
    return report;
  }
  report.pool_hash = PoolHash(pool);
  if (report.pool_hash != task.pool_hash) {
    report.problems.push_back(fmt::format("名录哈希不符：按名录重算为 {}，公布的是 {}",
                                          report.pool_hash, task.pool_hash));
  }
  if (static_cast<int64_t>(pool.size()) != task.pool_size) {
    report.problems.push_back(
        fmt::format("名录条数不符：现有 {} 条，公布时 {} 条", pool.size(), task.pool_size));
  }
  ASSIGN_OR_RETURN(Ratios ratios, Ratios::Parse(task.ratios));
  Seed zero{};
  DrawStream stream(zero);
  ASSIGN_OR_RETURN(SampleResult sample,
                   DrawSample(SeedTaskId(task_id), pool, ratios, task.entropy, &stream));
  report.seed = SeedHex(sample.seed);
  if (report.seed != task.seed) {
    report.problems.push_back(
        fmt::format("种子不符：重算为 {}，记录的是 {}", report.seed, task.seed));
  }
  std::vector<std::string> expected;
  for (size_t i : sample.selected) expected.push_back(pool[i].uscc);
  // Stored visits and their officers.
  std::map<std::string, std::vector<int64_t>> stored;
  {
    long long id = task_id;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT v.uscc, vo.officer_id FROM inspection_visit v LEFT JOIN "
                        "inspection_visit_officer vo ON vo.visit_id = v.id WHERE v.task_id = :t "
                        "ORDER BY v.uscc, vo.officer_id",
         soci::use(id));
    for (const soci::row& r : rows) {
      auto& list = stored[r.get<std::string>(0)];
      if (auto o = internal::MaybeInt(r, 1)) list.push_back(*o);
    }
  }
  report.visits = static_cast<int64_t>(stored.size());
  std::vector<std::string> got;
  for (const auto& [u, officers] : stored) got.push_back(u);
  if (got != expected) {
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(),
                        std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(),
                        std::back_inserter(extra));
    report.problems.push_back(fmt::format(
        "抽中名单不符：应抽中 {} 户、记录 {} 户；应有而缺 {}；多出 {}", expected.size(), got.size(),
        missing.empty() ? "无" : JoinList(missing), extra.empty() ? "无" : JoinList(extra)));
    return report;
  }
  std::string snapshot_text;
  {
    long long id = task_id;
    soci::indicator ind = soci::i_null;
    sql << "SELECT officer_snapshot FROM inspection_task WHERE id = :id", soci::use(id),
        soci::into(snapshot_text, ind);
  }
  auto snapshot = SnapshotFrom(snapshot_text);
  if (!snapshot.ok()) {
    report.problems.push_back(snapshot.status().message());
    return report;
  }
  std::vector<std::string> snap_usccs;
  for (const VisitRequest& v : snapshot->visits) snap_usccs.push_back(v.uscc);
  if (snap_usccs != expected) {
    report.problems.push_back("检查人员快照中的户与抽中名单不符");
    return report;
  }
  auto assignment =
      AssignOfficers(snapshot->visits, snapshot->officers, task.officers_per_visit, stream);
  if (!assignment.ok()) {
    report.problems.push_back("按快照重算人员分配失败：" + assignment.status().message());
    return report;
  }
  for (size_t v = 0; v < expected.size(); ++v) {
    auto span = assignment->OfficersOf(v);
    std::vector<int64_t> want(span.begin(), span.end());
    std::sort(want.begin(), want.end());
    if (stored[expected[v]] != want) {
      std::vector<std::string> w, g;
      for (int64_t o : want) w.push_back(std::to_string(o));
      for (int64_t o : stored[expected[v]]) g.push_back(std::to_string(o));
      report.problems.push_back(fmt::format("{} 的检查人员不符：应为 {}，记录为 {}", expected[v],
                                            JoinList(w), JoinList(g)));
    }
  }
  return report;
}

StatusOr<json> PublicDrawJson(soci::session& sql, int64_t task_id) {
  ASSIGN_OR_RETURN(Task task, GetTask(sql, task_id));
  json out = {{"task_id", task.id},
              {"name", task.name},
              {"joint", task.joint},
              {"status", task.status},
              {"ratios", task.ratios},
              {"seed_task_id", SeedTaskId(task.id)},
              {"pool_size", task.pool_size},
              {"pool_hash", task.pool_hash.empty() ? json(nullptr) : json(task.pool_hash)},
              {"pool_published_at",
               task.pool_published_at.empty() ? json(nullptr) : json(task.pool_published_at)},
              {"entropy", task.entropy.empty() ? json(nullptr) : json(task.entropy)},
              {"witness", task.witness.empty() ? json(nullptr) : json(task.witness)},
              {"seed", task.seed.empty() ? json(nullptr) : json(task.seed)},
              {"drawn_at", task.drawn_at.empty() ? json(nullptr) : json(task.drawn_at)}};
  json pool = json::array();
  for (const PoolEntry& e : StoredPool(sql, task_id)) {
    pool.push_back(e.uscc + "," + std::string(1, e.credit_class));
  }
  out["pool"] = std::move(pool);
  json visits = json::array();
  if (task.status == "drawn") {
    long long id = task_id;
    std::map<std::string, json> by_uscc;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT v.uscc, f.id, f.name, f.code, v.credit_class, "
                        "COALESCE((SELECT e.name FROM entity e WHERE e.uscc = v.uscc), ''), "
                        "v.result_state, COALESCE(v.published_at, '') "
                        "FROM inspection_visit v JOIN "
                        "inspection_visit_officer vo ON vo.visit_id = v.id JOIN "
                        "inspection_officer f ON f.id = vo.officer_id WHERE v.task_id = :t ORDER "
                        "BY v.uscc, f.id",
         soci::use(id));
    for (const soci::row& r : rows) {
      json& v = by_uscc[r.get<std::string>(0)];
      if (v.is_null()) {
        // 一公开: the result once it is published, by its official name.
        const std::string published = internal::Text(r, 7);
        const ResultState* state = Config().State(internal::Text(r, 6));
        v = {{"uscc", r.get<std::string>(0)},
             {"name", r.get<std::string>(5)},
             {"credit_class", r.get<std::string>(4)},
             {"result_name",
              published.empty() || state == nullptr ? json(nullptr) : json(state->name)},
             {"result_published_at", published.empty() ? json(nullptr) : json(published)},
             {"officers", json::array()}};
      }
      v["officers"].push_back({{"id", internal::Int(r, 1)},
                               {"name", r.get<std::string>(2)},
                               {"code", r.get<std::string>(3)}});
    }
    for (auto& [u, v] : by_uscc) visits.push_back(std::move(v));
    std::string snapshot;
    soci::indicator ind = soci::i_null;
    sql << "SELECT officer_snapshot FROM inspection_task WHERE id = :id", soci::use(id),
        soci::into(snapshot, ind);
    out["officer_snapshot"] = ind == soci::i_ok ? json::parse(snapshot, nullptr, false) : json();
  }
  out["selected"] = std::move(visits);
  return out;
}

}  // namespace amr::inspection
