// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/read_audit.h"

#include <array>
#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "identity/caller.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::cli {
namespace {

struct SensitiveRead {
  std::string_view pattern;
  std::string_view action;
  // Audited only when the caller holds this permission (the route is public
  // and shows private data to some callers only); empty: always.
  std::string_view only_with = {};
};

// GET routes whose answers hold personal data or the trail itself.
constexpr std::array<SensitiveRead, 13> kReads = {{
    // 企业开办 applications: the people's full citizen IDs.
    {"/api/v1/establishments/{id}", "establishment.read"},
    {"/api/v1/registration/applications/{id}", "establishment.read"},
    {"/api/v1/registration/queue", "establishment.list"},
    // 变更 applications and an entity's change history (IDs of new officers).
    {"/api/v1/registration/changes", "change.list"},
    {"/api/v1/entities/{uscc}/changes", "change.read"},
    // An entity's non-public record (the legal representative's ID).
    {"/api/v1/entities/{uscc}", "entity.read_private", identity::perm::kEntitiesReadPrivate},
    // Restrictions: freezes, pledges, investigations, unpaid fines.
    {"/api/v1/entities/{uscc}/restrictions", "restriction.read"},
    // User records.
    {"/api/v1/users", "user.list"},
    {"/api/v1/users/{id}", "user.read"},
    // The licence as a printable file.
    {"/api/v1/licenses/{uscc}/pdf", "license.pdf.read"},
    {"/api/v1/licenses/{uscc}", "license.read"},
    // The audit trail: reading it is itself recorded.
    {"/api/v1/audit", "audit.query"},
    {"/api/v1/audit/verify", "audit.verify"},
}};

const SensitiveRead* Find(std::string_view method, std::string_view pattern) {
  if (method != "GET") return nullptr;
  for (const SensitiveRead& r : kReads) {
    if (r.pattern == pattern) return &r;
  }
  return nullptr;
}

// The query as sent, with runs of 15 or more digits (an ID number searched
// for) masked but for their first 6 and last 2.
std::string MaskedQuery(const std::string& target) {
  const size_t q = target.find('?');
  if (q == std::string::npos) return "";
  const std::string query = target.substr(q + 1, 500);
  std::string out;
  size_t i = 0;
  while (i < query.size()) {
    size_t j = i;
    while (j < query.size() && query[j] >= '0' && query[j] <= '9') ++j;
    if (j < query.size() && j - i == 17 && (query[j] == 'X' || query[j] == 'x')) ++j;
    if (j - i >= 15) {
      out += query.substr(i, 6) + std::string(j - i - 8, '*') + query.substr(j - 2, 2);
      i = j;
    } else if (j > i) {
      out += query.substr(i, j - i);
      i = j;
    } else {
      out += query[i++];
    }
  }
  return out;
}

}  // namespace

std::string_view SensitiveReadAction(std::string_view method, std::string_view pattern) {
  const SensitiveRead* r = Find(method, pattern);
  return r == nullptr ? std::string_view() : r->action;
}

void AuditSensitiveReads(http::Router& router, storage::Database& db, const Clock& clock) {
  router.Decorate([&db, &clock](const http::RouteSpec& spec, http::Handler handler) {
    const SensitiveRead* read = Find(spec.method, spec.pattern);
    if (spec.method != "GET") return handler;
    return http::Handler([&db, &clock, spec, read,
                          handler = std::move(handler)](http::Request& req) -> http::Response {
      // Before the handler, which may consume the query (exports::WithXlsxExport).
      const bool xlsx =
          req.Query("format").value_or("") == "xlsx" || spec.pattern.ends_with(".xlsx");
      const std::string query = MaskedQuery(req.target);
      http::Response response = handler(req);
      if (response.status != 200) return response;
      const identity::Principal* principal = identity::PrincipalOf(req);
      if (principal == nullptr) return response;  // public data, read anonymously
      std::string action;
      if (xlsx) {
        action = "export.xlsx";
      } else if (read != nullptr && (read->only_with.empty() || principal->Can(read->only_with))) {
        action = std::string(read->action);
      }
      if (action.empty()) return response;
      const std::string permission =
          identity::IsKnownPermission(spec.permission) &&
                  spec.permission != identity::kPublicPermission &&
                  spec.permission != identity::kAuthenticatedPermission
              ? spec.permission
              : std::string(read != nullptr ? read->only_with : std::string_view());
      audit::AuditEntry entry{identity::ActorFor(identity::CallerOf(req), permission),
                              action,
                              "http",
                              req.path.substr(0, audit::kMaxTextBytes),
                              nullptr,
                              {{"route", spec.pattern}, {"query", query}}};
      Status s =
          db.Transaction([&](soci::session& sql) { return audit::Append(sql, entry, clock); });
      if (!s.ok()) return http::Response::Error(s);
      return response;
    });
  });
}

}  // namespace amr::cli
