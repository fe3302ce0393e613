// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/repair_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "credit/listing.h"
#include "storage/rows.h"

namespace amr::credit {
namespace {

using storage::RowInt;
using storage::RowText;

// Entities (alias e) whose county's bureau lies under :p<n> / :prefix<n>
// (numbered: SQLite binds a repeated name once).
std::string InScope(int n) {
  return fmt::format(
      " JOIN org_unit b ON b.region_code = e.region_code AND b.kind IN ('county_bureau', "
      "'city_bureau', 'province_bureau') AND (b.path = :p{0} OR b.path LIKE :prefix{0}) ",
      n);
}

std::vector<std::string> SplitKinds(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t comma = text.find(',', start);
    const size_t end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr const char* kPenaltyColumns =
    "p.id, p.uscc, e.name, e.kind, p.decision_no, p.decided_on, p.kinds, p.fine_fen, p.field, "
    "p.tier, p.facts, p.basis, p.content, p.authority_unit_id, u.name, p.published_on, "
    "p.public_until, p.repairable_from, p.fulfilled_on, p.state, p.repaired_on, p.published_late "
    "FROM "
    "penalty_publication p JOIN entity e ON e.uscc = p.uscc JOIN org_unit u ON u.id = "
    "p.authority_unit_id ";

StatusOr<PenaltyPublication> PenaltyFromRow(const soci::row& r) {
  PenaltyPublication p;
  p.id = RowInt(r, 0);
  p.uscc = RowText(r, 1);
  p.entity_name = RowText(r, 2);
  p.entity_kind = RowText(r, 3);
  p.decision_no = RowText(r, 4);
  ASSIGN_OR_RETURN(p.decided_on, Date::Parse(RowText(r, 5), "decided_on"));
  p.kinds = SplitKinds(RowText(r, 6));
  p.fine_fen = RowInt(r, 7);
  p.field = RowText(r, 8);
  p.tier = RowText(r, 9);
  p.facts = RowText(r, 10);
  p.basis = RowText(r, 11);
  p.content = RowText(r, 12);
  p.authority_unit_id = RowInt(r, 13);
  p.authority_name = RowText(r, 14);
  ASSIGN_OR_RETURN(p.published_on, Date::Parse(RowText(r, 15), "published_on"));
  ASSIGN_OR_RETURN(p.public_until, Date::Parse(RowText(r, 16), "public_until"));
  if (const std::string from = RowText(r, 17); !from.empty()) {
    ASSIGN_OR_RETURN(p.repairable_from, Date::Parse(from, "repairable_from"));
  }
  p.fulfilled_on = RowText(r, 18);
  p.state =
      RowText(r, 19) == "repaired" ? PublicationState::kRepaired : PublicationState::kPublished;
  p.repaired_on = RowText(r, 20);
  p.published_late = RowInt(r, 21) != 0;
  return p;
}

StatusOr<std::vector<PenaltyPublication>> PenaltyRows(soci::rowset<soci::row>& rows) {
  std::vector<PenaltyPublication> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(PenaltyPublication p, PenaltyFromRow(r));
    out.push_back(std::move(p));
  }
  return out;
}

constexpr const char* kRepairColumns =
    "a.id, a.uscc, e.name, e.kind, a.record_kind, a.record_id, a.applied_on, a.statement, "
    "a.evidence, a.commitment, a.due, a.authority_unit_id, a.state, a.decided_on, a.decided_by, "
    "a.decision_reason, a.decided_late FROM repair_application a JOIN entity e ON e.uscc = "
    "a.uscc JOIN org_unit u ON u.id = a.authority_unit_id ";

StatusOr<RepairApplication> RepairFromRow(const soci::row& r) {
  RepairApplication a;
  a.id = RowInt(r, 0);
  a.uscc = RowText(r, 1);
  a.entity_name = RowText(r, 2);
  a.entity_kind = RowText(r, 3);
  ASSIGN_OR_RETURN(a.record, ParseRepairRecord(RowText(r, 4)));
  a.record_id = RowInt(r, 5);
  ASSIGN_OR_RETURN(a.applied_on, Date::Parse(RowText(r, 6), "applied_on"));
  a.statement = RowText(r, 7);
  a.evidence = RowText(r, 8);
  a.commitment = RowInt(r, 9) != 0;
  ASSIGN_OR_RETURN(a.due, Date::Parse(RowText(r, 10), "due"));
  a.authority_unit_id = RowInt(r, 11);
  ASSIGN_OR_RETURN(a.state, ParseRepairState(RowText(r, 12)));
  a.decided_on = RowText(r, 13);
  a.decided_by = RowText(r, 14);
  a.decision_reason = RowText(r, 15);
  a.decided_late = RowInt(r, 16) != 0;
  return a;
}

StatusOr<std::vector<RepairApplication>> RepairRows(soci::rowset<soci::row>& rows) {
  std::vector<RepairApplication> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(RepairApplication a, RepairFromRow(r));
    out.push_back(std::move(a));
  }
  return out;
}

std::string JoinKinds(const std::vector<std::string>& kinds) {
  std::string out;
  for (const std::string& k : kinds) out += (out.empty() ? "" : ",") + k;
  return out;
}

}  // namespace

