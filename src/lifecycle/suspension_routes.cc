// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/suspension_routes.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "export/json_export.h"
#include "identity/idempotent_write.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "lifecycle/liquidation.h"
#include "lifecycle/suspension.h"
#include "registry/entity_store.h"

namespace amr::lifecycle {
namespace {

using http::Request;
using http::Response;
using identity::CallerOf;
using identity::WriteReply;
using nlohmann::json;
namespace perm = identity::perm;

// "导出 Excel" of the public notice boards.
exports::JsonExport SuspensionNoticesExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {.filename = "歇业公告.xlsx",
          .title = "歇业公告",
          .columns = {Field("企业名称", "/entity_name", 32), Field("统一社会信用代码", "/uscc", 22),
                      Labeled("公告类型", "/kind",
                              {{"filing", "歇业备案"},
                               {"extension", "延长歇业"},
                               {"resumption", "恢复营业"},
                               {"expiry", "歇业期满"}},
                              12),
                      Field("公示日期", "/published_on", 12), Field("歇业开始", "/start_on", 12),
                      Field("歇业结束", "/end_on", 12), Field("公告内容", "/text", 50)}};
}

exports::JsonExport LiquidationNoticesExport() {
  using namespace exports;  // NOLINT(build/namespaces)
  return {.filename = "清算公告.xlsx",
          .title = "清算组备案与债权人公告",
          .columns = {Field("企业名称", "/entity_name", 32), Field("统一社会信用代码", "/uscc", 22),
                      Labeled("公告类型", "/kind",
                              {{"group", "清算组备案"},
                               {"creditors", "债权人公告"},
                               {"deregistered", "注销登记"}},
                              14),
                      Field("公示日期", "/published_on", 12), Field("公告内容", "/text", 60)}};
}

std::string Perm(std::string_view p) { return std::string(p); }

StatusOr<Date> DateField(const json& body, std::string_view name) {
  ASSIGN_OR_RETURN(std::string text, identity::StringField(body, name, true));
  return Date::Parse(text, name);
}

StatusOr<std::vector<std::string>> StringList(const json& body, std::string_view name) {
  std::vector<std::string> out;
  const std::string key(name);
  if (!body.contains(key)) return out;
  if (!body[key].is_array()) return InvalidArgumentError(key + " 须为字符串数组", key);
  for (const json& v : body[key]) {
    if (!v.is_string()) return InvalidArgumentError(key + " 须为字符串数组", key);
    out.push_back(v.get<std::string>());
  }
  return out;
}

StatusOr<std::pair<int, int>> Page(const Request& req) {
  ASSIGN_OR_RETURN(int64_t limit, req.IntQuery("limit", 50, 1, 500));
  ASSIGN_OR_RETURN(int64_t offset, req.IntQuery("offset", 0, 0, 10'000'000));
  return std::pair<int, int>{static_cast<int>(limit), static_cast<int>(offset)};
}

// Registers `path` under the applicant's prefix and the window's.
template <typename Handler>
void Both(http::Router& router, const std::string& rest, Handler handler) {
  router.Post("/api/v1" + rest, Perm(perm::kRegistrationApply), handler);
  router.Post("/api/v1/window" + rest, Perm(perm::kRegistrationAccept), handler);
}

}  // namespace

void AddSuspensionRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  storage::Database* d = &db;
  const Clock* c = &clock;

  Both(router, "/entities/{uscc}/suspensions", [=](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    SuspensionRequest r;
    auto category = identity::StringField(*body, "reason_category", true);
    if (!category.ok()) return Response::Error(category.status());
    r.reason_category = *category;
    auto reason = identity::StringField(*body, "reason", false);
    if (!reason.ok()) return Response::Error(reason.status());
    r.reason = *reason;
    auto start = DateField(*body, "start_on");
    if (!start.ok()) return Response::Error(start.status());
    r.start_on = *start;
    auto end = DateField(*body, "end_on");
    if (!end.ok()) return Response::Error(end.status());
    r.end_on = *end;
    const std::string uscc = req.Param("uscc");
    return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
      ASSIGN_OR_RETURN(Suspension s, FileSuspension(sql, CallerOf(req), uscc, r, *c));
      return WriteReply{201, SuspensionJson(s), {}};
    });
  });
  Both(router, "/entities/{uscc}/suspensions/{id}/extension", [=](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto end = DateField(*body, "end_on");
    if (!end.ok()) return Response::Error(end.status());
    const std::string uscc = req.Param("uscc");
    return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
      ASSIGN_OR_RETURN(Suspension s, ExtendSuspension(sql, CallerOf(req), uscc, *id, *end, *c));
      return WriteReply{200, SuspensionJson(s), {}};
    });
  });
  Both(router, "/entities/{uscc}/suspensions/{id}/resumption", [=](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    const std::string uscc = req.Param("uscc");
    return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
      ASSIGN_OR_RETURN(Suspension s, ResumeBusiness(sql, CallerOf(req), uscc, *id, *c));
      return WriteReply{200, SuspensionJson(s), {}};
    });
  });

  router.Get("/api/v1/entities/{uscc}/suspensions", Perm(identity::kPublicPermission),
             [=](Request& req) {
               const std::string uscc = req.Param("uscc");
               json out;
               Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                 RETURN_IF_ERROR(registry::GetEntity(sql, uscc).status());
                 ASSIGN_OR_RETURN(std::vector<Suspension> all, ListSuspensions(sql, uscc));
                 ASSIGN_OR_RETURN(SuspensionBudget budget, SuspensionBudgetOf(sql, uscc));
                 json items = json::array();
                 for (const Suspension& s : all) items.push_back(SuspensionJson(s));
                 out = {{"uscc", uscc}, {"items", items}, {"budget", SuspensionBudgetJson(budget)}};
                 return OkStatus();
               });
               if (!st.ok()) return Response::Error(st);
               return Response::Json(out);
             });
  router.Get("/api/v1/notices/suspensions", Perm(identity::kPublicPermission),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   auto page = Page(req);
                   if (!page.ok()) return Response::Error(page.status());
                   const std::string uscc = req.Query("uscc").value_or("");
                   if (uscc.size() > 18)
                     return Response::Error(InvalidArgumentError("uscc 不正确", "uscc"));
                   json items = json::array();
                   Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(auto notices,
                                      ListSuspensionNotices(sql, uscc, page->first, page->second));
                     for (const SuspensionNotice& n : notices)
                       items.push_back(SuspensionNoticeJson(n));
                     return OkStatus();
                   });
                   if (!st.ok()) return Response::Error(st);
                   return Response::Json({{"items", items}});
                 },
                 SuspensionNoticesExport()));
}

void AddLiquidationRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                          const codes::CalendarSource& calendar, DeregistrationHooks hooks) {
  storage::Database* d = &db;
  const Clock* c = &clock;
  const codes::CalendarSource* cal = &calendar;

  Both(router, "/entities/{uscc}/liquidation", [=](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    GroupFiling f;
    auto cause = identity::StringField(*body, "cause", true);
    if (!cause.ok()) return Response::Error(cause.status());
    f.cause = *cause;
    auto cause_on = DateField(*body, "cause_on");
    if (!cause_on.ok()) return Response::Error(cause_on.status());
    f.cause_on = *cause_on;
    auto formed = DateField(*body, "group_formed_on");
    if (!formed.ok()) return Response::Error(formed.status());
    f.group_formed_on = *formed;
    auto members = StringList(*body, "members");
    if (!members.ok()) return Response::Error(members.status());
    f.members = *members;
    auto docs = StringList(*body, "documents");
    if (!docs.ok()) return Response::Error(docs.status());
    f.documents = *docs;
    const std::string uscc = req.Param("uscc");
    return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
      ASSIGN_OR_RETURN(Liquidation l,
                       FileLiquidationGroup(sql, CallerOf(req), uscc, f, *c, *cal->Current()));
      return WriteReply{201, LiquidationJson(l), {}};
    });
  });

  auto submission = [](const Request& req) -> StatusOr<StepSubmission> {
    ASSIGN_OR_RETURN(json body, identity::ObjectBody(req));
    StepSubmission s;
    ASSIGN_OR_RETURN(s.documents, StringList(body, "documents"));
    if (body.contains("detail")) {
      if (!body["detail"].is_object()) return InvalidArgumentError("detail 须为对象", "detail");
      s.detail = body["detail"];
    }
    if (body.contains("text")) {
      if (!body["text"].is_string()) return InvalidArgumentError("text 须为字符串", "text");
      s.detail["text"] = body["text"];
    }
    if (s.detail.dump().size() > 8000) return InvalidArgumentError("detail 过长", "detail");
    return s;
  };
  const std::pair<const char*, const char*> steps[] = {{"creditor-notice", "creditor_notice"},
                                                       {"public-notice", "public_notice"},
                                                       {"report", "report"},
                                                       {"application", "application"}};
  for (const auto& [path, step_id] : steps) {
    const std::string step = step_id;
    Both(router, std::string("/liquidations/{id}/") + path, [=](Request& req) {
      auto id = identity::IdParam(req, "id");
      if (!id.ok()) return Response::Error(id.status());
      auto s = submission(req);
      if (!s.ok()) return Response::Error(s.status());
      return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
        ASSIGN_OR_RETURN(Liquidation l, SubmitLiquidationStep(sql, CallerOf(req), *id, step, *s, *c,
                                                              *cal->Current()));
        return WriteReply{200, LiquidationJson(l), {}};
      });
    });
  }
  // What waits for staff: the tax units' 清税, the registrars' decisions.
  const std::pair<const char*, const char*> waiting[] = {
      {"/api/v1/department/liquidations", "tax_clearance"},
      {"/api/v1/registration/liquidations", "decision"}};
  for (const auto& [path, awaiting] : waiting) {
    const std::string step = awaiting;
    const std::string permission(step == "tax_clearance" ? perm::kDepartmentQueueWork
                                                         : perm::kRegistrationReview);
    router.Get(path, permission, [=](Request& req) {
      json items = json::array();
      Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(auto open, ListLiquidationsAwaiting(sql, CallerOf(req), step, *c));
        for (const Liquidation& l : open) items.push_back(LiquidationJson(l));
        return OkStatus();
      });
      if (!st.ok()) return Response::Error(st);
      return Response::Json({{"items", items}});
    });
  }
  router.Post(
      "/api/v1/liquidations/{id}/tax-clearance", Perm(perm::kDepartmentQueueWork),
      [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto s = submission(req);
        if (!s.ok()) return Response::Error(s.status());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Liquidation l, RecordTaxClearance(sql, CallerOf(req), *id, *s, *c));
          return WriteReply{200, LiquidationJson(l), {}};
        });
      });
  router.Post(
      "/api/v1/liquidations/{id}/decision", Perm(perm::kRegistrationReview), [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto decision = identity::StringField(*body, "decision", true);
        if (!decision.ok()) return Response::Error(decision.status());
        if (*decision != "approve" && *decision != "reject") {
          return Response::Error(
              InvalidArgumentError("decision 须为 approve 或 reject", "decision"));
        }
        auto reason = identity::StringField(*body, "reason", false);
        if (!reason.ok()) return Response::Error(reason.status());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Liquidation l,
                           DecideLiquidation(sql, CallerOf(req), *id, *decision == "approve",
                                             *reason, hooks, *c));
          return WriteReply{200, LiquidationJson(l), {}};
        });
      });
  router.Post(
      "/api/v1/liquidations/{id}/claims", Perm(identity::kPublicPermission), [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        ClaimRequest r;
        auto name = identity::StringField(*body, "creditor_name", true);
        if (!name.ok()) return Response::Error(name.status());
        r.creditor_name = *name;
        auto basis = identity::StringField(*body, "basis", true);
        if (!basis.ok()) return Response::Error(basis.status());
        r.basis = *basis;
        if (!body->contains("amount") || !(*body)["amount"].is_number() ||
            !std::isfinite((*body)["amount"].get<double>()) ||
            (*body)["amount"].get<double>() > 1e13) {
          return Response::Error(
              InvalidArgumentError("债权金额须为以元为单位的数额（最多两位小数）", "amount"));
        }
        r.amount_fen = static_cast<int64_t>(std::llround((*body)["amount"].get<double>() * 100));
        if (body->contains("notice_received_on")) {
          auto on = DateField(*body, "notice_received_on");
          if (!on.ok()) return Response::Error(on.status());
          r.notice_received_on = *on;
        }
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Claim claim, FileClaim(sql, *id, r, *c, *cal->Current()));
          return WriteReply{201, ClaimJson(claim), {}};
        });
      });
  // The steps, periods and documents of 一般注销 for this entity's form, as
  // the pages state them (data/lifecycle/liquidation_steps.json, periods.json);
  // with ?cause_on=, the last day to file the 清算组 on the calendar in force.
  router.Get("/api/v1/entities/{uscc}/liquidation-rules", Perm(identity::kPublicPermission),
             [=](Request& req) {
               const std::string uscc = req.Param("uscc");
               std::optional<Date> cause_on;
               if (auto on = req.Query("cause_on"); on && !on->empty()) {
                 auto parsed = Date::Parse(*on, "cause_on");
                 if (!parsed.ok()) return Response::Error(parsed.status());
                 cause_on = *parsed;
               }
               json out;
               Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                 ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, uscc));
                 const std::string form = LiquidationForm(entity);
                 out = LiquidationRulesJson(form);
                 out["uscc"] = uscc;
                 if (cause_on) {
                   ASSIGN_OR_RETURN(std::optional<Date> due,
                                    GroupFilingDue(form, *cause_on, *cal->Current()));
                   out["group_filing_due_on"] = due ? json(due->ToString()) : json();
                 }
                 return OkStatus();
               });
               if (!st.ok()) return Response::Error(st);
               return Response::Json(out);
             });
  router.Get("/api/v1/liquidations/{id}", Perm(identity::kPublicPermission), [=](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    json out;
    Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, *id, *c));
      out = LiquidationJson(l);
      return OkStatus();
    });
    if (!st.ok()) return Response::Error(st);
    return Response::Json(out);
  });
  router.Get("/api/v1/notices/liquidations", Perm(identity::kPublicPermission),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   auto page = Page(req);
                   if (!page.ok()) return Response::Error(page.status());
                   const std::string uscc = req.Query("uscc").value_or("");
                   if (uscc.size() > 18) {
                     return Response::Error(InvalidArgumentError("uscc 不正确", "uscc"));
                   }
                   json items = json::array();
                   Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(auto notices,
                                      ListLiquidationNotices(sql, uscc, page->first, page->second));
                     for (const LiquidationNotice& n : notices)
                       items.push_back(LiquidationNoticeJson(n));
                     return OkStatus();
                   });
                   if (!st.ok()) return Response::Error(st);
                   return Response::Json({{"items", items}});
                 },
                 LiquidationNoticesExport()));
}

}  // namespace amr::lifecycle
