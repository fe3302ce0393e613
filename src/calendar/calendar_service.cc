// SPDX-License-Identifier: MulanPSL-2.0
#include "calendar/calendar_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/text.h"

namespace amr::calendar {

namespace {

constexpr size_t kMaxNoticeChars = 100;
constexpr size_t kSampleSize = 200;
constexpr int kBatch = 500;

bool SameDays(const codes::CalendarYear& a, const codes::CalendarYear& b) {
  if (a.days.size() != b.days.size()) return false;
  auto key = [](const codes::CalendarDay& d) { return d.date; };
  std::vector<codes::CalendarDay> x = a.days, y = b.days;
  std::sort(x.begin(), x.end(), [&](auto& l, auto& r) { return key(l) < key(r); });
  std::sort(y.begin(), y.end(), [&](auto& l, auto& r) { return key(l) < key(r); });
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i].date != y[i].date || x[i].kind != y[i].kind || x[i].name != y[i].name) return false;
  }
  return true;
}

nlohmann::json DueJson(const codes::CountedDate& due) {
  return {{"due_on", due.date.ToString()}, {"provisional", due.provisional}};
}

nlohmann::json YearSummary(const StoredYear& y) {
  int holidays = 0, makeup = 0;
  for (const codes::CalendarDay& d : y.days.days) {
    (d.kind == codes::DayKind::kHoliday ? holidays : makeup)++;
  }
  return {{"year", y.days.year},  {"version", y.version},
          {"notice", y.notice},   {"source", YearSourceName(y.source)},
          {"holidays", holidays}, {"makeup_workdays", makeup}};
}

}  // namespace

// The store's calendar, swapped whole when a new revision is loaded.
class CalendarService::StoreSource final : public codes::CalendarSource {
 public:
  std::shared_ptr<const codes::WorkdayCalendar> Current() const override {
    std::lock_guard lock(mutex_);
    return current_;
  }
  void Set(std::shared_ptr<const codes::WorkdayCalendar> calendar) {
    std::lock_guard lock(mutex_);
    if (current_ == nullptr || calendar->revision() >= current_->revision()) {
      current_ = std::move(calendar);
    }
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const codes::WorkdayCalendar> current_;  // guarded by mutex_
};

CalendarService::CalendarService(storage::Database& db, const Clock& clock)
    : db_(db), clock_(clock), source_(std::make_unique<StoreSource>()) {}

CalendarService::~CalendarService() { Stop(); }

const codes::CalendarSource& CalendarService::source() const { return *source_; }

std::shared_ptr<const codes::WorkdayCalendar> CalendarService::Current() const {
  return source_->Current();
}

void CalendarService::RegisterMover(std::string kind, DeadlineMover mover) {
  movers_[std::move(kind)] = std::move(mover);
}

StatusOr<std::shared_ptr<const codes::WorkdayCalendar>> CalendarService::LoadFromStore() {
  std::shared_ptr<const codes::WorkdayCalendar> loaded;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<StoredYear> years, LoadYears(sql));
    ASSIGN_OR_RETURN(codes::WorkdayCalendar calendar, BuildCalendar(years));
    loaded = std::make_shared<const codes::WorkdayCalendar>(std::move(calendar));
    return OkStatus();
  }));
  return loaded;
}

Status CalendarService::Start(const std::vector<codes::CalendarYear>& shipped) {
  // Seed: years before the first stored one (newest first) and after the
  // last one (oldest first), each while the run stays consecutive.
  std::vector<codes::CalendarYear> sorted = shipped;
  std::sort(
      sorted.begin(), sorted.end(),
      [](const codes::CalendarYear& a, const codes::CalendarYear& b) { return a.year < b.year; });
  std::vector<int> stored_years;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<StoredYear> years, LoadYears(sql));
    stored_years.clear();
    for (const StoredYear& y : years) stored_years.push_back(y.days.year);
    return OkStatus();
  }));
  std::vector<const codes::CalendarYear*> to_seed;
  if (stored_years.empty()) {
    for (const codes::CalendarYear& y : sorted) {
      if (to_seed.empty() || y.year == to_seed.back()->year + 1) to_seed.push_back(&y);
    }
  } else {
    int next_before = stored_years.front() - 1;
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
      if (it->year == next_before) {
        to_seed.push_back(&*it);
        --next_before;
      }
    }
    int next_after = stored_years.back() + 1;
    for (const codes::CalendarYear& y : sorted) {
      if (y.year == next_after) {
        to_seed.push_back(&y);
        ++next_after;
      }
    }
  }
  const audit::Actor system;  // "system"
  for (const codes::CalendarYear* y : to_seed) {
    RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(StoredYear written,
                       WriteYear(sql, PutYear{*y, "", YearSource::kShipped, "system"}, clock_));
      if (!stored_years.empty()) {
        // A later release's year: deadlines counted provisionally move now.
        ASSIGN_OR_RETURN(std::vector<StoredYear> years, LoadYears(sql));
        ASSIGN_OR_RETURN(codes::WorkdayCalendar calendar, BuildCalendar(years));
        ASSIGN_OR_RETURN(Recomputation r, RecomputeStale(sql, calendar, system));
        RETURN_IF_ERROR(SetMovedDeadlines(sql, y->year, written.version, r.moved));
        RETURN_IF_ERROR(audit::Append(sql,
                                      audit::AuditEntry{system,
                                                        "calendar.year.seed",
                                                        "calendar_year",
                                                        std::to_string(y->year),
                                                        nullptr,
                                                        {{"year", YearSummary(written)},
                                                         {"recomputation", RecomputationJson(r)}}},
                                      clock_));
      }
      return OkStatus();
    }));
  }
  if (!to_seed.empty()) {
    spdlog::info("工作日历：从随程序发布的数据补入 {} 个年份", to_seed.size());
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const codes::WorkdayCalendar> calendar, LoadFromStore());
  source_->Set(calendar);
  return OkStatus();
}

