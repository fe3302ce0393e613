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

void AddReadinessRoute(Router& router, std::vector<ReadinessCheck> checks) {
  router.Get("/readyz", std::string(kPublic), [checks = std::move(checks)](Request&) {
    nlohmann::json results = nlohmann::json::object();
    bool ready = true;
    for (const ReadinessCheck& c : checks) {
      Status s = c.check ? c.check() : OkStatus();
      results[c.name] = s.ok() ? std::string("ok") : s.message();
      ready = ready && s.ok();
    }
    return Response::Json({{"status", ready ? "ready" : "not_ready"}, {"checks", results}},
                          ready ? 200 : 503);
  });
}

}  // namespace amr::http
