// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/complaint_figures.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "codes/industries.h"
#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::complaints {
namespace {

using storage::RowInt;
using storage::RowText;

// Drops every path under another one of the list, so that the LIKE prefixes
// left are disjoint and no record is counted twice.
std::vector<std::string> Disjoint(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (std::string& p : paths) {
    if (p.empty()) continue;
    if (!out.empty() && p.starts_with(out.back())) continue;
    out.push_back(std::move(p));
  }
  return out;
}

constexpr const char* kScope =
    "FROM complaint WHERE unit_path LIKE :p ESCAPE '\\' AND received_on >= :f AND "
    "received_on <= :t ";

}  // namespace

StatusOr<Figures> ComplaintFigures(soci::session& sql, std::vector<std::string> unit_paths,
                                   const Date& from, const Date& to, const Date& today) {
  Figures f;
  const std::string from_text = from.ToString(), to_text = to.ToString(),
                    today_text = today.ToString();
  std::map<std::string, MonthFigures> months;
  std::map<std::string, UnitOverdue> overdue;
  std::map<std::string, UnitCount> units;
  for (const std::string& path : Disjoint(std::move(unit_paths))) {
    const std::string like = storage::EscapeLike(path) + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT kind, channel, state, COUNT(*), SUM(amount_recovered), "
                        "SUM(CASE WHEN decided_on <> '' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN decided_on <> '' AND decided_late = 0 THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN outcome = 'agreement' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN odr_due_on <> '' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN odr_result = 'settled' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN lead_id IS NOT NULL THEN 1 ELSE 0 END), "
                        // Closed by the limit that applied: a report's check, a
                        // mediation's end (none for one settled at ODR).
                        "SUM(CASE WHEN state = 'closed' AND ((kind = 'report' AND closed_on <= "
                        "check_due_on) OR (kind <> 'report' AND (mediation_due_on = '' OR "
                        "closed_on <= mediation_due_on))) THEN 1 ELSE 0 END) "
                     << kScope << "GROUP BY kind, channel, state",
         soci::use(like), soci::use(from_text), soci::use(to_text));
    for (const soci::row& r : rows) {
      const int64_t n = RowInt(r, 3);
      f.total += n;
      f.by_kind[RowText(r, 0)] += n;
      f.by_channel[RowText(r, 1)] += n;
      f.by_state[RowText(r, 2)] += n;
      if (RowText(r, 2) == "closed") f.closed += n;
      f.amount_recovered += RowInt(r, 4);
      f.decided += RowInt(r, 5);
      f.decided_in_time += RowInt(r, 6);
      f.agreements += RowInt(r, 7);
      f.odr_sent += RowInt(r, 8);
      f.odr_settled += RowInt(r, 9);
      f.case_leads += RowInt(r, 10);
      f.closed_in_time += RowInt(r, 11);
    }
    soci::rowset<soci::row> by_unit =
        (sql.prepare << "SELECT c.unit_path, u.name, COUNT(*) FROM complaint c JOIN org_unit u ON "
                        "u.id = c.unit_id WHERE c.unit_path LIKE :p ESCAPE '\\' AND "
                        "c.received_on >= :f AND c.received_on <= :t GROUP BY c.unit_path, u.name",
         soci::use(like), soci::use(from_text), soci::use(to_text));
    for (const soci::row& r : by_unit) {
      UnitCount& u = units[RowText(r, 0)];
      u.unit_path = RowText(r, 0);
      u.unit_name = RowText(r, 1);
      u.total += RowInt(r, 2);
    }
    soci::rowset<soci::row> by_month =
        (sql.prepare << "SELECT SUBSTR(received_on, 1, 7), kind, COUNT(*), "
                        "SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END), "
                        "SUM(amount_recovered) "
                     << kScope << "GROUP BY SUBSTR(received_on, 1, 7), kind",
         soci::use(like), soci::use(from_text), soci::use(to_text));
    for (const soci::row& r : by_month) {
      MonthFigures& m = months[RowText(r, 0)];
      m.month = RowText(r, 0);
      const int64_t n = RowInt(r, 2);
      m.total += n;
      const std::string kind = RowText(r, 1);
      (kind == "complaint" ? m.complaints : kind == "report" ? m.reports : m.enquiries) += n;
      m.closed += RowInt(r, 3);
      m.amount_recovered += RowInt(r, 4);
    }
    // Overdue now, by unit, whatever the dates received.
    soci::rowset<soci::row> late =
        (sql.prepare
             << "SELECT c.unit_path, u.name, COUNT(*) FROM complaint c JOIN org_unit u ON u.id = "
                "c.unit_id WHERE c.unit_path LIKE :p ESCAPE '\\' AND ("
                "(c.state = 'received' AND c.accept_due_on <> '' AND c.accept_due_on < :d1) OR "
                "(c.state = 'accepted' AND c.kind = 'complaint' AND c.mediation_due_on <> '' AND "
                "c.mediation_due_on < :d2) OR "
                "(c.kind = 'report' AND c.state IN ('received', 'accepted') AND "
                "c.check_due_on <> '' AND c.check_due_on < :d3) OR "
                "(c.state = 'with_business' AND c.odr_due_on < :d4)) "
                "GROUP BY c.unit_path, u.name",
         soci::use(like), soci::use(today_text), soci::use(today_text), soci::use(today_text),
         soci::use(today_text));
    for (const soci::row& r : late) {
      UnitOverdue& u = overdue[RowText(r, 0)];
      u.unit_path = RowText(r, 0);
      u.unit_name = RowText(r, 1);
      u.overdue += RowInt(r, 2);
      f.overdue_now += RowInt(r, 2);
    }
  }
  for (auto& [month, m] : months) f.by_month.push_back(std::move(m));
  for (auto& [path, u] : overdue) f.overdue_by_unit.push_back(std::move(u));
  for (auto& [path, u] : units) f.by_unit.push_back(std::move(u));
  std::sort(f.overdue_by_unit.begin(), f.overdue_by_unit.end(),
            [](const UnitOverdue& a, const UnitOverdue& b) {
              return a.overdue != b.overdue ? a.overdue > b.overdue : a.unit_path < b.unit_path;
            });
  return f;
}

