// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/entities/{uscc}/instant-info and /publish-orders, and
// /api/v1/credit/instant-info-rules (docs/credit.md): instant information
// published and read, orders to publish. The routes only translate;
// InstantInfoService decides.
#include <nlohmann/json.hpp>

#include "credit/routes.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::credit {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

json KindName(const CreditRules& rules, const std::string& kind) {
  const CreditRules::InstantKind* k = rules.InstantKindOf(kind);
  return k ? json(k->name) : json(kind);
}

json InfoJson(const InstantInfo& i, const CreditRules& rules) {
  return {{"id", i.id},
          {"kind", i.kind},
          {"kind_name", KindName(rules, i.kind)},
          {"event_on", i.event_on.ToString()},
          {"summary", i.summary},
          {"published_on", i.published_on.ToString()},
          {"due", i.due.ToString()},
          {"late", i.late}};
}

json OrderJson(const PublishOrder& o, const CreditRules& rules, const Date& today) {
  return {{"id", o.id},
          {"expired", o.Expired(today)},  // open past its last day: a finding for the list
          {"info_id", o.info_id == 0 ? json(nullptr) : json(o.info_id)},
          {"kind", o.kind},
          {"kind_name", KindName(rules, o.kind)},
          {"what", o.what},
          {"ordered_on", o.ordered_on.ToString()},
          {"due", o.due.ToString()},
          {"authority", o.authority_name},
          {"state", OrderStateId(o.state)},
          {"state_name", OrderStateName(o.state)},
          {"fulfilled_on", o.fulfilled_on.empty() ? json(nullptr) : json(o.fulfilled_on)}};
}

}  // namespace

void AddInstantRoutes(http::Router& router, std::shared_ptr<InstantInfoService> shared) {
  InstantInfoService& service = *shared;
  const std::string file(identity::perm::kCreditFile), public_(identity::kPublicPermission),
      decide(identity::perm::kCreditDecide);
  router.Get("/api/v1/credit/instant-info-rules", public_, [&service, shared](Request&) {
    auto rule = service.rules().At(service.Today());
    if (!rule.ok()) return Response::Error(rule.status());
    json kinds = json::array();
    for (const CreditRules::InstantKind& k : service.rules().instant_kinds()) {
      kinds.push_back({{"id", k.id}, {"name", k.name}, {"basis", k.basis}});
    }
    return Response::Json({{"kinds", kinds},
                           {"publish_within", codes::DescribePeriod(rule->instant_info_limit)},
                           {"order_within", codes::DescribePeriod(rule->publish_order_limit)}});
  });
  router.Get("/api/v1/entities/{uscc}/instant-info", public_, [&service, shared](Request& req) {
    auto items = service.Of(req.Param("uscc"));
    if (!items.ok()) return Response::Error(items.status());
    auto orders = service.OrdersOf(req.Param("uscc"));
    if (!orders.ok()) return Response::Error(orders.status());
    json out = json::array(), os = json::array();
    for (const InstantInfo& i : *items) out.push_back(InfoJson(i, service.rules()));
    const Date today = service.Today();
    for (const PublishOrder& o : *orders) os.push_back(OrderJson(o, service.rules(), today));
    return Response::Json({{"items", out}, {"orders", os}});
  });
  router.Post("/api/v1/entities/{uscc}/instant-info", file, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    NewInstantInfo in;
    for (auto [field, target] : {std::pair{"kind", &in.kind}, std::pair{"event_on", &in.event_on},
                                 std::pair{"summary", &in.summary}}) {
      auto value = identity::StringField(*body, field, true);
      if (!value.ok()) return Response::Error(value.status());
      *target = *value;
    }
    auto done = service.Publish(identity::CallerOf(req), req.Param("uscc"), in);
    if (!done.ok()) return Response::Error(done.status());
    json out = InfoJson(done->info, service.rules());
    out["fulfilled_orders"] = done->fulfilled;
    out["created"] = done->created;  // false: the same item sent again, nothing new
    return Response::Json(out, done->created ? 201 : 200);
  });
  router.Post("/api/v1/entities/{uscc}/publish-orders", decide, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto kind = identity::StringField(*body, "kind", true);
    if (!kind.ok()) return Response::Error(kind.status());
    auto what = identity::StringField(*body, "what", true);
    if (!what.ok()) return Response::Error(what.status());
    auto done = service.Order(identity::CallerOf(req), req.Param("uscc"), *kind, *what);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(OrderJson(*done, service.rules(), service.Today()), 201);
  });
}

}  // namespace amr::credit
