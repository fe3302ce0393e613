// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/aggregate.h"

#include <array>
#include <string_view>

namespace amr::cli {
namespace {

// GET routes that read only the replicated public tables, reference data or
// the instance itself.
constexpr std::array<std::string_view, 9> kReads = {
    "/healthz",
    "/readyz",
    "/metrics",
    "/api/v1/openapi.json",
    "/api/v1/entities",
    "/api/v1/entities/{uscc}",
    "/api/v1/entities/export.xlsx",
    "/api/v1/entities/stats",
    "/{path...}",  // the web UI's files
};
// Reference data (any GET below these).
constexpr std::array<std::string_view, 2> kReferencePrefixes = {"/api/v1/codes/",
                                                                "/api/v1/calendar/"};
// The aggregate's own accounts: every method.
constexpr std::array<std::string_view, 3> kAccountPrefixes = {"/api/v1/auth/", "/api/v1/users",
                                                              "/api/v1/org-units"};

bool StartsWithAny(std::string_view pattern, const auto& prefixes) {
  for (std::string_view prefix : prefixes) {
    if (pattern.starts_with(prefix)) return true;
  }
  return false;
}

}  // namespace

bool AggregateServes(const http::RouteSpec& spec) {
  if (StartsWithAny(spec.pattern, kAccountPrefixes)) return true;
  if (spec.method != "GET") return false;
  for (std::string_view pattern : kReads) {
    if (spec.pattern == pattern) return true;
  }
  return StartsWithAny(spec.pattern, kReferencePrefixes);
}

http::Guard AggregateGuard(std::shared_ptr<const identity::Authorizer> authorizer) {
  return [authorizer](http::Request& request,
                      const http::RouteSpec& spec) -> std::optional<http::Response> {
    if (!AggregateServes(spec)) {
      return http::Response::Error(
          FailedPreconditionError("本实例是全省汇总库（只读）：只提供全省市场主体公示查询与统计；"
                                  "办理登记、监管等业务请到市场主体所在县（区）的系统"));
    }
    return authorizer->Check(request, spec);
  };
}

}  // namespace amr::cli
