// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/visit_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit_log.h"
#include "calendar/deadline_store.h"
#include "codes/deadline.h"
#include "common/text.h"
#include "identity/roles.h"
#include "inspection/internal/row_int.h"
#include "inspection/library_store.h"
#include "inspection/task_store.h"
#include "leads/lead_store.h"

namespace amr::inspection {
namespace {

using nlohmann::json;

constexpr const char* kVisitSelect =
    "SELECT v.id, v.task_id, t.name, t.org_unit_id, v.uscc, COALESCE(e.name, ''), "
    "v.credit_class, v.item_ids, v.result_state, v.check_date, v.deadline, v.notes, v.entered_at, "
    "v.published_at, COALESCE(e.address, '') FROM inspection_visit v JOIN inspection_task t ON "
    "t.id = v.task_id LEFT JOIN entity e ON e.uscc = v.uscc ";

std::optional<Date> DateOf(const std::string& text) {
  if (text.size() < 10) return std::nullopt;
  auto d = Date::Parse(text.substr(0, 10));
  if (!d.ok()) return std::nullopt;
  return *d;
}

StatusOr<std::vector<Visit>> ReadVisits(soci::session& sql, soci::details::prepare_temp_type& st,
                                        const Date& today, const codes::WorkdayCalendar& calendar) {
  std::vector<Visit> out;
  {
    soci::rowset<soci::row> rows(st);
    for (const soci::row& r : rows) {
      using internal::Int;
      using internal::Text;
      Visit v;
      v.id = Int(r, 0);
      v.task_id = Int(r, 1);
      v.task_name = Text(r, 2);
      v.task_unit_id = Int(r, 3);
      v.uscc = Text(r, 4);
      v.entity_name = Text(r, 5);
      v.credit_class = Text(r, 6);
      for (const std::string& i : SplitList(Text(r, 7))) v.item_ids.push_back(std::stoll(i));
      v.result_state = Text(r, 8);
      v.check_date = Text(r, 9);
      v.deadline = Text(r, 10);
      v.notes = Text(r, 11);
      v.entered_at = Text(r, 12);
      v.published_at = Text(r, 13);
      v.address = Text(r, 14);
      out.push_back(std::move(v));
    }
  }
  const InspectionConfig& config = Config();
  for (Visit& v : out) {
    long long id = v.id;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT f.id, f.name, f.user_id, f.code, COALESCE(u.name, '') FROM "
                        "inspection_visit_officer vo JOIN inspection_officer f ON f.id = "
                        "vo.officer_id LEFT JOIN org_unit u ON u.id = COALESCE(f.station_unit_id, "
                        "f.org_unit_id) WHERE vo.visit_id = :v ORDER BY vo.position",
         soci::use(id));
    for (const soci::row& r : rows) {
      v.officers.push_back({internal::Int(r, 0), internal::Text(r, 1), internal::MaybeInt(r, 2),
                            internal::Text(r, 3), internal::Text(r, 4)});
    }
    // What to check there (进一次门、查多项事), by name.
    for (int64_t item : v.item_ids) {
      long long key = item;
      std::string name;
      soci::indicator ind = soci::i_null;
      sql << "SELECT name FROM inspection_item WHERE id = :i", soci::use(key),
          soci::into(name, ind);
      if (ind == soci::i_ok) v.item_names.push_back(name);
    }
    const ResultState* state = config.State(v.result_state);
    std::optional<Date> entered;
    if (state != nullptr && state->completed) entered = DateOf(v.entered_at);
    ASSIGN_OR_RETURN(DeadlineState ds, DeadlineStatus(DateOf(v.deadline), entered, today,
                                                      config.deadline_warning_workdays, calendar));
    v.deadline_state = std::string(DeadlineStateId(ds));
    if (auto deadline = DateOf(v.deadline); deadline && calendar.IsProvisional(*deadline)) {
      v.deadline_provisional = true;
      v.deadline_provisional_reason = codes::ProvisionalReason(deadline->year());
    }
  }
  return out;
}

Status RequireAssigned(const Visit& v, const identity::Caller& caller) {
  if (caller.principal == nullptr) return OkStatus();  // the platform itself
  for (const VisitOfficer& o : v.officers) {
    if (o.user_id && *o.user_id == caller.principal->user_id) return OkStatus();
  }
  return PermissionDeniedError("只有分派到该户的检查人员才能录入或移送");
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

json VisitJson(const Visit& v) {
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json officers = json::array();
  // The code and unit tell two officers of one name apart.
  for (const VisitOfficer& o : v.officers) {
    officers.push_back(
        {{"id", o.id}, {"name", o.name}, {"code", o.code}, {"unit_name", o.unit_name}});
  }
  const ResultState* state = Config().State(v.result_state);
  return {{"id", v.id},
          {"task_id", v.task_id},
          {"task_name", v.task_name},
          {"uscc", v.uscc},
          {"entity_name", v.entity_name},
          {"address", v.address},
          {"credit_class", v.credit_class},
          {"item_ids", v.item_ids},
          {"item_names", v.item_names},
          {"result_state", v.result_state},
          {"result_name", state ? json(state->name) : json(nullptr)},
          {"check_date", opt(v.check_date)},
          {"deadline", opt(v.deadline)},
          {"deadline_state", v.deadline_state},
          {"deadline_provisional", v.deadline_provisional},
          {"deadline_provisional_reason", opt(v.deadline_provisional_reason)},
          {"notes", v.notes},
          {"entered_at", opt(v.entered_at)},
          {"published_at", opt(v.published_at)},
          {"officers", officers}};
}

StatusOr<std::vector<Visit>> VisitsOfUser(soci::session& sql, int64_t user_id, const Date& today,
                                          const codes::WorkdayCalendar& calendar) {
  long long uid = user_id;
  soci::details::prepare_temp_type st =
      (sql.prepare << std::string(kVisitSelect) +
                          "WHERE v.id IN (SELECT vo.visit_id FROM inspection_visit_officer vo "
                          "JOIN inspection_officer f ON f.id = vo.officer_id WHERE f.user_id = "
                          ":u) ORDER BY v.id LIMIT 1000",
       soci::use(uid, "u"));
  return ReadVisits(sql, st, today, calendar);
}

StatusOr<std::vector<Visit>> VisitsInScope(soci::session& sql,
                                           const std::vector<std::string>& scope_paths,
                                           std::optional<int64_t> task_id, const Date& today,
                                           const codes::WorkdayCalendar& calendar) {
  std::string q =
      std::string(kVisitSelect) + "JOIN org_unit o ON o.id = t.org_unit_id WHERE (1 = 0";
  for (size_t i = 0; i < scope_paths.size(); ++i) q += fmt::format(" OR o.path LIKE :p{}", i);
  q += ")";
  if (task_id) q += " AND v.task_id = :task";
  q += " ORDER BY v.id LIMIT 5000";
  std::vector<std::string> likes;
  for (const std::string& p : scope_paths) likes.push_back(p + "%");
  long long tid = task_id.value_or(0);
  soci::details::prepare_temp_type st = (sql.prepare << q);
  for (size_t i = 0; i < likes.size(); ++i) st, soci::use(likes[i], "p" + std::to_string(i));
  if (task_id) st, soci::use(tid, "task");
  return ReadVisits(sql, st, today, calendar);
}

StatusOr<Visit> GetVisit(soci::session& sql, int64_t visit_id, const Date& today,
                         const codes::WorkdayCalendar& calendar) {
  long long id = visit_id;
  soci::details::prepare_temp_type st =
      (sql.prepare << std::string(kVisitSelect) + "WHERE v.id = :id", soci::use(id, "id"));
  ASSIGN_OR_RETURN(std::vector<Visit> found, ReadVisits(sql, st, today, calendar));
  if (found.empty()) return NotFoundError(fmt::format("检查户 {} 不存在", visit_id), "visit_id");
  return found.front();
}

StatusOr<Visit> EnterResult(soci::session& sql, int64_t visit_id, const ResultInput& in,
                            const identity::Caller& caller, const Clock& clock,
                            const codes::WorkdayCalendar& calendar) {
  const InspectionConfig& config = Config();
  const Date today = ChinaDate(clock.Now());
  const ResultState* state = config.State(in.state);
  if (state == nullptr) {
    std::string known;
    for (const ResultState& s : config.states) known += (known.empty() ? "" : "、") + s.id;
    return InvalidArgumentError("未知的检查结果：" + in.state + "（可用：" + known + "）", "state");
  }
  if (in.check_date > today) return InvalidArgumentError("检查日期不能晚于今天", "check_date");
  if (Utf8Length(in.notes) > 4000)
    return InvalidArgumentError("说明过长（至多 4000 个字）", "notes");
  for (const Attachment& a : in.attachments) {
    if (a.file_name.empty() || Utf8Length(a.file_name) > 80) {
      return InvalidArgumentError("附件文件名不能为空（至多 80 个字）", "attachments");
    }
    if (a.size_bytes <= 0) return InvalidArgumentError("附件大小应为正数", "attachments");
    if (!IsHex64(a.sha256)) {
      return InvalidArgumentError("附件 sha256 应为 64 位小写十六进制", "attachments");
    }
  }
  ASSIGN_OR_RETURN(Visit before, GetVisit(sql, visit_id, today, calendar));
  RETURN_IF_ERROR(RequireAssigned(before, caller));
  ASSIGN_OR_RETURN(Task task, GetTask(sql, before.task_id));
  if (auto drawn = DateOf(task.drawn_at); drawn && in.check_date < *drawn) {
    return InvalidArgumentError("检查日期不能早于抽取日期 " + drawn->ToString(), "check_date");
  }
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, task.org_unit_id));
  // 企业信息公示暂行条例 Art. 6: the result is due N working days after the
  // check, tracked on the calendar until a completed result meets it.
  const std::string subject = fmt::format("visit:{}", visit_id);
  calendar::TrackRequest track{
      kResultDeadlineKind, subject,
      fmt::format("抽查检查结果录入期限 · {}",
                  before.entity_name.empty() ? before.uscc : before.entity_name),
      path,
      codes::DeadlineInput{in.check_date, codes::PeriodRule{config.result_deadline_workdays,
                                                            codes::PeriodUnit::kWorkingDays}}};
  ASSIGN_OR_RETURN(codes::CountedDate counted, calendar::Track(sql, calendar, track, clock));
  if (state->completed) RETURN_IF_ERROR(calendar::Close(sql, kResultDeadlineKind, subject, clock));
  const Date deadline = counted.date;
  const std::string now = FormatChinaTime(clock.Now());
  const std::string check = in.check_date.ToString(), due = deadline.ToString();
  long long id = visit_id;
  long long by = caller.principal ? caller.principal->user_id : 0;
  std::string published = state->completed ? now : "";
  soci::indicator pub_ind = state->completed ? soci::i_ok : soci::i_null;
  std::string entered = state->completed ? now : "";
  soci::indicator ent_ind = state->completed ? soci::i_ok : soci::i_null;
  sql << "UPDATE inspection_visit SET result_state = :s, check_date = :c, deadline = :d, notes = "
         ":n, entered_at = :e, entered_by = :b, published_at = :p WHERE id = :id",
      soci::use(in.state), soci::use(check), soci::use(due), soci::use(in.notes),
      soci::use(entered, ent_ind), soci::use(by), soci::use(published, pub_ind), soci::use(id);
  for (const Attachment& a : in.attachments) {
    long long size = a.size_bytes;
    sql << "INSERT INTO inspection_attachment (visit_id, file_name, media_type, size_bytes, "
           "sha256, added_at) VALUES (:v, :f, :m, :s, :h, :t)",
        soci::use(id), soci::use(a.file_name), soci::use(a.media_type), soci::use(size),
        soci::use(a.sha256), soci::use(now);
  }
  ASSIGN_OR_RETURN(Visit after, GetVisit(sql, visit_id, today, calendar));
  audit::AuditEntry e;
  e.actor = identity::ActorFor(caller, identity::perm::kInspectionTaskWrite, path);
  e.action = "inspection.result.enter";
  e.target_type = "inspection_visit";
  e.target_id = std::to_string(visit_id);
  e.before = VisitJson(before);
  e.after = VisitJson(after);
  e.after["attachments"] = in.attachments.size();
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return after;
}

