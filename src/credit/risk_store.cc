// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/risk_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <unordered_map>

#include "storage/rows.h"

namespace amr::credit {

using nlohmann::json;
using storage::RowInt;
using storage::RowText;

StatusOr<std::vector<RiskFacts>> LoadRiskFacts(soci::session& sql, int report_year) {
  const std::string year_end = fmt::format("{:04d}-12-31", report_year);
  std::vector<RiskFacts> out;
  std::unordered_map<std::string, size_t> index;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT uscc, kind, established_on FROM entity WHERE status IN "
                        "('active', 'suspended') ORDER BY uscc");
    for (const soci::row& r : rows) {
      RiskFacts f;
      f.uscc = RowText(r, 0);
      f.kind = RowText(r, 1);
      ASSIGN_OR_RETURN(f.established_on, Date::Parse(RowText(r, 2), "established_on"));
      f.report_missing = !(year_end < RowText(r, 2));  // existed by the year's end
      index.emplace(f.uscc, out.size());
      out.push_back(std::move(f));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT uscc, late FROM annual_report WHERE year = :y AND version = 1",
         soci::use(report_year));
    for (const soci::row& r : rows) {
      auto it = index.find(RowText(r, 0));
      if (it == index.end()) continue;
      out[it->second].report_missing = false;
      out[it->second].report_late = RowInt(r, 1) != 0;
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT uscc, state, removed_on FROM abnormal_listing");
    for (const soci::row& r : rows) {
      auto it = index.find(RowText(r, 0));
      if (it == index.end()) continue;
      RiskFacts& f = out[it->second];
      if (RowText(r, 1) != "removed") {
        f.abnormal_listed = true;
      } else if (StatusOr<Date> d = Date::Parse(RowText(r, 2), "removed_on"); d.ok()) {
        if (!f.abnormal_removed_on || *f.abnormal_removed_on < *d) f.abnormal_removed_on = *d;
      }
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT uscc FROM serious_listing WHERE state = 'listed'");
    for (const soci::row& r : rows) {
      auto it = index.find(RowText(r, 0));
      if (it != index.end()) out[it->second].serious_listed = true;
    }
  }
  return out;
}

Status SaveClassifications(soci::session& sql, const Date& on, const Date& rule_from,
                           const std::vector<Classification>& all) {
  const std::string day = on.ToString(), from = rule_from.ToString();
  sql << "DELETE FROM credit_risk WHERE classified_on = :d", soci::use(day);
  if (sql.get_backend_name() == "sqlite3") {
    // In-process: one prepared statement per row is the fast way.
    std::string uscc, letter, hits;
    int points = 0;
    soci::statement insert =
        (sql.prepare << "INSERT INTO credit_risk (uscc, classified_on, class, points, hits, "
                        "rule_from) VALUES (:u, :d, :c, :p, :h, :f)",
         soci::use(uscc), soci::use(day), soci::use(letter), soci::use(points), soci::use(hits),
         soci::use(from));
    soci::statement update =
        (sql.prepare << "UPDATE entity SET credit_class = :c WHERE uscc = :u AND credit_class "
                        "<> :c2",
         soci::use(letter), soci::use(uscc), soci::use(letter));
    for (const Classification& c : all) {
      uscc = c.uscc;
      letter = std::string(1, c.letter);
      points = c.points;
      hits = HitsJson(c.hits).dump();
      insert.execute(true);
      update.execute(true);
    }
    return OkStatus();
  }
  // Over the network: many rows per statement (one round trip each), every
  // value bound.
  constexpr size_t kChunk = 256;
  std::vector<std::string> uscc(kChunk), letter(kChunk), hits(kChunk);
  std::vector<int> points(kChunk);
  for (size_t start = 0; start < all.size(); start += kChunk) {
    const size_t n = std::min(kChunk, all.size() - start);
    std::string text =
        "INSERT INTO credit_risk (uscc, classified_on, class, points, hits, rule_from) VALUES ";
    soci::statement insert(sql);
    for (size_t i = 0; i < n; ++i) {
      const Classification& c = all[start + i];
      uscc[i] = c.uscc;
      letter[i] = std::string(1, c.letter);
      points[i] = c.points;
      hits[i] = HitsJson(c.hits).dump();
      text += fmt::format("{}(:u{}, :d{}, :c{}, :p{}, :h{}, :f{})", i == 0 ? "" : ", ", i, i, i, i,
                          i, i);
      insert.exchange(soci::use(uscc[i]));
      insert.exchange(soci::use(day));
      insert.exchange(soci::use(letter[i]));
      insert.exchange(soci::use(points[i]));
      insert.exchange(soci::use(hits[i]));
      insert.exchange(soci::use(from));
    }
    insert.alloc();
    insert.prepare(text);
    insert.define_and_bind();
    insert.execute(true);
  }
  // The current class onto the entities whose class changed, in one statement.
  sql << "UPDATE entity SET credit_class = r.class FROM credit_risk r WHERE r.uscc = entity.uscc "
         "AND r.classified_on = :d AND entity.credit_class <> r.class",
      soci::use(day);
  return OkStatus();
}

StatusOr<std::vector<StoredClassification>> RiskHistory(soci::session& sql, const std::string& uscc,
                                                        int limit) {
  std::vector<StoredClassification> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT classified_on, class, points, hits, rule_from FROM credit_risk "
                      "WHERE uscc = :u ORDER BY classified_on DESC LIMIT :n",
       soci::use(uscc), soci::use(limit));
  for (const soci::row& r : rows) {
    StoredClassification s;
    ASSIGN_OR_RETURN(s.classified_on, Date::Parse(RowText(r, 0), "classified_on"));
    s.letter = RowText(r, 1).empty() ? 'B' : RowText(r, 1)[0];
    s.points = static_cast<int>(RowInt(r, 2));
    s.hits = json::parse(RowText(r, 3), nullptr, false);
    if (s.hits.is_discarded()) return InternalError("信用风险分类记录损坏：" + uscc);
    ASSIGN_OR_RETURN(s.rule_from, Date::Parse(RowText(r, 4), "rule_from"));
    out.push_back(std::move(s));
  }
  return out;
}

StatusOr<std::vector<UnitDistribution>> RiskDistribution(soci::session& sql,
                                                         const std::vector<std::string>& paths) {
  std::vector<UnitDistribution> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT b.id, b.name, e.credit_class, COUNT(*) FROM entity e JOIN "
                        "org_unit b ON b.region_code = e.region_code AND b.kind IN "
                        "('county_bureau', 'city_bureau', 'province_bureau') AND (b.path = :p "
                        "OR b.path LIKE :prefix) WHERE e.status IN ('active', 'suspended') "
                        "GROUP BY b.id, b.name, e.credit_class ORDER BY b.id",
         soci::use(path), soci::use(prefix));
    for (const soci::row& r : rows) {
      const int64_t id = RowInt(r, 0);
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const UnitDistribution& u) { return u.unit_id == id; });
      if (it == out.end()) {
        out.push_back({id, RowText(r, 1), {0, 0, 0, 0}});
        it = out.end() - 1;
      }
      const std::string c = RowText(r, 2);
      if (c.size() == 1 && c[0] >= 'A' && c[0] <= 'D') it->counts[c[0] - 'A'] += RowInt(r, 3);
    }
  }
  return out;
}

}  // namespace amr::credit
