// SPDX-License-Identifier: MulanPSL-2.0
#include "leads/lead_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::leads {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr const char* kColumns =
    "l.id, l.source, l.source_ref, l.uscc, l.business_name, l.description, l.org_unit_id, "
    "u.path, u.name, l.status, l.created_at FROM case_lead l JOIN org_unit u ON u.id = "
    "l.org_unit_id ";

StatusOr<Lead> FromRow(const soci::row& r) {
  Lead l;
  l.id = RowInt(r, 0);
  ASSIGN_OR_RETURN(l.source, ParseSource(RowText(r, 1)));
  l.source_ref = RowText(r, 2);
  l.uscc = RowText(r, 3);
  l.business_name = RowText(r, 4);
  l.description = RowText(r, 5);
  l.unit_id = RowInt(r, 6);
  l.unit_path = RowText(r, 7);
  l.unit_name = RowText(r, 8);
  l.status = RowText(r, 9);
  l.created_at = RowText(r, 10);
  return l;
}

}  // namespace

StatusOr<Lead> InsertLead(soci::session& sql, const NewLead& lead, const std::string& now) {
  RETURN_IF_ERROR(Validate(lead));
  const std::string source(SourceId(lead.source));
  long long unit = lead.unit_id, by = lead.created_by, id = 0;
  soci::indicator by_ind = lead.created_by == 0 ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO case_lead (source, source_ref, uscc, business_name, description, "
         "org_unit_id, status, created_by, created_at) VALUES (:s, :r, :u, :n, :d, :o, 'open', "
         ":b, :t) RETURNING id",
      soci::use(source), soci::use(lead.source_ref), soci::use(lead.uscc),
      soci::use(lead.business_name), soci::use(lead.description), soci::use(unit),
      soci::use(by, by_ind), soci::use(now), soci::into(id);
  int position = 0;
  for (const Evidence& e : lead.evidence) {
    sql << "INSERT INTO case_lead_evidence (lead_id, position, title, ref) VALUES (:l, :p, :t, "
           ":r)",
        soci::use(id), soci::use(position), soci::use(e.title), soci::use(e.ref);
    ++position;
  }
  return GetLead(sql, id);
}

StatusOr<Lead> GetLead(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE l.id = :id", soci::use(key));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Lead l, FromRow(r));
    soci::rowset<soci::row> ev =
        (sql.prepare << "SELECT title, ref FROM case_lead_evidence WHERE lead_id = :l ORDER BY "
                        "position",
         soci::use(key));
    for (const soci::row& e : ev) l.evidence.push_back({RowText(e, 0), RowText(e, 1)});
    return l;
  }
  return NotFoundError(fmt::format("没有编号为 {} 的线索", id), "id");
}

StatusOr<std::vector<Lead>> ListLeads(soci::session& sql,
                                      const std::vector<std::string>& unit_paths, int limit) {
  std::vector<Lead> out;
  for (const std::string& path : unit_paths) {
    const std::string like = storage::EscapeLike(path) + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kColumns
                     << "WHERE u.path LIKE :p ESCAPE '\\' ORDER BY l.id DESC LIMIT :n",
         soci::use(like), soci::use(limit));
    for (const soci::row& r : rows) {
      ASSIGN_OR_RETURN(Lead l, FromRow(r));
      if (std::none_of(out.begin(), out.end(), [&](const Lead& o) { return o.id == l.id; })) {
        out.push_back(std::move(l));
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Lead& a, const Lead& b) { return a.id > b.id; });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

}  // namespace amr::leads
