// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/public_draws.h"

#include <soci/soci.h>

#include "common/text.h"
#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::inspection {

StatusOr<PublicDrawPage> PublicDrawService::List(const PublicDrawQuery& query) const {
  const std::string text = Trim(query.text);
  if (!IsValidUtf8(text) || Utf8Length(text) > 50) {
    return InvalidArgumentError("查询文字不超过 50 个字", "q");
  }
  if (query.year != 0 && (query.year < 2000 || query.year > 2100)) {
    return InvalidArgumentError("年份应在 2000 至 2100 之间", "year");
  }
  if (query.limit < 1 || query.limit > 100) {
    return InvalidArgumentError("每页条数应在 1 至 100 之间", "limit");
  }
  if (query.offset < 0) return InvalidArgumentError("offset 不能为负", "offset");
  const std::string like = "%" + storage::EscapeLike(text) + "%";
  const std::string year = query.year == 0 ? "%" : std::to_string(query.year) + "-%";
  const int limit = query.limit, offset = query.offset;
  // Both parameters appear twice in the WHERE: numbered apart (SQLite binds
  // a repeated name once).
  constexpr const char* kWhere =
      "FROM inspection_task t JOIN org_unit u ON u.id = t.org_unit_id "
      "WHERE t.status = 'drawn' AND t.drawn_at LIKE :y "
      "AND (t.name LIKE :q1 ESCAPE '\\' OR u.name LIKE :q2 ESCAPE '\\') ";
  PublicDrawPage page;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    page = {};
    long long total = 0;
    sql << "SELECT COUNT(*) " << kWhere, soci::use(year), soci::use(like), soci::use(like),
        soci::into(total);
    page.total = total;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT t.id, t.name, u.name, t.joint, t.drawn_at, "
                        "COALESCE(t.pool_size, 0), "
                        "(SELECT COUNT(*) FROM inspection_visit v WHERE v.task_id = t.id), "
                        "(SELECT COUNT(*) FROM inspection_visit v WHERE v.task_id = t.id "
                        "AND v.published_at IS NOT NULL) "
                     << kWhere << "ORDER BY t.drawn_at DESC, t.id DESC LIMIT :n OFFSET :o",
         soci::use(year), soci::use(like), soci::use(like), soci::use(limit), soci::use(offset));
    for (const soci::row& r : rows) {
      page.items.push_back({.task_id = storage::RowInt(r, 0),
                            .name = storage::RowText(r, 1),
                            .unit_name = storage::RowText(r, 2),
                            .joint = storage::RowInt(r, 3) != 0,
                            .drawn_at = storage::RowText(r, 4),
                            .pool_size = storage::RowInt(r, 5),
                            .selected = storage::RowInt(r, 6),
                            .published = storage::RowInt(r, 7)});
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace amr::inspection
