// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/app.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <map>
#include <stdexcept>

#include "accounts/routes.h"
#include "audit/audit_log.h"
#include "audit/routes.h"
#include "calendar/routes.h"
#include "cli/aggregate.h"
#include "cli/credit_wiring.h"
#include "cli/read_audit.h"
#include "cli/registration_wiring.h"
#include "codes/routes.h"
#include "complaints/routes.h"
#include "credit/routes.h"
#include "establishment/routes.h"
#include "feed/routes.h"
#include "guides/routes.h"
#include "leads/routes.h"
#include "messages/routes.h"
#include "outbox/store.h"
#include "scheduler/scheduler.h"
#include "storage/migrations.h"
#include "workbench/routes.h"
// lifecycle:change begin
#include "cli/change_wiring.h"
#include "lifecycle/change_routes.h"
// lifecycle:change end
#include "codes/data_dir.h"
#include "http/health.h"
#include "http/openapi.h"
#include "identity/admin_routes.h"
#include "identity/auth_routes.h"
#include "identity/org_unit_store.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "inspection/photo_routes.h"
#include "inspection/public_routes.h"
#include "inspection/routes.h"
#include "inspection/visit_store.h"
#include "license/license_store.h"
#include "license/routes.h"
#include "lifecycle/permit_routes.h"
// lifecycle:susp begin
#include "lifecycle/suspension_routes.h"
// lifecycle:susp end
// lifecycle:dereg begin
#include "lifecycle/deregistration_routes.h"
// lifecycle:dereg end
#include "names/routes.h"
#include "outbox/outbox.h"
#include "outbox/routes.h"
#include "registry/routes.h"
// lifecycle:sched begin
#include "scheduler/routes.h"
// lifecycle:sched end

namespace amr::cli {
namespace {

// The region-code prefix a unit's region stands for: "330106" a county,
// "330100" → "3301" a city, "330000" → "33" a province, "000000" → "" all.
std::string RegionPrefix(std::string code) {
  while (code.size() >= 2 && code.ends_with("00")) code.resize(code.size() - 2);
  return code;
}

// The regions whose figures a caller may see: those of the units it holds
// stats.read at (everywhere for the root).
StatusOr<std::vector<std::string>> StatsRegions(storage::Database& db, const http::Request& req) {
  std::vector<std::string> regions;
  const identity::Principal* principal = identity::PrincipalOf(req);
  if (principal == nullptr) return regions;
  if (principal->HasRootScope(identity::perm::kStatsRead)) return std::vector<std::string>{""};
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    for (const identity::RoleGrant* grant : principal->ScopesFor(identity::perm::kStatsRead)) {
      ASSIGN_OR_RETURN(identity::OrgUnit unit, identity::GetOrgUnit(sql, grant->org_unit.id));
      regions.push_back(RegionPrefix(unit.region_code));
    }
    return OkStatus();
  }));
  return regions;
}

