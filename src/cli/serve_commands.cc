// SPDX-License-Identifier: MulanPSL-2.0
// amr serve [--db URL] [--listen HOST:PORT] [--demo] [--web DIR] [--session-hours N]
//           [--outbox-attempts N] [--outbox-first-retry S] [--outbox-max-retry S]
//           [--outbox-timeout S] [--scheduler-interval S] [--no-scheduler]
//           [--webhook-allow URL]... [--webhook-ca FILE] [--webhook-cert FILE
//           --webhook-key FILE] [--max-connections-per-address N]
//           [--public-burst N] [--public-rate N] [--login-burst N]
//           [--login-interval S] [--max-queued-requests N]
//           [--trusted-proxy CIDR[,CIDR…]]   (cli/serve_limits.h)
//           [--name-index-snapshot PATH | --no-name-index-snapshot]
//           [--name-index-snapshot-interval MINUTES]
//           [--read-db URL] [--read-db-max-lag S] [--aggregate]   (cli/serve_replica.h)
// amr migrate [--db URL]
//
// The first start creates the administrator (identity/bootstrap.h): with the
// password in AMR_ADMIN_PASSWORD, or a one-time password printed once here on
// standard error.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include "audit/sealer.h"
#include "calendar/routes.h"
#include "cli/app.h"
#include "cli/backup_scheduler.h"
#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "cli/credit_wiring.h"
#include "cli/json_logs.h"
#include "cli/serve_limits.h"
#include "cli/serve_replica.h"
#include "cli/timer_wiring.h"
#include "codes/data_dir.h"
#include "codes/industries.h"
#include "codes/regions.h"
#include "credit/credit_demo.h"
#include "credit/risk_service.h"
#include "demo/demo_seed.h"
#include "http/server.h"
#include "identity/bootstrap.h"
#include "identity/idempotency.h"
#include "inspection/demo_seed.h"
#include "outbox/delivery_worker.h"
#include "outbox/rules.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/read_replica.h"

