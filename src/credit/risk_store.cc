// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/risk_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "storage/rows.h"

namespace amr::credit {

using nlohmann::json;
using storage::RowInt;
using storage::RowText;

StatusOr<std::vector<RiskFacts>> LoadRiskFacts(soci::session& sql, int report_year,
                                               const std::string& after, int limit) {
  const std::string year_end = fmt::format("{:04d}-12-31", report_year);
  // Fetched into vectors, many rows at a time: a soci::row per row costs more
  // than the database's own reading of it.
  std::vector<std::string> uscc(static_cast<size_t>(limit)), kind(uscc.size()),
      established(uscc.size());
  // Keyset pagination on the primary key: each batch starts where the last
  // one ended, whatever was registered or deregistered in between.
  sql << "SELECT uscc, kind, established_on FROM entity WHERE uscc > :a AND status IN "
         "('active', 'suspended') ORDER BY uscc LIMIT :n",
      soci::into(uscc), soci::into(kind), soci::into(established), soci::use(after),
      soci::use(limit);
  std::vector<RiskFacts> out(uscc.size());
  std::unordered_map<std::string, size_t> index;
  index.reserve(uscc.size());
  for (size_t i = 0; i < uscc.size(); ++i) {
    RiskFacts& f = out[i];
    f.uscc = std::move(uscc[i]);
    f.kind = std::move(kind[i]);
    ASSIGN_OR_RETURN(f.established_on, Date::Parse(established[i], "established_on"));
    f.report_missing = !(year_end < established[i]);  // existed by the year's end
    index.emplace(f.uscc, i);
  }
  if (out.empty()) return out;
  // The other tables by the batch's range of USCCs, each through an index
  // that leads with the USCC (or, for the reports, the year and the USCC).
  const std::string first = out.front().uscc, last = out.back().uscc;
  constexpr size_t kFetch = 4096;
  {
    std::vector<std::string> filer(kFetch);
    std::vector<int> late(kFetch);
    soci::statement st =
        (sql.prepare << "SELECT uscc, late FROM annual_report WHERE year = :y AND version = 1 AND "
                        "uscc >= :f AND uscc <= :l",
         soci::into(filer), soci::into(late), soci::use(report_year), soci::use(first),
         soci::use(last));
    st.execute();
    while (st.fetch()) {
      for (size_t i = 0; i < filer.size(); ++i) {
        auto it = index.find(filer[i]);
        if (it == index.end()) continue;
        out[it->second].report_missing = false;
        out[it->second].report_late = late[i] != 0;
      }
      filer.resize(kFetch);
      late.resize(kFetch);
    }
  }
  {
    std::vector<std::string> listed(kFetch), state(kFetch), removed_on(kFetch);
    soci::statement st =
        (sql.prepare << "SELECT uscc, state, removed_on FROM abnormal_listing WHERE uscc >= :f AND "
                        "uscc <= :l",
         soci::into(listed), soci::into(state), soci::into(removed_on), soci::use(first),
         soci::use(last));
    st.execute();
    while (st.fetch()) {
      for (size_t i = 0; i < listed.size(); ++i) {
        auto it = index.find(listed[i]);
        if (it == index.end()) continue;
        RiskFacts& f = out[it->second];
        if (state[i] != "removed") {
          f.abnormal_listed = true;
        } else if (StatusOr<Date> d = Date::Parse(removed_on[i], "removed_on"); d.ok()) {
          if (!f.abnormal_removed_on || *f.abnormal_removed_on < *d) f.abnormal_removed_on = *d;
        }
      }
      listed.resize(kFetch);
      state.resize(kFetch);
      removed_on.resize(kFetch);
    }
  }
  {
    // The state is compared here, not in SQL: with "state = 'listed'" SQLite
    // reads every listed entity of the register by serious_listing_state.
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT uscc, state FROM serious_listing WHERE uscc >= :f AND uscc <= :l",
         soci::use(first), soci::use(last));
    for (const soci::row& r : rows) {
      if (RowText(r, 1) != "listed") continue;
      auto it = index.find(RowText(r, 0));
      if (it != index.end()) out[it->second].serious_listed = true;
    }
  }
  return out;
}

