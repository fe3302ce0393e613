// SPDX-License-Identifier: MulanPSL-2.0
#include "messages/routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::messages {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// A user's inbox is theirs alone: never kept by a cache on the way.
Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response List(const MessageService& service, Request& req) {
  MessageQuery query;
  const std::string unread = req.Query("unread").value_or("");
  if (unread != "" && unread != "true" && unread != "false") {
    return Response::Error(InvalidArgumentError("unread 应为 true 或 false", "unread"));
  }
  query.unread_only = unread == "true";
  auto limit = req.IntQuery("limit", 20, 1, 100);
  if (!limit.ok()) return Response::Error(limit.status());
  auto offset = req.IntQuery("offset", 0, 0, 1'000'000);
  if (!offset.ok()) return Response::Error(offset.status());
  query.limit = static_cast<int>(*limit);
  query.offset = static_cast<int>(*offset);
  auto page = service.List(identity::CallerOf(req), query);
  if (!page.ok()) return Response::Error(page.status());
  json items = json::array();
  for (const Message& m : page->items) items.push_back(MessageJson(m));
  return NoStore(Response::Json({{"total", page->total},
                                 {"unread_count", page->unread_count},
                                 {"limit", query.limit},
                                 {"offset", query.offset},
                                 {"items", std::move(items)}}));
}

}  // namespace

void AddMessageRoutes(http::Router& router, std::shared_ptr<const MessageService> shared) {
  const MessageService& service = *shared;
  const std::string mine(identity::kAuthenticatedPermission);
  router.Get("/api/v1/messages", mine,
             [&service, shared](Request& req) { return List(service, req); });
  router.Post("/api/v1/messages/read-all", mine, [&service, shared](Request& req) {
    auto n = service.MarkAllRead(identity::CallerOf(req));
    if (!n.ok()) return Response::Error(n.status());
    return NoStore(Response::Json({{"marked", *n}, {"unread_count", 0}}));
  });
  router.Post("/api/v1/messages/{id}/read", mine, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto m = service.MarkRead(identity::CallerOf(req), *id);
    if (!m.ok()) return Response::Error(m.status());
    return NoStore(Response::Json(MessageJson(*m)));
  });
}

}  // namespace amr::messages
