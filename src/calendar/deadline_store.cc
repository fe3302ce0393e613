// SPDX-License-Identifier: MulanPSL-2.0
#include "calendar/deadline_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "storage/errors.h"
#include "storage/query.h"
#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::calendar {

namespace {

using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;

constexpr size_t kMaxKindBytes = 64;
constexpr size_t kMaxSubjectBytes = 200;
constexpr size_t kMaxLabelBytes = 400;

constexpr char kColumns[] =
    "id, kind, subject, label, org_unit_path, start_on, rule, extension, suspensions, due_on, "
    "provisional, calendar_revision, state, previous_due_on, moved_at";

Status ValidateKey(std::string_view kind, std::string_view subject) {
  const bool kind_ok =
      !kind.empty() && kind.size() <= kMaxKindBytes &&
      kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string_view::npos;
  if (!kind_ok) return InvalidArgumentError("期限类型应为 1–64 个小写字母、数字、_ 或 .", "kind");
  if (subject.empty() || subject.size() > kMaxSubjectBytes) {
    return InvalidArgumentError("期限对象应为 1–200 字节", "subject");
  }
  return OkStatus();
}

std::string SuspensionsText(const std::vector<codes::Suspension>& suspensions) {
  nlohmann::json out = nlohmann::json::array();
  for (const codes::Suspension& s : suspensions) {
    out.push_back({{"from", s.from.ToString()}, {"to", s.to.ToString()}});
  }
  return out.dump();
}

StatusOr<Deadline> FromRow(const soci::row& r) {
  Deadline d;
  d.id = RowInt(r, 0);
  d.kind = RowText(r, 1);
  d.subject = RowText(r, 2);
  d.label = RowText(r, 3);
  d.org_unit_path = RowText(r, 4);
  ASSIGN_OR_RETURN(d.input.start, Date::Parse(RowText(r, 5)));
  nlohmann::json rule = nlohmann::json::parse(RowText(r, 6), nullptr, false);
  ASSIGN_OR_RETURN(d.input.rule, codes::PeriodRuleFromJson(rule, "rule"));
  d.input.extension = static_cast<int>(RowInt(r, 7));
  nlohmann::json suspensions = nlohmann::json::parse(RowText(r, 8), nullptr, false);
  if (suspensions.is_array()) {
    for (const nlohmann::json& s : suspensions) {
      ASSIGN_OR_RETURN(Date from, Date::Parse(s.value("from", "")));
      ASSIGN_OR_RETURN(Date to, Date::Parse(s.value("to", "")));
      d.input.suspensions.push_back({from, to});
    }
  }
  ASSIGN_OR_RETURN(d.due.date, Date::Parse(RowText(r, 9)));
  d.due.provisional = RowInt(r, 10) != 0;
  d.calendar_revision = RowInt(r, 11);
  d.open = RowText(r, 12) == "open";
  if (!RowIsNull(r, 13) && !RowText(r, 13).empty()) {
    ASSIGN_OR_RETURN(Date previous, Date::Parse(RowText(r, 13)));
    d.previous_due = previous;
  }
  d.moved_at = RowText(r, 14);
  return d;
}

StatusOr<std::vector<Deadline>> Select(soci::session& sql, const std::string& where,
                                       storage::Params& params) {
  std::vector<Deadline> out;
  try {
    RETURN_IF_ERROR(storage::Query(sql, fmt::format("SELECT {} FROM deadline {}", kColumns, where),
                                   params, [&](const soci::row& r) -> Status {
                                     ASSIGN_OR_RETURN(Deadline d, FromRow(r));
                                     out.push_back(std::move(d));
                                     return OkStatus();
                                   }));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

}  // namespace

StatusOr<codes::CountedDate> Track(soci::session& sql, const codes::WorkdayCalendar& calendar,
                                   const TrackRequest& request, const Clock& clock) {
  RETURN_IF_ERROR(ValidateKey(request.kind, request.subject));
  if (request.label.size() > kMaxLabelBytes) {
    return InvalidArgumentError("期限说明过长", "label");
  }
  ASSIGN_OR_RETURN(codes::CountedDate due, codes::PeriodEnd(calendar, request.input));
  const std::string start = request.input.start.ToString();
  const std::string rule = codes::PeriodRuleToJson(request.input.rule).dump();
  const std::string suspensions = SuspensionsText(request.input.suspensions);
  const std::string due_on = due.date.ToString();
  const int provisional = due.provisional ? 1 : 0;
  const int extension = request.input.extension;
  const int64_t revision = calendar.revision();
  const std::string now = FormatChinaTime(clock.Now());
  try {
    sql << "INSERT INTO deadline (kind, subject, label, org_unit_path, start_on, rule, extension, "
           "suspensions, due_on, provisional, calendar_revision, state, created_at, updated_at) "
           "VALUES (:kind, :subject, :label, :path, :start, :rule, :extension, :suspensions, "
           ":due, :provisional, :revision, 'open', :now, :now2) "
           "ON CONFLICT (kind, subject) DO UPDATE SET label = excluded.label, "
           "org_unit_path = excluded.org_unit_path, start_on = excluded.start_on, "
           "rule = excluded.rule, extension = excluded.extension, "
           "suspensions = excluded.suspensions, due_on = excluded.due_on, "
           "provisional = excluded.provisional, calendar_revision = excluded.calendar_revision, "
           "state = 'open', previous_due_on = NULL, moved_at = NULL, "
           "updated_at = excluded.updated_at",
        soci::use(request.kind), soci::use(request.subject), soci::use(request.label),
        soci::use(request.org_unit_path), soci::use(start), soci::use(rule), soci::use(extension),
        soci::use(suspensions), soci::use(due_on), soci::use(provisional), soci::use(revision),
        soci::use(now), soci::use(now);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return due;
}

Status Close(soci::session& sql, std::string_view kind, std::string_view subject,
             const Clock& clock) {
  RETURN_IF_ERROR(ValidateKey(kind, subject));
  const std::string k(kind), s(subject), now = FormatChinaTime(clock.Now());
  try {
    sql << "UPDATE deadline SET state = 'closed', updated_at = :now WHERE kind = :kind AND "
           "subject = :subject AND state = 'open'",
        soci::use(now), soci::use(k), soci::use(s);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

StatusOr<std::optional<Deadline>> FindDeadline(soci::session& sql, std::string_view kind,
                                               std::string_view subject) {
  storage::Params p;
  const std::string where = "WHERE kind = " + p.Text(std::string(kind)) +
                            " AND subject = " + p.Text(std::string(subject));
  ASSIGN_OR_RETURN(std::vector<Deadline> rows, Select(sql, where, p));
  if (rows.empty()) return std::optional<Deadline>();
  return std::optional<Deadline>(std::move(rows.front()));
}

StatusOr<std::vector<Deadline>> StaleOpenDeadlines(soci::session& sql, int64_t revision,
                                                   int64_t after_id, int limit) {
  storage::Params p;
  const std::string where = "WHERE state = 'open' AND calendar_revision < " + p.Int(revision) +
                            " AND id > " + p.Int(after_id) +
                            fmt::format(" ORDER BY id LIMIT {}", limit);
  return Select(sql, where, p);
}

Status StoreRecomputed(soci::session& sql, const Deadline& deadline,
                       const codes::CountedDate& new_due, int64_t revision, bool moved,
                       const Clock& clock) {
  const std::string due_on = new_due.date.ToString();
  const int provisional = new_due.provisional ? 1 : 0;
  const std::string now = FormatChinaTime(clock.Now());
  try {
    if (moved) {
      const std::string previous = deadline.due.date.ToString();
      sql << "UPDATE deadline SET due_on = :due, provisional = :provisional, "
             "calendar_revision = :revision, previous_due_on = :previous, moved_at = :now, "
             "updated_at = :now2 WHERE id = :id",
          soci::use(due_on), soci::use(provisional), soci::use(revision), soci::use(previous),
          soci::use(now), soci::use(now), soci::use(deadline.id);
    } else {
      sql << "UPDATE deadline SET provisional = :provisional, calendar_revision = :revision, "
             "updated_at = :now WHERE id = :id",
          soci::use(provisional), soci::use(revision), soci::use(now), soci::use(deadline.id);
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

StatusOr<std::vector<Deadline>> ListMoved(soci::session& sql, const MovedFilter& filter) {
  storage::Params p;
  std::string where = "WHERE moved_at IS NOT NULL";
  if (filter.open_only) where += " AND state = 'open'";
  if (!filter.moved_since.empty()) where += " AND moved_at >= " + p.Text(filter.moved_since);
  if (filter.scope_paths.has_value()) {
    if (filter.scope_paths->empty()) return std::vector<Deadline>();
    std::string any;
    for (const std::string& path : *filter.scope_paths) {
      if (!any.empty()) any += " OR ";
      any += "org_unit_path LIKE " + p.Text(storage::EscapeLike(path) + "%") + " ESCAPE '\\'";
    }
    where += " AND (" + any + ")";
  }
  where += fmt::format(" ORDER BY moved_at DESC, id DESC LIMIT {}", filter.limit);
  return Select(sql, where, p);
}

StatusOr<DeadlineCounts> CountOpen(soci::session& sql) {
  DeadlineCounts counts;
  try {
    soci::row r;
    sql << "SELECT COUNT(*), COALESCE(SUM(provisional), 0) FROM deadline WHERE state = 'open'",
        soci::into(r);
    counts.open = RowInt(r, 0);
    counts.provisional = RowInt(r, 1);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return counts;
}

}  // namespace amr::calendar
