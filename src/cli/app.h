// SPDX-License-Identifier: MulanPSL-2.0
// The fully wired HTTP application: every context's routes behind the one
// authorizer. `amr serve` and the authorization matrix test build it the
// same way, so the test checks exactly the routes the server answers.
//
// Ownership: App owns the password hasher, the auth service and the
// authorizer its routes refer to; keep it alive while its router serves. The
// database and the clock must outlive it.
// Thread-safety: router() is shared by the server's handler threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "accounts/signup_service.h"
#include "calendar/calendar_service.h"
#include "common/clock.h"
#include "http/metrics.h"
#include "http/router.h"
#include "identity/auth_service.h"
#include "identity/authorizer.h"
#include "identity/password.h"
#include "lifecycle/deregister.h"
#include "names/name_service.h"
#include "storage/database.h"

namespace amr::cli {

struct AppOptions {
  std::filesystem::path web_dir;  // the web UI's files; empty or missing: none
  // GET /metrics (http/metrics.h): the registry the server counts requests
  // in; nullptr: no metrics route. The App adds its gauges to it.
  std::shared_ptr<http::Metrics> metrics;
  http::MetricsAccess metrics_access;
  identity::AuthOptions auth;
  identity::AuthorizerOptions authorizer;
  identity::PasswordCost password_cost = identity::InteractiveCost();
  // The endpoint prefixes outbox subscriptions may send to (outbox/rules.h
  // CheckEndpointAllowed); empty: none.
  std::vector<std::string> webhook_allow;
  // Applicants' self-registration: the code rules, whether codes are also
  // logged (demonstration stores), the real-name service if any.
  accounts::SignupOptions signup;
  // The name index's snapshot file (names/name_service.h); empty: none.
  std::filesystem::path name_index_snapshot;
  // Reads that may be a little behind the primary (docs/operations.md, "A
  // read replica"): the public look-ups of callers who are not logged in, the
  // change feed and the figures. A read view on a replica
  // (storage::Database::ReadView) that outlives the App; nullptr: every read
  // from the primary.
  storage::Database* replica_reads = nullptr;
  // A province's aggregate store (cli/aggregate.h): only the province-wide
  // public search, its figures and the aggregate's own accounts are served.
  bool aggregate = false;
};

class App {
 public:
  // Registers every route and installs the authorizer (throws std::logic_error
  // for a route naming an unknown permission).
  // `calendar` is the working-day calendar every context counts on.
  App(storage::Database& db, const Clock& clock,
      std::shared_ptr<calendar::CalendarService> calendar, AppOptions options);

  std::shared_ptr<const http::Router> router() const { return router_; }
  const identity::PasswordHasher& hasher() const { return *hasher_; }
  const identity::AuthService& auth() const { return *auth_; }
  // The name engine (amr serve writes its index's snapshots).
  names::NameService& names() { return *names_; }

 private:
  std::shared_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<identity::PasswordHasher> hasher_;
  std::unique_ptr<identity::AuthService> auth_;
  std::shared_ptr<names::NameService> names_;  // 企业开办's hooks refer to it
  // What every kind of deregistration calls lifecycle::DeregisterEntity with
  // (registration_wiring.h); the lifecycle routes refer to it.
  lifecycle::DeregistrationHooks deregistration_hooks_;
  std::shared_ptr<http::Router> router_;
};

}  // namespace amr::cli
