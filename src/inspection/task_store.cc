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
#include "inspection/internal/task_support.h"
#include "inspection/library_store.h"
#include "storage/change_log.h"

namespace amr::inspection {

using nlohmann::json;

namespace internal {

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

}  // namespace internal

namespace {

namespace perm = identity::perm;
using internal::Audit;
using internal::InsertedId;
using internal::SnapshotJson;
using internal::StoredPool;

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

struct PoolCandidate {
  std::string kind;
  std::string industry;
};

// Entities and their kinds/industries by USCC, for the items' applicability.
struct EntityFacts {
  std::string kind, industry, region;
  char credit_class = 'B';
};

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

}  // namespace amr::inspection