StatusOr<json> SendCaseLead(soci::session& sql, int64_t visit_id, const std::string& description,
                            const identity::Caller& caller, const Clock& clock,
                            const codes::WorkdayCalendar& calendar) {
  if (description.empty() || Utf8Length(description) > 4000) {
    return InvalidArgumentError("线索说明不能为空（至多 4000 个字）", "description");
  }
  const Date today = ChinaDate(clock.Now());
  ASSIGN_OR_RETURN(Visit v, GetVisit(sql, visit_id, today, calendar));
  RETURN_IF_ERROR(RequireAssigned(v, caller));
  const ResultState* state = Config().State(v.result_state);
  if (state == nullptr || !state->problem) {
    return FailedPreconditionError("只有“发现问题”的检查结果才能移送为案源线索", "state");
  }
  const std::string now = FormatChinaTime(clock.Now());
  const int64_t unit = v.task_unit_id;
  leads::NewLead in;
  in.source = leads::Source::kInspection;
  in.source_ref = "inspection_visit:" + std::to_string(visit_id);
  in.uscc = v.uscc;
  in.unit_id = unit;
  in.description = description;
  in.evidence.push_back({"检查结果", in.source_ref});
  in.created_by = caller.principal ? caller.principal->user_id : 0;
  // The lead keeps the business's name as the register has it today.
  soci::indicator name_ind = soci::i_null;
  sql << "SELECT name FROM entity WHERE uscc = :u", soci::use(v.uscc),
      soci::into(in.business_name, name_ind);
  if (name_ind != soci::i_ok) in.business_name.clear();
  ASSIGN_OR_RETURN(leads::Lead stored, leads::InsertLead(sql, in, now));
  const int64_t id = stored.id;
  json lead = {{"id", id},         {"source", "inspection"},     {"visit_id", visit_id},
               {"uscc", v.uscc},   {"description", description}, {"org_unit_id", unit},
               {"status", "open"}, {"created_at", now}};
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, unit));
  audit::AuditEntry e;
  e.actor = identity::ActorFor(caller, identity::perm::kInspectionTaskWrite, path);
  e.action = "inspection.case_lead.create";
  e.target_type = "case_lead";
  e.target_id = std::to_string(id);
  e.before = nullptr;
  e.after = lead;
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return lead;
}

