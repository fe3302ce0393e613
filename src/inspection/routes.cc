// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/routes.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "export/json_export.h"
#include "identity/idempotent_write.h"
#include "identity/route_support.h"
#include "identity/scope.h"
#include "inspection/config.h"
#include "inspection/library_store.h"
#include "inspection/task_store.h"
#include "inspection/visit_store.h"

namespace amr::inspection {
namespace {

using identity::WriteReply;
using nlohmann::json;
namespace perm = identity::perm;

std::string Perm(std::string_view p) { return std::string(p); }

// "导出 Excel" of the task list, the draw's result and the visits.
exports::JsonExport PlansExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {.filename = "抽查计划.xlsx",
          .title = "双随机抽查计划",
          .columns = {
              Field("编号", "/id", 8), Field("年度", "/year", 8), Field("计划名称", "/name", 40),
              Labeled("状态", "/status", {{"draft", "未报送"}, {"filed", "已报送上级"}}, 10),
              Time("报送时间", "/filed_at"), Time("创建时间", "/created_at")}};
}

exports::JsonExport TasksExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {.filename = "抽查任务.xlsx",
          .title = "双随机抽查任务",
          .columns = {Field("编号", "/id", 8), Field("任务名称", "/name", 36),
                      Field("联合抽查", "/joint", 10),
                      Labeled("状态", "/status",
                              {{"planned", "待公示抽取范围"},
                               {"pool_published", "已公示，待抽取"},
                               {"drawn", "已抽取"}},
                              16),
                      Field("抽取范围（户）", "/pool_size", 14),
                      Field("范围摘要", "/pool_hash", 30), Time("抽取时间", "/drawn_at"),
                      Field("见证人", "/witness", 14), Time("创建时间", "/created_at")}};
}

exports::JsonExport DrawResultExport() {
  using namespace exports;  // NOLINT(build/namespaces)
  return {.filename = "抽取结果.xlsx",
          .title = "双随机抽取结果",
          .items_pointer = "/selected",
          .columns = {Field("统一社会信用代码", "/uscc", 22), Field("名称", "/name", 32),
                      Field("信用类别", "/credit_class", 8),
                      Joined("检查人员", "/officers", "name", 24),
                      Joined("执法证号", "/officers", "code", 30)}};
}

exports::JsonExport VisitsExport() {
  using namespace exports;  // NOLINT(build/namespaces)
  return {.filename = "检查任务.xlsx",
          .title = "双随机抽查 检查对象与结果",
          .columns = {Field("抽查任务", "/task_name", 28), Field("检查对象", "/entity_name", 30),
                      Field("统一社会信用代码", "/uscc", 22), Field("信用类别", "/credit_class", 8),
                      Joined("检查人员", "/officers", "name", 20),
                      Field("检查日期", "/check_date", 12), Field("录入期限", "/deadline", 12),
                      Labeled("期限状态", "/deadline_state",
                              {{"on_time", "期限内"},
                               {"due_soon", "即将到期"},
                               {"overdue", "已逾期"},
                               {"entered_late", "逾期录入"},
                               {"none", "未开始计时"}},
                              12),
                      Field("检查结果", "/result_name", 20), Field("说明", "/notes", 30)}};
}

std::vector<std::string> ScopePaths(const http::Request& req, std::string_view permission) {
  std::vector<std::string> out;
  const identity::Principal* p = identity::PrincipalOf(req);
  if (p == nullptr) return out;
  for (const identity::RoleGrant* g : p->ScopesFor(permission)) out.push_back(g->org_unit.path);
  return out;
}

Status InScope(soci::session& sql, const http::Request& req, std::string_view permission,
               int64_t unit_id) {
  ASSIGN_OR_RETURN(std::string path, UnitPath(sql, unit_id));
  return identity::RequireScope(*identity::PrincipalOf(req), permission, path);
}

StatusOr<std::optional<double>> RatioField(const json& ratios, const char* cls) {
  auto it = ratios.find(cls);
  if (it == ratios.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) {
    return InvalidArgumentError(std::string(cls) + " 类抽查比例应为数值", "ratios");
  }
  return std::optional<double>(it->get<double>());
}

StatusOr<int64_t> IntField(const json& body, const char* name, int64_t fallback) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) return InvalidArgumentError(std::string(name) + " 应为整数", name);
  return it->get<int64_t>();
}

