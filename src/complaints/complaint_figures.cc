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

// Sorted most first, then by key; at most `limit`.
std::vector<HotSpot> Top(std::map<std::string, HotSpot> counted, int limit) {
  std::vector<HotSpot> out;
  for (auto& [key, spot] : counted) out.push_back(std::move(spot));
  std::sort(out.begin(), out.end(), [](const HotSpot& a, const HotSpot& b) {
    return a.count != b.count ? a.count > b.count : a.key < b.key;
  });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

}  // namespace

StatusOr<Figures> ComplaintFigures(soci::session& sql, std::vector<std::string> unit_paths,
                                   const Date& from, const Date& to, const Date& today) {
  Figures f;
  const std::string from_text = from.ToString(), to_text = to.ToString(),
                    today_text = today.ToString();
  std::map<std::string, MonthFigures> months;
  std::map<std::string, UnitOverdue> overdue;
  for (const std::string& path : Disjoint(std::move(unit_paths))) {
    const std::string like = storage::EscapeLike(path) + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT kind, channel, state, COUNT(*), SUM(amount_recovered), "
                        "SUM(CASE WHEN decided_on <> '' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN decided_on <> '' AND decided_late = 0 THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN outcome = 'agreement' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN odr_due_on <> '' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN odr_result = 'settled' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN lead_id IS NOT NULL THEN 1 ELSE 0 END) "
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
  std::sort(f.overdue_by_unit.begin(), f.overdue_by_unit.end(),
            [](const UnitOverdue& a, const UnitOverdue& b) {
              return a.overdue != b.overdue ? a.overdue > b.overdue : a.unit_path < b.unit_path;
            });
  return f;
}

StatusOr<HotSpots> ComplaintHotSpots(soci::session& sql, std::vector<std::string> unit_paths,
                                     const Date& from, const Date& to, int limit) {
  const std::string from_text = from.ToString(), to_text = to.ToString();
  std::map<std::string, HotSpot> businesses, industries, kinds;
  // With several disjoint scopes, each contributes its own top entries
  // (limit × 5), so the merged top is exact for one scope and close for more.
  const int per_scope = limit * 5;
  for (const std::string& path : Disjoint(std::move(unit_paths))) {
    const std::string like = storage::EscapeLike(path) + "%";
    soci::rowset<soci::row> b =
        (sql.prepare << "SELECT business_uscc, business_name, COUNT(*) " << kScope
                     << "AND kind = 'complaint' GROUP BY business_uscc, business_name "
                        "ORDER BY COUNT(*) DESC, business_uscc LIMIT :n",
         soci::use(like), soci::use(from_text), soci::use(to_text), soci::use(per_scope));
    for (const soci::row& r : b) {
      const std::string uscc = RowText(r, 0), name = RowText(r, 1);
      HotSpot& h = businesses[uscc.empty() ? "name:" + name : uscc];
      h.key = uscc;
      h.name = name;
      h.count += RowInt(r, 2);
    }
    soci::rowset<soci::row> i =
        (sql.prepare << "SELECT SUBSTR(industry_code, 1, 2), COUNT(*) " << kScope
                     << "AND kind = 'complaint' AND industry_code <> '' "
                        "GROUP BY SUBSTR(industry_code, 1, 2) ORDER BY COUNT(*) DESC LIMIT :n",
         soci::use(like), soci::use(from_text), soci::use(to_text), soci::use(per_scope));
    for (const soci::row& r : i) {
      const std::string code = RowText(r, 0);
      HotSpot& h = industries[code];
      h.key = code;
      const codes::Industry* known = codes::Industries().Find(code);
      h.name = known != nullptr ? known->name : code;
      h.count += RowInt(r, 1);
    }
    soci::rowset<soci::row> k =
        (sql.prepare << "SELECT problem_kind, COUNT(*) " << kScope
                     << "AND kind = 'complaint' AND problem_kind <> '' GROUP BY problem_kind "
                        "ORDER BY COUNT(*) DESC LIMIT :n",
         soci::use(like), soci::use(from_text), soci::use(to_text), soci::use(per_scope));
    for (const soci::row& r : k) {
      HotSpot& h = kinds[RowText(r, 0)];
      h.key = RowText(r, 0);
      h.count += RowInt(r, 1);
    }
  }
  return HotSpots{Top(std::move(businesses), limit), Top(std::move(industries), limit),
                  Top(std::move(kinds), limit)};
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

}  // namespace amr::complaints
