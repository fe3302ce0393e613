// SPDX-License-Identifier: MulanPSL-2.0
#include "feed/routes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::feed {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// A cursor as given: decimal digits only (at most 18).
StatusOr<int64_t> ParseCursor(const std::string& text) {
  int64_t out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || text.size() > 18 || ec != std::errc() || end != text.data() + text.size() ||
      out < 0) {
    return InvalidArgumentError("游标应为上一页给出的 next", "since");
  }
  return out;
}

}  // namespace

void AddFeedRoutes(http::Router& router, std::shared_ptr<FeedService> shared) {
  FeedService& service = *shared;
  router.Get(
      "/api/v1/feed", std::string(identity::kPublicPermission), [&service, shared](Request& req) {
        const bool sse =
            req.Query("format").value_or("") == "sse" ||
            req.Header("Accept").value_or("").find("text/event-stream") != std::string::npos;
        int64_t since = 0;
        std::optional<std::string> cursor = req.Query("since");
        if (!cursor && sse) cursor = req.Header("Last-Event-ID");
        if (cursor) {
          auto parsed = ParseCursor(*cursor);
          if (!parsed.ok()) return Response::Error(parsed.status());
          since = *parsed;
        }
        auto limit = req.IntQuery("limit", 100, 1, 1000);
        if (!limit.ok()) return Response::Error(limit.status());
        auto page = service.Read(since, static_cast<int>(*limit));
        if (!page.ok()) return Response::Error(page.status());
        if (sse) {
          Response r = Response::Text(SseText(page->events), "text/event-stream; charset=utf-8");
          r.headers.emplace_back("Cache-Control", "no-cache");
          return r;
        }
        json events = json::array();
        for (const FeedEvent& e : page->events) events.push_back(FeedEventJson(e));
        return Response::Json({{"events", events}, {"next", std::to_string(page->next)}});
      });
}

}  // namespace amr::feed
