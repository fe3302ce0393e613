// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/app.h"

#include "audit/routes.h"
#include "codes/routes.h"
#include "http/health.h"
#include "identity/admin_routes.h"
#include "identity/auth_routes.h"
#include "identity/principal.h"
#include "identity/route_support.h"
#include "names/routes.h"
#include "registry/routes.h"

namespace amr::cli {

App::App(storage::Database& db, const Clock& clock, AppOptions options)
    : hasher_(std::make_unique<identity::PasswordHasher>(options.password_cost)),
      auth_(std::make_unique<identity::AuthService>(db, *hasher_, clock, options.auth)),
      router_(std::make_shared<http::Router>()) {
  http::Router& router = *router_;
  http::AddHealthRoutes(router, [&db]() -> Status {
    return db.ReadTransaction([](soci::session&) { return OkStatus(); });
  });
  codes::AddCodeRoutes(router);
  registry::AddEntityRoutes(router, db);
  identity::AddAuthRoutes(router, *auth_);
  identity::AddUserRoutes(router, db, *hasher_, clock);
  identity::AddOrgUnitRoutes(router, db, clock);
  // Auditors read the records of their own subtree (data scope, docs/security.md).
  audit::AddAuditRoutes(router, db, [](const http::Request& req, audit::AuditQuery& query) {
    const identity::Principal* principal = identity::PrincipalOf(req);
    query.scope_paths.emplace();
    if (principal == nullptr) return;
    for (const identity::RoleGrant* grant : principal->ScopesFor(audit::kAuditReadPermission)) {
      query.scope_paths->push_back(grant->org_unit.path);
    }
    query.include_unowned = principal->HasRootScope(audit::kAuditReadPermission);
  });
  // Registration: names.
  {
    auto names = std::make_shared<names::NameService>(&db, clock);
    if (Status s = names->Start(); !s.ok()) {
      throw std::runtime_error("名称索引无法建立：" + s.message());
    }
    names::AddNameRoutes(router, db, names, clock);
  }

  // Registration: 企业开办 applications and department steps.

  // Registration: electronic business licences.

  // Supervision: 双随机、一公开.

  if (!options.web_dir.empty() && std::filesystem::exists(options.web_dir / "index.html")) {
    router.ServeStatic("/", options.web_dir, "index.html");
  }
  identity::Authorizer::Install(
      router, std::make_shared<identity::Authorizer>(*auth_, clock, options.authorizer));
}

}  // namespace amr::cli
