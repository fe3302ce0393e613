// SPDX-License-Identifier: MulanPSL-2.0
// amr serve [--db URL] [--listen HOST:PORT] [--demo] [--web DIR]
// amr migrate [--db URL]
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <filesystem>

#include "cli/commands.h"
#include "codes/calendar.h"
#include "codes/data_dir.h"
#include "codes/industries.h"
#include "codes/regions.h"
#include "codes/routes.h"
#include "demo/demo_seed.h"
#include "http/health.h"
#include "http/server.h"
#include "registry/routes.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {

namespace {

struct ServeArgs {
  std::string db = kDefaultDb;
  std::string listen = "127.0.0.1:8080";
  std::string web;
  bool demo = false;
};

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
  spdlog::info("参考数据目录 {}：行政区划 {} 条，行业 {} 个大类，工作日历 {}–{} 年",
               codes::DataDir().string(), codes::Regions().size(),
               codes::Industries().Divisions().size(), codes::Calendar().first_year(),
               codes::Calendar().last_year());
}

std::filesystem::path DefaultWebDir() {
  // web/dist beside the data directory (the source tree or an installation).
  return codes::DataDir().parent_path() / "web" / "dist";
}

int RunServe(const ServeArgs& args) {
  auto listen = ParseListen(args.listen);
  if (!listen.ok()) return ReportError(listen.status());
  LoadReferenceData();

  auto db = storage::Database::Open(args.db);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  if (args.demo) {
    auto demo = demo::SeedDemo(**db, Clock::Real());
    if (!demo.ok()) return ReportError(demo.status());
    if (demo->seeded) {
      spdlog::info("已写入演示数据（杭州市西湖区）：机构 {} 个，工作人员 {} 名，市场主体 {} 户",
                   demo->org_units, demo->staff, demo->entities);
    }
  }

  auto router = std::make_shared<http::Router>();
  storage::Database& database = **db;
  http::AddHealthRoutes(*router, [&database]() -> Status {
    return database.ReadTransaction([](soci::session&) { return OkStatus(); });
  });
  codes::AddCodeRoutes(*router);
  registry::AddEntityRoutes(*router, database);
  const std::filesystem::path web =
      args.web.empty() ? DefaultWebDir() : std::filesystem::path(args.web);
  if (std::filesystem::exists(web / "index.html")) {
    router->ServeStatic("/", web, "index.html");
  }

  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  auto server = http::Server::Start(options, router);
  if (!server.ok()) return ReportError(server.status());
  (*server)->StopOnSignals();
  spdlog::info("OpenAMR 已启动：http://{}:{}（数据库 {}）", options.host, (*server)->port(),
               storage::BackendName(database.backend()));
  (*server)->Wait();
  spdlog::info("OpenAMR 已停止");
  return 0;
}

int RunMigrate(const std::string& url) {
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  auto version = storage::SchemaVersion(**db);
  if (!version.ok()) return ReportError(version.status());
  fmt::print("数据库结构已是最新版本 {}\n", *version);
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
  serve->callback([=] { *exit_code = RunServe(*args); });

  auto db = std::make_shared<std::string>(kDefaultDb);
  auto* migrate = app.add_subcommand("migrate", "把数据库结构升级到当前版本");
  migrate->add_option("--db", *db, "数据库 URL")->capture_default_str();
  migrate->callback([=] { *exit_code = RunMigrate(*db); });
}

}  // namespace amr::cli
