// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "codes/calendar.h"
#include "codes/deadline.h"
#include "codes/industries.h"
#include "codes/json.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "http/errors.h"

namespace amr::codes {

namespace {

constexpr int kMaxWorkdays = 3650;

std::string_view LevelId(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince:
      return "province";
    case RegionLevel::kCity:
      return "city";
    case RegionLevel::kCounty:
      return "county";
  }
  return "";
}

nlohmann::json RegionJson(const Region& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"level", LevelId(r.level)},
          {"parent_code",
           r.parent_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.parent_code)}};
}

// A valid code is 200 with the check; an invalid one is 400 with the standard
// error body and the same check fields beside it (expected check character,
// legacy flag), so a client learns why in one round trip.
http::Response CheckUsccRoute(http::Request& req) {
  const UsccCheck check = CheckUscc(req.Param("code"));
  nlohmann::json body = UsccCheckToJson(check);
  if (check.valid) return http::Response::Json(body);
  nlohmann::json error = http::ErrorBody(StatusCodeSlug(check.problem.code()),
                                         check.problem.message(), "code", req.request_id);
  body["error"] = error["error"];
  return http::Response::Json(body, http::HttpStatusFor(check.problem.code()));
}

http::Response RegionRoute(http::Request& req) {
  const std::string& code = req.Param("code");
  const Region* region = Regions().Find(code);
  if (region == nullptr) {
    return http::Response::Error(
        NotFoundError(fmt::format("行政区划代码“{}”不在代码表中", code), "code"));
  }
  nlohmann::json chain = nlohmann::json::array();
  for (const Region* r : Regions().Chain(code)) chain.push_back(RegionJson(*r));
  nlohmann::json children = nlohmann::json::array();
  for (const Region* r : Regions().Children(code)) children.push_back(RegionJson(*r));
  nlohmann::json body = RegionJson(*region);
  body["full_name"] = Regions().ChainName(code);
  body["chain"] = std::move(chain);
  body["children"] = std::move(children);
  return http::Response::Json(body);
}

http::Response IndustriesRoute(http::Request&) {
  nlohmann::json sections = nlohmann::json::array();
  for (const Industry* s : Industries().Sections()) {
    nlohmann::json divisions = nlohmann::json::array();
    for (const Industry* d : Industries().DivisionsOf(s->code)) {
      divisions.push_back({{"code", d->code}, {"name", d->name}});
    }
    sections.push_back({{"code", s->code}, {"name", s->name}, {"divisions", divisions}});
  }
  return http::Response::Json({{"standard", "GB/T 4754-2017"}, {"sections", sections}});
}

StatusOr<int> ParseCount(const std::optional<std::string>& text) {
  if (!text || text->empty()) {
    return InvalidArgumentError("缺少参数 add（工作日数）", "add");
  }
  int n = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || ptr != text->data() + text->size()) {
    return InvalidArgumentError(fmt::format("工作日数“{}”应为整数", *text), "add");
  }
  if (n < -kMaxWorkdays || n > kMaxWorkdays) {
    return InvalidArgumentError(fmt::format("工作日数应在 ±{} 之内", kMaxWorkdays), "add");
  }
  return n;
}

http::Response WorkdaysRoute(const CalendarSource& source, http::Request& req) {
  const std::shared_ptr<const WorkdayCalendar> calendar = source.Current();
  const auto from_text = req.Query("from");
  if (!from_text || from_text->empty()) {
    return http::Response::Error(InvalidArgumentError("缺少参数 from（起算日期）", "from"));
  }
  auto from = Date::Parse(*from_text, "from");
  if (!from.ok()) return http::Response::Error(from.status());
  auto n = ParseCount(req.Query("add"));
  if (!n.ok()) return http::Response::Error(n.status());
  auto date = calendar->AddWorkdays(*from, *n);
  if (!date.ok()) return http::Response::Error(date.status());
  auto from_is_workday = calendar->IsWorkday(*from);
  const bool provisional = calendar->IsProvisional(std::max(*from, *date));
  return http::Response::Json({
      {"from", from->ToString()},
      {"add", *n},
      {"date", date->ToString()},
      {"weekday", date->IsoWeekday()},
      {"from_is_workday", from_is_workday.ok() ? nlohmann::json(*from_is_workday) : nullptr},
      {"provisional", provisional},
      {"provisional_reason", provisional
                                 ? nlohmann::json(ProvisionalReason(calendar->provisional_year()))
                                 : nlohmann::json(nullptr)},
      {"calendar",
       {{"first_year", calendar->first_year()},
        {"last_year", calendar->last_year()},
        {"provisional_year", calendar->provisional_year()}}},
  });
}

}  // namespace

void AddCodeRoutes(http::Router& router, const CalendarSource& calendar) {
  router.Get("/api/v1/codes/uscc/{code}", std::string(http::kPublic), CheckUsccRoute);
  router.Get("/api/v1/codes/regions/{code}", std::string(http::kPublic), RegionRoute);
  router.Get("/api/v1/codes/industries", std::string(http::kPublic), IndustriesRoute);
  router.Get("/api/v1/calendar/workdays", std::string(http::kPublic),
             [&calendar](http::Request& req) { return WorkdaysRoute(calendar, req); });
}

}  // namespace amr::codes
