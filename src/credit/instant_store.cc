// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/instant_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "storage/rows.h"

namespace amr::credit {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr const char* kInfoColumns =
    "id, uscc, kind, event_on, summary, published_on, due, late, published_by FROM instant_info ";

StatusOr<InstantInfo> InfoFromRow(const soci::row& r) {
  InstantInfo i;
  i.id = RowInt(r, 0);
  i.uscc = RowText(r, 1);
  i.kind = RowText(r, 2);
  ASSIGN_OR_RETURN(i.event_on, Date::Parse(RowText(r, 3), "event_on"));
  i.summary = RowText(r, 4);
  ASSIGN_OR_RETURN(i.published_on, Date::Parse(RowText(r, 5), "published_on"));
  ASSIGN_OR_RETURN(i.due, Date::Parse(RowText(r, 6), "due"));
  i.late = RowInt(r, 7) != 0;
  i.published_by = RowText(r, 8);
  return i;
}

constexpr const char* kOrderColumns =
    "o.id, o.uscc, e.name, o.kind, o.what, o.ordered_on, o.due, o.authority_unit_id, u.name, "
    "o.state, o.fulfilled_on, o.info_id FROM publish_order o JOIN entity e ON e.uscc = o.uscc "
    "JOIN org_unit u ON u.id = o.authority_unit_id ";

StatusOr<PublishOrder> OrderFromRow(const soci::row& r) {
  PublishOrder o;
  o.id = RowInt(r, 0);
  o.uscc = RowText(r, 1);
  o.entity_name = RowText(r, 2);
  o.kind = RowText(r, 3);
  o.what = RowText(r, 4);
  ASSIGN_OR_RETURN(o.ordered_on, Date::Parse(RowText(r, 5), "ordered_on"));
  ASSIGN_OR_RETURN(o.due, Date::Parse(RowText(r, 6), "due"));
  o.authority_unit_id = RowInt(r, 7);
  o.authority_name = RowText(r, 8);
  ASSIGN_OR_RETURN(o.state, ParseOrderState(RowText(r, 9)));
  o.fulfilled_on = RowText(r, 10);
  o.info_id = RowInt(r, 11);
  return o;
}

StatusOr<std::vector<PublishOrder>> OrderRows(soci::rowset<soci::row>& rows) {
  std::vector<PublishOrder> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(PublishOrder o, OrderFromRow(r));
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

StatusOr<InsertedInfo> InsertInstantInfo(soci::session& sql, const InstantInfo& i,
                                         const std::string& now) {
  const std::string event = i.event_on.ToString(), published = i.published_on.ToString(),
                    due = i.due.ToString();
  long long existing = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM instant_info WHERE uscc = :u AND kind = :k AND event_on = :e AND "
         "summary = :s",
      soci::use(i.uscc), soci::use(i.kind), soci::use(event), soci::use(i.summary),
      soci::into(existing, ind);
  if (sql.got_data() && ind == soci::i_ok) return InsertedInfo{existing, false};
  const int late = i.late ? 1 : 0;
  long long id = 0;
  sql << "INSERT INTO instant_info (uscc, kind, event_on, summary, published_on, due, late, "
         "published_by, created_at) VALUES (:u, :k, :e, :s, :p, :d, :l, :b, :now) RETURNING id",
      soci::use(i.uscc), soci::use(i.kind), soci::use(event), soci::use(i.summary),
      soci::use(published), soci::use(due), soci::use(late), soci::use(i.published_by),
      soci::use(now), soci::into(id);
  return InsertedInfo{id, true};
}

StatusOr<InstantInfo> GetInstantInfo(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kInfoColumns << "WHERE id = :id", soci::use(key));
  for (const soci::row& r : rows) return InfoFromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的即时信息", id), "id");
}

StatusOr<std::vector<InstantInfo>> InstantInfoOf(soci::session& sql, const std::string& uscc) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kInfoColumns
                                              << "WHERE uscc = :u ORDER BY event_on DESC, id DESC",
                                  soci::use(uscc));
  std::vector<InstantInfo> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(InstantInfo i, InfoFromRow(r));
    out.push_back(std::move(i));
  }
  return out;
}

StatusOr<bool> PublishedSince(soci::session& sql, const std::string& uscc, const std::string& kind,
                              const Date& since) {
  const std::string day = since.ToString();
  long long n = 0;
  sql << "SELECT COUNT(*) FROM instant_info WHERE uscc = :u AND kind = :k AND published_on >= :d",
      soci::use(uscc), soci::use(kind), soci::use(day), soci::into(n);
  return n > 0;
}

StatusOr<int64_t> InsertOrder(soci::session& sql, const PublishOrder& o, const std::string& now) {
  const std::string ordered = o.ordered_on.ToString(), due = o.due.ToString(),
                    state(OrderStateId(o.state));
  const long long authority = o.authority_unit_id;
  long long id = 0;
  sql << "INSERT INTO publish_order (uscc, kind, what, ordered_on, due, authority_unit_id, state, "
         "created_at) VALUES (:u, :k, :w, :o, :d, :a, :s, :now) RETURNING id",
      soci::use(o.uscc), soci::use(o.kind), soci::use(o.what), soci::use(ordered), soci::use(due),
      soci::use(authority), soci::use(state), soci::use(now), soci::into(id);
  return static_cast<int64_t>(id);
}

StatusOr<PublishOrder> GetOrder(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kOrderColumns << "WHERE o.id = :id", soci::use(key));
  for (const soci::row& r : rows) return OrderFromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的责令公示", id), "id");
}

Status SaveOrder(soci::session& sql, const PublishOrder& o) {
  const std::string state(OrderStateId(o.state));
  const long long id = o.id, info = o.info_id;
  sql << "UPDATE publish_order SET state = :s, fulfilled_on = :f, info_id = :i WHERE id = :id",
      soci::use(state), soci::use(o.fulfilled_on), soci::use(info), soci::use(id);
  return OkStatus();
}

StatusOr<std::vector<PublishOrder>> OrdersOf(soci::session& sql, const std::string& uscc) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kOrderColumns << "WHERE o.uscc = :u ORDER BY o.id DESC",
       soci::use(uscc));
  return OrderRows(rows);
}

StatusOr<std::vector<PublishOrder>> OpenOrders(soci::session& sql, const std::string& uscc,
                                               const std::string& kind) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kOrderColumns
                   << "WHERE o.uscc = :u AND o.kind = :k AND o.state = 'open' ORDER BY o.id",
       soci::use(uscc), soci::use(kind));
  return OrderRows(rows);
}

StatusOr<std::vector<PublishOrder>> ExpiredOrders(soci::session& sql, const Date& today,
                                                  const std::vector<std::string>& paths) {
  const std::string day = today.ToString();
  std::vector<PublishOrder> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kOrderColumns
                     << "WHERE o.state = 'open' AND o.due < :d AND e.status IN ('active', "
                        "'suspended') AND (u.path = :p OR u.path LIKE :prefix) ORDER BY o.due, "
                        "o.id",
         soci::use(day), soci::use(path), soci::use(prefix));
    ASSIGN_OR_RETURN(std::vector<PublishOrder> some, OrderRows(rows));
    for (PublishOrder& o : some) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace amr::credit
