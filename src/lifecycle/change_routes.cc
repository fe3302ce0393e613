// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/change_routes.h"

#include <nlohmann/json.hpp>

#include "export/json_export.h"
#include "identity/idempotent_write.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "lifecycle/beneficial_owner.h"

namespace amr::lifecycle {
namespace {

using http::Request;
using http::Response;
using identity::CallerOf;
using identity::WriteReply;
using nlohmann::json;
namespace perm = identity::perm;

// "变更内容" of a change in one cell: "名称：…；住所：…".
exports::XlsxCell ChangeSummary(const json& item) {
  static const std::pair<const char*, const char*> kFields[] = {{"name", "名称"},
                                                                {"address", "住所"},
                                                                {"scope", "经营范围"},
                                                                {"legal_rep", "法定代表人"},
                                                                {"registered_capital", "注册资本"},
                                                                {"investors", "投资人"},
                                                                {"note", "说明"}};
  const json request = item.value("request", json::object());
  std::string out;
  for (const auto& [key, title] : kFields) {
    if (!request.contains(key) || request[key].is_null()) continue;
    const json& v = request[key];
    std::string text;
    if (v.is_string()) {
      text = v.get<std::string>();
    } else if (v.is_object() && v.contains("name")) {
      text = v["name"].is_string() ? v["name"].get<std::string>() : v["name"].dump();
    } else if (v.is_array()) {
      text = std::to_string(v.size()) + " 项";
    } else {
      text = v.dump();
    }
    if (!out.empty()) out += "；";
    out += std::string(title) + "：" + text;
  }
  return out;
}

exports::JsonExport ChangeQueueExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {.filename = "变更审核.xlsx",
          .title = "变更登记 待审核",
          .columns = {Field("编号", "/id", 8), Field("统一社会信用代码", "/uscc", 22),
                      Field("类型", "/kind_name", 14), Computed("变更内容", 50, ChangeSummary),
                      Field("名称比对", "/name_message", 36), Time("提交时间", "/submitted_at")}};
}

std::string Perm(std::string_view p) { return std::string(p); }

Response SubmitChange(storage::Database& db, const ChangeService& service, const Clock& clock,
                      Request& req, ChangeChannel channel) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto request = ParseChangeRequest(*body, service.rules(), ChinaDate(clock.Now()));
  if (!request.ok()) return Response::Error(request.status());
  const std::string uscc = req.Param("uscc");
  if (Status s = service.CatchUp(); !s.ok()) return Response::Error(s);
  return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
    ASSIGN_OR_RETURN(Change c, service.Submit(sql, CallerOf(req), channel, uscc, *request));
    return WriteReply{201, ChangeJson(c, service.rules()), {}};
  });
}

Response FileOwners(storage::Database& db, const Clock& clock, Request& req,
                    ChangeChannel channel) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  const std::string uscc = req.Param("uscc");
  // 承诺免报: {"exemption": {"no_other_controller": true}} instead of owners.
  if (auto x = body->find("exemption"); x != body->end()) {
    if (!x->is_object() || !x->value("no_other_controller", false)) {
      return Response::Error(InvalidArgumentError(
          "承诺免报须承诺不存在股东（合伙人）以外的自然人控制本主体或从中获取收益",
          "exemption.no_other_controller"));
    }
    return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
      ASSIGN_OR_RETURN(BeneficialOwnerFiling f,
                       FileBeneficialOwnerExemption(sql, CallerOf(req), channel, uscc, clock));
      return WriteReply{201, BeneficialOwnerFilingJson(f), {}};
    });
  }
  auto owners = ParseBeneficialOwners(*body, ChinaDate(clock.Now()));
  if (!owners.ok()) return Response::Error(owners.status());
  return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
    ASSIGN_OR_RETURN(BeneficialOwnerFiling f,
                     FileBeneficialOwners(sql, CallerOf(req), channel, uscc, *owners, clock));
    return WriteReply{201, BeneficialOwnerFilingJson(f), {}};
  });
}

