// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/serve_replica.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace amr::cli {
namespace {

bool IsPostgres(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

void AddServeReplicaOptions(CLI::App& serve, ServeReplicaArgs& args) {
  serve
      .add_option("--read-db", args.read_db,
                  "只读副本：主库的流复制备库地址 postgresql://…；未登录的公开查询、变更订阅与"
                  "统计改读此库（仅限 PostgreSQL）")
      ->type_name("URL")
      ->envname("AMR_READ_DB");
  serve
      .add_option("--read-db-max-lag", args.read_db_max_lag,
                  "只读副本：延迟超过多少秒即改读主库（默认 30）")
      ->type_name("S")
      ->envname("AMR_READ_DB_MAX_LAG");
  serve.add_flag("--aggregate", args.aggregate,
                 "作为全省汇总库运行：只提供全省公示查询与统计（数据由 amr federation subscribe "
                 "从各县区订阅），不受理任何业务");
}

StatusOr<ServeReplica> ParseServeReplica(const ServeReplicaArgs& args, const std::string& db) {
  ServeReplica out;
  out.read_db = args.read_db;
  out.aggregate = args.aggregate;
  if (!args.read_db_max_lag.empty()) {
    const std::string& text = args.read_db_max_lag;
    double v = 0;
    auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), v, std::chars_format::fixed);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) || v < 1 ||
        v > 86400) {
      return InvalidArgumentError(
          fmt::format("选项 --read-db-max-lag（环境变量 AMR_READ_DB_MAX_LAG）应为 1 到 86400 "
                      "之间的秒数，收到“{}”",
                      text),
          "read-db-max-lag");
    }
    out.max_lag = std::chrono::milliseconds(static_cast<long long>(v * 1000));
  }
  if (!out.read_db.empty()) {
    if (!IsPostgres(db)) {
      return InvalidArgumentError(
          "选项 --read-db（环境变量 AMR_READ_DB）只能配合 PostgreSQL 主库使用：SQLite "
          "没有流复制备库",
          "read-db");
    }
    if (!IsPostgres(out.read_db)) {
      return InvalidArgumentError(
          "选项 --read-db（环境变量 AMR_READ_DB）应为主库的流复制备库地址 postgresql://…",
          "read-db");
    }
  }
  if (out.aggregate) {
    if (!IsPostgres(db)) {
      return InvalidArgumentError(
          "--aggregate：全省汇总库须为 PostgreSQL（其数据由逻辑复制从各县区订阅）", "aggregate");
    }
    if (!out.read_db.empty()) {
      return InvalidArgumentError("--aggregate 不能与 --read-db 同时使用", "aggregate");
    }
  }
  return out;
}

}  // namespace amr::cli
