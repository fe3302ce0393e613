// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/credit_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "storage/change_log.h"
#include "storage/rows.h"

namespace amr::credit {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowText;

constexpr const char* kReportColumns =
    "r.uscc, r.year, r.version, r.entity_kind, r.content, r.withheld, r.channel, r.filed_on, "
    "r.late, r.filed_by, (SELECT MIN(f.filed_on) FROM annual_report f WHERE f.uscc = r.uscc AND "
    "f.year = r.year) FROM annual_report r ";

StatusOr<AnnualReport> ReportFromRow(const soci::row& row) {
  AnnualReport r;
  r.uscc = RowText(row, 0);
  r.year = static_cast<int>(RowInt(row, 1));
  r.version = static_cast<int>(RowInt(row, 2));
  r.entity_kind = RowText(row, 3);
  r.content = json::parse(RowText(row, 4), nullptr, false);
  const json withheld = json::parse(RowText(row, 5), nullptr, false);
  if (r.content.is_discarded() || !withheld.is_array()) {
    return InternalError("年度报告内容损坏：" + r.uscc);
  }
  for (const json& w : withheld) r.withheld.insert(w.get<std::string>());
  ASSIGN_OR_RETURN(r.channel, ParseReportChannel(RowText(row, 6)));
  r.filed_on = RowText(row, 7);
  r.late = RowInt(row, 8) != 0;
  r.filed_by = RowText(row, 9);
  r.first_filed_on = RowText(row, 10);
  return r;
}

constexpr const char* kListingColumns =
    "l.id, l.uscc, e.name, e.kind, l.reason, l.report_year, l.listed_on, l.decision_no, "
    "l.authority_unit_id, u.name, l.state, l.removed_on, l.removal_reason, l.found_on, "
    "l.evidence, l.source, l.decision_due, l.decided_late, l.removal_applied_on, "
    "l.removal_statement, l.removal_due, l.removal_refusal FROM abnormal_listing "
    "l JOIN entity e ON e.uscc = l.uscc JOIN org_unit u ON u.id = l.authority_unit_id ";

StatusOr<Listing> ListingFromRow(const soci::row& r) {
  Listing l;
  l.id = RowInt(r, 0);
  l.uscc = RowText(r, 1);
  l.entity_name = RowText(r, 2);
  l.entity_kind = RowText(r, 3);
  ASSIGN_OR_RETURN(l.reason, ParseListingReason(RowText(r, 4)));
  l.report_year = static_cast<int>(RowInt(r, 5));
  ASSIGN_OR_RETURN(l.listed_on, Date::Parse(RowText(r, 6), "listed_on"));
  l.decision_no = RowText(r, 7);
  l.authority_unit_id = RowInt(r, 8);
  l.authority_name = RowText(r, 9);
  ASSIGN_OR_RETURN(l.state, ParseListingState(RowText(r, 10)));
  l.removed_on = RowText(r, 11);
  l.removal_reason = RowText(r, 12);
  l.found_on = RowText(r, 13);
  l.evidence = RowText(r, 14);
  l.source = RowText(r, 15);
  l.decision_due = RowText(r, 16);
  l.decided_late = RowInt(r, 17) != 0;
  l.removal_applied_on = RowText(r, 18);
  l.removal_statement = RowText(r, 19);
  l.removal_due = RowText(r, 20);
  l.removal_refusal = RowText(r, 21);
  return l;
}

}  // namespace

StatusOr<Authority> AuthorityOf(soci::session& sql, const std::string& region) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, path, name FROM org_unit WHERE region_code = :r AND kind IN "
                      "('county_bureau', 'city_bureau', 'province_bureau') "
                      "ORDER BY LENGTH(path), id LIMIT 1",
       soci::use(region));
  for (const soci::row& r : rows) return Authority{RowInt(r, 0), RowText(r, 1), RowText(r, 2)};
  return NotFoundError("本平台没有该主体所在县区的登记机关", "uscc");
}