Response ReadOwners(storage::Database& db, const Clock& clock, Request& req) {
  const std::string uscc = req.Param("uscc");
  BeneficialOwnerFiling f;
  Status st = db.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(f, GetBeneficialOwners(sql, CallerOf(req), uscc, clock));
    return OkStatus();
  });
  if (!st.ok()) return Response::Error(st);
  Response r = Response::Json(BeneficialOwnerFilingJson(f));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddChangeRoutes(http::Router& router, storage::Database& db,
                     std::shared_ptr<const ChangeService> service, const Clock& clock) {
  std::shared_ptr<const ChangeService> s = std::move(service);
  storage::Database* d = &db;
  const Clock* c = &clock;

  router.Post("/api/v1/entities/{uscc}/changes", Perm(perm::kRegistrationApply),
              [=](Request& req) { return SubmitChange(*d, *s, *c, req, ChangeChannel::kOnline); });
  router.Post("/api/v1/window/entities/{uscc}/changes", Perm(perm::kRegistrationAccept),
              [=](Request& req) { return SubmitChange(*d, *s, *c, req, ChangeChannel::kWindow); });
  router.Get("/api/v1/entities/{uscc}/changes", std::string(http::kPublic), [=](Request& req) {
    const std::string uscc = req.Param("uscc");
    History h;
    Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(h, s->GetHistory(sql, uscc));
      return OkStatus();
    });
    if (!st.ok()) return Response::Error(st);
    json out = PublicHistoryJson(h, s->rules());
    out["uscc"] = uscc;
    return Response::Json(out);
  });

  router.Get("/api/v1/registration/changes", Perm(perm::kRegistrationReview),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   std::vector<Change> pending;
                   Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
                     ASSIGN_OR_RETURN(pending, s->ListPending(sql, CallerOf(req)));
                     return OkStatus();
                   });
                   if (!st.ok()) return Response::Error(st);
                   json items = json::array();
                   for (const Change& ch : pending) items.push_back(ChangeJson(ch, s->rules()));
                   return Response::Json({{"items", items}});
                 },
                 ChangeQueueExport()));
  router.Post("/api/v1/registration/changes/{id}/approve", Perm(perm::kRegistrationReview),
              [=](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                if (Status st = s->CatchUp(); !st.ok()) return Response::Error(st);
                return identity::RunWrite(
                    *d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
                      ASSIGN_OR_RETURN(Change ch, s->Approve(sql, CallerOf(req), *id));
                      return WriteReply{200, ChangeJson(ch, s->rules()), {}};
                    });
              });
  router.Post("/api/v1/registration/changes/{id}/reject", Perm(perm::kRegistrationReview),
              [=](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                auto body = identity::ObjectBody(req);
                if (!body.ok()) return Response::Error(body.status());
                auto reason = identity::StringField(*body, "reason", true);
                if (!reason.ok()) return Response::Error(reason.status());
                return identity::RunWrite(
                    *d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
                      ASSIGN_OR_RETURN(Change ch, s->Reject(sql, CallerOf(req), *id, *reason));
                      return WriteReply{200, ChangeJson(ch, s->rules()), {}};
                    });
              });

  router.Post("/api/v1/entities/{uscc}/beneficial-owners", Perm(perm::kRegistrationApply),
              [=](Request& req) { return FileOwners(*d, *c, req, ChangeChannel::kOnline); });
  router.Post("/api/v1/window/entities/{uscc}/beneficial-owners", Perm(perm::kRegistrationAccept),
              [=](Request& req) { return FileOwners(*d, *c, req, ChangeChannel::kWindow); });
  router.Get("/api/v1/entities/{uscc}/beneficial-owners", Perm(perm::kBeneficialOwnerRead),
             [=](Request& req) { return ReadOwners(*d, *c, req); });
  router.Get("/api/v1/applicant/entities/{uscc}/beneficial-owners", Perm(perm::kRegistrationApply),
             [=](Request& req) { return ReadOwners(*d, *c, req); });
}

}  // namespace amr::lifecycle
