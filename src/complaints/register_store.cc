// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/register_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::complaints {
namespace {

using storage::RowInt;
using storage::RowText;

constexpr const char* kColumns =
    "id, kind, uscc, business_name, unit_path, from_on, ended_on, note, recorded_by, ended_by "
    "FROM consumer_register ";

StatusOr<RegisterEntry> FromRow(const soci::row& r) {
  RegisterEntry e;
  e.id = RowInt(r, 0);
  ASSIGN_OR_RETURN(e.kind, ParseRegisterKind(RowText(r, 1)));
  e.uscc = RowText(r, 2);
  e.business_name = RowText(r, 3);
  e.unit_path = RowText(r, 4);
  ASSIGN_OR_RETURN(e.from_on, Date::Parse(RowText(r, 5), "from_on"));
  e.ended_on = RowText(r, 6);
  e.note = RowText(r, 7);
  e.recorded_by = RowText(r, 8);
  e.ended_by = RowText(r, 9);
  return e;
}

StatusOr<std::vector<RegisterEntry>> Rows(soci::rowset<soci::row>& rows) {
  std::vector<RegisterEntry> out;
  for (const soci::row& r : rows) {
    ASSIGN_OR_RETURN(RegisterEntry e, FromRow(r));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

StatusOr<RegisterEntry> InsertEntry(soci::session& sql, RegisterEntry e, const std::string& now) {
  const std::string kind(RegisterKindId(e.kind)), from = e.from_on.ToString();
  long long id = 0;
  sql << "INSERT INTO consumer_register (kind, uscc, business_name, unit_path, from_on, note, "
         "recorded_by, recorded_at) VALUES (:k, :u, :n, :p, :f, :note, :by, :at) RETURNING id",
      soci::use(kind), soci::use(e.uscc), soci::use(e.business_name), soci::use(e.unit_path),
      soci::use(from), soci::use(e.note), soci::use(e.recorded_by), soci::use(now), soci::into(id);
  return GetEntry(sql, id);
}

StatusOr<RegisterEntry> GetEntry(soci::session& sql, int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << "WHERE id = :id", soci::use(key));
  ASSIGN_OR_RETURN(std::vector<RegisterEntry> found, Rows(rows));
  if (found.empty()) return NotFoundError(fmt::format("名录中没有编号 {}", id), "id");
  return std::move(found.front());
}

StatusOr<std::optional<RegisterEntry>> FindInForce(soci::session& sql, std::string_view uscc_view,
                                                   RegisterKind kind) {
  const std::string uscc(uscc_view), kind_id(RegisterKindId(kind));
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << "WHERE uscc = :u AND kind = :k AND ended_on = '' ORDER BY id DESC LIMIT 1",
       soci::use(uscc), soci::use(kind_id));
  ASSIGN_OR_RETURN(std::vector<RegisterEntry> found, Rows(rows));
  if (found.empty()) return std::optional<RegisterEntry>();
  return std::optional<RegisterEntry>(std::move(found.front()));
}

Status SaveEnded(soci::session& sql, const RegisterEntry& e) {
  const long long id = e.id;
  sql << "UPDATE consumer_register SET ended_on = :e, ended_by = :b WHERE id = :id",
      soci::use(e.ended_on), soci::use(e.ended_by), soci::use(id);
  return OkStatus();
}

StatusOr<std::vector<RegisterEntry>> ListEntries(soci::session& sql, RegisterKind kind,
                                                 std::optional<std::string> on,
                                                 const std::string& unit_path, int limit) {
  const std::string kind_id(RegisterKindId(kind)), like = storage::EscapeLike(unit_path) + "%",
                                                   day = on.value_or("");
  const int all = on ? 0 : 1;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << "WHERE kind = :k AND unit_path LIKE :p ESCAPE '\\' AND (:all = 1 OR "
                      "(from_on <= :d AND (ended_on = '' OR ended_on > :d2))) "
                      "ORDER BY id DESC LIMIT :n",
       soci::use(kind_id), soci::use(like), soci::use(all), soci::use(day), soci::use(day),
       soci::use(limit));
  return Rows(rows);
}

Status AddHandler(soci::session& sql, int64_t complaint_id, const std::string& username,
                  const std::string& now) {
  ASSIGN_OR_RETURN(bool already, IsHandler(sql, complaint_id, username));
  if (already) return OkStatus();
  const long long id = complaint_id;
  sql << "INSERT INTO complaint_handler (complaint_id, username, since) VALUES (:c, :u, :s)",
      soci::use(id), soci::use(username), soci::use(now);
  return OkStatus();
}

StatusOr<bool> IsHandler(soci::session& sql, int64_t complaint_id, const std::string& username) {
  const long long id = complaint_id;
  int count = 0;
  sql << "SELECT COUNT(*) FROM complaint_handler WHERE complaint_id = :c AND username = :u",
      soci::use(id), soci::use(username), soci::into(count);
  return count > 0;
}

StatusOr<std::vector<std::string>> ListHandlers(soci::session& sql, int64_t complaint_id) {
  const long long id = complaint_id;
  std::vector<std::string> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT username FROM complaint_handler WHERE complaint_id = :c ORDER BY "
                      "since, username",
       soci::use(id));
  for (const soci::row& r : rows) out.push_back(RowText(r, 0));
  return out;
}

}  // namespace amr::complaints