StatusOr<NewTask> ParseNewTask(const json& body) {
  NewTask t;
  ASSIGN_OR_RETURN(auto plan, identity::IdField(body, "plan_id"));
  if (!plan) return InvalidArgumentError("缺少 plan_id", "plan_id");
  t.plan_id = *plan;
  ASSIGN_OR_RETURN(t.name, identity::StringField(body, "name", true));
  auto items = body.find("item_ids");
  if (items != body.end() && !items->is_null()) {
    if (!items->is_array()) return InvalidArgumentError("item_ids 应为整数数组", "item_ids");
    for (const json& i : *items) {
      if (!i.is_number_integer() || i.get<int64_t>() <= 0) {
        return InvalidArgumentError("item_ids 应为正整数数组", "item_ids");
      }
      t.item_ids.push_back(i.get<int64_t>());
    }
  }
  auto filters = body.find("filters");
  if (filters != body.end() && !filters->is_null()) {
    if (!filters->is_object()) return InvalidArgumentError("filters 应为对象", "filters");
    ASSIGN_OR_RETURN(t.filters.region_code, identity::StringField(*filters, "region_code", false));
    ASSIGN_OR_RETURN(t.filters.industry_code,
                     identity::StringField(*filters, "industry_code", false));
    ASSIGN_OR_RETURN(t.filters.kind, identity::StringField(*filters, "kind", false));
    ASSIGN_OR_RETURN(t.filters.credit_classes,
                     identity::StringField(*filters, "credit_classes", false));
    auto labels = filters->find("labels");
    if (labels != filters->end() && !labels->is_null()) {
      if (!labels->is_array()) return InvalidArgumentError("标签应为一组文字", "filters.labels");
      for (const json& l : *labels) {
        if (!l.is_string()) return InvalidArgumentError("标签应为一组文字", "filters.labels");
        t.filters.labels.push_back(l.get<std::string>());
      }
    }
  }
  auto ratios = body.find("ratios");
  if (ratios != body.end() && !ratios->is_null()) {
    if (!ratios->is_object())
      return InvalidArgumentError("各信用风险类别的抽查比例应逐类填写", "ratios");
    ASSIGN_OR_RETURN(t.ratios.a, RatioField(*ratios, "A"));
    ASSIGN_OR_RETURN(t.ratios.b, RatioField(*ratios, "B"));
    ASSIGN_OR_RETURN(t.ratios.c, RatioField(*ratios, "C"));
    ASSIGN_OR_RETURN(t.ratios.d, RatioField(*ratios, "D"));
  }
  ASSIGN_OR_RETURN(int64_t per_visit, IntField(body, "officers_per_visit", 2));
  ASSIGN_OR_RETURN(int64_t exclude, IntField(body, "exclude_within_days", 0));
  if (per_visit < 0 || per_visit > 1000 || exclude < 0 || exclude > 100000) {
    return InvalidArgumentError("每户检查人员数或排除近期已查的天数超出范围", "officers_per_visit");
  }
  t.officers_per_visit = static_cast<int>(per_visit);
  t.exclude_within_days = static_cast<int>(exclude);
  return t;
}

StatusOr<ResultInput> ParseResult(const json& body) {
  ResultInput in;
  ASSIGN_OR_RETURN(in.state, identity::StringField(body, "state", true));
  ASSIGN_OR_RETURN(std::string date, identity::StringField(body, "check_date", true));
  ASSIGN_OR_RETURN(in.check_date, Date::Parse(date, "check_date"));
  ASSIGN_OR_RETURN(in.notes, identity::StringField(body, "notes", false));
  auto atts = body.find("attachments");
  if (atts != body.end() && !atts->is_null()) {
    if (!atts->is_array()) return InvalidArgumentError("现场照片（附件）的格式不对", "attachments");
    for (const json& a : *atts) {
      if (!a.is_object()) return InvalidArgumentError("现场照片（附件）的格式不对", "attachments");
      Attachment x;
      ASSIGN_OR_RETURN(x.file_name, identity::StringField(a, "file_name", true));
      ASSIGN_OR_RETURN(x.media_type, identity::StringField(a, "media_type", false));
      ASSIGN_OR_RETURN(x.sha256, identity::StringField(a, "sha256", true));
      ASSIGN_OR_RETURN(x.size_bytes, IntField(a, "size_bytes", 0));
      in.attachments.push_back(std::move(x));
    }
  }
  return in;
}

