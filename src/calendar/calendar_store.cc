// SPDX-License-Identifier: MulanPSL-2.0
#include "calendar/calendar_store.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "storage/errors.h"
#include "storage/rows.h"

namespace amr::calendar {

namespace {

using storage::RowInt;
using storage::RowText;

YearSource SourceFromText(const std::string& text) {
  return text == "entered" ? YearSource::kEntered : YearSource::kShipped;
}

nlohmann::json DaysJson(const std::vector<codes::CalendarDay>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const codes::CalendarDay& d : days) {
    out.push_back(
        {{"date", d.date.ToString()}, {"kind", codes::DayKindName(d.kind)}, {"name", d.name}});
  }
  return out;
}

std::vector<codes::CalendarDay> DaysFromJson(const std::string& text) {
  std::vector<codes::CalendarDay> days;
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return days;
  for (const nlohmann::json& d : json) {
    StatusOr<Date> date = Date::Parse(d.value("date", ""));
    StatusOr<codes::DayKind> kind = codes::ParseDayKind(d.value("kind", ""));
    if (!date.ok() || !kind.ok()) continue;
    days.push_back({*date, *kind, d.value("name", "")});
  }
  return days;
}

}  // namespace

std::string_view YearSourceName(YearSource source) {
  return source == YearSource::kEntered ? "entered" : "shipped";
}

StatusOr<std::vector<StoredYear>> LoadYears(soci::session& sql) {
  std::map<int, StoredYear> years;
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT year, version, revision, notice, source, entered_by, entered_at "
                        "FROM calendar_year ORDER BY year");
    for (const soci::row& r : rows) {
      StoredYear y;
      y.days.year = static_cast<int>(RowInt(r, 0));
      y.version = RowInt(r, 1);
      y.revision = RowInt(r, 2);
      y.notice = RowText(r, 3);
      y.source = SourceFromText(RowText(r, 4));
      y.entered_by = RowText(r, 5);
      y.entered_at = RowText(r, 6);
      years.emplace(y.days.year, std::move(y));
    }
    soci::rowset<soci::row> days =
        (sql.prepare << "SELECT year, date, kind, name FROM calendar_day ORDER BY date");
    for (const soci::row& r : days) {
      auto it = years.find(static_cast<int>(RowInt(r, 0)));
      if (it == years.end()) continue;
      StatusOr<Date> date = Date::Parse(RowText(r, 1));
      StatusOr<codes::DayKind> kind = codes::ParseDayKind(RowText(r, 2));
      if (!date.ok() || !kind.ok()) {
        return InternalError(fmt::format("日历数据损坏：{} {}", RowText(r, 1), RowText(r, 2)));
      }
      it->second.days.days.push_back({*date, *kind, RowText(r, 3)});
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  std::vector<StoredYear> out;
  out.reserve(years.size());
  for (auto& [_, y] : years) out.push_back(std::move(y));
  return out;
}

StatusOr<std::optional<StoredYear>> FindYear(soci::session& sql, int year) {
  ASSIGN_OR_RETURN(std::vector<StoredYear> years, LoadYears(sql));
  for (StoredYear& y : years) {
    if (y.days.year == year) return std::optional<StoredYear>(std::move(y));
  }
  return std::optional<StoredYear>();
}

