// SPDX-License-Identifier: MulanPSL-2.0
#include "calendar/routes.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "codes/deadline.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::calendar {

namespace {

using nlohmann::json;

constexpr size_t kMaxDays = 366;

StatusOr<int> YearParam(const http::Request& req) {
  const std::string& text = req.Param("year");
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || ptr != text.data() + text.size() || year < 1949 || year > 2200) {
    return InvalidArgumentError(
        fmt::format("年份“{}”应为 1949–2200 之间的整数", text.substr(0, 20)), "year");
  }
  return year;
}

// {"notice", "replace", "days": [{"date", "kind", "name"}]} for `year`.
StatusOr<EnterYearRequest> ParseEnterYear(const json& body, int year) {
  EnterYearRequest request;
  request.year.year = year;
  ASSIGN_OR_RETURN(request.notice, identity::StringField(body, "notice", false));
  if (auto replace = body.find("replace"); replace != body.end() && !replace->is_null()) {
    if (!replace->is_boolean()) return InvalidArgumentError("请选择是否替换", "replace");
    request.replace = replace->get<bool>();
  }
  auto days = body.find("days");
  if (days == body.end() || !days->is_array()) {
    return InvalidArgumentError("缺少 days（放假和调休上班日期的列表）", "days");
  }
  if (days->size() > kMaxDays) {
    return InvalidArgumentError(fmt::format("days 不超过 {} 项", kMaxDays), "days");
  }
  for (size_t i = 0; i < days->size(); ++i) {
    const json& d = (*days)[i];
    const std::string field = fmt::format("days[{}]", i);
    if (!d.is_object()) return InvalidArgumentError("应为 {date, kind, name}", field);
    ASSIGN_OR_RETURN(std::string date_text, identity::StringField(d, "date", true));
    ASSIGN_OR_RETURN(Date date, Date::Parse(date_text, field + ".date"));
    ASSIGN_OR_RETURN(std::string kind_text, identity::StringField(d, "kind", true));
    ASSIGN_OR_RETURN(codes::DayKind kind, codes::ParseDayKind(kind_text, field + ".kind"));
    ASSIGN_OR_RETURN(std::string name, identity::StringField(d, "name", true));
    request.year.days.push_back({date, kind, name});
  }
  return request;
}

json YearsListJson(const std::vector<StoredYear>& years, const codes::WorkdayCalendar& calendar,
                   const Date& today) {
  json items = json::array();
  for (const StoredYear& y : years) items.push_back(StoredYearJson(y, false));
  std::optional<std::string> reminder = CalendarReminder(calendar, today);
  return {{"years", items},
          {"first_year", calendar.first_year()},
          {"last_year", calendar.last_year()},
          {"provisional_year", calendar.provisional_year()},
          {"provisional_reason", codes::ProvisionalReason(calendar.provisional_year())},
          {"today", today.ToString()},
          {"reminder", reminder ? json(*reminder) : json(nullptr)}};
}

http::Response YearRoute(CalendarService& service, const http::Request& req) {
  auto year = YearParam(req);
  if (!year.ok()) return http::Response::Error(year.status());
  auto years = service.Years();
  if (!years.ok()) return http::Response::Error(years.status());
  for (const StoredYear& y : *years) {
    if (y.days.year == *year) {
      json out = StoredYearJson(y, true);
      out["provisional"] = false;
      return http::Response::Json(out);
    }
  }
  auto calendar = service.Current();
  if (*year == calendar->provisional_year()) {
    return http::Response::Json({{"year", *year},
                                 {"provisional", true},
                                 {"provisional_reason", codes::ProvisionalReason(*year)},
                                 {"days", json::array()}});
  }
  return http::Response::Error(NotFoundError(
      fmt::format("{} 年的节假日安排尚未录入（已录入 {}–{} 年，{} 年暂按周一至周五计算）", *year,
                  calendar->first_year(), calendar->last_year(), calendar->provisional_year()),
      "year"));
}

http::Response VersionsRoute(CalendarService& service, const http::Request& req) {
  auto year = YearParam(req);
  if (!year.ok()) return http::Response::Error(year.status());
  auto versions = service.Versions(*year);
  if (!versions.ok()) return http::Response::Error(versions.status());
  json items = json::array();
  for (const YearVersion& v : *versions) {
    json days = json::array();
    for (const codes::CalendarDay& d : v.days) {
      days.push_back(
          {{"date", d.date.ToString()}, {"kind", codes::DayKindName(d.kind)}, {"name", d.name}});
    }
    items.push_back({{"year", v.year},
                     {"version", v.version},
                     {"notice", v.notice},
                     {"source", YearSourceName(v.source)},
                     {"entered_by", v.entered_by},
                     {"entered_at", v.entered_at},
                     {"moved_deadlines", v.moved_deadlines},
                     {"days", days}});
  }
  return http::Response::Json({{"year", *year}, {"versions", items}});
}

