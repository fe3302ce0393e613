// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar in the store: the years an administrator entered
// from the State Council's notices, every version of each, and the shipped
// default (data/calendar.csv) seeded into an empty store.
//
// Functions take the caller's session (inside its transaction).
// Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"

namespace amr::calendar {

enum class YearSource { kShipped, kEntered };

// One stored year: its current days and who entered which version.
struct StoredYear {
  codes::CalendarYear days;
  int64_t version = 0;
  int64_t revision = 0;
  std::string notice;  // 国办发明电〔2025〕7号; "" for the shipped data
  YearSource source = YearSource::kShipped;
  std::string entered_by;
  std::string entered_at;  // RFC 3339, China time
};

struct YearVersion {
  int year = 0;
  int64_t version = 0;
  std::string notice;
  YearSource source = YearSource::kShipped;
  std::string entered_by;
  std::string entered_at;
  int64_t moved_deadlines = 0;
  std::vector<codes::CalendarDay> days;
};

std::string_view YearSourceName(YearSource source);

// Every stored year with its days, oldest first.
StatusOr<std::vector<StoredYear>> LoadYears(soci::session& sql);
// One year; nullopt if it was never entered.
StatusOr<std::optional<StoredYear>> FindYear(soci::session& sql, int year);
// The versions of `year`, newest first.
StatusOr<std::vector<YearVersion>> ListVersions(soci::session& sql, int year);
// The highest revision (0 for an empty store): servers compare it to decide
// whether to reload.
StatusOr<int64_t> CurrentRevision(soci::session& sql);

struct PutYear {
  codes::CalendarYear year;  // validated by the caller (codes::ValidateYear)
  std::string notice;
  YearSource source = YearSource::kEntered;
  std::string entered_by;
};

// Writes `put` as the year's next version (version 1 if new) and its days as
// the current ones, with a new revision. Returns the stored year.
StatusOr<StoredYear> WriteYear(soci::session& sql, const PutYear& put, const Clock& clock);
// Records how many open deadlines the version moved.
Status SetMovedDeadlines(soci::session& sql, int year, int64_t version, int64_t moved);

// The calendar of every stored year. FailedPrecondition when the store has
// none (SeedShippedYears was not run) or they are not consecutive.
StatusOr<codes::WorkdayCalendar> BuildCalendar(const std::vector<StoredYear>& years);

}  // namespace amr::calendar
