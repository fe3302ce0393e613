// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/public_routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"

namespace amr::inspection {

using http::Request;
using http::Response;
using nlohmann::json;

void AddPublicDrawRoutes(http::Router& router, std::shared_ptr<const PublicDrawService> shared,
                         std::shared_ptr<const PublicDrawService> anonymous) {
  if (anonymous == nullptr) anonymous = shared;
  router.Get("/api/v1/public/inspection/draws", std::string(identity::kPublicPermission),
             [shared, anonymous](Request& req) {
               const PublicDrawService& service = req.principal.has_value() ? *shared : *anonymous;
               PublicDrawQuery query;
               query.text = req.Query("q").value_or("");
               auto year = req.IntQuery("year", 0, 0, 2100);
               if (!year.ok()) return Response::Error(year.status());
               auto limit = req.IntQuery("limit", 20, 1, 100);
               if (!limit.ok()) return Response::Error(limit.status());
               auto offset = req.IntQuery("offset", 0, 0, 1'000'000'000);
               if (!offset.ok()) return Response::Error(offset.status());
               query.year = static_cast<int>(*year);
               query.limit = static_cast<int>(*limit);
               query.offset = static_cast<int>(*offset);
               auto page = service.List(query);
               if (!page.ok()) return Response::Error(page.status());
               json items = json::array();
               for (const PublicDraw& d : page->items) {
                 items.push_back({{"task_id", d.task_id},
                                  {"name", d.name},
                                  {"unit_name", d.unit_name},
                                  {"joint", d.joint},
                                  {"drawn_at", d.drawn_at},
                                  {"pool_size", d.pool_size},
                                  {"selected", d.selected},
                                  {"results_published", d.published}});
               }
               return Response::Json({{"total", page->total}, {"items", items}});
             });
}

}  // namespace amr::inspection
