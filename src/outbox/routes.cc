// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/routes.h"

#include <memory>
#include <nlohmann/json.hpp>

#include "identity/idempotent_write.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "outbox/store.h"

namespace amr::outbox {
namespace {

using identity::CallerOf;
using identity::IdParam;
using identity::ObjectBody;
using identity::StringField;

audit::Actor ActorOf(const http::Request& req, std::string_view permission) {
  return identity::ActorFor(CallerOf(req), permission);
}

StatusOr<std::optional<bool>> BoolField(const nlohmann::json& body, std::string_view name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return InvalidArgumentError("请选择是或否", std::string(name));
  }
  return std::optional<bool>(it->get<bool>());
}

StatusOr<std::optional<std::string>> OptionalString(const nlohmann::json& body,
                                                    std::string_view name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string value, StringField(body, name, true));
  return std::optional<std::string>(std::move(value));
}

http::Response CreateRoute(storage::Database& db, const Clock& clock,
                           const std::vector<std::string>& allowed, http::Request& req) {
  auto body = ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  NewSubscription s;
  auto topic = StringField(*body, "topic", true);
  if (!topic.ok()) return http::Response::Error(topic.status());
  auto url = StringField(*body, "endpoint_url", true);
  if (!url.ok()) return http::Response::Error(url.status());
  auto secret = StringField(*body, "secret", true);
  if (!secret.ok()) return http::Response::Error(secret.status());
  auto description = StringField(*body, "description", false);
  if (!description.ok()) return http::Response::Error(description.status());
  auto active = BoolField(*body, "active");
  if (!active.ok()) return http::Response::Error(active.status());
  s.topic = *topic;
  s.endpoint_url = *url;
  s.secret = *secret;
  s.description = *description;
  s.active = active->value_or(true);
  if (Status v = ValidateNewSubscription(s); !v.ok()) return http::Response::Error(v);
  if (Status v = CheckEndpointAllowed(s.endpoint_url, allowed); !v.ok()) {
    return http::Response::Error(v);
  }
  return identity::RunWrite(
      db, req, clock, [&](soci::session& sql) -> StatusOr<identity::WriteReply> {
        ASSIGN_OR_RETURN(
            Subscription created,
            CreateSubscription(sql, ActorOf(req, identity::perm::kOutboxWrite), s, clock));
        return identity::WriteReply{201, SubscriptionJson(created), {}};
      });
}

http::Response UpdateRoute(storage::Database& db, const Clock& clock,
                           const std::vector<std::string>& allowed, http::Request& req) {
  auto id = IdParam(req, "id");
  if (!id.ok()) return http::Response::Error(id.status());
  auto body = ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  for (const auto& [key, value] : body->items()) {
    if (key != "endpoint_url" && key != "secret" && key != "description" && key != "active") {
      return http::Response::Error(
          InvalidArgumentError("不能修改字段 " + key + "（主题不可改，请新建订阅）", key));
    }
  }
  SubscriptionChange c;
  auto url = OptionalString(*body, "endpoint_url");
  if (!url.ok()) return http::Response::Error(url.status());
  auto secret = OptionalString(*body, "secret");
  if (!secret.ok()) return http::Response::Error(secret.status());
  auto description = OptionalString(*body, "description");
  if (!description.ok()) return http::Response::Error(description.status());
  auto active = BoolField(*body, "active");
  if (!active.ok()) return http::Response::Error(active.status());
  c.endpoint_url = *url;
  c.secret = *secret;
  c.description = *description;
  c.active = *active;
  if (Status v = ValidateSubscriptionChange(c); !v.ok()) return http::Response::Error(v);
  if (c.endpoint_url) {
    if (Status v = CheckEndpointAllowed(*c.endpoint_url, allowed); !v.ok()) {
      return http::Response::Error(v);
    }
  }
  return identity::RunWrite(
      db, req, clock, [&](soci::session& sql) -> StatusOr<identity::WriteReply> {
        ASSIGN_OR_RETURN(
            Subscription updated,
            UpdateSubscription(sql, ActorOf(req, identity::perm::kOutboxWrite), *id, c, clock));
        return identity::WriteReply{200, SubscriptionJson(updated), {}};
      });
}