// The task `id`, if the caller's `permission` covers its unit.
StatusOr<Task> TaskInScope(soci::session& sql, const http::Request& req,
                           std::string_view permission, int64_t id) {
  ASSIGN_OR_RETURN(Task task, GetTask(sql, id));
  RETURN_IF_ERROR(InScope(sql, req, permission, task.org_unit_id));
  return task;
}

// The editable settings (data/inspection/) the screens state: the credit
// classes' default ratios and the bands of a task of only general items, the
// result states, the result deadline and the milestones. Read-only.
void AddSettingsRoute(http::Router& router) {
  router.Get("/api/v1/inspection/settings", Perm(perm::kInspectionTaskRead), [](http::Request&) {
    const InspectionConfig& config = Config();
    json classes = json::array();
    for (const CreditRatio& r : config.ratios) {
      classes.push_back({{"id", std::string(1, r.credit_class)},
                         {"name", r.name},
                         {"ratio", r.ratio},
                         {"min", r.min_ratio},
                         {"max", r.max_ratio}});
    }
    json states = json::array();
    for (const ResultState& st : config.states) {
      states.push_back(
          {{"id", st.id}, {"name", st.name}, {"completed", st.completed}, {"problem", st.problem}});
    }
    json milestones = json::array();
    for (const Milestone& m : config.milestones) {
      milestones.push_back({{"month", m.month}, {"day", m.day}, {"share", m.share}});
    }
    return http::Response::Json({{"credit_classes", classes},
                                 {"result_states", states},
                                 {"result_deadline_workdays", config.result_deadline_workdays},
                                 {"deadline_warning_workdays", config.deadline_warning_workdays},
                                 {"milestones", milestones}});
  });
}

void AddPlanRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  router.Get("/api/v1/inspection/plans", Perm(perm::kInspectionPlanWrite),
             exports::WithXlsxExport(
                 [&db](http::Request& req) {
                   json items = json::array();
                   Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                     items = json::array();
                     ASSIGN_OR_RETURN(auto plans,
                                      ListPlans(sql, ScopePaths(req, perm::kInspectionPlanWrite)));
                     for (const Plan& p : plans) items.push_back(PlanJson(p));
                     return OkStatus();
                   });
                   if (!s.ok()) return http::Response::Error(s);
                   return http::Response::Json({{"items", items}});
                 },
                 PlansExport()));
  router.Post(
      "/api/v1/inspection/plans", Perm(perm::kInspectionPlanWrite),
      [&db, &clock](http::Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        NewPlan plan;
        auto unit = identity::IdField(*body, "org_unit_id");
        if (!unit.ok()) return http::Response::Error(unit.status());
        if (!*unit) {
          return http::Response::Error(InvalidArgumentError("缺少 org_unit_id", "org_unit_id"));
        }
        plan.org_unit_id = **unit;
        auto year = IntField(*body, "year", 0);
        if (!year.ok()) return http::Response::Error(year.status());
        plan.year = static_cast<int>(std::clamp<int64_t>(*year, 0, 100000));
        auto name = identity::StringField(*body, "name", true);
        if (!name.ok()) return http::Response::Error(name.status());
        plan.name = *name;
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          RETURN_IF_ERROR(InScope(sql, req, perm::kInspectionPlanWrite, plan.org_unit_id));
          ASSIGN_OR_RETURN(Plan p, CreatePlan(sql, plan, identity::CallerOf(req), clock));
          return WriteReply{201, PlanJson(p), {}};
        });
      });
  router.Post(
      "/api/v1/inspection/plans/{id}/file", Perm(perm::kInspectionPlanWrite),
      [&db, &clock](http::Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Plan p, GetPlan(sql, *id));
          RETURN_IF_ERROR(InScope(sql, req, perm::kInspectionPlanWrite, p.org_unit_id));
          ASSIGN_OR_RETURN(Plan filed, FilePlan(sql, *id, identity::CallerOf(req), clock));
          return WriteReply{200, PlanJson(filed), {}};
        });
      });
  router.Post(
      "/api/v1/inspection/tasks", Perm(perm::kInspectionPlanWrite),
      [&db, &clock](http::Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        auto task = ParseNewTask(*body);
        if (!task.ok()) return http::Response::Error(task.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Plan p, GetPlan(sql, task->plan_id));
          RETURN_IF_ERROR(InScope(sql, req, perm::kInspectionPlanWrite, p.org_unit_id));
          ASSIGN_OR_RETURN(Task t, CreateTask(sql, *task, identity::CallerOf(req), clock));
          return WriteReply{201, TaskJson(t), {}};
        });
      });
}

void AddTaskRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  router.Get("/api/v1/inspection/tasks", Perm(perm::kInspectionTaskRead),
             exports::WithXlsxExport(
                 [&db](http::Request& req) {
                   json items = json::array();
                   Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                     items = json::array();
                     ASSIGN_OR_RETURN(auto tasks,
                                      ListTasks(sql, ScopePaths(req, perm::kInspectionTaskRead)));
                     for (const Task& t : tasks) items.push_back(TaskJson(t));
                     return OkStatus();
                   });
                   if (!s.ok()) return http::Response::Error(s);
                   return http::Response::Json({{"items", items}});
                 },
                 TasksExport()));
  router.Get("/api/v1/inspection/tasks/{id}", Perm(perm::kInspectionTaskRead),
             [&db](http::Request& req) {
               auto id = identity::IdParam(req, "id");
               if (!id.ok()) return http::Response::Error(id.status());
               json out;
               Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                 ASSIGN_OR_RETURN(Task t, TaskInScope(sql, req, perm::kInspectionTaskRead, *id));
                 out = TaskJson(t);
                 return OkStatus();
               });
               if (!s.ok()) return http::Response::Error(s);
               return http::Response::Json(out);
             });
  router.Post(
      "/api/v1/inspection/tasks/{id}/pool", Perm(perm::kInspectionDraw),
      [&db, &clock](http::Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Task t, TaskInScope(sql, req, perm::kInspectionDraw, *id));
          ASSIGN_OR_RETURN(Task published, PublishPool(sql, t.id, identity::CallerOf(req), clock));
          return WriteReply{200, TaskJson(published), {}};
        });
      });
  router.Post(
      "/api/v1/inspection/tasks/{id}/draw", Perm(perm::kInspectionDraw),
      [&db, &clock](http::Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        auto entropy = identity::StringField(*body, "entropy", true);
        if (!entropy.ok()) return http::Response::Error(entropy.status());
        auto witness = identity::StringField(*body, "witness", true);
        if (!witness.ok()) return http::Response::Error(witness.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Task t, TaskInScope(sql, req, perm::kInspectionDraw, *id));
          ASSIGN_OR_RETURN(Task drawn,
                           DrawTask(sql, t.id, *entropy, *witness, identity::CallerOf(req), clock));
          return WriteReply{200, TaskJson(drawn), {}};
        });
      });
  router.Get("/api/v1/public/inspection/tasks/{id}/draw", std::string(identity::kPublicPermission),
             exports::WithXlsxExport(
                 [&db](http::Request& req) {
                   auto id = identity::IdParam(req, "id");
                   if (!id.ok()) return http::Response::Error(id.status());
                   json out;
                   Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(out, PublicDrawJson(sql, *id));
                     return OkStatus();
                   });
                   if (!s.ok()) return http::Response::Error(s);
                   return http::Response::Json(out);
                 },
                 DrawResultExport()));
}

void AddVisitRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                    const codes::CalendarSource& calendar) {
  // An inspector sees the visits assigned to them; a leader (any role whose
  // task.read scope is not just its own work) the visits of its scope.
  router.Get(
      "/api/v1/inspection/visits", Perm(perm::kInspectionTaskRead),
      exports::WithXlsxExport(
          [&db, &clock, &calendar](http::Request& req) {
            auto task = req.IntQuery("task_id", 0, 0, INT64_MAX);
            if (!task.ok()) return http::Response::Error(task.status());
            const identity::Principal* p = identity::PrincipalOf(req);
            const Date today = ChinaDate(clock.Now());
            json items = json::array();
            Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
              items = json::array();
              std::vector<Visit> visits;
              bool leader = false;
              for (const identity::RoleGrant& g : p->grants) {
                leader = leader || g.role == identity::Role::kLeader;
              }
              if (leader) {
                ASSIGN_OR_RETURN(visits,
                                 VisitsInScope(sql, ScopePaths(req, perm::kInspectionTaskRead),
                                               *task ? std::optional<int64_t>(*task) : std::nullopt,
                                               today, *calendar.Current()));
              } else {
                ASSIGN_OR_RETURN(visits, VisitsOfUser(sql, p->user_id, today, *calendar.Current()));
                if (*task) {
                  std::erase_if(visits, [&](const Visit& v) { return v.task_id != *task; });
                }
              }
              for (const Visit& v : visits) items.push_back(VisitJson(v));
              return OkStatus();
            });
            if (!s.ok()) return http::Response::Error(s);
            // The rules the page states, from the data (settings.csv).
            const InspectionConfig& config = Config();
            return http::Response::Json(
                {{"items", items},
                 {"rules",
                  {{"result_deadline_workdays", config.result_deadline_workdays},
                   {"deadline_warning_workdays", config.deadline_warning_workdays}}}});
          },
          VisitsExport()));
  router.Put(
      "/api/v1/inspection/visits/{id}/result", Perm(perm::kInspectionTaskWrite),
      [&db, &clock, &calendar](http::Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        auto input = ParseResult(*body);
        if (!input.ok()) return http::Response::Error(input.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Visit v, EnterResult(sql, *id, *input, identity::CallerOf(req), clock,
                                                *calendar.Current()));
          return WriteReply{200, VisitJson(v), {}};
        });
      });
  router.Post(
      "/api/v1/inspection/visits/{id}/case-lead", Perm(perm::kInspectionTaskWrite),
      [&db, &clock, &calendar](http::Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        auto text = identity::StringField(*body, "description", true);
        if (!text.ok()) return http::Response::Error(text.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(json lead, SendCaseLead(sql, *id, *text, identity::CallerOf(req), clock,
                                                   *calendar.Current()));
          return WriteReply{201, lead, {}};
        });
      });
  router.Get("/api/v1/entities/{uscc}/inspections", std::string(identity::kPublicPermission),
             [&db](http::Request& req) {
               const std::string uscc = req.Param("uscc");
               if (uscc.empty() || uscc.size() > 64) {
                 return http::Response::Error(InvalidArgumentError("统一社会信用代码无效", "uscc"));
               }
               json out;
               Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                 ASSIGN_OR_RETURN(out, PublishedResults(sql, uscc));
                 return OkStatus();
               });
               if (!s.ok()) return http::Response::Error(s);
               return http::Response::Json(out);
             });
  router.Get("/api/v1/inspection/stats", Perm(perm::kStatsRead),
             [&db, &clock, &calendar](http::Request& req) {
               const Date today = ChinaDate(clock.Now());
               auto parse = [&](const char* name, Date fallback) -> StatusOr<Date> {
                 auto text = req.Query(name);
                 if (!text) return fallback;
                 return Date::Parse(*text, name);
               };
               auto from = parse("from", *Date::FromYmd(today.year(), 1, 1));
               if (!from.ok()) return http::Response::Error(from.status());
               auto to = parse("to", today);
               if (!to.ok()) return http::Response::Error(to.status());
               auto unit = req.IntQuery("org_unit_id", 0, 0, INT64_MAX);
               if (!unit.ok()) return http::Response::Error(unit.status());
               json out;
               Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                 std::vector<std::string> scope;
                 if (*unit != 0) {
                   ASSIGN_OR_RETURN(std::string path, UnitPath(sql, *unit));
                   RETURN_IF_ERROR(
                       identity::RequireScope(*identity::PrincipalOf(req), perm::kStatsRead, path));
                   scope.push_back(path);
                 } else {
                   scope = ScopePaths(req, perm::kStatsRead);
                 }
                 ASSIGN_OR_RETURN(out, InspectionFigures(sql, scope, *from, *to, today));
                 return OkStatus();
               });
               if (!s.ok()) return http::Response::Error(s);
               return http::Response::Json(out);
             });
}

}  // namespace

void AddInspectionRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                         const codes::CalendarSource& calendar) {
  internal::AddLibraryRoutes(router, db, clock);
  AddSettingsRoute(router);
  AddPlanRoutes(router, db, clock);
  AddTaskRoutes(router, db, clock);
  AddVisitRoutes(router, db, clock, calendar);
}

}  // namespace amr::inspection
