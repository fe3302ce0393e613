// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/routes.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "export/json_export.h"
#include "identity/idempotent_write.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::establishment {
namespace {

using http::Request;
using http::Response;
using identity::CallerOf;
using identity::WriteReply;
using nlohmann::json;
namespace perm = identity::perm;

std::string Perm(std::string_view p) { return std::string(p); }

// "导出 Excel" of the queues: the columns the screens show.
const std::map<std::string, std::string, std::less<>> kStepNames = {
    {"registration", "设立登记"},          {"seal", "公章刻制"},
    {"tax", "税务（发票、税控UKey）"},     {"social_insurance", "社会保险登记"},
    {"medical_insurance", "医疗保险登记"}, {"housing_fund", "住房公积金缴存登记"},
    {"bank_account", "银行开户预约"}};
const std::map<std::string, std::string, std::less<>> kStepStates = {
    {"pending", "待办理"}, {"claimed", "办理中"}, {"done", "已办结"}, {"returned", "已退回"}};

exports::XlsxCell WorkingHours(const json& item, const char* key) {
  const json& v = item.contains(key) ? item[key] : json();
  if (!v.is_number()) return std::monostate{};
  return std::round(v.get<double>() / 6.0) / 10.0;  // one decimal
}

exports::JsonExport QueueExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {
      .filename = "登记审核队列.xlsx",
      .title = "企业开办 登记审核队列",
      .columns = {
          Field("编号", "/id", 8), Field("企业名称", "/name", 32), Field("类型", "/kind_name", 16),
          Labeled("状态", "/state",
                  {{"queued", "等待注册官审核"},
                   {"claimed", "注册官审核中"},
                   {"registered", "已登记，各部门办理中"},
                   {"completed", "全部办结"},
                   {"rejected", "未予登记"}},
                  18),
          Time("提交时间", "/submitted_at"),
          Computed("已用（工作小时）", 14,
                   [](const json& i) { return WorkingHours(i, "elapsed_working_minutes"); }),
          Field("超时", "/overdue", 8), Joined("容缺材料", "/deferred_materials", "name", 30)}};
}

exports::JsonExport StepsExport() {
  using namespace exports;  // NOLINT(build/namespaces)
  return {.filename = "部门办理事项.xlsx",
          .title = "企业开办 部门办理事项",
          .columns = {
              Field("申请编号", "/application_id", 10), Field("名称", "/entity_name", 30),
              Field("统一社会信用代码", "/uscc", 22), Labeled("事项", "/kind", kStepNames, 22),
              Field("办理部门", "/org_unit_name", 28), Labeled("状态", "/state", kStepStates, 10),
              Time("开始时间", "/started_at"), Time("办结时间", "/ended_at"),
              Computed("已用（工作小时）", 14,
                       [](const json& i) { return WorkingHours(i, "elapsed_working_minutes"); }),
              Computed("时限（工作小时）", 14,
                       [](const json& i) { return WorkingHours(i, "sla_working_minutes"); }),
              Field("超时", "/overdue", 8), Field("退回原因", "/return_reason", 24)}};
}

exports::JsonExport NoticesExport(NoticeSource source) {
  using namespace exports;  // NOLINT(build/namespaces)
  const bool change = source == NoticeSource::kChange;
  return {
      .filename = change ? "变更双告知信息.xlsx" : "双告知信息.xlsx",
      .title = change ? "证照分离 双告知信息（变更经营范围）" : "证照分离 双告知信息（企业开办）",
      .columns = {
          change ? Field("变更编号", "/change_id", 10) : Field("申请编号", "/application_id", 10),
          Field("名称", "/entity_name", 30), Field("统一社会信用代码", "/uscc", 22),
          Field("经营项目", "/scope_name", 30), Field("须办理", "/permit", 24),
          Field("主管部门", "/department", 20),
          Labeled("状态", "/state",
                  {{"pending", "待认领"}, {"claimed", "已认领监管"}, {"returned", "不属本部门"}},
                  12),
          Field("说明", "/reason", 24), Time("推送时间", "/created_at")}};
}