namespace amr::cli {

namespace {

struct ServeArgs {
  std::string db = kDefaultDb;
  std::string listen = "127.0.0.1:8080";
  std::string web;
  bool demo = false;
  int session_hours = 8;
  // Rate limits, the request queue, trusted proxies (docs/security.md).
  ServeLimitArgs limits;
  // A read replica, or the aggregate mode (docs/operations.md).
  ServeReplicaArgs replica;
  // The outbox's delivery worker (docs/outbox.md).
  int outbox_attempts = 8;
  double outbox_first_retry = 10;  // seconds
  double outbox_max_retry = 3600;  // seconds
  double outbox_timeout = 10;      // seconds
  // Persistent timers (scheduler/scheduler.h): how often due timers are fired.
  double scheduler_interval = 30;  // seconds
  bool no_scheduler = false;
  // Scheduled backups (docs/operations.md): none unless a folder is given.
  std::string backup_dir;
  int backup_interval_minutes = 24 * 60;
  int backup_keep = 7;
  // GET /metrics for clients other than loopback (AMR_METRICS_TOKEN also works).
  std::string metrics_token;
  std::string log_format = "text";  // text | json
  // Where outbox subscriptions may send (outbox/rules.h), also from the
  // environment variable AMR_WEBHOOK_ALLOW (separated by commas or spaces).
  std::vector<std::string> webhook_allow;
  // HTTPS of the outbox: a CA bundle instead of the system's, a client certificate.
  std::string webhook_ca, webhook_cert, webhook_key;
  int max_connections_per_address = 64;
  // The name index's snapshot (docs/names.md): default beside a SQLite file,
  // none for PostgreSQL unless given; written after a full build, every
  // `interval` minutes when the index moved (0: not periodically) and at a
  // clean stop.
  std::string name_index_snapshot;
  bool no_name_index_snapshot = false;
  int name_index_snapshot_minutes = 60;
};

// Where the name index's snapshot lives: the option, else FILE.names-index
// beside a SQLite store's FILE; none for PostgreSQL or an in-memory store.
std::filesystem::path NameIndexSnapshotPath(const ServeArgs& args) {
  if (args.no_name_index_snapshot) return {};
  if (!args.name_index_snapshot.empty()) return args.name_index_snapshot;
  constexpr std::string_view kSqlite = "sqlite:";
  const std::string_view url = args.db;
  if (!url.starts_with(kSqlite) || url == "sqlite::memory:") return {};
  return std::string(url.substr(kSqlite.size())) + ".names-index";
}

// --webhook-allow and AMR_WEBHOOK_ALLOW together.
std::vector<std::string> WebhookAllowList(const ServeArgs& args) {
  std::vector<std::string> out = args.webhook_allow;
  if (const char* env = std::getenv("AMR_WEBHOOK_ALLOW"); env != nullptr) {
    std::string item;
    for (const char* p = env;; ++p) {
      if (*p == '\0' || *p == ',' || *p == ' ' || *p == '\n' || *p == '\t') {
        if (!item.empty()) out.push_back(item);
        item.clear();
        if (*p == '\0') break;
      } else {
        item += *p;
      }
    }
  }
  return out;
}

StatusOr<outbox::WorkerOptions> OutboxOptions(const ServeArgs& args) {
  auto ms = [](double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
  };
  outbox::WorkerOptions o;
  o.retry.max_attempts = args.outbox_attempts;
  o.retry.initial_delay = ms(args.outbox_first_retry);
  o.retry.max_delay = ms(args.outbox_max_retry);
  o.request_timeout = ms(args.outbox_timeout);
  o.tls = {args.webhook_ca, args.webhook_cert, args.webhook_key};
  if (args.webhook_cert.empty() != args.webhook_key.empty()) {
    return InvalidArgumentError("--webhook-cert 与 --webhook-key 须同时给出", "webhook-cert");
  }
  o.allowed_endpoints = WebhookAllowList(args);
  for (const std::string& entry : *o.allowed_endpoints) {
    if (Status s = outbox::ValidateAllowEntry(entry); !s.ok()) {
      return InvalidArgumentError(
          fmt::format("--webhook-allow / AMR_WEBHOOK_ALLOW 的“{}”不是允许的地址：{}", entry,
                      s.message()),
          "webhook-allow");
    }
  }
  RETURN_IF_ERROR(outbox::DeliveryWorker::ValidateOptions(o));
  return o;
}

StatusOr<std::pair<std::string, uint16_t>> ParseListen(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgumentError(fmt::format("监听地址“{}”应为 HOST:PORT，如 127.0.0.1:8080", text),
                                "listen");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
    return InvalidArgumentError(fmt::format("端口“{}”应为 0 到 65535 之间的整数", port_text),
                                "listen");
  }
  return std::make_pair(host, static_cast<uint16_t>(port));
}

// Loads the reference data now, so a broken installation fails at start, not
// on the first request.
void LoadReferenceData() {
  spdlog::info("参考数据目录 {}：行政区划 {} 条，行业 {} 个大类", codes::DataDir().string(),
               codes::Regions().size(), codes::Industries().Divisions().size());
}

void LogCalendar(const codes::WorkdayCalendar& calendar, const Date& today) {
  spdlog::info("工作日历：已录入 {}–{} 年，{} 年暂按周一至周五计算（暂定）", calendar.first_year(),
               calendar.last_year(), calendar.provisional_year());
  if (auto reminder = calendar::CalendarReminder(calendar, today)) spdlog::warn("{}", *reminder);
}

std::filesystem::path DefaultWebDir() {
  // web/dist beside the data directory (the source tree or an installation).
  return codes::DataDir().parent_path() / "web" / "dist";
}

// What /metrics tells of the read replica (docs/operations.md, "A read replica").
void AddReplicaMetrics(http::Metrics& metrics, std::shared_ptr<storage::ReadReplica> replica) {
  metrics.AddGauge("amr_read_replica_lag_seconds",
                   "How far the read replica is behind the primary (sampled every second).",
                   [replica]() -> StatusOr<double> { return replica->figures().lag_seconds; });
  metrics.AddGauge("amr_read_replica_up",
                   "1 when the read replica answered as a standby at the last sample.",
                   [replica]() -> StatusOr<double> { return replica->figures().up ? 1 : 0; });
  metrics.AddGauge("amr_read_replica_in_use",
                   "1 when reads go to the replica now (up and within --read-db-max-lag).",
                   [replica]() -> StatusOr<double> { return replica->figures().in_use ? 1 : 0; });
  metrics.AddCounter("amr_read_replica_reads_total", "Read transactions the replica answered.",
                     [replica] { return replica->figures().replica_reads; });
  metrics.AddCounter("amr_read_replica_fallbacks_total",
                     "Reads meant for the replica that the primary answered instead.",
                     [replica] { return replica->figures().fallbacks; });
}

// The first start: an administrator, and its one-time password on stderr.
Status EnsureAdministrator(storage::Database& db, const identity::PasswordHasher& hasher) {
  std::optional<std::string> env_password;
  if (const char* env = std::getenv("AMR_ADMIN_PASSWORD"); env != nullptr && *env != '\0') {
    env_password = env;
  }
  ASSIGN_OR_RETURN(identity::BootstrapResult admin,
                   identity::EnsureAdmin(db, hasher, Clock::Real(), env_password));
  if (!admin.created) return OkStatus();
  if (admin.generated_password.empty()) {
    spdlog::info("已创建管理员 {}，密码取自环境变量 AMR_ADMIN_PASSWORD", admin.username);
  } else {
    // Printed once, never logged elsewhere: the operator must note it now.
    fmt::print(
        stderr,
        "\n已创建管理员 {}，一次性初始密码：{}\n请立即登录并修改密码；此密码不会再次显示。\n\n",
        admin.username, admin.generated_password);
  }
  return OkStatus();
}

int RunServe(const ServeArgs& args) {
  auto listen = ParseListen(args.listen);
  if (!listen.ok()) return ReportError(listen.status());
  auto limits = ParseServeLimits(args.limits);
  if (!limits.ok()) return ReportError(limits.status());
  if (args.session_hours < 1 || args.session_hours > 24 * 30) {
    return ReportError(
        InvalidArgumentError("登录有效期应为 1 到 720 小时之间的整数", "session-hours"));
  }
  auto replica_options = ParseServeReplica(args.replica, args.db);
  if (!replica_options.ok()) return ReportError(replica_options.status());
  const bool aggregate = replica_options->aggregate;
  if (aggregate && args.demo) {
    return ReportError(InvalidArgumentError(
        "--aggregate 不能与 --demo 同时使用：汇总库的数据只来自各县区的订阅", "aggregate"));
  }
  auto outbox_options = OutboxOptions(args);
  if (!outbox_options.ok()) return ReportError(outbox_options.status());
  if (!(args.scheduler_interval >= 0.1 && args.scheduler_interval <= 86400)) {
    return ReportError(
        InvalidArgumentError("定时任务检查间隔应在 0.1 到 86400 秒之间", "scheduler-interval"));
  }
  if (args.log_format != "text" && args.log_format != "json") {
    return ReportError(InvalidArgumentError("日志格式应为 text 或 json", "log-format"));
  }
  if (args.log_format == "json") UseJsonLogs();
  LoadReferenceData();
  const BackupSchedule backup_schedule{
      args.backup_dir, std::chrono::minutes(args.backup_interval_minutes), args.backup_keep};
  if (Status s = BackupScheduler::Validate(backup_schedule); !s.ok()) return ReportError(s);
  if (args.name_index_snapshot_minutes < 0 || args.name_index_snapshot_minutes > 7 * 24 * 60) {
    return ReportError(InvalidArgumentError("名称索引快照间隔应为 0 到 10080 之间的整数（分钟）",
                                            "name-index-snapshot-interval"));
  }
  if (args.no_name_index_snapshot && !args.name_index_snapshot.empty()) {
    return ReportError(InvalidArgumentError(
        "--name-index-snapshot 与 --no-name-index-snapshot 不能同时给出", "name-index-snapshot"));
  }

  auto db = storage::Database::Open(args.db);
  if (!db.ok()) return ReportError(db.status());
  storage::Database& database = **db;
  if (Status s = storage::Migrate(database); !s.ok()) return ReportError(s);
  // The working-day calendar (seeded from data/calendar.csv where the store
  // lacks years), shared by every context and followed across instances.
  auto calendar = StartCalendar(database, Clock::Real(), true);
  if (!calendar.ok()) return ReportError(calendar.status());
  LogCalendar(*(*calendar)->Current(), ChinaDate(Clock::Real().Now()));

  AppOptions app_options;
  app_options.auth.session_ttl = std::chrono::hours(args.session_hours);
  app_options.authorizer.public_limit = limits->public_limit;
  app_options.authorizer.login_limit = limits->login_limit;
  app_options.webhook_allow = *outbox_options->allowed_endpoints;
  // Password hashing on its own threads (identity/password_workers.h): half
  // the cores, and never more waiting for a hash than half the handler
  // threads, so failed logins cannot hold every request thread.
  const size_t cores = std::max<size_t>(1, std::thread::hardware_concurrency());
  const size_t handler_threads = 2 * cores;
  app_options.auth.password_workers.threads = std::max<size_t>(1, cores / 2);
  app_options.auth.password_workers.queue = std::max<size_t>(
      1, handler_threads / 2 -
             std::min(handler_threads / 2, app_options.auth.password_workers.threads));
  app_options.web_dir = args.web.empty() ? DefaultWebDir() : std::filesystem::path(args.web);
  auto metrics = std::make_shared<http::Metrics>();
  app_options.metrics = metrics;
  app_options.metrics_access.token = args.metrics_token;
  if (const char* env = std::getenv("AMR_METRICS_TOKEN");
      app_options.metrics_access.token.empty() && env != nullptr) {
    app_options.metrics_access.token = env;
  }
  // The read replica: a second pool on the primary's standby, sampled for lag.
  std::shared_ptr<storage::ReadReplica> replica;
  std::unique_ptr<storage::Database> replica_reads;
  if (!replica_options->read_db.empty()) {
    auto started = storage::ReadReplica::Start(
        database, {.url = replica_options->read_db, .max_lag = replica_options->max_lag});
    if (!started.ok()) return ReportError(started.status());
    replica = *std::move(started);
    replica_reads = storage::Database::ReadView(database, replica);
    app_options.replica_reads = replica_reads.get();
    AddReplicaMetrics(*metrics, replica);
  }
  app_options.aggregate = aggregate;
  auto demo_codes = std::make_shared<std::atomic<bool>>(false);
  app_options.signup.log_codes = demo_codes;
  app_options.name_index_snapshot = NameIndexSnapshotPath(args);
  if (app_options.name_index_snapshot.empty()) {
    spdlog::info("名称索引快照未启用：每次启动从数据库建立名称索引");
  }
  App app(database, Clock::Real(), *calendar, app_options);

  if (args.demo) {
    auto demo = demo::SeedDemo(database, app.hasher(), Clock::Real());
    if (!demo.ok()) return ReportError(demo.status());
    if (demo->seeded) {
      spdlog::info(
          "已写入演示数据（杭州市西湖区）：机构 {} 个，工作人员 {} 名（登录账号 {} 个），市场主体 "
          "{} 户",
          demo->org_units, demo->staff, demo->users, demo->entities);
      // 双随机: the bureau's inspection items, an officer for every inspector, one draft plan.
      auto inspection = inspection::SeedInspectionDemo(database, Clock::Real());
      if (!inspection.ok()) return ReportError(inspection.status());
      // Credit: last year's annual reports and its no-report batch.
      auto credit = credit::SeedCreditDemo(database, Clock::Real(), (*calendar)->source(),
                                           demo::kDemoHolderUsername);
      if (!credit.ok()) return ReportError(credit.status());
      spdlog::info("演示数据：{} 年度报告已报送 {} 户，未报送的 {} 户已列入经营异常名录（状态）",
                   credit->year, credit->filed, credit->listed);
      // The risk classes as the monthly run would leave them, so that the draw
      // and the leader's distribution read today's lists, not the seed's.
      credit::RiskService risk(database, Clock::Real(), CreditRiskSources());
      auto classified = risk.ClassifyAll(ChinaDate(Clock::Real().Now()), "demo");
      if (!classified.ok()) return ReportError(classified.status());
      spdlog::info("演示数据：信用风险分类 {} 户（A {}，B {}，C {}，D {}）", classified->classified,
                   classified->counts[0], classified->counts[1], classified->counts[2],
                   classified->counts[3]);
    }
    auto is_demo = demo::IsDemoStore(database);
    if (!is_demo.ok()) return ReportError(is_demo.status());
    if (*is_demo) {
      // No SMS gateway in a demonstration: registration codes go to the log.
      demo_codes->store(true);
      spdlog::warn("演示账号（如 {}）的密码均为 {}：仅供演示，切勿在真实数据中使用",
                   demo::kDemoLeaderUsername, identity::kDemoPassword);
    }
  }
  if (Status s = EnsureAdministrator(database, app.hasher()); !s.ok()) return ReportError(s);
  if (Status s = identity::PurgeIdempotencyKeys(database, Clock::Real()); !s.ok()) {
    return ReportError(s);
  }

  http::ServerOptions options;
  options.metrics = metrics;
  options.host = listen->first;
  options.port = listen->second;
  options.threads = handler_threads;
  options.max_connections_per_address = static_cast<size_t>(args.max_connections_per_address);
  options.max_queued_requests = limits->max_queued_requests;
  options.trusted_proxies = limits->trusted_proxies;
  auto server = http::Server::Start(options, app.router());
  if (!server.ok()) return ReportError(server.status());
  (*server)->StopOnSignals();
  spdlog::info(
      "OpenAMR 已启动：http://{}:{}（数据库 {}{}）", options.host, (*server)->port(),
      storage::BackendName(database.backend()),
      aggregate ? "，全省汇总库：只提供公示查询与统计" : (replica ? "，另有只读副本" : ""));
  // Delivers outbox events to external department systems while serving.
  outbox::DeliveryWorker outbox_worker(database, Clock::Real(), *outbox_options);
  // An aggregate delivers nothing and fires no timer: it only reads.
  if (!aggregate) outbox_worker.Start();
  // Fires due persistent timers (deadlines of the lifecycle procedures); any
  // number of instances may run against one store, each timer fires once.
  scheduler::Scheduler timer_scheduler(database, Clock::Real(), scheduler::DefaultInstanceName());
  RegisterTimerHandlers(timer_scheduler, database, Clock::Real(), (*calendar)->source());
  ScheduleRecurringTimers(database, Clock::Real(), (*calendar)->source());
  if (args.no_scheduler || aggregate) {
    spdlog::info("定时任务未启用（{}）", aggregate ? "--aggregate" : "--no-scheduler");
  } else {
    timer_scheduler.Start(
        std::chrono::milliseconds(static_cast<long long>(args.scheduler_interval * 1000.0)));
    spdlog::info("定时任务已启用：每 {} 秒检查一次到期任务", args.scheduler_interval);
  }
  // Audit records whose seal after their commit failed (a dropped
  // connection) wait in audit_pending: link them now and every 5 s
  // (docs/audit.md "Concurrency"). SQLite has none.
  audit::AuditSealer audit_sealer(database, std::chrono::seconds(5));
  // Another instance may enter a year: load it within seconds.
  (*calendar)->StartWatching(std::chrono::seconds(5));
  BackupScheduler backups(database, args.db, backup_schedule, Clock::Real());
  metrics->AddGauge(
      "amr_backup_last_success_timestamp_seconds",
      "When this instance's last scheduled backup finished (0: none yet).",
      [&backups]() -> StatusOr<double> { return static_cast<double>(backups.last_success()); });
  if (!args.backup_dir.empty()) {
    backups.Start();
    spdlog::info("定时备份已启用：每 {} 分钟备份到 {}，保留最近 {} 份",
                 args.backup_interval_minutes, args.backup_dir, args.backup_keep);
  }
  app.names().StartSnapshots(std::chrono::minutes(args.name_index_snapshot_minutes));
  (*server)->Wait();
  // A clean stop: the name index's snapshot is current for the next start.
  app.names().StopSnapshots();
  // They stop (and join) before the database closes.
  backups.Stop();
  (*calendar)->Stop();
  timer_scheduler.Stop();
  outbox_worker.Stop();
  if (replica) replica->Stop();
  spdlog::info("OpenAMR 已停止");
  return 0;
}

int RunMigrate(const std::string& url) {
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  auto version = storage::SchemaVersion(**db);
  if (!version.ok()) return ReportError(version.status());
  auto calendar = StartCalendar(**db, Clock::Real(), true);
  if (!calendar.ok()) return ReportError(calendar.status());
  fmt::print("数据库结构已是最新版本 {}；工作日历已录入 {}–{} 年\n", *version,
             (*calendar)->Current()->first_year(), (*calendar)->Current()->last_year());
  return 0;
}

}  // namespace

void AddServeCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "启动服务（Web 界面与 API）");
  serve->add_option("--db", args->db, "数据库 URL：sqlite:路径 或 postgresql://…")
      ->capture_default_str();
  serve->add_option("--listen", args->listen, "监听地址 HOST:PORT")->capture_default_str();
  serve->add_flag("--demo", args->demo, "空库时写入演示县区数据");
  serve->add_option("--web", args->web, "Web 界面目录（默认 web/dist）");
  serve->add_option("--session-hours", args->session_hours, "登录有效期（小时）")
      ->capture_default_str();
  serve
      ->add_option("--outbox-attempts", args->outbox_attempts,
                   "推送外部部门：最多投递次数，之后转入失败队列")
      ->capture_default_str();
  serve
      ->add_option("--outbox-first-retry", args->outbox_first_retry,
                   "推送外部部门：首次重试间隔（秒），之后每次加倍并随机抖动")
      ->capture_default_str();
  serve
      ->add_option("--outbox-max-retry", args->outbox_max_retry, "推送外部部门：最长重试间隔（秒）")
      ->capture_default_str();
  serve->add_option("--outbox-timeout", args->outbox_timeout, "推送外部部门：单次投递超时（秒）")
      ->capture_default_str();
  serve
      ->add_option("--scheduler-interval", args->scheduler_interval,
                   "定时任务：检查到期定时任务的间隔（秒）")
      ->capture_default_str();
  serve->add_flag("--no-scheduler", args->no_scheduler,
                  "不在本实例运行定时任务（由其他实例或 amr scheduler run-due 触发）");
  AddServeLimitOptions(*serve, args->limits);
  AddServeReplicaOptions(*serve, args->replica);
  serve->add_option("--backup-dir", args->backup_dir,
                    "定时备份：备份文件存放的目录（不设则不定时备份）");
  serve->add_option("--backup-interval", args->backup_interval_minutes, "定时备份：间隔（分钟）")
      ->capture_default_str();
  serve->add_option("--backup-keep", args->backup_keep, "定时备份：保留最近几份")
      ->capture_default_str();
  serve->add_option("--metrics-token", args->metrics_token,
                    "监控指标 /metrics：非本机客户端须携带的令牌（也可用环境变量 "
                    "AMR_METRICS_TOKEN）");
  serve
      ->add_option("--log-format", args->log_format, "日志格式：text 或 json（每行一个 JSON 对象）")
      ->capture_default_str();
  serve
      ->add_option("--webhook-allow", args->webhook_allow,
                   "推送外部部门：允许的接收地址前缀（如 https://tax.example.gov.cn），可重复；"
                   "也可用环境变量 AMR_WEBHOOK_ALLOW；未设定时不能建立任何订阅")
      ->take_all();
  serve->add_option("--webhook-ca", args->webhook_ca,
                    "推送外部部门：验证接收方证书所用的 CA 证书文件（PEM，默认系统信任库）");
  serve->add_option("--webhook-cert", args->webhook_cert,
                    "推送外部部门：向接收方出示的客户端证书（PEM）");
  serve->add_option("--webhook-key", args->webhook_key, "推送外部部门：客户端证书的私钥（PEM）");
  serve
      ->add_option("--max-connections-per-address", args->max_connections_per_address,
                   "同一客户端地址最多同时保持的连接数（--trusted-proxy 所列的代理不受此限）")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve->add_option(
      "--name-index-snapshot", args->name_index_snapshot,
      "名称索引快照文件：启动时读入以免逐条解析全部名称（默认为 SQLite 数据库文件旁的 "
      "文件名.names-index；PostgreSQL 不设则不用快照）");
  serve->add_flag("--no-name-index-snapshot", args->no_name_index_snapshot,
                  "不使用名称索引快照（每次启动从数据库建立名称索引）");
  serve
      ->add_option(
          "--name-index-snapshot-interval", args->name_index_snapshot_minutes,
          "名称索引快照：名称有变化时每隔多少分钟重写一次（0：只在全量建立后和正常停止时写）")
      ->capture_default_str();
  serve->callback([=] { *exit_code = RunServe(*args); });

  auto db = std::make_shared<std::string>(kDefaultDb);
  auto* migrate = app.add_subcommand("migrate", "把数据库结构升级到当前版本");
  migrate->add_option("--db", *db, "数据库 URL")->capture_default_str();
  migrate->callback([=] { *exit_code = RunMigrate(*db); });
}

}  // namespace amr::cli
