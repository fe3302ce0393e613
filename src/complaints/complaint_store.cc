// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/complaint_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <charconv>

#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::complaints {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr const char* kColumns =
    "id, query_code, kind, channel, state, business_uscc, business_name, region_code, "
    "consumer_name, consumer_phone, summary, COALESCE(occurred_on, ''), received_at, received_on, "
    "unit_id, unit_path, (SELECT name FROM org_unit u WHERE u.id = c.unit_id), accept_due_on, "
    "accept_due_provisional, decided_on, decided_by, not_accept_reason, decided_late, "
    "mediation_due_on, mediation_due_provisional, outcome, amount_recovered, closed_on, rating, "
    "problem_kind, industry_code, check_due_on, check_due_provisional, check_extended_by, "
    "report_decision, report_note, transferred_to, COALESCE(lead_id, 0), reporter_told_on, "
    "odr_due_on, odr_due_provisional, odr_result, odr_replied_on "
    "FROM complaint c ";

// "" for a date not set, the date otherwise.
std::string DateText(const codes::CountedDate& d) {
  return d.date == Date::FromSysDays({}) ? std::string() : d.date.ToString();
}

Status ReadDate(const soci::row& r, size_t text, size_t provisional, const char* field,
                codes::CountedDate& out) {
  if (const std::string on = RowText(r, text); !on.empty()) {
    ASSIGN_OR_RETURN(out.date, Date::Parse(on, field));
  }
  out.provisional = RowInt(r, provisional) != 0;
  return OkStatus();
}

StatusOr<Complaint> FromRow(const soci::row& r) {
  Complaint c;
  c.id = RowInt(r, 0);
  c.query_code = RowText(r, 1);
  ASSIGN_OR_RETURN(c.kind, ParseKind(RowText(r, 2)));
  ASSIGN_OR_RETURN(c.channel, ParseChannel(RowText(r, 3)));
  ASSIGN_OR_RETURN(c.state, ParseState(RowText(r, 4)));
  c.business_uscc = RowText(r, 5);
  c.business_name = RowText(r, 6);
  c.region_code = RowText(r, 7);
  c.consumer_name = RowText(r, 8);
  c.consumer_phone = RowText(r, 9);
  c.summary = RowText(r, 10);
  if (const std::string on = RowText(r, 11); !on.empty()) {
    ASSIGN_OR_RETURN(c.occurred_on, Date::Parse(on, "occurred_on"));
  }
  c.received_at = RowText(r, 12);
  ASSIGN_OR_RETURN(c.received_on, Date::Parse(RowText(r, 13), "received_on"));
  c.unit_id = RowInt(r, 14);
  c.unit_path = RowText(r, 15);
  c.unit_name = RowText(r, 16);
  RETURN_IF_ERROR(ReadDate(r, 17, 18, "accept_due_on", c.accept_due));
  c.decided_on = RowText(r, 19);
  c.decided_by = RowText(r, 20);
  c.not_accept_reason = RowText(r, 21);
  c.decided_late = RowInt(r, 22) != 0;
  RETURN_IF_ERROR(ReadDate(r, 23, 24, "mediation_due_on", c.mediation_due));
  if (const std::string outcome = RowText(r, 25); !outcome.empty()) {
    ASSIGN_OR_RETURN(c.outcome, ParseOutcome(outcome));
  }
  c.amount_recovered = RowInt(r, 26);
  c.closed_on = RowText(r, 27);
  c.rating = static_cast<int>(RowInt(r, 28));
  c.problem_kind = RowText(r, 29);
  c.industry_code = RowText(r, 30);
  RETURN_IF_ERROR(ReadDate(r, 31, 32, "check_due_on", c.check_due));
  c.check_extended_by = RowText(r, 33);
  if (const std::string d = RowText(r, 34); !d.empty()) {
    ASSIGN_OR_RETURN(c.report_decision, ParseReportDecision(d));
  }
  c.report_note = RowText(r, 35);
  c.transferred_to = RowText(r, 36);
  c.lead_id = RowInt(r, 37);
  c.reporter_told_on = RowText(r, 38);
  RETURN_IF_ERROR(ReadDate(r, 39, 40, "odr_due_on", c.odr_due));
  if (const std::string o = RowText(r, 41); !o.empty()) {
    ASSIGN_OR_RETURN(c.odr_result, ParseOdrResult(o));
  }
  c.odr_replied_on = RowText(r, 42);
  return c;
}

