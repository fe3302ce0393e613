// SPDX-License-Identifier: MulanPSL-2.0
#include "guides/routes.h"

#include <fmt/format.h>

#include "identity/roles.h"

namespace amr::guides {

void AddGuideRoutes(http::Router& router, std::shared_ptr<const GuideBook> shared) {
  const GuideBook& book = *shared;
  router.Get("/api/v1/guides/{id}", std::string(identity::kPublicPermission),
             [&book, shared](http::Request& req) {
               const Guide* guide = book.Find(req.Param("id"));
               if (guide == nullptr) {
                 return http::Response::Error(NotFoundError("没有这项办事指南", "id"));
               }
               return http::Response::Json(GuideJson(*guide));
             });
}

}  // namespace amr::guides