Status InsertReport(soci::session& sql, const AnnualReport& r, const std::string& now) {
  json withheld = json::array();
  for (const std::string& w : r.withheld) withheld.push_back(w);
  const std::string content = r.content.dump(), withheld_text = withheld.dump(),
                    channel(ReportChannelId(r.channel));
  const int year = r.year, version = r.version, late = r.late ? 1 : 0;
  sql << "INSERT INTO annual_report (uscc, year, version, entity_kind, content, withheld, "
         "channel, filed_on, late, filed_by, filed_at) VALUES (:u, :y, :v, :k, :c, :w, :ch, :f, "
         ":l, :b, :t)",
      soci::use(r.uscc), soci::use(year), soci::use(version), soci::use(r.entity_kind),
      soci::use(content), soci::use(withheld_text), soci::use(channel), soci::use(r.filed_on),
      soci::use(late), soci::use(r.filed_by), soci::use(now);
  return OkStatus();
}

StatusOr<std::optional<AnnualReport>> LatestReport(soci::session& sql, const std::string& uscc,
                                                   int year) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kReportColumns
                   << "WHERE r.uscc = :u AND r.year = :y ORDER BY r.version DESC LIMIT 1",
       soci::use(uscc), soci::use(year));
  for (const soci::row& row : rows) {
    ASSIGN_OR_RETURN(AnnualReport r, ReportFromRow(row));
    return std::optional<AnnualReport>(std::move(r));
  }
  return std::optional<AnnualReport>();
}

StatusOr<std::vector<AnnualReport>> LatestReports(soci::session& sql, const std::string& uscc) {
  std::vector<AnnualReport> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kReportColumns
                   << "WHERE r.uscc = :u AND r.version = (SELECT MAX(m.version) FROM "
                      "annual_report m WHERE m.uscc = r.uscc AND m.year = r.year) "
                      "ORDER BY r.year DESC",
       soci::use(uscc));
  for (const soci::row& row : rows) {
    ASSIGN_OR_RETURN(AnnualReport r, ReportFromRow(row));
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<int64_t> ListNonReporters(soci::session& sql, int year, const Date& decision_date,
                                   const std::string& decision_no, const std::string& now) {
  const std::string decided = decision_date.ToString(),
                    year_end = fmt::format("{:04d}-12-31", year);
  soci::statement insert =
      (sql.prepare
           // Those listed already are read once, before the insert: the statement
           // never scans the rows it is adding (PostgreSQL planned a nested loop
           // over the growing table, quadratic at a million entities).
           << "WITH listed AS MATERIALIZED (SELECT uscc FROM abnormal_listing WHERE reason = "
              "'no_annual_report' AND report_year = :y0) "
              "INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, decision_no, "
              "authority_unit_id, state, created_at) "
              "SELECT e.uscc, 'no_annual_report', :y, :d, :no, b.id, 'listed', :now FROM entity e "
              "JOIN (SELECT region_code, MIN(id) AS id FROM org_unit WHERE kind IN "
              "('county_bureau', 'city_bureau', 'province_bureau') GROUP BY region_code) b ON "
              "b.region_code = e.region_code "
              "WHERE e.status IN ('active', 'suspended') AND e.established_on <= :end AND NOT "
              "EXISTS (SELECT 1 FROM annual_report r WHERE r.uscc = e.uscc AND r.year = :y2) "
              "AND e.uscc NOT IN (SELECT uscc FROM listed)",
       soci::use(year), soci::use(year), soci::use(decided), soci::use(decision_no), soci::use(now),
       soci::use(year_end), soci::use(year));
  insert.execute(true);
  return static_cast<int64_t>(insert.get_affected_rows());
}

StatusOr<bool> AnyReport(soci::session& sql) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT 1 FROM annual_report LIMIT 1");
  return rows.begin() != rows.end();
}

StatusOr<std::vector<OwingEntity>> EntitiesOwing(soci::session& sql, int year) {
  const std::string year_end = fmt::format("{:04d}-12-31", year);
  std::vector<OwingEntity> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT uscc, kind, legal_rep_id FROM entity "
                                                 "WHERE status IN ('active', 'suspended') AND "
                                                 "established_on <= :end ORDER BY uscc",
                                  soci::use(year_end));
  for (const soci::row& r : rows) out.push_back({RowText(r, 0), RowText(r, 1), RowText(r, 2)});
  return out;
}