StatusOr<InsertedPenalty> InsertPenalty(soci::session& sql, const PenaltyPublication& p,
                                        const std::string& now) {
  long long existing = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM penalty_publication WHERE uscc = :u AND decision_no = :n",
      soci::use(p.uscc), soci::use(p.decision_no), soci::into(existing, ind);
  if (sql.got_data() && ind == soci::i_ok) return InsertedPenalty{existing, false};
  const std::string kinds = JoinKinds(p.kinds), decided = p.decided_on.ToString(),
                    published = p.published_on.ToString(), until = p.public_until.ToString(),
                    from = p.repairable_from ? p.repairable_from->ToString() : "";
  const long long fine = p.fine_fen, authority = p.authority_unit_id;
  const int late = p.published_late ? 1 : 0;
  long long id = 0;
  sql << "INSERT INTO penalty_publication (uscc, decision_no, decided_on, kinds, fine_fen, field, "
         "tier, facts, basis, content, authority_unit_id, published_on, published_late, "
         "public_until, repairable_from, fulfilled_on, state, created_at) VALUES (:u, :n, :d, :k, "
         ":f, :fd, :t, :fa, :b, :c, :a, :p, :late, :un, :rf, :fo, 'published', :now) RETURNING id",
      soci::use(p.uscc), soci::use(p.decision_no), soci::use(decided), soci::use(kinds),
      soci::use(fine), soci::use(p.field), soci::use(p.tier), soci::use(p.facts),
      soci::use(p.basis), soci::use(p.content), soci::use(authority), soci::use(published),
      soci::use(late), soci::use(until), soci::use(from), soci::use(p.fulfilled_on), soci::use(now),
      soci::into(id);
  return InsertedPenalty{id, true};
}

StatusOr<PenaltyPublication> GetPenalty(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kPenaltyColumns << "WHERE p.id = :id", soci::use(key));
  for (const soci::row& r : rows) return PenaltyFromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的行政处罚信息", id), "record_id");
}

Status SavePenalty(soci::session& sql, const PenaltyPublication& p) {
  const std::string state = p.state == PublicationState::kRepaired ? "repaired" : "published";
  const long long id = p.id;
  sql << "UPDATE penalty_publication SET fulfilled_on = :f, state = :s, repaired_on = :r WHERE "
         "id = :id",
      soci::use(p.fulfilled_on), soci::use(state), soci::use(p.repaired_on), soci::use(id);
  return OkStatus();
}

StatusOr<std::vector<PenaltyPublication>> PenaltiesOf(soci::session& sql, const std::string& uscc) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kPenaltyColumns
                   << "WHERE p.uscc = :u ORDER BY p.decided_on DESC, p.id DESC",
       soci::use(uscc));
  return PenaltyRows(rows);
}

StatusOr<bool> PenaltyOfTierAfter(soci::session& sql, const std::string& uscc,
                                  const std::string& tier, const Date& after) {
  const std::string day = after.ToString();
  long long n = 0;
  sql << "SELECT COUNT(*) FROM penalty_publication WHERE uscc = :u AND tier = :t AND "
         "decided_on > :d",
      soci::use(uscc), soci::use(tier), soci::use(day), soci::into(n);
  return n > 0;
}