StatusOr<QueueFilter> FilterOf(const Request& req) {
  QueueFilter f;
  ASSIGN_OR_RETURN(int64_t unit, req.IntQuery("org_unit_id", 0, 1, INT64_MAX));
  if (unit != 0) f.org_unit_id = unit;
  ASSIGN_OR_RETURN(int64_t limit, req.IntQuery("limit", 50, 1, 500));
  ASSIGN_OR_RETURN(int64_t offset, req.IntQuery("offset", 0, 0, 10'000'000));
  f.limit = static_cast<int>(limit);
  f.offset = static_cast<int>(offset);
  f.state = req.Query("state").value_or("");
  if (f.state.size() > 20) return InvalidArgumentError("state 不正确", "state");
  return f;
}

Response Submit(storage::Database& db, const EstablishmentService& service, const Clock& clock,
                Request& req, Channel channel) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto form = ParseForm(*body, service.rules(), ChinaDate(clock.Now()));
  if (!form.ok()) return Response::Error(form.status());
  if (Status s = service.CatchUp(); !s.ok()) return Response::Error(s);
  // READ COMMITTED: see EstablishmentService::Submit for what holds it.
  return identity::RunWrite(db, req, clock, storage::Database::Isolation::kReadCommitted,
                            [&](soci::session& sql) -> StatusOr<WriteReply> {
                              ASSIGN_OR_RETURN(Application app,
                                               service.Submit(sql, CallerOf(req), channel, *form));
                              return WriteReply{201, ApplicationJson(app), {}};
                            });
}

StatusOr<std::string> Reason(const Request& req, std::string_view name) {
  ASSIGN_OR_RETURN(json body, identity::ObjectBody(req));
  return identity::StringField(body, name, true);
}

using AppAction = std::function<StatusOr<Application>(soci::session&, int64_t)>;
using StepAction = std::function<StatusOr<Step>(soci::session&, int64_t)>;
using NoticeAction = std::function<StatusOr<Notice>(soci::session&, int64_t)>;

template <typename T, typename ToJson>
Response WriteOn(storage::Database& db, const Clock& clock, Request& req,
                 const std::function<StatusOr<T>(soci::session&, int64_t)>& action,
                 ToJson to_json) {
  auto id = identity::IdParam(req, "id");
  if (!id.ok()) return Response::Error(id.status());
  return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
    ASSIGN_OR_RETURN(T value, action(sql, *id));
    return WriteReply{200, to_json(value), {}};
  });
}

}  // namespace