Status CalendarService::Load() {
  ASSIGN_OR_RETURN(std::shared_ptr<const codes::WorkdayCalendar> calendar, LoadFromStore());
  source_->Set(calendar);
  return OkStatus();
}

StatusOr<Recomputation> CalendarService::RecomputeStale(soci::session& sql,
                                                        const codes::WorkdayCalendar& calendar,
                                                        const audit::Actor& actor) {
  Recomputation r;
  int64_t after_id = 0;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<Deadline> batch,
                     StaleOpenDeadlines(sql, calendar.revision(), after_id, kBatch));
    if (batch.empty()) break;
    for (const Deadline& d : batch) {
      after_id = d.id;
      ++r.examined;
      StatusOr<codes::CountedDate> due = codes::PeriodEnd(calendar, d.input);
      if (!due.ok()) {
        ++r.failed;
        spdlog::warn("期限 {} {} 无法按新日历重算：{}", d.kind, d.subject, due.status().message());
        RETURN_IF_ERROR(StoreRecomputed(sql, d, d.due, calendar.revision(), false, clock_));
        continue;
      }
      const bool moved = due->date != d.due.date;
      if (!moved && due->provisional == d.due.provisional) {
        RETURN_IF_ERROR(StoreRecomputed(sql, d, *due, calendar.revision(), false, clock_));
        continue;
      }
      RETURN_IF_ERROR(StoreRecomputed(sql, d, *due, calendar.revision(), moved, clock_));
      if (!moved) {
        ++r.settled;
      } else {
        ++r.moved;
        if (r.sample.size() < kSampleSize) {
          r.sample.push_back({d.kind, d.subject, d.label, d.due, *due});
        }
      }
      if (auto mover = movers_.find(d.kind); mover != movers_.end()) {
        RETURN_IF_ERROR(mover->second(sql, d, *due, clock_));
      }
      RETURN_IF_ERROR(
          audit::Append(sql,
                        audit::AuditEntry{actor,
                                          moved ? "deadline.recompute" : "deadline.settle",
                                          "deadline",
                                          d.kind + ":" + d.subject,
                                          DueJson(d.due),
                                          {{"due_on", due->date.ToString()},
                                           {"provisional", due->provisional},
                                           {"label", d.label},
                                           {"calendar_revision", calendar.revision()}}},
                        clock_));
    }
  }
  return r;
}

StatusOr<EnterYearResult> CalendarService::EnterYear(const EnterYearRequest& request,
                                                     const audit::Actor& actor) {
  RETURN_IF_ERROR(codes::ValidateYear(request.year));
  if (Utf8Length(request.notice) > kMaxNoticeChars) {
    return InvalidArgumentError(fmt::format("通知文号不超过 {} 个字", kMaxNoticeChars), "notice");
  }
  EnterYearResult result;
  std::shared_ptr<const codes::WorkdayCalendar> entered;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    result = EnterYearResult{};
    ASSIGN_OR_RETURN(std::vector<StoredYear> years, LoadYears(sql));
    const int year = request.year.year;
    const StoredYear* current = nullptr;
    for (const StoredYear& y : years) {
      if (y.days.year == year) current = &y;
    }
    if (current == nullptr) {
      if (!years.empty() && year != years.back().days.year + 1) {
        return FailedPreconditionError(
            fmt::format("只能录入已录入年份之后的下一年（{} 年）或更正已录入的年份",
                        years.back().days.year + 1),
            "year");
      }
    } else if (!request.replace) {
      return AlreadyExistsError(
          fmt::format("{} 年已录入（第 {} 版）；如需更正，请选择替换", year, current->version),
          "year");
    } else if (SameDays(current->days, request.year) && current->notice == request.notice &&
               current->source == YearSource::kEntered) {
      result.year = *current;
      result.unchanged = true;
      return OkStatus();
    }
    ASSIGN_OR_RETURN(
        result.year,
        WriteYear(sql, PutYear{request.year, request.notice, YearSource::kEntered, actor.username},
                  clock_));
    ASSIGN_OR_RETURN(std::vector<StoredYear> now, LoadYears(sql));
    ASSIGN_OR_RETURN(codes::WorkdayCalendar calendar, BuildCalendar(now));
    ASSIGN_OR_RETURN(result.recomputation, RecomputeStale(sql, calendar, actor));
    RETURN_IF_ERROR(SetMovedDeadlines(sql, year, result.year.version, result.recomputation.moved));
    RETURN_IF_ERROR(audit::Append(
        sql,
        audit::AuditEntry{actor,
                          current == nullptr ? "calendar.year.enter" : "calendar.year.replace",
                          "calendar_year",
                          std::to_string(year),
                          current == nullptr ? nlohmann::json(nullptr) : YearSummary(*current),
                          {{"year", YearSummary(result.year)},
                           {"recomputation", RecomputationJson(result.recomputation)}}},
        clock_));
    entered = std::make_shared<const codes::WorkdayCalendar>(std::move(calendar));
    return OkStatus();
  }));
  if (entered != nullptr) source_->Set(entered);
  return result;
}