StatusOr<std::vector<Complaint>> Rows(soci::rowset<soci::row>& rows) {
  std::vector<Complaint> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(Complaint c, FromRow(r));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

StatusOr<Complaint> InsertComplaint(soci::session& sql, Complaint c,
                                    const std::string& client_key) {
  const std::string kind(KindId(c.kind)), channel(ChannelId(c.channel)), state(StateId(c.state)),
      received_on = c.received_on.ToString(), due = DateText(c.accept_due),
      check_due = DateText(c.check_due), odr_due = DateText(c.odr_due),
      occurred = c.occurred_on ? c.occurred_on->ToString() : std::string();
  soci::indicator key_ind = client_key.empty() ? soci::i_null : soci::i_ok;
  soci::indicator occurred_ind = c.occurred_on ? soci::i_ok : soci::i_null;
  const int provisional = c.accept_due.provisional ? 1 : 0,
            check_provisional = c.check_due.provisional ? 1 : 0,
            odr_provisional = c.odr_due.provisional ? 1 : 0;
  long long unit = c.unit_id, id = 0;
  sql << "INSERT INTO complaint (query_code, client_key, kind, channel, state, business_uscc, "
         "business_name, region_code, consumer_name, consumer_phone, summary, occurred_on, "
         "received_at, received_on, unit_id, unit_path, accept_due_on, accept_due_provisional, "
         "problem_kind, industry_code, check_due_on, check_due_provisional, odr_due_on, "
         "odr_due_provisional, updated_at) VALUES (:q, :k, :kind, :ch, :st, :bu, :bn, :r, :cn, "
         ":cp, :s, :o, :ra, :ro, :u, :up, :d, :dp, :pk, :ic, :cd, :cdp, :od, :odp, :now) "
         "RETURNING id",
      soci::use(c.query_code), soci::use(client_key, key_ind), soci::use(kind), soci::use(channel),
      soci::use(state), soci::use(c.business_uscc), soci::use(c.business_name),
      soci::use(c.region_code), soci::use(c.consumer_name), soci::use(c.consumer_phone),
      soci::use(c.summary), soci::use(occurred, occurred_ind), soci::use(c.received_at),
      soci::use(received_on), soci::use(unit), soci::use(c.unit_path), soci::use(due),
      soci::use(provisional), soci::use(c.problem_kind), soci::use(c.industry_code),
      soci::use(check_due), soci::use(check_provisional), soci::use(odr_due),
      soci::use(odr_provisional), soci::use(c.received_at), soci::into(id);
  return GetComplaint(sql, id);
}

StatusOr<std::optional<Complaint>> FindByClientKey(soci::session& sql, std::string_view key_view) {
  const std::string key(key_view);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE client_key = :k", soci::use(key));
  ASSIGN_OR_RETURN(std::vector<Complaint> found, Rows(rows));
  if (found.empty()) return std::optional<Complaint>();
  return std::optional<Complaint>(std::move(found.front()));
}

StatusOr<Complaint> GetComplaint(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE id = :id", soci::use(key));
  ASSIGN_OR_RETURN(std::vector<Complaint> found, Rows(rows));
  if (found.empty()) return NotFoundError(fmt::format("没有编号为 {} 的投诉举报", id), "id");
  return std::move(found.front());
}

StatusOr<std::vector<Complaint>> ListComplaints(soci::session& sql,
                                                const std::vector<std::string>& unit_paths,
                                                std::optional<State> state, int limit) {
  std::vector<Complaint> out;
  const std::string state_id = state ? std::string(StateId(*state)) : std::string();
  for (const std::string& path : unit_paths) {
    const std::string like = storage::EscapeLike(path) + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kColumns
                     << "WHERE unit_path LIKE :p ESCAPE '\\' AND (:s = '' OR state = :s2) "
                        "ORDER BY id DESC LIMIT :n",
         soci::use(like), soci::use(state_id), soci::use(state_id), soci::use(limit));
    ASSIGN_OR_RETURN(std::vector<Complaint> part, Rows(rows));
    for (Complaint& c : part) {
      bool seen = false;
      for (const Complaint& o : out) seen = seen || o.id == c.id;
      if (!seen) out.push_back(std::move(c));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Complaint& a, const Complaint& b) { return a.id > b.id; });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

StatusOr<std::vector<Complaint>> ListSentToBusiness(soci::session& sql, std::string_view uscc_view,
                                                    int limit) {
  const std::string uscc(uscc_view);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << "WHERE business_uscc = :u AND odr_due_on <> '' ORDER BY CASE WHEN state = "
                      "'with_business' THEN 0 ELSE 1 END, id DESC LIMIT :n",
       soci::use(uscc), soci::use(limit));
  return Rows(rows);
}

StatusOr<int64_t> ComplaintIdOf(std::string_view subject) {
  constexpr std::string_view kPrefix = "complaint:";
  long long id = 0;
  const std::string_view digits = subject.substr(std::min(subject.size(), kPrefix.size()));
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (!subject.starts_with(kPrefix) || ec != std::errc() || end != digits.data() + digits.size()) {
    return InvalidArgumentError(fmt::format("不是投诉举报的期限：{}", subject), "subject");
  }
  return static_cast<int64_t>(id);
}

