// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/serious_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "storage/rows.h"

namespace amr::credit {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr const char* kColumns =
    "s.id, s.uscc, e.name, s.category, s.source, s.state, s.proposed_on, s.noticed_on, "
    "s.statement_due, s.statement, s.decided_on, s.decision_no, s.decision_reason, "
    "s.authority_unit_id, u.name, s.listed_until, s.removed_on, s.removal_reason FROM "
    "serious_listing s JOIN entity e ON e.uscc = s.uscc JOIN org_unit u ON u.id = "
    "s.authority_unit_id ";

StatusOr<SeriousListing> FromRow(const soci::row& r) {
  SeriousListing s;
  s.id = RowInt(r, 0);
  s.uscc = RowText(r, 1);
  s.entity_name = RowText(r, 2);
  s.category = RowText(r, 3);
  s.source = RowText(r, 4);
  ASSIGN_OR_RETURN(s.state, ParseSeriousState(RowText(r, 5)));
  s.proposed_on = RowText(r, 6);
  s.noticed_on = RowText(r, 7);
  s.statement_due = RowText(r, 8);
  s.statement = RowText(r, 9);
  s.decided_on = RowText(r, 10);
  s.decision_no = RowText(r, 11);
  s.decision_reason = RowText(r, 12);
  s.authority_unit_id = RowInt(r, 13);
  s.authority_name = RowText(r, 14);
  s.listed_until = RowText(r, 15);
  s.removed_on = RowText(r, 16);
  s.removal_reason = RowText(r, 17);
  return s;
}

StatusOr<std::vector<SeriousListing>> Rows(soci::rowset<soci::row>& rows) {
  std::vector<SeriousListing> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(SeriousListing s, FromRow(r));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

StatusOr<std::vector<SeriousListing>> ProposeEscalations(soci::session& sql, const Date& listed_by,
                                                         const Date& today,
                                                         const std::string& now) {
  const std::string by = listed_by.ToString(), day = today.ToString();
  long long before = 0;
  sql << "SELECT COALESCE(MAX(id), 0) FROM serious_listing", soci::into(before);
  sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, "
         "authority_unit_id, created_at) SELECT l.uscc, 'abnormal_escalation', "
         "'abnormal_listing:' || CAST(l.id AS TEXT), 'proposed', :d, l.authority_unit_id, :now "
         "FROM abnormal_listing l JOIN entity e ON e.uscc = l.uscc WHERE l.state <> 'removed' "
         "AND e.kind <> 'individual_business' AND l.listed_on <= :by AND NOT EXISTS (SELECT 1 "
         "FROM serious_listing s WHERE s.source = 'abnormal_listing:' || CAST(l.id AS TEXT))",
      soci::use(day), soci::use(now), soci::use(by);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE s.id > :before ORDER BY s.id",
       soci::use(before));
  return Rows(rows);
}

StatusOr<std::vector<EscalationDue>> ListingsListedBetween(soci::session& sql, const Date& after,
                                                           const Date& until) {
  const std::string a = after.ToString(), b = until.ToString();
  std::vector<EscalationDue> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT l.uscc, e.name, l.id, l.listed_on FROM abnormal_listing l JOIN "
                      "entity e ON e.uscc = l.uscc WHERE l.state <> 'removed' AND e.kind <> "
                      "'individual_business' AND l.listed_on > :a AND l.listed_on <= :b ORDER BY "
                      "l.id",
       soci::use(a), soci::use(b));
  for (const soci::row& r : rows) {
    EscalationDue d;
    d.uscc = RowText(r, 0);
    d.name = RowText(r, 1);
    d.listing_id = RowInt(r, 2);
    ASSIGN_OR_RETURN(d.listed_on, Date::Parse(RowText(r, 3), "listed_on"));
    out.push_back(std::move(d));
  }
  return out;
}

StatusOr<std::vector<SeriousListing>> ExpiredSerious(soci::session& sql, const Date& today) {
  const std::string day = today.ToString();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << "WHERE s.state = 'listed' AND s.listed_until < :d ORDER BY s.id",
       soci::use(day));
  return Rows(rows);
}

StatusOr<int64_t> InsertSerious(soci::session& sql, const SeriousListing& s,
                                const std::string& now) {
  long long existing = 0;
  sql << "SELECT COUNT(*) FROM serious_listing WHERE source = :s", soci::use(s.source),
      soci::into(existing);
  if (existing > 0) {
    return FailedPreconditionError("已就这项行政处罚提请列入严重违法失信名单", "penalty_id");
  }
  const std::string state(SeriousStateId(s.state));
  const long long authority = s.authority_unit_id;
  long long id = 0;
  sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, "
         "authority_unit_id, created_at) VALUES (:u, :c, :s, :st, :p, :a, :now) RETURNING id",
      soci::use(s.uscc), soci::use(s.category), soci::use(s.source), soci::use(state),
      soci::use(s.proposed_on), soci::use(authority), soci::use(now), soci::into(id);
  return static_cast<int64_t>(id);
}

StatusOr<SeriousListing> GetSerious(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE s.id = :id", soci::use(key));
  for (const soci::row& r : rows) return FromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的严重违法失信名单记录", id), "id");
}

Status SaveSerious(soci::session& sql, const SeriousListing& s) {
  const std::string state(SeriousStateId(s.state));
  const long long id = s.id;
  sql << "UPDATE serious_listing SET state = :s, noticed_on = :n, statement_due = :sd, "
         "statement = :st, decided_on = :d, decision_no = :no, decision_reason = :r, "
         "listed_until = :u, removed_on = :ro, removal_reason = :rr WHERE id = :id",
      soci::use(state), soci::use(s.noticed_on), soci::use(s.statement_due), soci::use(s.statement),
      soci::use(s.decided_on), soci::use(s.decision_no), soci::use(s.decision_reason),
      soci::use(s.listed_until), soci::use(s.removed_on), soci::use(s.removal_reason),
      soci::use(id);
  return OkStatus();
}

StatusOr<std::vector<SeriousListing>> SeriousOf(soci::session& sql, const std::string& uscc) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE s.uscc = :u ORDER BY s.id DESC",
       soci::use(uscc));
  return Rows(rows);
}

StatusOr<std::vector<SeriousListing>> SeriousQueue(soci::session& sql,
                                                   const std::vector<std::string>& paths) {
  std::vector<SeriousListing> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kColumns
                     << "WHERE s.state IN ('proposed', 'noticed') AND (u.path = :p OR u.path "
                        "LIKE :prefix) ORDER BY s.proposed_on, s.id",
         soci::use(path), soci::use(prefix));
    ASSIGN_OR_RETURN(std::vector<SeriousListing> some, Rows(rows));
    for (SeriousListing& s : some) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace amr::credit