http::Response PutYearRoute(CalendarService& service, const http::Request& req) {
  const identity::Principal* principal = identity::PrincipalOf(req);
  // The calendar is the whole platform's: only an administrator of the root
  // unit may change it, never a county's.
  if (principal == nullptr || !principal->HasRootScope(identity::perm::kCalendarWrite)) {
    return http::Response::Error(
        PermissionDeniedError("工作日历由平台管理员（根机构）维护，本级管理员不能修改"));
  }
  auto year = YearParam(req);
  if (!year.ok()) return http::Response::Error(year.status());
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  auto request = ParseEnterYear(*body, *year);
  if (!request.ok()) return http::Response::Error(request.status());
  const audit::Actor actor =
      identity::ActorFor(identity::CallerOf(req), identity::perm::kCalendarWrite);
  auto result = service.EnterYear(*request, actor);
  if (!result.ok()) return http::Response::Error(result.status());
  json out = StoredYearJson(result->year, true);
  out["unchanged"] = result->unchanged;
  out["recomputation"] = RecomputationJson(result->recomputation);
  http::Response response = http::Response::Json(out);
  if (!result->unchanged && result->year.version == 1) response.status = 201;
  return response;
}

http::Response MovedRoute(CalendarService& service, const http::Request& req) {
  const identity::Principal* principal = identity::PrincipalOf(req);
  MovedFilter filter;
  auto limit = req.IntQuery("limit", 100, 1, 500);
  if (!limit.ok()) return http::Response::Error(limit.status());
  filter.limit = static_cast<int>(*limit);
  filter.moved_since = req.Query("since").value_or("");
  if (filter.moved_since.size() > 40) {
    return http::Response::Error(
        InvalidArgumentError("since 应为时间，如 2027-01-05T00:00:00+08:00", "since"));
  }
  // Staff see the deadlines of the units below the ones they hold a role at.
  filter.scope_paths.emplace();
  if (principal != nullptr) {
    for (const identity::RoleGrant& grant : principal->grants) {
      if (!grant.org_unit.path.empty()) filter.scope_paths->push_back(grant.org_unit.path);
    }
  }
  auto moved = service.Moved(filter);
  if (!moved.ok()) return http::Response::Error(moved.status());
  json items = json::array();
  for (const Deadline& d : *moved) {
    items.push_back(
        {{"kind", d.kind},
         {"subject", d.subject},
         {"label", d.label},
         {"due", codes::CountedDateJson(d.due)},
         {"previous_due_on", d.previous_due ? json(d.previous_due->ToString()) : json()},
         {"moved_at", d.moved_at},
         {"rule", codes::PeriodRuleToJson(d.input.rule)},
         {"start_on", d.input.start.ToString()}});
  }
  return http::Response::Json({{"items", items}});
}

}  // namespace

std::optional<std::string> CalendarReminder(const codes::WorkdayCalendar& calendar,
                                            const Date& today) {
  if (calendar.last_year() < today.year()) {
    return fmt::format(
        "{} 年的节假日安排尚未录入：本年的期限暂按周一至周五计算并标为“暂定”。"
        "请按国务院办公厅通知录入，录入后期限自动重算。",
        today.year());
  }
  if (calendar.last_year() == today.year() && today.month() >= 10) {
    return fmt::format(
        "{} 年的节假日安排尚未录入：落在 {} 年的期限暂按周一至周五计算并标为“暂定”。"
        "国务院办公厅通知发布后请及时录入。",
        today.year() + 1, today.year() + 1);
  }
  return std::nullopt;
}

void AddCalendarRoutes(http::Router& router, std::shared_ptr<CalendarService> service,
                       const Clock& clock) {
  router.Get("/api/v1/calendar/years", std::string(http::kPublic),
             [service, &clock](http::Request&) {
               auto years = service->Years();
               if (!years.ok()) return http::Response::Error(years.status());
               return http::Response::Json(
                   YearsListJson(*years, *service->Current(), ChinaDate(clock.Now())));
             });
  router.Get("/api/v1/calendar/years/{year}", std::string(http::kPublic),
             [service](http::Request& req) { return YearRoute(*service, req); });
  router.Get("/api/v1/calendar/years/{year}/versions", std::string(identity::perm::kCalendarWrite),
             [service](http::Request& req) { return VersionsRoute(*service, req); });
  router.Put("/api/v1/calendar/years/{year}", std::string(identity::perm::kCalendarWrite),
             [service](http::Request& req) { return PutYearRoute(*service, req); });
  router.Get("/api/v1/calendar/moved-deadlines", std::string(identity::kAuthenticatedPermission),
             [service](http::Request& req) { return MovedRoute(*service, req); });
}

}  // namespace amr::calendar