StatusOr<std::vector<StoredYear>> CalendarService::Years() {
  std::vector<StoredYear> years;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(years, LoadYears(sql));
    return OkStatus();
  }));
  return years;
}

StatusOr<std::vector<YearVersion>> CalendarService::Versions(int year) {
  std::vector<YearVersion> versions;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(versions, ListVersions(sql, year));
    return OkStatus();
  }));
  return versions;
}

StatusOr<std::vector<Deadline>> CalendarService::Moved(const MovedFilter& filter) {
  std::vector<Deadline> moved;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(moved, ListMoved(sql, filter));
    return OkStatus();
  }));
  return moved;
}

StatusOr<bool> CalendarService::Refresh() {
  int64_t revision = 0;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(revision, CurrentRevision(sql));
    return OkStatus();
  }));
  std::shared_ptr<const codes::WorkdayCalendar> current = source_->Current();
  bool loaded = false;
  if (current == nullptr || revision > current->revision()) {
    ASSIGN_OR_RETURN(current, LoadFromStore());
    source_->Set(current);
    loaded = true;
    spdlog::info("工作日历已更新（修订号 {}，已录入至 {} 年）", current->revision(),
                 current->last_year());
  }
  // Deadlines another server counted on an older revision in the meantime
  // (looked for first, so an idle server does not take the write lock).
  bool stale = false;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<Deadline> some,
                     StaleOpenDeadlines(sql, current->revision(), 0, 1));
    stale = !some.empty();
    return OkStatus();
  }));
  if (!stale) return loaded;
  const audit::Actor system;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Recomputation r, RecomputeStale(sql, *current, system));
    if (r.moved > 0 || r.settled > 0) {
      spdlog::info("工作日历修订 {}：重算期限 {} 项，变动 {} 项", current->revision(), r.examined,
                   r.moved);
    }
    return OkStatus();
  }));
  return loaded;
}

void CalendarService::StartWatching(std::chrono::milliseconds interval) {
  std::lock_guard lock(watch_mutex_);
  if (watcher_.joinable()) return;
  stopping_ = false;
  watcher_ = std::thread([this, interval] {
    std::unique_lock lock(watch_mutex_);
    while (!stopping_) {
      watch_wake_.wait_for(lock, interval, [this] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      StatusOr<bool> refreshed = Refresh();
      if (!refreshed.ok()) {
        spdlog::warn("工作日历刷新失败：{}", refreshed.status().ToString());
      }
      lock.lock();
    }
  });
}

void CalendarService::Stop() {
  {
    std::lock_guard lock(watch_mutex_);
    stopping_ = true;
  }
  watch_wake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

nlohmann::json StoredYearJson(const StoredYear& year, bool with_days) {
  nlohmann::json out = YearSummary(year);
  out["entered_by"] = year.entered_by;
  out["entered_at"] = year.entered_at;
  if (with_days) {
    nlohmann::json days = nlohmann::json::array();
    std::vector<codes::CalendarDay> sorted = year.days.days;
    std::sort(
        sorted.begin(), sorted.end(),
        [](const codes::CalendarDay& a, const codes::CalendarDay& b) { return a.date < b.date; });
    for (const codes::CalendarDay& d : sorted) {
      days.push_back(
          {{"date", d.date.ToString()}, {"kind", codes::DayKindName(d.kind)}, {"name", d.name}});
    }
    out["days"] = days;
  }
  return out;
}

nlohmann::json RecomputationJson(const Recomputation& r) {
  nlohmann::json sample = nlohmann::json::array();
  for (const MovedDeadline& m : r.sample) {
    sample.push_back({{"kind", m.kind},
                      {"subject", m.subject},
                      {"label", m.label},
                      {"before", DueJson(m.before)},
                      {"after", DueJson(m.after)}});
  }
  return {{"examined", r.examined},
          {"moved", r.moved},
          {"settled", r.settled},
          {"failed", r.failed},
          {"moved_sample", sample}};
}

}  // namespace amr::calendar