// What /metrics reports besides the requests (http/metrics.h).
void AddGauges(http::Metrics& metrics, storage::Database& db, calendar::CalendarService& calendar,
               const names::NameService& names) {
  metrics.AddGauge("amr_db_open_transactions", "Transactions running now.",
                   [&db]() -> StatusOr<double> { return db.open_transactions(); });
  metrics.AddGauge("amr_db_transaction_reruns_total",
                   "Transactions rerun after a concurrency conflict since the server started.",
                   [&db]() -> StatusOr<double> { return static_cast<double>(db.reruns()); });
  metrics.AddGauge("amr_audit_pending",
                   "Audit records committed but not yet linked into the chain (PostgreSQL).",
                   [&db]() -> StatusOr<double> {
                     ASSIGN_OR_RETURN(int64_t n, audit::PendingCount(db));
                     return static_cast<double>(n);
                   });
  metrics.AddGauge("amr_timers", "Persistent timers by state; due: pending and due now.",
                   [&db]() -> StatusOr<std::vector<http::MetricSample>> {
                     std::vector<http::MetricSample> out;
                     RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
                       ASSIGN_OR_RETURN(scheduler::TimerCounts n,
                                        scheduler::CountPending(sql, Clock::Real().Now()));
                       out = {{{{"state", "pending"}}, static_cast<double>(n.pending)},
                              {{{"state", "due"}}, static_cast<double>(n.due)},
                              {{{"state", "failed"}}, static_cast<double>(n.failing)}};
                       return OkStatus();
                     }));
                     return out;
                   });
  metrics.AddGauge("amr_outbox_deliveries", "Outbox deliveries by status (pending, dead).",
                   [&db]() -> StatusOr<std::vector<http::MetricSample>> {
                     std::vector<http::MetricSample> out;
                     RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
                       out.clear();
                       for (const char* status : {"pending", "dead"}) {
                         ASSIGN_OR_RETURN(int64_t n, outbox::CountDeliveries(sql, status));
                         out.push_back({{{"status", status}}, static_cast<double>(n)});
                       }
                       return OkStatus();
                     }));
                     return out;
                   });
  metrics.AddGauge(
      "amr_name_index_names", "Names held by this instance's name index.",
      [&names]() -> StatusOr<double> { return static_cast<double>(names.index().size()); });
  metrics.AddGauge("amr_calendar_last_entered_year",
                   "The last year of the working-day calendar entered (the next is provisional).",
                   [&calendar]() -> StatusOr<double> { return calendar.Current()->last_year(); });
  metrics.AddGauge("amr_calendar_years_entered", "Years of the working-day calendar entered.",
                   [&calendar]() -> StatusOr<double> {
                     return static_cast<double>(calendar.Current()->years().size());
                   });
}

// GET /api/v1/openapi.json: every route of `router`, described by
// data/api/routes.json (docs/api.md), generated once, here, at start-up.
void AddOpenApiRoute(http::Router& router) {
  const std::filesystem::path file = codes::DataDir() / "api" / "routes.json";
  auto description = http::LoadApiDescription(file);
  if (!description.ok()) throw std::runtime_error(description.status().message());
  auto document = std::make_shared<std::string>();
  router.Get("/api/v1/openapi.json", std::string(http::kPublic), [document](http::Request&) {
    return http::Response::Text(*document, std::string(http::kJsonContentType));
  });
  std::map<std::string, std::string> permission_names;
  for (const identity::PermissionInfo& p : identity::AllPermissions()) {
    permission_names.emplace(p.name, p.description);
  }
  *document = http::OpenApiDocument(router.routes(), *description, permission_names).dump();
}

}  // namespace