StatusOr<std::vector<int64_t>> ReportAccounts(soci::session& sql, std::string_view uscc) {
  const std::string code(uscc);
  std::vector<int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.id FROM app_user u WHERE u.active = 1 AND (u.id IN (SELECT "
                      "a.user_id FROM license_admin a WHERE a.uscc = :u1) OR (u.kind = "
                      "'applicant' AND u.entity_uscc = :u2)) ORDER BY u.id",
       soci::use(code), soci::use(code));
  for (const soci::row& r : rows) out.push_back(storage::RowInt(r, 0));
  return out;
}

StatusOr<std::vector<NonFiler>> NonFilers(soci::session& sql, int year) {
  const std::string year_end = fmt::format("{:04d}-12-31", year);
  std::vector<NonFiler> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT e.uscc, e.name FROM entity e WHERE e.status IN ('active', "
                      "'suspended') AND e.established_on <= :end AND NOT EXISTS (SELECT 1 FROM "
                      "annual_report r WHERE r.uscc = e.uscc AND r.year = :y) ORDER BY e.uscc",
       soci::use(year_end), soci::use(year));
  for (const soci::row& r : rows) out.push_back({RowText(r, 0), RowText(r, 1)});
  return out;
}

Status LogReportChange(soci::session& sql, const std::string& uscc, int year, bool first,
                       const std::string& region_code, const std::string& now) {
  return storage::AppendChange(sql, "annual_report", fmt::format("{}:{}", uscc, year),
                               first ? "insert" : "update", region_code, now);
}

Status LogListingChange(soci::session& sql, const std::string& uscc, int64_t id, bool created,
                        const std::string& region_code, const std::string& now) {
  return storage::AppendChange(sql, "abnormal_listing", fmt::format("{}:{}", uscc, id),
                               created ? "insert" : "update", region_code, now);
}

Status LogBatchListings(soci::session& sql, int year, const std::string& now) {
  return storage::AppendChangesFrom(
      sql,
      "SELECT 'abnormal_listing', l.uscc || ':' || CAST(l.id AS TEXT), 'insert', e.region_code, "
      ":now FROM abnormal_listing l JOIN entity e ON e.uscc = l.uscc WHERE l.reason = "
      "'no_annual_report' AND l.report_year = CAST(:y AS INTEGER) AND l.created_at = :now2 "
      "ORDER BY l.id",
      {now, std::to_string(year), now});
}

StatusOr<std::vector<Listing>> ListingsOf(soci::session& sql, const std::string& uscc) {
  std::vector<Listing> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kListingColumns
                                              << "WHERE l.uscc = :u ORDER BY l.listed_on "
                                                 "DESC, l.id DESC",
                                  soci::use(uscc));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Listing l, ListingFromRow(r));
    out.push_back(std::move(l));
  }
  return out;
}

StatusOr<std::vector<Listing>> RemovalApplications(soci::session& sql,
                                                   const std::vector<std::string>& paths) {
  std::vector<Listing> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kListingColumns
                     << "WHERE l.state = 'removal_applied' AND (u.path = :p OR u.path LIKE "
                        ":prefix) ORDER BY l.removal_due, l.id",
         soci::use(path), soci::use(prefix));
    for (const soci::row& r : rows) {
      ASSIGN_OR_RETURN(Listing l, ListingFromRow(r));
      out.push_back(std::move(l));
    }
  }
  return out;
}

StatusOr<Listing> GetListing(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kListingColumns << "WHERE l.id = :id", soci::use(key));
  for (const soci::row& r : rows) return ListingFromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的名录记录", id), "id");
}

Status SaveListing(soci::session& sql, const Listing& l) {
  const std::string state(ListingStateId(l.state));
  const long long id = l.id;
  sql << "UPDATE abnormal_listing SET state = :s, removed_on = :r, removal_reason = :w, "
         "removal_applied_on = :a, removal_statement = :st, removal_due = :d, removal_refusal = "
         ":f WHERE id = :id",
      soci::use(state), soci::use(l.removed_on), soci::use(l.removal_reason),
      soci::use(l.removal_applied_on), soci::use(l.removal_statement), soci::use(l.removal_due),
      soci::use(l.removal_refusal), soci::use(id);
  return OkStatus();
}