StatusOr<std::vector<YearVersion>> ListVersions(soci::session& sql, int year) {
  std::vector<YearVersion> out;
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT year, version, notice, source, entered_by, entered_at, days, "
                        "moved_deadlines FROM calendar_year_version WHERE year = :year "
                        "ORDER BY version DESC",
         soci::use(year));
    for (const soci::row& r : rows) {
      YearVersion v;
      v.year = static_cast<int>(RowInt(r, 0));
      v.version = RowInt(r, 1);
      v.notice = RowText(r, 2);
      v.source = SourceFromText(RowText(r, 3));
      v.entered_by = RowText(r, 4);
      v.entered_at = RowText(r, 5);
      v.days = DaysFromJson(RowText(r, 6));
      v.moved_deadlines = RowInt(r, 7);
      out.push_back(std::move(v));
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

StatusOr<int64_t> CurrentRevision(soci::session& sql) {
  try {
    soci::row r;
    sql << "SELECT COALESCE(MAX(revision), 0) FROM calendar_year", soci::into(r);
    return RowInt(r, 0);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
}

StatusOr<StoredYear> WriteYear(soci::session& sql, const PutYear& put, const Clock& clock) {
  StoredYear stored;
  stored.days = put.year;
  stored.notice = put.notice;
  stored.source = put.source;
  stored.entered_by = put.entered_by;
  stored.entered_at = FormatChinaTime(clock.Now());
  const int year = put.year.year;
  const std::string source(YearSourceName(put.source));
  try {
    ASSIGN_OR_RETURN(int64_t revision, CurrentRevision(sql));
    stored.revision = revision + 1;
    soci::row r;
    sql << "SELECT COALESCE(MAX(version), 0) FROM calendar_year_version WHERE year = :year",
        soci::use(year), soci::into(r);
    stored.version = RowInt(r, 0) + 1;
    const std::string days = DaysJson(put.year.days).dump();
    sql << "INSERT INTO calendar_year_version (year, version, notice, source, entered_by, "
           "entered_at, days) VALUES (:year, :version, :notice, :source, :by, :at, :days)",
        soci::use(year), soci::use(stored.version), soci::use(stored.notice), soci::use(source),
        soci::use(stored.entered_by), soci::use(stored.entered_at), soci::use(days);
    sql << "DELETE FROM calendar_day WHERE year = :year", soci::use(year);
    if (stored.version == 1) {
      sql << "INSERT INTO calendar_year (year, version, revision, notice, source, entered_by, "
             "entered_at) VALUES (:year, :version, :revision, :notice, :source, :by, :at)",
          soci::use(year), soci::use(stored.version), soci::use(stored.revision),
          soci::use(stored.notice), soci::use(source), soci::use(stored.entered_by),
          soci::use(stored.entered_at);
    } else {
      sql << "UPDATE calendar_year SET version = :version, revision = :revision, "
             "notice = :notice, source = :source, entered_by = :by, entered_at = :at "
             "WHERE year = :year",
          soci::use(stored.version), soci::use(stored.revision), soci::use(stored.notice),
          soci::use(source), soci::use(stored.entered_by), soci::use(stored.entered_at),
          soci::use(year);
    }
    for (const codes::CalendarDay& d : put.year.days) {
      const std::string date = d.date.ToString();
      const std::string kind(codes::DayKindName(d.kind));
      sql << "INSERT INTO calendar_day (date, year, kind, name) VALUES (:date, :year, :kind, "
             ":name)",
          soci::use(date), soci::use(year), soci::use(kind), soci::use(d.name);
    }
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return stored;
}

Status SetMovedDeadlines(soci::session& sql, int year, int64_t version, int64_t moved) {
  try {
    sql << "UPDATE calendar_year_version SET moved_deadlines = :moved WHERE year = :year AND "
           "version = :version",
        soci::use(moved), soci::use(year), soci::use(version);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

StatusOr<codes::WorkdayCalendar> BuildCalendar(const std::vector<StoredYear>& years) {
  if (years.empty()) {
    return FailedPreconditionError("数据库中没有工作日历数据：请先运行 amr migrate", "calendar");
  }
  std::vector<codes::CalendarYear> days;
  days.reserve(years.size());
  int64_t revision = 0;
  for (const StoredYear& y : years) {
    days.push_back(y.days);
    revision = std::max(revision, y.revision);
  }
  StatusOr<codes::WorkdayCalendar> calendar =
      codes::WorkdayCalendar::FromYears(std::move(days), revision);
  if (!calendar.ok()) {
    return FailedPreconditionError("数据库中的工作日历不完整：" + calendar.status().message(),
                                   "calendar");
  }
  return calendar;
}

}  // namespace amr::calendar