StatusOr<json> PublishedResults(soci::session& sql, const std::string& uscc) {
  json items = json::array();
  std::map<int64_t, std::string> item_names;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT v.id, t.id, t.name, t.joint, v.item_ids, v.result_state, "
                      "v.check_date, v.published_at FROM inspection_visit v JOIN "
                      "inspection_task t ON t.id = v.task_id WHERE v.uscc = :u AND "
                      "v.published_at IS NOT NULL ORDER BY v.check_date DESC, v.id DESC",
       soci::use(uscc));
  std::vector<json> found;
  for (const soci::row& r : rows) {
    const ResultState* state = Config().State(internal::Text(r, 5));
    json item_ids = json::array();
    for (const std::string& i : SplitList(internal::Text(r, 4))) item_ids.push_back(std::stoll(i));
    found.push_back({{"visit_id", internal::Int(r, 0)},
                     {"task_id", internal::Int(r, 1)},
                     {"task_name", internal::Text(r, 2)},
                     {"joint", internal::Int(r, 3) != 0},
                     {"item_ids", item_ids},
                     {"result_state", internal::Text(r, 5)},
                     {"result_name", state ? json(state->name) : json(nullptr)},
                     {"check_date", internal::Text(r, 6)},
                     {"published_at", internal::Text(r, 7)}});
  }
  for (json& f : found) {
    json names = json::array();
    for (const json& id : f["item_ids"]) {
      long long key = id.get<long long>();
      std::string name;
      soci::indicator ind = soci::i_null;
      sql << "SELECT name FROM inspection_item WHERE id = :i", soci::use(key),
          soci::into(name, ind);
      names.push_back(ind == soci::i_ok ? name : "");
    }
    f["items"] = names;
    f.erase("item_ids");
    items.push_back(std::move(f));
  }
  return json{{"uscc", uscc}, {"items", items}};
}