// Writes a moved due date into the record's copy: `column` is one of the
// fixed due-date columns below (never input), with its _provisional twin.
Status MoveDueColumn(soci::session& sql, std::string_view subject, const codes::CountedDate& due,
                     std::string_view column) {
  ASSIGN_OR_RETURN(int64_t id, ComplaintIdOf(subject));
  const long long key = id;
  const std::string date = due.date.ToString();
  const int provisional = due.provisional ? 1 : 0;
  sql << fmt::format("UPDATE complaint SET {0}_on = :d, {0}_provisional = :p WHERE id = :id",
                     column),
      soci::use(date), soci::use(provisional), soci::use(key);
  return OkStatus();
}

Status MoveAcceptDue(soci::session& sql, std::string_view subject, const codes::CountedDate& due) {
  return MoveDueColumn(sql, subject, due, "accept_due");
}

Status MoveMediationDue(soci::session& sql, std::string_view subject,
                        const codes::CountedDate& due) {
  return MoveDueColumn(sql, subject, due, "mediation_due");
}

Status MoveCheckDue(soci::session& sql, std::string_view subject, const codes::CountedDate& due) {
  return MoveDueColumn(sql, subject, due, "check_due");
}

Status MoveOdrDue(soci::session& sql, std::string_view subject, const codes::CountedDate& due) {
  return MoveDueColumn(sql, subject, due, "odr_due");
}

Status InsertSession(soci::session& sql, int64_t complaint_id, const Session& s) {
  const long long id = complaint_id;
  const std::string held = s.held_on.ToString();
  sql << "INSERT INTO complaint_session (complaint_id, held_on, note, recorded_by, recorded_at) "
         "VALUES (:c, :h, :n, :by, :at)",
      soci::use(id), soci::use(held), soci::use(s.note), soci::use(s.recorded_by),
      soci::use(s.recorded_at);
  return OkStatus();
}

StatusOr<std::vector<Session>> ListSessions(soci::session& sql, int64_t complaint_id) {
  const long long id = complaint_id;
  std::vector<Session> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT held_on, note, recorded_by, recorded_at FROM complaint_session "
                      "WHERE complaint_id = :c ORDER BY held_on, id",
       soci::use(id));
  for (const soci::row& r : rows) {
    Session s;
    ASSIGN_OR_RETURN(s.held_on, Date::Parse(RowText(r, 0), "held_on"));
    s.note = RowText(r, 1);
    s.recorded_by = RowText(r, 2);
    s.recorded_at = RowText(r, 3);
    out.push_back(std::move(s));
  }
  return out;
}

Status SaveComplaint(soci::session& sql, const Complaint& c, const std::string& now) {
  const std::string state(StateId(c.state)),
      mediation_due = DateText(c.mediation_due),
      outcome = c.outcome ? std::string(OutcomeId(*c.outcome)) : std::string(),
      accept_due = DateText(c.accept_due), check_due = DateText(c.check_due),
      decision = c.report_decision ? std::string(ReportDecisionId(*c.report_decision)) : "",
      odr_result = c.odr_result ? std::string(OdrResultId(*c.odr_result)) : "";
  long long unit = c.unit_id, id = c.id, amount = c.amount_recovered, lead = c.lead_id;
  soci::indicator lead_ind = c.lead_id == 0 ? soci::i_null : soci::i_ok;
  const int late = c.decided_late ? 1 : 0, provisional = c.mediation_due.provisional ? 1 : 0,
            rating = c.rating, accept_provisional = c.accept_due.provisional ? 1 : 0,
            check_provisional = c.check_due.provisional ? 1 : 0;
  sql << "UPDATE complaint SET state = :s, unit_id = :u, unit_path = :up, decided_on = :d, "
         "decided_by = :by, not_accept_reason = :r, decided_late = :l, mediation_due_on = :md, "
         "mediation_due_provisional = :mp, outcome = :o, amount_recovered = :a, closed_on = :c, "
         "rating = :rt, accept_due_on = :ad, accept_due_provisional = :adp, problem_kind = :pk, "
         "check_due_on = :cd, check_due_provisional = :cdp, check_extended_by = :ceb, "
         "report_decision = :rd, report_note = :rn, transferred_to = :tt, lead_id = :lead, "
         "reporter_told_on = :rto, odr_result = :odr, odr_replied_on = :odro, updated_at = :now "
         "WHERE id = :id",
      soci::use(state), soci::use(unit), soci::use(c.unit_path), soci::use(c.decided_on),
      soci::use(c.decided_by), soci::use(c.not_accept_reason), soci::use(late),
      soci::use(mediation_due), soci::use(provisional), soci::use(outcome), soci::use(amount),
      soci::use(c.closed_on), soci::use(rating), soci::use(accept_due),
      soci::use(accept_provisional), soci::use(c.problem_kind), soci::use(check_due),
      soci::use(check_provisional), soci::use(c.check_extended_by), soci::use(decision),
      soci::use(c.report_note), soci::use(c.transferred_to), soci::use(lead, lead_ind),
      soci::use(c.reporter_told_on), soci::use(odr_result), soci::use(c.odr_replied_on),
      soci::use(now), soci::use(id);
  return OkStatus();
}