StatusOr<HotSpots> ComplaintHotSpots(soci::session& sql, std::vector<std::string> unit_paths,
                                     const Date& from, const Date& to, int limit) {
  // The units in scope, by id: the hot-spot indexes end with unit_id, so each
  // figure is read from its index alone, in its group order.
  std::vector<long long> units;
  for (const std::string& path : Disjoint(std::move(unit_paths))) {
    const std::string like = storage::EscapeLike(path) + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id FROM org_unit WHERE path LIKE :p ESCAPE '\\'", soci::use(like));
    for (const soci::row& r : rows) units.push_back(RowInt(r, 0));
  }
  HotSpots out;
  if (units.empty()) return out;
  std::string in = "unit_id IN (";
  for (size_t i = 0; i < units.size(); ++i) in += fmt::format("{}:u{}", i == 0 ? "" : ", ", i);
  in += ")";
  const std::string from_text = from.ToString(), to_text = to.ToString();
  // One figure: `group` names the grouped columns (the first is the key).
  auto top = [&](const std::string& group, const std::string& extra,
                 std::vector<HotSpot>& into) -> Status {
    const std::string q = fmt::format(
        "SELECT {0}, COUNT(*) FROM complaint WHERE kind = 'complaint' AND received_on >= :f AND "
        "received_on <= :t {1} AND {2} GROUP BY {0} ORDER BY COUNT(*) DESC, {0} LIMIT :n",
        group, extra, in);
    soci::statement st(sql);
    std::string f = from_text, t = to_text;
    int n = limit;
    st.exchange(soci::use(f, "f"));
    st.exchange(soci::use(t, "t"));
    for (size_t i = 0; i < units.size(); ++i)
      st.exchange(soci::use(units[i], fmt::format("u{}", i)));
    st.exchange(soci::use(n, "n"));
    soci::row r;
    st.exchange(soci::into(r));
    st.alloc();
    st.prepare(q);
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        HotSpot h;
        h.key = RowText(r, 0);
        const size_t count_at = r.size() - 1;
        h.name = count_at > 1 ? RowText(r, 1) : h.key;
        h.count = RowInt(r, count_at);
        into.push_back(std::move(h));
      } while (st.fetch());
    }
    return OkStatus();
  };
  RETURN_IF_ERROR(top("business_uscc, business_name", "", out.businesses));
  RETURN_IF_ERROR(top("industry_code", "AND industry_code <> ''", out.industries));
  RETURN_IF_ERROR(top("problem_kind", "AND problem_kind <> ''", out.problem_kinds));
  for (HotSpot& h : out.industries) {
    const codes::Industry* known = codes::Industries().Find(h.key);
    if (known != nullptr) h.name = known->name;
  }
  return out;
}

StatusOr<ComplaintFacts> ComplaintFactsOf(soci::session& sql, const std::string& uscc,
                                          const Date& from, const Date& to) {
  const std::string from_text = from.ToString(), to_text = to.ToString();
  ComplaintFacts out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, COUNT(*), SUM(CASE WHEN decided_on <> '' AND "
                      "not_accept_reason = '' THEN 1 ELSE 0 END), SUM(CASE WHEN lead_id IS NOT "
                      "NULL THEN 1 ELSE 0 END) FROM complaint WHERE business_uscc = :u AND "
                      "received_on >= :f AND received_on <= :t GROUP BY kind",
       soci::use(uscc), soci::use(from_text), soci::use(to_text));
  for (const soci::row& r : rows) {
    const std::string kind = RowText(r, 0);
    if (kind == "complaint") {
      out.complaints = RowInt(r, 1);
      out.accepted = RowInt(r, 2);
    } else if (kind == "report") {
      out.reports = RowInt(r, 1);
      out.case_leads = RowInt(r, 3);
    }
  }
  return out;
}

StatusOr<std::unordered_map<std::string, int64_t>> ComplaintCountsByBusiness(
    soci::session& sql, const Date& from, const Date& to, const std::string& first_uscc,
    const std::string& last_uscc) {
  const std::string a = from.ToString(), b = to.ToString();
  std::unordered_map<std::string, int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT business_uscc, COUNT(*) FROM complaint WHERE kind = 'complaint' AND "
                      "business_uscc >= :f AND business_uscc <= :l AND business_uscc <> '' AND "
                      "received_on >= :a AND received_on <= :b GROUP BY business_uscc",
       soci::use(first_uscc), soci::use(last_uscc), soci::use(a), soci::use(b));
  for (const soci::row& r : rows) out.emplace(storage::RowText(r, 0), storage::RowInt(r, 1));
  return out;
}

}  // namespace amr::complaints
