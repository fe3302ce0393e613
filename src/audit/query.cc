// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/query.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "audit/internal/record_rows.h"
#include "storage/sql_text.h"

namespace amr::audit {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && text.size() <= 18 &&
         text.find_first_not_of("0123456789") == std::string_view::npos;
}

Status Validate(const AuditQuery& q) {
  if (!q.target_id.empty() && q.target_type.empty()) {
    return InvalidArgumentError("按对象查询时 target_id 须与 target_type 同时给出", "target_id");
  }
  if (q.from && q.to && *q.to <= *q.from) {
    return InvalidArgumentError("结束时间 to 应晚于开始时间 from", "to");
  }
  if (q.limit < 1 || q.limit > kMaxQueryLimit) {
    return InvalidArgumentError(fmt::format("参数 limit 应为 1 到 {} 之间的整数", kMaxQueryLimit),
                                "limit");
  }
  if (q.offset < 0 || q.offset > kMaxQueryOffset) {
    return InvalidArgumentError(fmt::format("参数 offset 应为 0 到 {} 之间的整数", kMaxQueryOffset),
                                "offset");
  }
  return OkStatus();
}

}  // namespace

StatusOr<AuditPage> Query(storage::Database& db, const AuditQuery& q) {
  RETURN_IF_ERROR(Validate(q));
  // Conditions are fixed SQL text; every value is a bound parameter.
  std::string where = " WHERE 1 = 1";
  const bool by_user_id = AllDigits(q.user);
  const long long user_id = by_user_id ? std::stoll(q.user) : 0;
  const std::string from = q.from ? FormatChinaTime(*q.from) : "";
  const std::string to = q.to ? FormatChinaTime(*q.to) : "";
  const bool action_prefix = q.action.size() > 2 && q.action.ends_with(".*");
  const std::string action =
      action_prefix ? storage::EscapeLike(q.action.substr(0, q.action.size() - 1)) + "%" : q.action;
  if (!q.target_type.empty()) where += " AND target_type = :target_type";
  if (!q.target_id.empty()) where += " AND target_id = :target_id";
  if (by_user_id) {
    where += " AND (user_id = :user_id OR username = :username)";
  } else if (!q.user.empty()) {
    where += " AND username = :username";
  }
  // recorded_at is always "YYYY-MM-DDTHH:MM:SS+08:00", so text order is time order.
  if (q.from) where += " AND recorded_at >= :from_time";
  if (q.to) where += " AND recorded_at < :to_time";
  if (action_prefix) {
    where += " AND action LIKE :action ESCAPE '\\'";
  } else if (!q.action.empty()) {
    where += " AND action = :action";
  }

  // Scope: the owning unit's path must start with one of the reader's paths.
  std::vector<std::string> scope_patterns;
  if (q.scope_paths) {
    if (q.scope_paths->empty() && !q.include_unowned) return AuditPage{};
    const std::string owner =
        "COALESCE(NULLIF(audit_log.org_unit_id, 0), (SELECT u.org_unit_id FROM app_user u "
        "WHERE u.id = audit_log.user_id))";
    std::string any;
    for (size_t i = 0; i < q.scope_paths->size(); ++i) {
      scope_patterns.push_back(storage::EscapeLike((*q.scope_paths)[i]) + "%");
      any += (i == 0 ? "" : " OR ") + std::string("o.path LIKE :scope") + std::to_string(i) +
             " ESCAPE '\\'";
    }
    std::string clause;
    if (!any.empty()) {
      clause = "EXISTS (SELECT 1 FROM org_unit o WHERE o.id = " + owner + " AND (" + any + "))";
    }
    if (q.include_unowned) {
      clause += (clause.empty() ? "" : " OR ") + owner + " IS NULL";
    }
    where += " AND (" + clause + ")";
  }

  AuditPage page;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    page = AuditPage{};
    auto bind = [&](soci::details::prepare_temp_type& st) {
      if (!q.target_type.empty()) st, soci::use(q.target_type, "target_type");
      if (!q.target_id.empty()) st, soci::use(q.target_id, "target_id");
      if (by_user_id) st, soci::use(user_id, "user_id");
      if (!q.user.empty()) st, soci::use(q.user, "username");
      if (q.from) st, soci::use(from, "from_time");
      if (q.to) st, soci::use(to, "to_time");
      if (!q.action.empty()) st, soci::use(action, "action");
      for (size_t i = 0; i < scope_patterns.size(); ++i) {
        st, soci::use(scope_patterns[i], "scope" + std::to_string(i));
      }
    };
    long long total = 0;
    {
      soci::details::prepare_temp_type st =
          (sql.prepare << "SELECT COUNT(*) FROM audit_log" + where);
      bind(st);
      st, soci::into(total);
      soci::statement stmt(st);
      stmt.execute(true);
    }
    page.total = total;
    const long long limit = q.limit, offset = q.offset;
    soci::details::prepare_temp_type st =
        (sql.prepare << std::string("SELECT ") + internal::kRecordColumns + " FROM audit_log" +
                            where + " ORDER BY seq DESC LIMIT :limit OFFSET :offset");
    bind(st);
    st, soci::use(limit, "limit"), soci::use(offset, "offset");
    internal::RowBuffer row;
    internal::IntoRow(st, row);
    soci::statement stmt(st);
    stmt.execute();
    while (stmt.fetch()) {
      AuditRecord record;
      // A row whose integers were tampered with still shows; Verify flags it.
      (void)internal::ToRecord(row, record);
      page.items.push_back(std::move(record));
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace amr::audit