StatusOr<int64_t> InsertListing(soci::session& sql, const Listing& l, const std::string& now) {
  const std::string reason(ListingReasonId(l.reason)), state(ListingStateId(l.state)),
      listed_on = l.listed_on.ToString();
  const long long authority = l.authority_unit_id;
  const int year = l.report_year, late = l.decided_late ? 1 : 0;
  long long id = 0;
  sql << "INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, decision_no, "
         "authority_unit_id, state, found_on, evidence, source, decision_due, decided_late, "
         "created_at) VALUES (:u, :r, :y, :l, :n, :a, :s, :f, :e, :src, :d, :late, :now) "
         "RETURNING id",
      soci::use(l.uscc), soci::use(reason), soci::use(year), soci::use(listed_on),
      soci::use(l.decision_no), soci::use(authority), soci::use(state), soci::use(l.found_on),
      soci::use(l.evidence), soci::use(l.source), soci::use(l.decision_due), soci::use(late),
      soci::use(now), soci::into(id);
  return static_cast<int64_t>(id);
}

Status SetDecisionNo(soci::session& sql, int64_t id, const std::string& decision_no) {
  const long long key = id;
  sql << "UPDATE abnormal_listing SET decision_no = :n WHERE id = :id", soci::use(decision_no),
      soci::use(key);
  return OkStatus();
}

StatusOr<std::vector<Finding>> UnreachableFindings(soci::session& sql,
                                                   const std::vector<std::string>& paths) {
  std::vector<Finding> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT v.id, v.uscc, e.name, e.kind, v.check_date, b.id, b.name FROM "
                        "inspection_visit v JOIN entity e ON e.uscc = v.uscc "
                        "JOIN org_unit b ON b.id = (SELECT MIN(o.id) FROM org_unit o WHERE "
                        "o.region_code = e.region_code AND o.kind IN ('county_bureau', "
                        "'city_bureau', 'province_bureau')) "
                        "WHERE v.result_state = 'unreachable' AND v.check_date IS NOT NULL AND "
                        "e.status IN ('active', 'suspended') AND (b.path = :p OR b.path LIKE "
                        ":prefix) AND NOT EXISTS (SELECT 1 FROM abnormal_listing l WHERE "
                        "l.uscc = v.uscc AND l.reason = 'unreachable' AND (l.listed_on >= "
                        "v.check_date OR l.state <> 'removed')) ORDER BY v.check_date, v.id",
         soci::use(path), soci::use(prefix));
    for (const soci::row& r : rows) {
      Finding f;
      f.visit_id = RowInt(r, 0);
      f.uscc = RowText(r, 1);
      f.entity_name = RowText(r, 2);
      f.entity_kind = RowText(r, 3);
      ASSIGN_OR_RETURN(f.found_on, Date::Parse(RowText(r, 4).substr(0, 10), "check_date"));
      f.authority_unit_id = RowInt(r, 5);
      f.authority_name = RowText(r, 6);
      out.push_back(std::move(f));
    }
  }
  return out;
}

namespace {

// Entities (alias e) whose county's bureau lies under :p / :prefix.
constexpr const char* kInScope =
    " JOIN org_unit b ON b.region_code = e.region_code AND b.kind IN ('county_bureau', "
    "'city_bureau', 'province_bureau') AND (b.path = :p OR b.path LIKE :prefix) ";

}  // namespace

StatusOr<std::vector<KindFigures>> ReportFigures(soci::session& sql,
                                                 const std::vector<std::string>& paths, int year) {
  const std::string year_end = fmt::format("{:04d}-12-31", year);
  std::vector<KindFigures> out;
  for (const char* kind : {"enterprise", "cooperative", "individual_business"}) {
    KindFigures f;
    f.kind = kind;
    const std::string k = kind;
    for (const std::string& path : paths) {
      const std::string prefix = path + "%";
      long long owing = 0, filed = 0, late = 0, listed = 0, removed = 0;
      sql << std::string(
                 "SELECT COUNT(DISTINCT e.uscc), COUNT(DISTINCT r.uscc), "
                 "COUNT(DISTINCT CASE WHEN r.late = 1 THEN r.uscc END) FROM entity e") +
                 kInScope +
                 "LEFT JOIN annual_report r ON r.uscc = e.uscc AND r.year = :y AND r.version = 1 "
                 "WHERE e.kind = :k AND e.established_on <= :end AND e.status IN ('active', "
                 "'suspended')",
          soci::use(path), soci::use(prefix), soci::use(year), soci::use(k), soci::use(year_end),
          soci::into(owing), soci::into(filed), soci::into(late);
      sql << std::string(
                 "SELECT COUNT(*), COALESCE(SUM(CASE WHEN l.state = 'removed' THEN 1 "
                 "ELSE 0 END), 0) FROM abnormal_listing l JOIN entity e ON e.uscc = "
                 "l.uscc") +
                 kInScope +
                 "WHERE e.kind = :k AND l.reason = 'no_annual_report' AND l.report_year = :y",
          soci::use(path), soci::use(prefix), soci::use(k), soci::use(year), soci::into(listed),
          soci::into(removed);
      f.owing += owing;
      f.filed += filed;
      f.late += late;
      f.listed += listed;
      f.removed += removed;
    }
    out.push_back(f);
  }
  return out;
}

