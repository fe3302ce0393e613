// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/routes.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "audit/actions.h"
#include "audit/query.h"
#include "audit/verify.h"
#include "common/clock.h"
#include "export/json_export.h"

namespace amr::audit {
namespace {

constexpr std::size_t kMaxParamBytes = 512;

StatusOr<std::string> TextParam(const http::Request& req, const char* name) {
  std::string text = req.Query(name).value_or("");
  if (text.size() > kMaxParamBytes) {
    return InvalidArgumentError(fmt::format("参数 {} 不能超过 {} 字节", name, kMaxParamBytes),
                                name);
  }
  return text;
}

StatusOr<std::optional<Clock::TimePoint>> TimeParam(const http::Request& req, const char* name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<Clock::TimePoint>();
  ASSIGN_OR_RETURN(Clock::TimePoint t, ParseTime(*text, name));
  return std::optional<Clock::TimePoint>(t);
}

StatusOr<AuditQuery> ParseQuery(const http::Request& req) {
  AuditQuery q;
  ASSIGN_OR_RETURN(q.target_type, TextParam(req, "target_type"));
  ASSIGN_OR_RETURN(q.target_id, TextParam(req, "target_id"));
  ASSIGN_OR_RETURN(q.user, TextParam(req, "user"));
  ASSIGN_OR_RETURN(q.action, TextParam(req, "action"));
  ASSIGN_OR_RETURN(q.from, TimeParam(req, "from"));
  ASSIGN_OR_RETURN(q.to, TimeParam(req, "to"));
  ASSIGN_OR_RETURN(q.limit, req.IntQuery("limit", 50, 1, kMaxQueryLimit));
  ASSIGN_OR_RETURN(q.offset, req.IntQuery("offset", 0, 0, kMaxQueryOffset));
  return q;
}

nlohmann::json RecordJson(const AuditRecord& r) {
  nlohmann::json out = {
      {"seq", r.seq},
      {"recorded_at", r.recorded_at},
      {"user_id", r.actor.user_id},
      {"username", r.actor.username},
      {"role", r.actor.role},
      {"org_unit_id", r.actor.org_unit_id},
      {"ip", r.actor.ip},
      {"request_id", r.actor.request_id},
      {"action", r.action},
      {"action_name", ActionName(r.action)},
      {"target_type", r.target_type},
      {"target_id", r.target_id},
      {"before", nullptr},
      {"after", nullptr},
      {"prev_hash", r.prev_hash},
      {"hash", r.hash},
  };
  nlohmann::json summary = nlohmann::json::parse(r.summary, nullptr, /*allow_exceptions=*/false);
  if (summary.is_object()) {
    out["before"] = summary.value("before", nlohmann::json());
    out["after"] = summary.value("after", nlohmann::json());
  } else {
    out["summary"] = r.summary;  // Not what Append writes; Verify reports the row.
  }
  return out;
}

nlohmann::json ReportJson(const VerifyReport& report) {
  nlohmann::json first_break = nullptr;
  if (report.first_break) {
    first_break = {{"seq", report.first_break->seq},
                   {"reason", BreakKindSlug(report.first_break->kind)},
                   {"message", report.first_break->message}};
  }
  return {{"intact", report.intact()},
          {"records_checked", report.records_checked},
          {"head",
           {{"seq", report.head.seq},
            {"hash", report.head.hash},
            {"checkpoint", report.head.ToString()}}},
          {"first_break", std::move(first_break)}};
}

// "导出 Excel" of a query's page (the screen asks for the largest page).
exports::JsonExport AuditExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {.filename = "审计日志.xlsx",
          .title = "审计日志",
          .columns = {Field("序号", "/seq", 8), Time("时间", "/recorded_at"),
                      Field("操作人", "/username", 16), Field("岗位", "/role", 12),
                      Field("操作", "/action_name", 28), Field("对象类型", "/target_type", 16),
                      Field("对象编号", "/target_id", 14), Field("来源地址", "/ip", 16),
                      Field("请求编号", "/request_id", 20), Field("记录哈希", "/hash", 20)}};
}

}  // namespace

void AddAuditRoutes(http::Router& router, storage::Database& db, ScopeResolver scope) {
  router.Get("/api/v1/audit", kAuditReadPermission,
             exports::WithXlsxExport(
                 [&db, scope](http::Request& req) {
                   auto query = ParseQuery(req);
                   if (!query.ok()) return http::Response::Error(query.status());
                   if (scope) scope(req, *query);
                   auto page = Query(db, *query);
                   if (!page.ok()) return http::Response::Error(page.status());
                   nlohmann::json items = nlohmann::json::array();
                   for (const AuditRecord& r : page->items) items.push_back(RecordJson(r));
                   return http::Response::Json({{"total", page->total},
                                                {"limit", query->limit},
                                                {"offset", query->offset},
                                                {"items", std::move(items)}});
                 },
                 AuditExport()));
  router.Get("/api/v1/audit/actions", kAuditReadPermission, [](http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const ActionInfo& a : Actions()) {
      items.push_back({{"code", a.code}, {"name", a.name}, {"group", a.group}});
    }
    return http::Response::Json({{"items", std::move(items)}});
  });
  router.Get("/api/v1/audit/verify", kAuditReadPermission, [&db](http::Request& req) {
    VerifyOptions options;
    if (auto text = req.Query("checkpoint"); text && !text->empty()) {
      auto checkpoint = ParseCheckpoint(*text);
      if (!checkpoint.ok()) return http::Response::Error(checkpoint.status());
      options.checkpoint = *checkpoint;
    }
    auto report = Verify(db, options);
    if (!report.ok()) return http::Response::Error(report.status());
    return http::Response::Json(ReportJson(*report));
  });
}

}  // namespace amr::audit