StatusOr<json> InspectionFigures(soci::session& sql, const std::vector<std::string>& scope_paths,
                                 const Date& from, const Date& to, const Date& today) {
  if (to < from) return InvalidArgumentError("结束日期不能早于开始日期", "to");
  const InspectionConfig& config = Config();
  std::string q =
      "SELECT t.id, t.plan_id, t.joint, t.ratios, t.status, t.created_at FROM inspection_task t "
      "JOIN org_unit o ON o.id = t.org_unit_id WHERE t.created_at >= :from AND t.created_at < "
      ":to AND (1 = 0";
  for (size_t i = 0; i < scope_paths.size(); ++i) q += fmt::format(" OR o.path LIKE :p{}", i);
  q += ") ORDER BY t.id";
  std::vector<std::string> likes;
  for (const std::string& p : scope_paths) likes.push_back(p + "%");
  const std::string from_text = from.ToString(), to_text = to.AddDays(1).ToString();
  struct TaskRow {
    int64_t id, plan_id;
    bool joint, classified, drawn;
  };
  std::vector<TaskRow> tasks;
  {
    soci::details::prepare_temp_type st = (sql.prepare << q);
    st, soci::use(from_text, "from"), soci::use(to_text, "to");
    for (size_t i = 0; i < likes.size(); ++i) st, soci::use(likes[i], "p" + std::to_string(i));
    soci::rowset<soci::row> rows(st);
    for (const soci::row& r : rows) {
      auto ratios = Ratios::Parse(internal::Text(r, 3));
      bool classified =
          ratios.ok() && !(ratios->ppm[0] == ratios->ppm[1] && ratios->ppm[1] == ratios->ppm[2] &&
                           ratios->ppm[2] == ratios->ppm[3]);
      tasks.push_back({internal::Int(r, 0), internal::Int(r, 1), internal::Int(r, 2) != 0,
                       classified, internal::Text(r, 4) == "drawn"});
    }
  }
  int64_t visits = 0, completed = 0, problems = 0, timely = 0, joint = 0, classified = 0;
  // plan → task → (all completed, last entry date)
  std::map<int64_t, std::vector<std::optional<Date>>> plan_tasks;
  for (const TaskRow& t : tasks) {
    joint += t.joint ? 1 : 0;
    classified += t.classified ? 1 : 0;
    long long id = t.id;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT result_state, deadline, entered_at FROM inspection_visit WHERE "
                        "task_id = :t",
         soci::use(id));
    int64_t n = 0, done = 0;
    std::optional<Date> last;
    for (const soci::row& r : rows) {
      ++n;
      const ResultState* s = config.State(internal::Text(r, 0));
      if (s == nullptr || !s->completed) continue;
      ++done;
      problems += s->problem ? 1 : 0;
      auto entered = DateOf(internal::Text(r, 2));
      auto deadline = DateOf(internal::Text(r, 1));
      if (entered && deadline && *entered <= *deadline) ++timely;
      if (entered && (!last || *entered > *last)) last = entered;
    }
    visits += n;
    completed += done;
    plan_tasks[t.plan_id].push_back(t.drawn && n > 0 && done == n ? last : std::nullopt);
  }
  auto rate = [](int64_t num, int64_t den) {
    return den == 0 ? json(nullptr) : json(double(num) / double(den));
  };
  json plans = json::array();
  for (const auto& [plan_id, done_dates] : plan_tasks) {
    ASSIGN_OR_RETURN(Plan plan, GetPlan(sql, plan_id));
    json milestones = json::array();
    for (const Milestone& m : config.milestones) {
      auto date = Date::FromYmd(plan.year, m.month, m.day);
      if (!date.ok()) continue;
      int64_t by = 0;
      for (const auto& d : done_dates) by += (d && *d <= *date) ? 1 : 0;
      const double share = double(by) / double(done_dates.size());
      const bool met = share + 1e-9 >= m.share;
      milestones.push_back({{"date", date->ToString()},
                            {"target", m.share},
                            {"completed_tasks", by},
                            {"share", share},
                            {"status", met ? "met" : (*date >= today ? "pending" : "missed")}});
    }
    plans.push_back({{"plan_id", plan.id},
                     {"name", plan.name},
                     {"year", plan.year},
                     {"tasks", done_dates.size()},
                     {"milestones", milestones}});
  }
  const int64_t n_tasks = static_cast<int64_t>(tasks.size());
  return json{{"from", from.ToString()},
              {"to", to.ToString()},
              {"tasks", n_tasks},
              {"visits", visits},
              {"completed_visits", completed},
              {"problem_visits", problems},
              {"timely_visits", timely},
              {"completion_rate", rate(completed, visits)},
              {"problem_discovery_rate", rate(problems, completed)},
              {"timely_entry_rate", rate(timely, completed)},
              {"credit_classified_task_share", rate(classified, n_tasks)},
              {"joint_task_share", rate(joint, n_tasks)},
              {"plans", plans}};
}

}  // namespace amr::inspection