StatusOr<Unit> UnitOfRegion(soci::session& sql, std::string_view region_view) {
  const std::string region(region_view);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, path, name, code FROM org_unit WHERE region_code = :r AND kind "
                      "IN ('county_bureau', 'city_bureau', 'province_bureau') "
                      "ORDER BY LENGTH(path), id LIMIT 1",
       soci::use(region));
  for (const soci::row& r : rows) {
    return Unit{RowInt(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3)};
  }
  return NotFoundError(fmt::format("本平台没有行政区划 {} 的市场监管部门", region),
                       "business.region_code");
}

StatusOr<std::optional<RegisteredBusiness>> FindBusiness(soci::session& sql,
                                                         std::string_view uscc_view) {
  const std::string uscc(uscc_view);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT name, region_code, address, industry_code FROM entity WHERE uscc = "
                      ":u",
       soci::use(uscc));
  for (const soci::row& r : rows) {
    return std::optional<RegisteredBusiness>(RegisteredBusiness{
        RowText(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3).substr(0, 2)});
  }
  return std::optional<RegisteredBusiness>();
}

StatusOr<std::map<std::string, RegisteredBusiness>> FindBusinesses(
    soci::session& sql, const std::vector<std::string>& usccs) {
  std::map<std::string, RegisteredBusiness> out;
  // 200 a query: each USCC is bound, never spliced into the text.
  constexpr size_t kChunk = 200;
  for (size_t at = 0; at < usccs.size(); at += kChunk) {
    const size_t n = std::min(kChunk, usccs.size() - at);
    std::string q =
        "SELECT uscc, name, region_code, address, industry_code FROM entity WHERE uscc IN (";
    for (size_t i = 0; i < n; ++i) q += fmt::format("{}:u{}", i == 0 ? "" : ", ", i);
    q += ")";
    soci::statement st(sql);
    std::vector<std::string> bound(usccs.begin() + at, usccs.begin() + at + n);
    for (size_t i = 0; i < n; ++i) st.exchange(soci::use(bound[i], fmt::format("u{}", i)));
    soci::row r;
    st.exchange(soci::into(r));
    st.alloc();
    st.prepare(q);
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        out[RowText(r, 0)] = RegisteredBusiness{RowText(r, 1), RowText(r, 2), RowText(r, 3),
                                                RowText(r, 4).substr(0, 2)};
      } while (st.fetch());
    }
  }
  return out;
}

StatusOr<Unit> ReceivingUnit(soci::session& sql, std::string_view region_code,
                             std::string_view address, std::string_view chosen,
                             const StationAreas& areas) {
  ASSIGN_OR_RETURN(Unit county, UnitOfRegion(sql, region_code));
  ASSIGN_OR_RETURN(std::vector<Unit> units, CountyUnits(sql, county.path));
  if (!chosen.empty()) {
    for (const Unit& u : units) {
      if (u.code == chosen) return u;
    }
    return InvalidArgumentError("只能选择经营者所在县区的市场监管局或市场监管所", "unit_code");
  }
  std::vector<std::string> stations;
  for (const Unit& u : units) {
    if (u.path != county.path) stations.push_back(u.code);
  }
  const std::string station = areas.StationFor(address, stations);
  for (const Unit& u : units) {
    if (!station.empty() && u.code == station) return u;
  }
  return county;
}

StatusOr<std::vector<Unit>> CountyUnits(soci::session& sql, const std::string& county_path) {
  const std::string like = storage::EscapeLike(county_path) + "%";
  std::vector<Unit> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, path, name, code FROM org_unit WHERE path LIKE :p ESCAPE '\\' "
                      "AND (path = :c OR kind = 'station') ORDER BY LENGTH(path), code",
       soci::use(like), soci::use(county_path));
  for (const soci::row& r : rows) {
    out.push_back(Unit{RowInt(r, 0), RowText(r, 1), RowText(r, 2), RowText(r, 3)});
  }
  return out;
}

}  // namespace amr::complaints
