// SPDX-License-Identifier: MulanPSL-2.0
#include "workbench/routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::workbench {

void AddTodoRoutes(http::Router& router, std::shared_ptr<const TodoService> shared) {
  const TodoService& service = *shared;
  router.Get("/api/v1/workbench/todo", std::string(identity::kAuthenticatedPermission),
             [&service, shared](http::Request& req) {
               auto counts = service.Counts(identity::CallerOf(req));
               if (!counts.ok()) return http::Response::Error(counts.status());
               nlohmann::json out = nlohmann::json::object();
               for (const auto& [menu, n] : *counts) out[menu] = n;
               http::Response r = http::Response::Json({{"counts", out}});
               r.headers.emplace_back("Cache-Control", "no-store");
               return r;
             });
}

}  // namespace amr::workbench