http::Response DeadLettersRoute(storage::Database& db, http::Request& req) {
  auto limit = req.IntQuery("limit", 50, 1, 500);
  if (!limit.ok()) return http::Response::Error(limit.status());
  auto offset = req.IntQuery("offset", 0, 0, 10'000'000);
  if (!offset.ok()) return http::Response::Error(offset.status());
  std::vector<Delivery> items;
  int64_t total = 0;
  Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(total, CountDeliveries(sql, "dead"));
    ASSIGN_OR_RETURN(
        items, ListDeliveries(sql, "dead", static_cast<int>(*limit), static_cast<int>(*offset)));
    return OkStatus();
  });
  if (!s.ok()) return http::Response::Error(s);
  nlohmann::json out = nlohmann::json::array();
  for (const Delivery& d : items) out.push_back(DeliveryJson(d));
  return http::Response::Json(
      {{"total", total}, {"limit", *limit}, {"offset", *offset}, {"items", out}});
}

}  // namespace

void AddOutboxRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                     std::vector<std::string> allowed_endpoints) {
  auto allowed = std::make_shared<const std::vector<std::string>>(std::move(allowed_endpoints));
  const std::string read(identity::perm::kOutboxRead), write(identity::perm::kOutboxWrite);
  router.Get("/api/v1/outbox/subscriptions", read, [&db](http::Request&) {
    std::vector<Subscription> items;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(items, ListSubscriptions(sql));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    nlohmann::json out = nlohmann::json::array();
    for (const Subscription& sub : items) out.push_back(SubscriptionJson(sub));
    return http::Response::Json({{"items", out}});
  });
  router.Post("/api/v1/outbox/subscriptions", write, [&db, &clock, allowed](http::Request& req) {
    return CreateRoute(db, clock, *allowed, req);
  });
  router.Get("/api/v1/outbox/subscriptions/{id}", read, [&db](http::Request& req) {
    auto id = IdParam(req, "id");
    if (!id.ok()) return http::Response::Error(id.status());
    Subscription sub;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(sub, GetSubscription(sql, *id));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    return http::Response::Json(SubscriptionJson(sub));
  });
  router.Patch(
      "/api/v1/outbox/subscriptions/{id}", write,
      [&db, &clock, allowed](http::Request& req) { return UpdateRoute(db, clock, *allowed, req); });
  router.Get("/api/v1/outbox/dead-letters", read,
             [&db](http::Request& req) { return DeadLettersRoute(db, req); });
  router.Get("/api/v1/outbox/deliveries/{id}", read, [&db](http::Request& req) {
    auto id = IdParam(req, "id");
    if (!id.ok()) return http::Response::Error(id.status());
    nlohmann::json out;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(Delivery d, GetDelivery(sql, *id));
      ASSIGN_OR_RETURN(std::vector<Attempt> attempts, ListAttempts(sql, *id));
      out = DeliveryJson(d);
      out["attempts_log"] = nlohmann::json::array();
      for (const Attempt& a : attempts) out["attempts_log"].push_back(AttemptJson(a));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    return http::Response::Json(out);
  });
  router.Post("/api/v1/outbox/dead-letters/{id}/retry", write, [&db, &clock](http::Request& req) {
    auto id = IdParam(req, "id");
    if (!id.ok()) return http::Response::Error(id.status());
    return identity::RunWrite(
        db, req, clock, [&](soci::session& sql) -> StatusOr<identity::WriteReply> {
          ASSIGN_OR_RETURN(
              Delivery d,
              RetryDeadLetter(sql, ActorOf(req, identity::perm::kOutboxWrite), *id, clock));
          return identity::WriteReply{200, DeliveryJson(d), {}};
        });
  });
}

}  // namespace amr::outbox