StatusOr<ListingCounts> CurrentListings(soci::session& sql, const std::vector<std::string>& paths) {
  ListingCounts out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT l.reason, COUNT(*) FROM abnormal_listing l JOIN "
                                    "entity e ON e.uscc = l.uscc") +
                            kInScope +
                            "WHERE l.state <> 'removed' GROUP BY l.reason ORDER BY "
                            "l.reason",
         soci::use(path), soci::use(prefix));
    for (const soci::row& r : rows) {
      const std::string reason = RowText(r, 0);
      const int64_t n = RowInt(r, 1);
      out.current += n;
      auto it = std::find_if(out.by_reason.begin(), out.by_reason.end(),
                             [&](const auto& p) { return p.first == reason; });
      if (it == out.by_reason.end()) {
        out.by_reason.emplace_back(reason, n);
      } else {
        it->second += n;
      }
    }
  }
  return out;
}

StatusOr<std::vector<UnitKindFigures>> ReportFiguresByUnit(soci::session& sql,
                                                           const std::vector<std::string>& paths,
                                                           int year) {
  const std::string year_end = fmt::format("{:04d}-12-31", year);
  std::vector<UnitKindFigures> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare
             << std::string("SELECT b.id, b.name, e.kind, COUNT(DISTINCT e.uscc), COUNT(DISTINCT "
                            "r.uscc), COUNT(DISTINCT CASE WHEN r.late = 1 THEN r.uscc END) FROM "
                            "entity e") +
                    kInScope +
                    "LEFT JOIN annual_report r ON r.uscc = e.uscc AND r.year = :y AND "
                    "r.version = 1 WHERE e.established_on <= :end AND e.status IN "
                    "('active', 'suspended') GROUP BY b.id, b.name, e.kind ORDER BY b.name, "
                    "b.id, e.kind",
         soci::use(path), soci::use(prefix), soci::use(year), soci::use(year_end));
    for (const soci::row& r : rows) {
      UnitKindFigures f;
      f.unit_id = RowInt(r, 0);
      f.unit_name = RowText(r, 1);
      f.kind = RowText(r, 2);
      f.owing = RowInt(r, 3);
      f.filed = RowInt(r, 4);
      f.late = RowInt(r, 5);
      out.push_back(std::move(f));
    }
  }
  return out;
}

StatusOr<std::vector<ReasonYear>> ListingsInYear(soci::session& sql,
                                                 const std::vector<std::string>& paths, int year) {
  const std::string from = fmt::format("{:04d}-01-01", year),
                    to = fmt::format("{:04d}-12-31", year);
  std::vector<ReasonYear> out;
  auto add = [&](const std::string& reason, int64_t listed, int64_t removed) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const ReasonYear& y) { return y.reason == reason; });
    if (it == out.end()) it = out.insert(out.end(), ReasonYear{reason, 0, 0});
    it->listed += listed;
    it->removed += removed;
  };
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(
                            "SELECT l.reason, COALESCE(SUM(CASE WHEN l.listed_on BETWEEN :f AND "
                            ":t THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN l.state = "
                            "'removed' AND l.removed_on BETWEEN :f2 AND :t2 THEN 1 ELSE 0 END), 0) "
                            "FROM abnormal_listing l JOIN entity e ON e.uscc = l.uscc") +
                            kInScope +
                            "WHERE l.listed_on <= :t3 AND (l.listed_on >= :f3 OR l.removed_on >= "
                            ":f4) GROUP BY l.reason ORDER BY l.reason",
         soci::use(from), soci::use(to), soci::use(from), soci::use(to), soci::use(path),
         soci::use(prefix), soci::use(to), soci::use(from), soci::use(from));
    for (const soci::row& r : rows) add(RowText(r, 0), RowInt(r, 1), RowInt(r, 2));
  }
  return out;
}

}  // namespace amr::credit
