// SPDX-License-Identifier: MulanPSL-2.0
#include "scheduler/routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "scheduler/scheduler.h"

namespace amr::scheduler {
namespace {

http::Response TimersRoute(storage::Database& db, http::Request& req) {
  auto limit = req.IntQuery("limit", 50, 1, 500);
  if (!limit.ok()) return http::Response::Error(limit.status());
  auto offset = req.IntQuery("offset", 0, 0, 10'000'000);
  if (!offset.ok()) return http::Response::Error(offset.status());
  TimerFilter filter;
  filter.kind = req.Query("kind").value_or("");
  filter.state = req.Query("state").value_or("");
  filter.limit = static_cast<int>(*limit);
  filter.offset = static_cast<int>(*offset);
  if (Status v = ValidateFilter(filter); !v.ok()) return http::Response::Error(v);
  std::vector<Timer> items;
  int64_t total = 0;
  Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(total, CountTimers(sql, filter));
    ASSIGN_OR_RETURN(items, ListTimers(sql, filter));
    return OkStatus();
  });
  if (!s.ok()) return http::Response::Error(s);
  nlohmann::json out = nlohmann::json::array();
  for (const Timer& t : items) out.push_back(TimerJson(t));
  return http::Response::Json(
      {{"total", total}, {"limit", *limit}, {"offset", *offset}, {"items", out}});
}

}  // namespace

void AddSchedulerRoutes(http::Router& router, storage::Database& db) {
  router.Get("/api/v1/scheduler/timers", std::string(identity::perm::kSchedulerRead),
             [&db](http::Request& req) { return TimersRoute(db, req); });
}

}  // namespace amr::scheduler
