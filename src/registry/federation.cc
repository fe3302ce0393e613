// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/federation.h"

#include <fmt/format.h>
#include <soci/soci.h>

namespace amr::registry {
namespace {

// Every column of `entity` but legal_rep_id (a citizen ID number, never
// public) and credit_class (the internal risk class); on the aggregate they
// keep their defaults ('' and 'B').
constexpr std::string_view kPublishedColumns =
    "uscc, name, kind, org_form, family_farm, region_code, industry_code, legal_rep_name, "
    "registered_capital, address, status, established_on, created_at, updated_at, "
    "operating_term";

Status RequirePostgres(const storage::Database& db) {
  if (db.backend() != storage::Backend::kPostgresql) {
    return FailedPreconditionError("联邦汇总只能用于 PostgreSQL 数据库（逻辑复制）", "db");
  }
  return OkStatus();
}

// A SQL string literal.
std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string PublicationSql(bool exists) {
  return exists ? fmt::format("ALTER PUBLICATION {} SET TABLE entity ({})", kPublicationName,
                              kPublishedColumns)
                : fmt::format("CREATE PUBLICATION {} FOR TABLE entity ({})", kPublicationName,
                              kPublishedColumns);
}

Status Publish(storage::Database& db) {
  RETURN_IF_ERROR(RequirePostgres(db));
  return db.Transaction([&](soci::session& sql) -> Status {
    std::string wal_level;
    sql << "SELECT current_setting('wal_level')", soci::into(wal_level);
    if (wal_level != "logical") {
      return FailedPreconditionError(
          fmt::format("县区主库的 wal_level 为 {}，须为 logical：执行 ALTER SYSTEM SET wal_level "
                      "= logical 后重启 PostgreSQL",
                      wal_level),
          "db");
    }
    long long exists = 0;
    const std::string name(kPublicationName);
    sql << "SELECT COUNT(*) FROM pg_publication WHERE pubname = :name", soci::use(name),
        soci::into(exists);
    sql << PublicationSql(exists > 0);
    return OkStatus();
  });
}

StatusOr<std::string> SubscriptionName(std::string_view name) {
  if (name.empty() || name.size() > 40 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string_view::npos) {
    return InvalidArgumentError("订阅名称应为 1 到 40 个小写字母、数字或下划线（如 xihu）", "name");
  }
  return "amr_" + std::string(name);
}

StatusOr<std::string> SubscriptionSql(std::string_view name, std::string_view conninfo) {
  ASSIGN_OR_RETURN(std::string subscription, SubscriptionName(name));
  if (conninfo.empty()) {
    return InvalidArgumentError("须给出县区主库的连接串（如 host=10.0.3.11 dbname=amr user=amr）",
                                "from");
  }
  return fmt::format("CREATE SUBSCRIPTION {} CONNECTION {} PUBLICATION {}", subscription,
                     Quote(conninfo), kPublicationName);
}

Status Subscribe(storage::Database& db, std::string_view name, std::string_view conninfo) {
  RETURN_IF_ERROR(RequirePostgres(db));
  ASSIGN_OR_RETURN(std::string statement, SubscriptionSql(name, conninfo));
  ASSIGN_OR_RETURN(std::string subscription, SubscriptionName(name));
  long long exists = 0;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM pg_subscription WHERE subname = :name", soci::use(subscription),
        soci::into(exists);
    return OkStatus();
  }));
  if (exists > 0) {
    return AlreadyExistsError(fmt::format("汇总库已有订阅 {}", subscription), "name");
  }
  // CREATE SUBSCRIPTION cannot run inside a transaction block: on a leased
  // connection, which commits each statement by itself.
  ASSIGN_OR_RETURN(storage::Database::Connection connection, db.Acquire());
  try {
    connection.session() << statement;
  } catch (const std::exception& e) {
    return FailedPreconditionError(fmt::format("无法建立订阅 {}：{}", subscription, e.what()),
                                   "from");
  }
  return OkStatus();
}

StatusOr<std::vector<SubscriptionState>> Subscriptions(storage::Database& db) {
  RETURN_IF_ERROR(RequirePostgres(db));
  std::vector<SubscriptionState> out;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT s.subname, CASE WHEN s.subenabled THEN 1 ELSE 0 END, "
                        "CASE WHEN w.pid IS NULL THEN 0 ELSE 1 END, "
                        "COALESCE(to_char(w.last_msg_receipt_time, "
                        "'YYYY-MM-DD\"T\"HH24:MI:SSOF'), '') "
                        "FROM pg_subscription s LEFT JOIN pg_stat_subscription w "
                        "ON w.subid = s.oid AND w.relid IS NULL "
                        "WHERE s.subname LIKE 'amr\\_%' ORDER BY s.subname");
    for (const soci::row& r : rows) {
      out.push_back(
          {r.get<std::string>(0), r.get<int>(1) != 0, r.get<int>(2) != 0, r.get<std::string>(3)});
    }
    return OkStatus();
  }));
  return out;
}

}  // namespace amr::registry
