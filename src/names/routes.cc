// SPDX-License-Identifier: MulanPSL-2.0
#include "names/routes.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "identity/caller.h"
#include "identity/idempotent_write.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::names {
namespace {

const std::string kReserve(identity::perm::kNamesReserve);

std::string ScopePathFor(soci::session& sql, const std::string& region) {
  std::string path;
  soci::indicator ind = soci::i_null;
  sql << "SELECT path FROM org_unit WHERE region_code = :r ORDER BY id LIMIT 1", soci::use(region),
      soci::into(path, ind);
  return ind == soci::i_ok ? path : std::string();
}

// The reserving user, or staff whose scope covers the reservation.
Status MayRead(const http::Request& req, const Reservation& x) {
  const identity::Principal* p = identity::PrincipalOf(req);
  if (p == nullptr) return PermissionDeniedError("需要登录");
  if (x.user_id != 0 && x.user_id == p->user_id) return OkStatus();
  if (p->kind == identity::UserKind::kStaff && p->InScope(kReserve, x.org_unit_path)) {
    return OkStatus();
  }
  return PermissionDeniedError("该名称保留不在你的数据范围内");
}

}  // namespace

nlohmann::json CheckJson(const NameCheck& c) {
  nlohmann::json hits = nlohmann::json::array();
  for (const NameHit& h : c.hits) {
    hits.push_back({{"name", h.name}, {"uscc", h.uscc}, {"rule", h.rule}, {"message", h.message}});
  }
  nlohmann::json out = {{"verdict", VerdictId(c.verdict)},
                        {"parts",
                         {{"region", c.parts.region},
                          {"trade_name", c.parts.trade_name},
                          {"industry", c.parts.industry},
                          {"form", c.parts.form}}},
                        {"hits", hits}};
  if (!c.exempted.empty()) {
    nlohmann::json exempted = nlohmann::json::array();
    for (const NameHit& h : c.exempted) {
      exempted.push_back(
          {{"name", h.name}, {"uscc", h.uscc}, {"rule", h.rule}, {"message", h.message}});
    }
    out["exempted"] = exempted;
  }
  if (!c.reason.empty()) out["reason"] = c.reason;
  return out;
}

nlohmann::json ReservationJson(const Reservation& x) {
  return {{"id", x.id},
          {"name", x.name},
          {"trade_name", x.parts.trade_name},
          {"authority", x.region_code},
          {"authority_city", x.authority_city},
          {"industry", x.industry_code},
          {"reserved_on", x.reserved_on.ToString()},
          {"expires_on", x.expires_on.ToString()},
          {"status", x.status},
          {"used_by_uscc", x.used_by_uscc},
          {"pre_approval_item", x.pre_approval_item.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(x.pre_approval_item)}};
}

void AddNameRoutes(http::Router& router, storage::Database& db, std::shared_ptr<NameService> shared,
                   const Clock& clock) {
  NameService& names = *shared;
  router.Get(
      "/api/v1/names/check", std::string(identity::kPublicPermission),
      [&names, shared](http::Request& req) {
        const std::string name = req.Query("name").value_or("");
        if (name.empty()) {
          return http::Response::Error(InvalidArgumentError("缺少查询参数 name", "name"));
        }
        // Arts. 13, 15, 17, advisory here (the submission decides on
        // the relations it proves): a branch's parent, an investor.
        std::vector<RelatedEntity> related;
        for (auto [key, relation] : {std::pair{"parent_uscc", NameRelation::kParent},
                                     std::pair{"investor_uscc", NameRelation::kInvestment}}) {
          const std::string uscc = req.Query(key).value_or("");
          if (uscc.empty()) continue;
          if (uscc.size() != 18) {
            return http::Response::Error(InvalidArgumentError("统一社会信用代码应为 18 位", key));
          }
          related.push_back({uscc, relation});
        }
        auto check = names.Check(name, req.Query("authority").value_or(""),
                                 req.Query("industry").value_or(""),
                                 req.Query("approval_document").value_or(""), related);
        if (!check.ok()) return http::Response::Error(check.status());
        return http::Response::Json(CheckJson(*check));
      });
  // The approvals required before registration that keep a reservation one
  // year (data/names/pre_approval_items.csv), for the reservation form.
  router.Get(
      "/api/v1/names/pre-approval-items", std::string(identity::kPublicPermission),
      [](http::Request&) {
        nlohmann::json items = nlohmann::json::array();
        for (const PreApprovalItem& item : PreApprovalItems()) {
          items.push_back(
              {{"code", item.code}, {"name", item.name}, {"authority", item.authority}});
        }
        return http::Response::Json({{"items", items},
                                     {"reservation_period", ReservationPeriodText()},
                                     {"pre_approval_period", PreApprovalReservationPeriodText()}});
      });
  router.Post(
      "/api/v1/names/reservations", kReserve, [&db, &names, &clock, shared](http::Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return http::Response::Error(body.status());
        ReservationRequest r;
        for (auto [field, out] : {std::pair<const char*, std::string*>{"name", &r.name},
                                  {"authority", &r.region_code},
                                  {"industry", &r.industry_code},
                                  {"approval_document", &r.approval_document},
                                  {"pre_approval_item", &r.pre_approval_item}}) {
          const std::string_view f(field);
          auto value = identity::StringField(*body, field, f == "name" || f == "authority");
          if (!value.ok()) return http::Response::Error(value.status());
          *out = *value;
        }
        const identity::Principal* p = identity::PrincipalOf(req);
        r.user_id = p == nullptr ? 0 : p->user_id;
        return identity::RunWrite(
            db, req, clock, [&](soci::session& sql) -> StatusOr<identity::WriteReply> {
              r.org_unit_path = ScopePathFor(sql, r.region_code);
              if (p != nullptr && p->kind == identity::UserKind::kStaff &&
                  !p->InScope(kReserve, r.org_unit_path)) {
                return PermissionDeniedError("登记机关不在你的数据范围内");
              }
              ASSIGN_OR_RETURN(Reservation x,
                               names.Reserve(sql, r,
                                             identity::ActorFor(identity::CallerOf(req), kReserve,
                                                                r.org_unit_path)));
              return identity::WriteReply{201, ReservationJson(x), {}};
            });
      });
  router.Get("/api/v1/names/reservations/{id}", kReserve,
             [&db, &names, shared](http::Request& req) {
               auto id = identity::IdParam(req, "id");
               if (!id.ok()) return http::Response::Error(id.status());
               Reservation x;
               Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
                 ASSIGN_OR_RETURN(x, names.GetReservation(sql, *id));
                 return MayRead(req, x);
               });
               if (!s.ok()) return http::Response::Error(s);
               return http::Response::Json(ReservationJson(x));
             });
}

}  // namespace amr::names