namespace amr::inspection {

Status MoveResultDeadline(soci::session& sql, std::string_view subject, const Date& new_due) {
  if (!subject.starts_with("visit:")) {
    return InvalidArgumentError(fmt::format("不是检查户的期限：{}", subject), "subject");
  }
  const long long id = std::stoll(std::string(subject.substr(6)));
  const std::string due = new_due.ToString();
  sql << "UPDATE inspection_visit SET deadline = :d WHERE id = :id", soci::use(due), soci::use(id);
  return OkStatus();
}

StatusOr<std::unordered_map<std::string, int64_t>> ProblemVisitsByEntity(
    soci::session& sql, const Date& from, const Date& to, const std::string& first_uscc,
    const std::string& last_uscc) {
  const std::string a = from.ToString(), b = to.ToString();
  std::unordered_map<std::string, int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT uscc, result_state, COUNT(*) FROM inspection_visit WHERE uscc >= :f "
                      "AND uscc <= :l AND check_date >= :a AND check_date <= :b GROUP BY uscc, "
                      "result_state",
       soci::use(first_uscc), soci::use(last_uscc), soci::use(a), soci::use(b));
  const InspectionConfig& config = Config();
  for (const soci::row& r : rows) {
    const ResultState* state = config.State(internal::Text(r, 1));
    if (state != nullptr && state->problem) out[internal::Text(r, 0)] += internal::Int(r, 2);
  }
  return out;
}

}  // namespace amr::inspection