App::App(storage::Database& db, const Clock& clock,
         std::shared_ptr<calendar::CalendarService> calendar, AppOptions options)
    : calendar_(std::move(calendar)),
      hasher_(std::make_unique<identity::PasswordHasher>(options.password_cost)),
      auth_(std::make_unique<identity::AuthService>(db, *hasher_, clock, options.auth)),
      router_(std::make_shared<http::Router>()) {
  http::Router& router = *router_;
  auto ping = [&db]() -> Status {
    return db.ReadTransaction([](soci::session&) { return OkStatus(); });
  };
  http::AddHealthRoutes(router, ping);
  codes::AddCodeRoutes(router, calendar_->source());
  calendar::AddCalendarRoutes(router, calendar_, clock);
  // Reads that may lag: on the read replica when there is one. A logged-in
  // caller reads the primary, so that it sees what it has just written.
  storage::Database* lagging = options.replica_reads != nullptr ? options.replica_reads : &db;
  auto public_reads = [&db, lagging](const http::Request& req) -> storage::Database& {
    return identity::PrincipalOf(req) == nullptr ? *lagging : db;
  };
  // The public's profiles, cached until the change log says something changed.
  auto profiles =
      std::make_shared<registry::ProfileCache>(*lagging, registry::ProfileCache::Options{});
  registry::AddEntityRoutes(
      router, public_reads,
      [](storage::Database& from, std::string_view uscc) -> StatusOr<std::string> {
        std::string scope;
        RETURN_IF_ERROR(from.ReadTransaction([&](soci::session& sql) -> Status {
          ASSIGN_OR_RETURN(scope, license::LicensedBusinessScope(sql, uscc));
          return OkStatus();
        }));
        return scope;
      },
      [profiles](const http::Request& req) -> registry::ProfileCache* {
        return identity::PrincipalOf(req) == nullptr ? profiles.get() : nullptr;
      });
  if (options.metrics != nullptr) {
    options.metrics->AddCounter("amr_profile_cache_hits_total",
                                "Public profiles answered from the cache.",
                                [profiles]() { return static_cast<uint64_t>(profiles->hits()); });
    options.metrics->AddCounter("amr_profile_cache_misses_total",
                                "Public profiles read from the store.",
                                [profiles]() { return static_cast<uint64_t>(profiles->misses()); });
  }
  registry::AddEntityStatsRoutes(router, *lagging,
                                 [&db](const http::Request& req) { return StatsRegions(db, req); });
  identity::AddAuthRoutes(router, *auth_);
  accounts::AddSignupRoutes(
      router, std::make_shared<accounts::SignupService>(db, *hasher_, clock, options.signup));
  // Phones confirmed by code: a public objection to a 简易注销.
  auto phone_codes = std::make_shared<accounts::PhoneCodeService>(db, clock, options.signup.rules,
                                                                  options.signup.log_codes);
  accounts::AddPhoneCodeRoutes(router, phone_codes);
  {
    // 办事指南 beside the portal's forms (data the bureau edits).
    auto guides = guides::GuideBook::Load(codes::DataDir() / "guides" / "guides.json");
    if (!guides.ok()) throw std::runtime_error(guides.status().message());
    guides::AddGuideRoutes(router, std::make_shared<guides::GuideBook>(*std::move(guides)));
  }
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
  names::NameServiceOptions name_options;
  name_options.snapshot = options.name_index_snapshot;
  names_ = std::make_shared<names::NameService>(&db, clock, names::Words(), name_options);
  if (Status s = names_->Start(); !s.ok()) {
    throw std::runtime_error("名称索引无法建立：" + s.message());
  }
  names::AddNameRoutes(router, db, names_, clock);

  // Registration: 企业开办 applications and department steps.
  // Outbox (webhooks).
  outbox::AddOutboxRoutes(router, db, clock, options.webhook_allow);
  {
    // The name engine, the e-licence and the outbox (registration_wiring.h).
    const establishment::Rules& rules = establishment::Rules::Default();
    establishment::RegistrationHooks establishment_hooks =
        RegistrationWiring(*names_, rules, clock);
    auto establishments = std::make_shared<establishment::EstablishmentService>(
        rules, clock, calendar_->source(), establishment_hooks);
    establishment::AddEstablishmentRoutes(router, db, establishments, clock, lagging);
    // 待办 beside the menu: what waits for the caller in each queue.
    auto read_count = [&db](const std::function<StatusOr<int64_t>(soci::session&)>& count) {
      int64_t n = 0;
      Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(n, count(sql));
        return OkStatus();
      });
      return s.ok() ? StatusOr<int64_t>(n) : StatusOr<int64_t>(s);
    };
    std::vector<workbench::TodoSource> todo;
    todo.push_back({"/workbench/review", std::string(identity::perm::kRegistrationReview),
                    [=](const identity::Caller& caller) {
                      return read_count([&](soci::session& sql) -> StatusOr<int64_t> {
                        establishment::QueueFilter all;
                        all.limit = 1000;
                        ASSIGN_OR_RETURN(auto apps, establishments->ListQueue(sql, caller, all));
                        return static_cast<int64_t>(apps.size());
                      });
                    }});
    todo.push_back({"/workbench/department", std::string(identity::perm::kDepartmentQueueWork),
                    [=](const identity::Caller& caller) {
                      return read_count([&](soci::session& sql) -> StatusOr<int64_t> {
                        establishment::QueueFilter all;
                        all.limit = 1000;
                        ASSIGN_OR_RETURN(auto steps, establishments->ListSteps(sql, caller, all));
                        return static_cast<int64_t>(steps.size());
                      });
                    }});
    todo.push_back({"/workbench/my-applications", std::string(identity::perm::kRegistrationApply),
                    [=](const identity::Caller& caller) {
                      return read_count([&](soci::session& sql) -> StatusOr<int64_t> {
                        ASSIGN_OR_RETURN(auto apps, establishments->ListOwn(sql, caller, 200));
                        int64_t returned = 0;
                        for (const auto& a : apps) {
                          for (const auto& step : a.steps) returned += step.state == "returned";
                        }
                        return returned;
                      });
                    }});
    todo.push_back(
        {"/workbench/inspection/tasks", std::string(identity::perm::kInspectionTaskWrite),
         [=, this, &clock](const identity::Caller& caller) {
           return read_count([&](soci::session& sql) -> StatusOr<int64_t> {
             ASSIGN_OR_RETURN(auto visits, inspection::VisitsOfUser(sql, caller.principal->user_id,
                                                                    ChinaDate(clock.Now()),
                                                                    *calendar_->Current()));
             return static_cast<int64_t>(
                 std::count_if(visits.begin(), visits.end(),
                               [](const inspection::Visit& v) { return v.entered_at.empty(); }));
           });
         }});
    // 消息中心: every logged-in user's unread messages, beside its menu entry.
    auto messages = std::make_shared<messages::MessageService>(db, clock);
    messages::AddMessageRoutes(router, messages);
    todo.push_back(
        {"/workbench/messages", std::string(identity::kAuthenticatedPermission),
         [messages](const identity::Caller& caller) { return messages->UnreadCount(caller); }});
    workbench::AddTodoRoutes(router, std::make_shared<workbench::TodoService>(std::move(todo)));
  }

  // Registration: electronic business licences.
  license::AddLicenseRoutes(router, db, clock, license::LicenseRouteOptionsFromEnvironment());

  // lifecycle:core begin
  // Lifecycle: permits (证照并销) and how an entity ended. Every kind of
  // deregistration below ends through DeregisterEntity with these hooks.
  deregistration_hooks_ = DeregistrationWiring(*names_, clock);
  lifecycle::AddPermitRoutes(router, db, clock);
  // lifecycle:core end
  // lifecycle:susp begin
  // Lifecycle: 歇业 and 一般注销 (the registrar's decision ends the entity
  // through DeregisterEntity with the hooks above).
  lifecycle::AddSuspensionRoutes(router, db, clock);
  lifecycle::AddLiquidationRoutes(router, db, clock, calendar_->source(), deregistration_hooks_);
  // lifecycle:susp end
  // lifecycle:dereg begin — restrictions, 简易注销, 一屏注销 and their figures.
  lifecycle::AddDeregistrationRoutes(
      router, db,
      std::make_shared<lifecycle::DeregistrationService>(
          lifecycle::DeregistrationPeriods::Default(), lifecycle::RestrictionKinds::Default(),
          clock, calendar_->source(), deregistration_hooks_),
      [&db](const http::Request& req) { return StatsRegions(db, req); }, clock,
      [phone_codes](const std::string& phone, const std::string& code) {
        return phone_codes->Confirm(accounts::kObjectionPurpose, phone, code);
      });
  // lifecycle:dereg end

  // Supervision: 双随机、一公开.
  inspection::AddInspectionRoutes(router, db, clock, calendar_->source());
  inspection::AddPublicDrawRoutes(router, std::make_shared<inspection::PublicDrawService>(db),
                                  std::make_shared<inspection::PublicDrawService>(*lagging));
  inspection::AddPhotoRoutes(router, std::make_shared<inspection::PhotoService>(db, clock));
  // Supervision: 12315 complaints and reports (complaints/routes.h).
  complaints::AddComplaintRoutes(
      router, std::make_shared<complaints::ComplaintService>(db, clock, calendar_->source()),
      calendar_->source(), clock);
  // Supervision: annual reports and the 经营异常名录 (credit/routes.h).
  {
    auto risk = std::make_shared<credit::RiskService>(db, clock, CreditRiskSources());
    auto serious = std::make_shared<credit::SeriousService>(db, clock, calendar_->source());
    auto credit = std::make_shared<credit::CreditService>(db, clock, calendar_->source());
    credit::AddCreditRoutes(router, credit, risk, serious);
    // The repair service keeps a reference to `credit`, which the credit
    // routes own for the router's life.
    credit::AddInstantRoutes(
        router, std::make_shared<credit::InstantInfoService>(db, clock, calendar_->source()));
    credit::AddRepairRoutes(
        router, std::make_shared<credit::RepairService>(db, clock, calendar_->source(), *credit));
    credit::AddRiskRoutes(router, risk);
    credit::AddSeriousRoutes(router, serious);
    credit::AddPunishmentRoutes(router, std::make_shared<credit::PunishmentService>(db, clock));
  }
  // The open change feed for banks and departments (feed/routes.h).
  feed::AddFeedRoutes(router, std::make_shared<feed::FeedService>(*lagging));
  // Case leads from inspection and reports, for enforcement (leads/routes.h).
  leads::AddLeadRoutes(router, std::make_shared<leads::LeadService>(db, clock));

  // lifecycle:change begin
  // Change registration, 个转企 and 受益所有人备案 (change_wiring.h).
  {
    auto changes = std::make_shared<lifecycle::ChangeService>(
        establishment::Rules::Default(), clock, ChangeWiring(*names_, clock, &calendar_->source()));
    lifecycle::AddChangeRoutes(router, db, changes, clock);
    lifecycle::AddConversionRoutes(router, db, changes, clock);
  }
  // lifecycle:change end
  // lifecycle:sched begin
  // Persistent timers: the administrators' list (scheduler/routes.h).
  scheduler::AddSchedulerRoutes(router, db);
  // lifecycle:sched end

  // Readiness: the store answers, its schema is current, the name index is built.
  http::AddReadinessRoute(router, {{"store", ping},
                                   {"migrations",
                                    [&db]() -> Status {
                                      ASSIGN_OR_RETURN(int version, storage::SchemaVersion(db));
                                      ASSIGN_OR_RETURN(std::vector<storage::Migration> all,
                                                       storage::EmbeddedMigrations(db.backend()));
                                      if (all.empty() || version == all.back().version)
                                        return OkStatus();
                                      return FailedPreconditionError(fmt::format(
                                          "数据库结构版本 {}，程序需要 {}：请运行 amr migrate",
                                          version, all.back().version));
                                    }},
                                   // Built before the App exists (NameService::Start above); an
                                   // instance whose index failed to build never serves.
                                   {"name_index", []() -> Status { return OkStatus(); }}});
  if (options.metrics != nullptr) {
    AddGauges(*options.metrics, db, *calendar_, *names_);
    http::AddMetricsRoute(router, options.metrics, options.metrics_access);
  }
  // Who read personal data, the trail, or exported a list (read_audit.h):
  // after every context's routes, so that none is missed.
  AuditSensitiveReads(router, db, clock);

  if (!options.web_dir.empty() && std::filesystem::exists(options.web_dir / "index.html")) {
    router.ServeStatic("/", options.web_dir, "index.html");
  }
  // Last, so that it describes every route above (itself included).
  AddOpenApiRoute(router);
  auto authorizer = std::make_shared<identity::Authorizer>(*auth_, clock, options.authorizer);
  identity::Authorizer::Install(router, authorizer);
  if (options.aggregate) router.SetGuard(AggregateGuard(authorizer));
}

}  // namespace amr::cli