void AddEstablishmentRoutes(http::Router& router, storage::Database& db,
                            std::shared_ptr<const EstablishmentService> service, const Clock& clock,
                            storage::Database* figures) {
  std::shared_ptr<const EstablishmentService> s = std::move(service);
  storage::Database* d = &db;
  storage::Database* f = figures != nullptr ? figures : &db;
  const Clock* c = &clock;

  router.Post("/api/v1/establishments", Perm(perm::kRegistrationApply),
              [=](Request& req) { return Submit(*d, *s, *c, req, Channel::kOnline); });
  router.Post("/api/v1/window/establishments", Perm(perm::kRegistrationAccept),
              [=](Request& req) { return Submit(*d, *s, *c, req, Channel::kWindow); });

  router.Get("/api/v1/establishments/stats", Perm(perm::kStatsRead), [=](Request& req) {
    auto from = Date::Parse(req.Query("from").value_or(""), "from");
    if (!from.ok()) return Response::Error(from.status());
    auto to = Date::Parse(req.Query("to").value_or(""), "to");
    if (!to.ok()) return Response::Error(to.status());
    auto unit = req.IntQuery("org_unit_id", 0, 1, INT64_MAX);
    if (!unit.ok()) return Response::Error(unit.status());
    Stats stats;
    Status st = f->ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(stats,
                       s->ComputeStats(sql, CallerOf(req), *from, *to,
                                       *unit == 0 ? std::nullopt : std::optional<int64_t>(*unit)));
      return OkStatus();
    });
    if (!st.ok()) return Response::Error(st);
    json by_kind = json::array();
    for (const Stats::KindCount& k : stats.by_kind) {
      by_kind.push_back({{"period", k.period}, {"kind", k.kind}, {"count", k.count}});
    }
    return Response::Json({{"from", from->ToString()},
                           {"to", to->ToString()},
                           {"by_kind", by_kind},
                           {"completed", stats.completed},
                           {"average_working_minutes", stats.average_minutes},
                           {"median_working_minutes", stats.median_minutes},
                           {"within_sla_share", stats.within_sla_share},
                           {"sla_working_minutes", stats.sla_minutes}});
  });

  auto get = [=](std::string_view permission) {
    return [=](Request& req) {
      auto id = identity::IdParam(req, "id");
      if (!id.ok()) return Response::Error(id.status());
      Application app;
      Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(app, s->Get(sql, CallerOf(req), permission, *id));
        return OkStatus();
      });
      if (!st.ok()) return Response::Error(st);
      return Response::Json(ApplicationJson(app));
    };
  };
  // 我的申请: the applicant's own applications.
  router.Get("/api/v1/establishments", Perm(perm::kRegistrationApply), [=](Request& req) {
    auto limit = req.IntQuery("limit", 50, 1, 200);
    if (!limit.ok()) return Response::Error(limit.status());
    std::vector<Application> apps;
    Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(apps, s->ListOwn(sql, CallerOf(req), static_cast<int>(*limit)));
      return OkStatus();
    });
    if (!st.ok()) return Response::Error(st);
    json items = json::array();
    for (const Application& a : apps) items.push_back(ApplicationJson(a));
    Response r = Response::Json({{"items", items}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.Get("/api/v1/establishments/{id}", Perm(perm::kRegistrationApply),
             get(perm::kRegistrationApply));
  router.Post(
      "/api/v1/establishments/{id}/steps/{step_id}/resubmit", Perm(perm::kRegistrationApply),
      [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto step_id = identity::IdParam(req, "step_id");
        if (!step_id.ok()) return Response::Error(step_id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto note = identity::StringField(*body, "note", false);
        if (!note.ok()) return Response::Error(note.status());
        // The step's new option (another bank branch, other seals), if any.
        const json option = body->contains("option") ? (*body)["option"] : json(nullptr);
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Step step, s->ResubmitStep(sql, CallerOf(req), *step_id, *note, option));
          if (step.application_id != *id) {
            return NotFoundError("该申请没有这个办理环节", "step_id");
          }
          return WriteReply{200, StepJson(step), {}};
        });
      });

  // The registrar's queue.
  router.Get("/api/v1/registration/queue", Perm(perm::kRegistrationReview),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   auto filter = FilterOf(req);
                   if (!filter.ok()) return Response::Error(filter.status());
                   std::vector<Application> apps;
                   Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(apps, s->ListQueue(sql, CallerOf(req), *filter));
                     return OkStatus();
                   });
                   if (!st.ok()) return Response::Error(st);
                   json items = json::array();
                   for (const Application& a : apps) items.push_back(ApplicationJson(a));
                   return Response::Json({{"items", items}});
                 },
                 QueueExport()));
  router.Get("/api/v1/registration/applications/{id}", Perm(perm::kRegistrationReview),
             get(perm::kRegistrationReview));
  auto app_write = [=](AppAction action) {
    return [=](Request& req) { return WriteOn<Application>(*d, *c, req, action, ApplicationJson); };
  };
  router.Post("/api/v1/registration/applications/{id}/claim", Perm(perm::kRegistrationReview),
              [=](Request& req) {
                return app_write([&req, s](soci::session& sql, int64_t id) {
                  return s->Claim(sql, CallerOf(req), id);
                })(req);
              });
  router.Post("/api/v1/registration/applications/{id}/approve", Perm(perm::kRegistrationReview),
              [=](Request& req) {
                return app_write([&req, s](soci::session& sql, int64_t id) {
                  return s->Approve(sql, CallerOf(req), id);
                })(req);
              });
  router.Post("/api/v1/registration/applications/{id}/reject", Perm(perm::kRegistrationReview),
              [=](Request& req) {
                auto reason = Reason(req, "reason");
                if (!reason.ok()) return Response::Error(reason.status());
                return app_write([&req, s, r = *reason](soci::session& sql, int64_t id) {
                  return s->Reject(sql, CallerOf(req), id, r);
                })(req);
              });

  // Department queues.
  router.Get("/api/v1/department/steps", Perm(perm::kDepartmentQueueWork),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   auto filter = FilterOf(req);
                   if (!filter.ok()) return Response::Error(filter.status());
                   std::vector<Step> steps;
                   Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(steps, s->ListSteps(sql, CallerOf(req), *filter));
                     return OkStatus();
                   });
                   if (!st.ok()) return Response::Error(st);
                   json items = json::array();
                   int overdue = 0;
                   for (const Step& step : steps) {
                     items.push_back(StepJson(step));
                     if (step.overdue) ++overdue;
                   }
                   return Response::Json({{"items", items}, {"overdue", overdue}});
                 },
                 StepsExport()));
  auto step_write = [=](StepAction action) {
    return [=](Request& req) { return WriteOn<Step>(*d, *c, req, action, StepJson); };
  };
  router.Post("/api/v1/department/steps/{id}/claim", Perm(perm::kDepartmentQueueWork),
              [=](Request& req) {
                return step_write([&req, s](soci::session& sql, int64_t id) {
                  return s->ClaimStep(sql, CallerOf(req), id);
                })(req);
              });
  router.Post("/api/v1/department/steps/{id}/complete", Perm(perm::kDepartmentQueueWork),
              [=](Request& req) {
                auto body = identity::ObjectBody(req);
                if (!body.ok()) return Response::Error(body.status());
                json result = body->value("result", json());
                return step_write([&req, s, result](soci::session& sql, int64_t id) {
                  return s->CompleteStep(sql, CallerOf(req), id, result);
                })(req);
              });
  router.Post("/api/v1/department/steps/{id}/return", Perm(perm::kDepartmentQueueWork),
              [=](Request& req) {
                auto reason = Reason(req, "reason");
                if (!reason.ok()) return Response::Error(reason.status());
                return step_write([&req, s, r = *reason](soci::session& sql, int64_t id) {
                  return s->ReturnStep(sql, CallerOf(req), id, r);
                })(req);
              });
  // 双告知 notices: those of 企业开办 under /department/notices, those of a 变更
  // that added licensed items under /department/change-notices.
  auto notice_write = [=](NoticeAction action) {
    return [=](Request& req) { return WriteOn<Notice>(*d, *c, req, action, NoticeJson); };
  };
  for (NoticeSource source : {NoticeSource::kEstablishment, NoticeSource::kChange}) {
    const std::string base = source == NoticeSource::kChange ? "/api/v1/department/change-notices"
                                                             : "/api/v1/department/notices";
    router.Get(base, Perm(perm::kDepartmentQueueWork),
               exports::WithXlsxExport(
                   [=](Request& req) {
                     auto filter = FilterOf(req);
                     if (!filter.ok()) return Response::Error(filter.status());
                     std::vector<Notice> notices;
                     Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                       ASSIGN_OR_RETURN(notices,
                                        s->ListNotices(sql, CallerOf(req), *filter, source));
                       return OkStatus();
                     });
                     if (!st.ok()) return Response::Error(st);
                     json items = json::array();
                     for (const Notice& n : notices) items.push_back(NoticeJson(n));
                     return Response::Json({{"items", items}});
                   },
                   NoticesExport(source)));
    router.Post(base + "/{id}/claim", Perm(perm::kDepartmentQueueWork), [=](Request& req) {
      return notice_write([&req, s, source](soci::session& sql, int64_t id) {
        return s->ClaimNotice(sql, CallerOf(req), id, source);
      })(req);
    });
    router.Post(base + "/{id}/return", Perm(perm::kDepartmentQueueWork), [=](Request& req) {
      auto reason = Reason(req, "reason");
      if (!reason.ok()) return Response::Error(reason.status());
      return notice_write([&req, s, source, r = *reason](soci::session& sql, int64_t id) {
        return s->ReturnNotice(sql, CallerOf(req), id, r, source);
      })(req);
    });
  }
}

}  // namespace amr::establishment