StatusOr<int64_t> InsertRepair(soci::session& sql, const RepairApplication& a,
                               const std::string& now) {
  const std::string kind(RepairRecordId(a.record)), state(RepairStateId(a.state)),
      applied = a.applied_on.ToString(), due = a.due.ToString();
  const long long record = a.record_id, authority = a.authority_unit_id;
  const int commitment = a.commitment ? 1 : 0;
  long long id = 0;
  sql << "INSERT INTO repair_application (uscc, record_kind, record_id, applied_on, statement, "
         "evidence, commitment, due, authority_unit_id, state, created_at) VALUES (:u, :k, :r, "
         ":ap, :s, :e, :c, :d, :a, :st, :now) RETURNING id",
      soci::use(a.uscc), soci::use(kind), soci::use(record), soci::use(applied),
      soci::use(a.statement), soci::use(a.evidence), soci::use(commitment), soci::use(due),
      soci::use(authority), soci::use(state), soci::use(now), soci::into(id);
  return static_cast<int64_t>(id);
}

StatusOr<RepairApplication> GetRepair(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kRepairColumns << "WHERE a.id = :id", soci::use(key));
  for (const soci::row& r : rows) return RepairFromRow(r);
  return NotFoundError(fmt::format("没有编号为 {} 的信用修复申请", id), "id");
}

Status SaveRepair(soci::session& sql, const RepairApplication& a) {
  const std::string state(RepairStateId(a.state));
  const int late = a.decided_late ? 1 : 0;
  const long long id = a.id;
  sql << "UPDATE repair_application SET state = :s, decided_on = :d, decided_by = :b, "
         "decision_reason = :r, decided_late = :l WHERE id = :id",
      soci::use(state), soci::use(a.decided_on), soci::use(a.decided_by),
      soci::use(a.decision_reason), soci::use(late), soci::use(id);
  return OkStatus();
}

StatusOr<std::vector<RepairApplication>> RepairsOf(soci::session& sql, const std::string& uscc) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kRepairColumns << "WHERE a.uscc = :u ORDER BY a.id DESC",
       soci::use(uscc));
  return RepairRows(rows);
}

StatusOr<std::optional<RepairApplication>> PendingRepair(soci::session& sql, RepairRecord record,
                                                         int64_t record_id) {
  const std::string kind(RepairRecordId(record));
  const long long id = record_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kRepairColumns
                   << "WHERE a.record_kind = :k AND a.record_id = :r AND a.state = 'applied'",
       soci::use(kind), soci::use(id));
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(RepairApplication a, RepairFromRow(r));
    return std::optional<RepairApplication>(std::move(a));
  }
  return std::optional<RepairApplication>();
}

StatusOr<std::vector<RepairApplication>> RepairQueue(soci::session& sql,
                                                     const std::vector<std::string>& paths) {
  std::vector<RepairApplication> out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kRepairColumns
                     << "WHERE a.state = 'applied' AND (u.path = :p OR u.path LIKE :prefix) "
                        "ORDER BY a.due, a.id",
         soci::use(path), soci::use(prefix));
    ASSIGN_OR_RETURN(std::vector<RepairApplication> some, RepairRows(rows));
    for (RepairApplication& a : some) out.push_back(std::move(a));
  }
  return out;
}

StatusOr<RepairCounts> RepairFigures(soci::session& sql, int year,
                                     const std::vector<std::string>& paths) {
  const std::string from = fmt::format("{:04d}-01-01", year),
                    to = fmt::format("{:04d}-12-31", year);
  const std::string deregistered(kRemovedOnDeregistration);
  RepairCounts out;
  for (const std::string& path : paths) {
    const std::string prefix = path + "%";
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT kind, SUM(n) FROM (SELECT e.kind AS kind, 1 AS n "
                                    "FROM repair_application a JOIN entity e ON e.uscc = "
                                    "a.uscc") +
                            InScope(1) +
                            "WHERE a.state = 'approved' AND a.decided_on BETWEEN :f AND :t "
                            "UNION ALL SELECT e.kind, 1 FROM abnormal_listing l JOIN entity e ON "
                            "e.uscc = l.uscc" +
                            InScope(2) +
                            "WHERE l.state = 'removed' AND l.removed_on BETWEEN :f2 AND :t2 AND "
                            "l.removal_reason <> :dereg) x GROUP BY kind",
         soci::use(path), soci::use(prefix), soci::use(from), soci::use(to), soci::use(path),
         soci::use(prefix), soci::use(from), soci::use(to), soci::use(deregistered));
    for (const soci::row& r : rows) {
      const std::string kind = RowText(r, 0);
      const int64_t n = RowInt(r, 1);
      if (kind == "enterprise") out.enterprise += n;
      if (kind == "cooperative") out.cooperative += n;
      if (kind == "individual_business") out.individual_business += n;
    }
  }
  return out;
}

}  // namespace amr::credit
