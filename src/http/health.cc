// SPDX-License-Identifier: MulanPSL-2.0
#include "http/health.h"

#include <nlohmann/json.hpp>

#include "http/errors.h"

namespace amr::http {

void AddHealthRoutes(Router& router, std::function<Status()> db_ping) {
  router.Get("/healthz", std::string(kPublic), [ping = std::move(db_ping)](Request&) {
    Status s = ping ? ping() : OkStatus();
    if (s.ok()) return Response::Json({{"status", "ok"}});
    Response r = Response::Error(s);
    r.status = 503;
    return r;
  });
}

}  // namespace amr::http
