// SPDX-License-Identifier: MulanPSL-2.0
// The draw of a task (task_store.h): the assignment's inputs gathered at draw time, the draw,
// its verification and the public record.
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
#include "inspection/task_store.h"
#include "storage/change_log.h"

namespace amr::inspection {

using nlohmann::json;
namespace perm = identity::perm;
using internal::Audit;
using internal::InsertedId;
using internal::SnapshotJson;
using internal::StoredPool;

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
  auto checked = CheckedPool::Check(pool);
  if (!checked.ok()) {
    return FailedPreconditionError("已公布的抽查名录已损坏：" + checked.status().message(), "pool");
  }
  if (checked->hash() != task.pool_hash) {
    return FailedPreconditionError("已公布的抽查名录与其哈希值不符", "pool");
  }
  ASSIGN_OR_RETURN(Ratios ratios, Ratios::Parse(task.ratios));
  std::optional<DrawStream> stream_holder;
  DrawStream* stream = nullptr;
  Seed zero{};
  stream_holder.emplace(zero);
  stream = &*stream_holder;
  ASSIGN_OR_RETURN(SampleResult sample,
                   DrawSample(SeedTaskId(task_id), *checked, ratios, entropy, stream));
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
  auto checked = CheckedPool::Check(pool);
  if (!checked.ok()) {
    report.problems.push_back("名录不合规范：" + checked.status().message());
    return report;
  }
  report.pool_hash = checked->hash();
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
                   DrawSample(SeedTaskId(task_id), *checked, ratios, task.entropy, &stream));
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
