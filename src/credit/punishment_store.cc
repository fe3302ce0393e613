// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/punishment_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "storage/query.h"
#include "storage/rows.h"

namespace amr::credit {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowText;

// The lists of one entity, onto `p`.
Status FillStanding(soci::session& sql, PartyStanding& p) {
  soci::rowset<soci::row> abnormal =
      (sql.prepare << "SELECT l.listed_on, e.kind FROM abnormal_listing l JOIN entity e ON "
                      "e.uscc = l.uscc WHERE l.uscc = :u AND l.state <> 'removed' ORDER BY "
                      "l.listed_on LIMIT 1",
       soci::use(p.uscc));
  for (const soci::row& r : abnormal) {
    p.abnormal_since = RowText(r, 0);
    p.abnormal_status_only = RowText(r, 1) == "individual_business";
  }
  soci::rowset<soci::row> serious =
      (sql.prepare << "SELECT decided_on, listed_until, state FROM serious_listing WHERE uscc = "
                      ":u AND state IN ('listed', 'removed') ORDER BY decided_on DESC LIMIT 1",
       soci::use(p.uscc));
  for (const soci::row& r : serious) {
    p.serious_since = RowText(r, 0);
    p.serious_until = RowText(r, 1);
    p.serious_current = RowText(r, 2) == "listed";
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::optional<PartyStanding>> StandingOf(soci::session& sql, const std::string& uscc) {
  std::optional<PartyStanding> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT uscc, name, region_code FROM entity WHERE uscc = :u",
       soci::use(uscc));
  for (const soci::row& r : rows) {
    out = PartyStanding{};
    out->uscc = RowText(r, 0);
    out->name = RowText(r, 1);
    out->region_code = RowText(r, 2);
  }
  if (out) RETURN_IF_ERROR(FillStanding(sql, *out));
  return out;
}

StatusOr<std::vector<PartyStanding>> SeriousEntitiesRepresentedBy(soci::session& sql,
                                                                  const std::string& citizen_id) {
  std::vector<PartyStanding> out;
  storage::Params params;
  RETURN_IF_ERROR(storage::Query(
      sql,
      "SELECT DISTINCT e.uscc, e.name, e.region_code FROM entity e JOIN serious_listing s ON "
      "s.uscc = e.uscc AND s.state IN ('listed', 'removed') WHERE e.legal_rep_id = " +
          params.Text(citizen_id) + " ORDER BY e.uscc",
      params, [&](const soci::row& r) -> Status {
        PartyStanding p;
        p.uscc = RowText(r, 0);
        p.name = RowText(r, 1);
        p.region_code = RowText(r, 2);
        out.push_back(std::move(p));
        return OkStatus();
      }));
  for (PartyStanding& p : out) RETURN_IF_ERROR(FillStanding(sql, p));
  return out;
}

StatusOr<std::string> UnitRegion(soci::session& sql, int64_t unit_id) {
  const long long id = unit_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT region_code FROM org_unit WHERE id = :id", soci::use(id));
  for (const soci::row& r : rows) return RowText(r, 0);
  return std::string();
}

StatusOr<int64_t> InsertQuery(soci::session& sql, int64_t user_id, int64_t unit_id,
                              const std::string& party_kind, const std::string& party,
                              const std::vector<std::string>& measures, const std::string& now) {
  const long long user = user_id, unit = unit_id;
  const std::string list = json(measures).dump();
  long long id = 0;
  sql << "INSERT INTO punishment_query (user_id, org_unit_id, party_kind, party, measures, "
         "asked_at) VALUES (:u, :o, :k, :p, :m, :t) RETURNING id",
      soci::use(user), soci::use(unit), soci::use(party_kind), soci::use(party), soci::use(list),
      soci::use(now), soci::into(id);
  return static_cast<int64_t>(id);
}

StatusOr<StoredQuery> GetQuery(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, user_id, measures FROM punishment_query WHERE id = :id",
       soci::use(key));
  for (const soci::row& r : rows) {
    StoredQuery q{RowInt(r, 0), RowInt(r, 1), {}};
    const json m = json::parse(RowText(r, 2), nullptr, false);
    if (!m.is_array()) return InternalError("联合惩戒查询记录损坏");
    for (const json& x : m) q.measures.push_back(x.get<std::string>());
    return q;
  }
  return NotFoundError(fmt::format("没有编号为 {} 的查询", id), "id");
}

Status InsertFeedback(soci::session& sql, int64_t query_id, const std::string& measure_id,
                      bool applied, const std::string& note, const std::string& now) {
  const long long q = query_id;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM punishment_feedback WHERE query_id = :q AND measure_id = :m",
      soci::use(q), soci::use(measure_id), soci::into(n);
  if (n > 0) return FailedPreconditionError("这项措施的执行情况已经反馈过", "measure_id");
  const int a = applied ? 1 : 0;
  sql << "INSERT INTO punishment_feedback (query_id, measure_id, applied, note, reported_at) "
         "VALUES (:q, :m, :a, :n, :t)",
      soci::use(q), soci::use(measure_id), soci::use(a), soci::use(note), soci::use(now);
  return OkStatus();
}

StatusOr<PunishmentFigures> PunishmentFiguresOf(soci::session& sql) {
  PunishmentFigures out;
  long long queries = 0;
  sql << "SELECT COUNT(*) FROM punishment_query", soci::into(queries);
  out.queries = queries;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT measure_id, SUM(applied), COUNT(*) FROM punishment_feedback GROUP "
                      "BY measure_id ORDER BY measure_id");
  for (const soci::row& r : rows) {
    const int64_t applied = RowInt(r, 1);
    out.feedback.push_back({RowText(r, 0), applied, RowInt(r, 2) - applied});
  }
  return out;
}

}  // namespace amr::credit