Status SaveClassifications(soci::session& sql, const Date& on, const Date& rule_from,
                           const std::string& after, const std::optional<std::string>& last,
                           const std::vector<Classification>& batch) {
  const std::string day = on.ToString(), from = rule_from.ToString();
  // The day's rows in the batch's range, by credit_risk_day (classified_on,
  // uscc): none on a first run, the earlier run's on a repeated one.
  if (last) {
    sql << "DELETE FROM credit_risk WHERE classified_on = :d AND uscc > :a AND uscc <= :l",
        soci::use(day), soci::use(after), soci::use(*last);
  } else {
    sql << "DELETE FROM credit_risk WHERE classified_on = :d AND uscc > :a", soci::use(day),
        soci::use(after);
  }
  if (batch.empty()) return OkStatus();
  const bool sqlite = sql.get_backend_name() == "sqlite3";
  // Many rows per statement, every value bound: over the network one round
  // trip per chunk; in SQLite the statement's fixed work (its CHECK's list
  // of classes among it) once per chunk. A full chunk's statement is prepared
  // once and run again with the next rows. On PostgreSQL the rows as
  // inserted also set the class of the entities whose class changed, found by
  // their key whatever the planner thinks of the day's rows.
  constexpr size_t kChunk = 256;
  std::vector<std::string> uscc(kChunk), letter(kChunk), hits(kChunk);
  std::vector<int> points(kChunk);
  const auto prepare = [&](soci::statement& st, size_t n) {
    std::string text =
        sqlite ? "INSERT INTO credit_risk (uscc, classified_on, class, points, hits, rule_from) "
                 "VALUES "
               : "WITH added AS (INSERT INTO credit_risk (uscc, classified_on, class, points, "
                 "hits, rule_from) VALUES ";
    for (size_t i = 0; i < n; ++i) {
      text += fmt::format("{}(:u{}, :d{}, :c{}, :p{}, :h{}, :f{})", i == 0 ? "" : ", ", i, i, i, i,
                          i, i);
      st.exchange(soci::use(uscc[i]));
      st.exchange(soci::use(day));
      st.exchange(soci::use(letter[i]));
      st.exchange(soci::use(points[i]));
      st.exchange(soci::use(hits[i]));
      st.exchange(soci::use(from));
    }
    if (!sqlite) {
      text +=
          " RETURNING uscc, class) UPDATE entity SET credit_class = added.class FROM added WHERE "
          "entity.uscc = added.uscc AND entity.credit_class <> added.class";
    }
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
  };
  std::optional<soci::statement> full;
  for (size_t start = 0; start < batch.size(); start += kChunk) {
    const size_t n = std::min(kChunk, batch.size() - start);
    for (size_t i = 0; i < n; ++i) {
      const Classification& c = batch[start + i];
      uscc[i] = c.uscc;
      letter[i] = std::string(1, c.letter);
      points[i] = c.points;
      hits[i] = HitsJson(c.hits).dump();
    }
    if (n == kChunk) {
      if (!full) prepare(full.emplace(sql), kChunk);
      full->execute(true);
    } else {
      soci::statement rest(sql);
      prepare(rest, n);
      rest.execute(true);
    }
  }
  if (sqlite) {
    // In-process, one statement for the batch: its rows of the day by
    // credit_risk_day, each entity by its key, only those whose class changed
    // rewritten.
    const std::string first = batch.front().uscc, last_uscc = batch.back().uscc;
    sql << "UPDATE entity SET credit_class = r.class FROM credit_risk r WHERE r.classified_on = "
           ":d AND r.uscc >= :f AND r.uscc <= :l AND entity.uscc = r.uscc AND entity.credit_class "
           "<> r.class",
        soci::use(day), soci::use(first), soci::use(last_uscc);
  }
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
