// SPDX-License-Identifier: MulanPSL-2.0
#include "scheduler/scheduler.h"

#include <soci/soci.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>
#include <thread>
#include <utility>

#include "storage/errors.h"
#include "storage/rows.h"

namespace amr::scheduler {
namespace {

constexpr std::size_t kMaxNameBytes = 100;
// On SQLite, after a firing of at least kLongFiring the next claim waits up
// to kYieldAfterLongFiring for the process's other transactions (see RunDue).
constexpr std::chrono::milliseconds kLongFiring{100};
constexpr std::chrono::milliseconds kYieldAfterLongFiring{150};
constexpr int kMaxListLimit = 1000;

constexpr const char* kTimerColumns =
    "id, kind, key, due_at, payload, state, attempts, last_error, next_attempt_at, fired_at, "
    "fired_by, outcome, created_at";

Timer TimerFromRow(const soci::row& r) {
  Timer t;
  t.id = storage::RowInt(r, 0);
  t.kind = storage::RowText(r, 1);
  t.key = storage::RowText(r, 2);
  t.due_at = storage::RowText(r, 3);
  nlohmann::json payload = nlohmann::json::parse(storage::RowText(r, 4), nullptr, false);
  if (payload.is_object()) t.payload = std::move(payload);
  t.state = storage::RowText(r, 5);
  t.attempts = static_cast<int>(storage::RowInt(r, 6));
  t.last_error = storage::RowText(r, 7);
  t.next_attempt_at = storage::RowText(r, 8);
  t.fired_at = storage::RowText(r, 9);
  t.fired_by = storage::RowText(r, 10);
  t.outcome = storage::RowText(r, 11);
  t.created_at = storage::RowText(r, 12);
  return t;
}

bool IsCleanName(std::string_view s) {
  if (s.empty() || s.size() > kMaxNameBytes) return false;
  return std::none_of(s.begin(), s.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

Status ValidateName(std::string_view kind, std::string_view key) {
  if (!IsCleanName(kind)) {
    return InvalidArgumentError("定时任务类型（kind）不能为空，不超过 100 字节，不含控制字符",
                                "kind");
  }
  if (!IsCleanName(key)) {
    return InvalidArgumentError("定时任务键（key）不能为空，不超过 100 字节，不含控制字符", "key");
  }
  return OkStatus();
}

// Keeps an error message within what a column should hold, cutting at a
// UTF-8 character boundary.
std::string Clip(std::string text, std::size_t max = 1000) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

}  // namespace

std::chrono::minutes RetryDelay(int failed_attempts) {
  if (failed_attempts <= 1) return std::chrono::minutes(1);
  if (failed_attempts > 7) return kMaxRetryDelay;  // 2^6 = 64 min > the cap already
  return std::min<std::chrono::minutes>(std::chrono::minutes(1 << (failed_attempts - 1)),
                                        kMaxRetryDelay);
}

namespace {

// Inserts the timer (kind, key) pending at `due_at`, or updates the one that
// exists: `on_conflict` is the SET clause's tail (and WHERE) that decides what
// happens to it.
Status Upsert(soci::session& sql, std::string_view kind, std::string_view key,
              Clock::TimePoint due_at, const nlohmann::json& payload, const Clock& clock,
              std::string_view on_conflict) {
  RETURN_IF_ERROR(ValidateName(kind, key));
  if (!payload.is_object() && !payload.is_null()) {
    return InvalidArgumentError("定时任务的附带数据（payload）须为 JSON 对象", "payload");
  }
  const std::string kind_text(kind), key_text(key),
      due = FormatChinaTime(due_at), body = payload.is_null() ? std::string("{}") : payload.dump(),
      now = FormatChinaTime(clock.Now());
  try {
    sql << "INSERT INTO scheduled_timer (kind, key, due_at, payload, state, created_at, "
           "updated_at) VALUES (:kind, :key, :due, :payload, 'pending', :now, :now2) "
           "ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at, "
           "payload = excluded.payload, attempts = 0, last_error = '', next_attempt_at = '', "
           "updated_at = excluded.updated_at"
        << on_conflict,
        soci::use(kind_text), soci::use(key_text), soci::use(due), soci::use(body), soci::use(now),
        soci::use(now);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

}  // namespace

Status Schedule(soci::session& sql, std::string_view kind, std::string_view key,
                Clock::TimePoint due_at, const nlohmann::json& payload, const Clock& clock) {
  // A pending timer is moved (and its failure history cleared: it is a new
  // deadline); a fired or cancelled one is left alone.
  return Upsert(sql, kind, key, due_at, payload, clock, " WHERE scheduled_timer.state = 'pending'");
}

Status Rearm(soci::session& sql, std::string_view kind, std::string_view key,
             Clock::TimePoint due_at, const nlohmann::json& payload, const Clock& clock) {
  // Whatever its state: pending again, its last firing forgotten.
  return Upsert(sql, kind, key, due_at, payload, clock,
                ", state = 'pending', fired_at = '', fired_by = '', outcome = ''");
}

Status Cancel(soci::session& sql, std::string_view kind, std::string_view key, const Clock& clock) {
  RETURN_IF_ERROR(ValidateName(kind, key));
  const std::string kind_text(kind), key_text(key), now = FormatChinaTime(clock.Now());
  try {
    sql << "UPDATE scheduled_timer SET state = 'cancelled', updated_at = :now "
           "WHERE kind = :kind AND key = :key AND state = 'pending'",
        soci::use(now), soci::use(kind_text), soci::use(key_text);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return OkStatus();
}

StatusOr<std::optional<Timer>> Find(soci::session& sql, std::string_view kind,
                                    std::string_view key) {
  const std::string kind_text(kind), key_text(key);
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kTimerColumns
                     << " FROM scheduled_timer WHERE kind = :kind AND key = :key",
         soci::use(kind_text), soci::use(key_text));
    for (const soci::row& r : rows) return std::optional<Timer>(TimerFromRow(r));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return std::optional<Timer>();
}

StatusOr<TimerCounts> CountPending(soci::session& sql, Clock::TimePoint now) {
  TimerCounts counts;
  const std::string at = FormatChinaTime(now);
  try {
    long long pending = 0, due = 0, failing = 0;
    sql << "SELECT COUNT(*) FROM scheduled_timer WHERE state = 'pending'", soci::into(pending);
    sql << "SELECT COUNT(*) FROM scheduled_timer WHERE state = 'pending' AND due_at <= :now",
        soci::use(at), soci::into(due);
    sql << "SELECT COUNT(*) FROM scheduled_timer WHERE state = 'pending' AND attempts > 0",
        soci::into(failing);
    counts = {pending, due, failing};
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return counts;
}

Status ValidateFilter(const TimerFilter& filter) {
  if (filter.kind.size() > kMaxNameBytes) {
    return InvalidArgumentError("定时任务类型（kind）不超过 100 字节", "kind");
  }
  if (!filter.state.empty() && filter.state != "pending" && filter.state != "fired" &&
      filter.state != "cancelled") {
    return InvalidArgumentError("状态（state）须为 pending、fired 或 cancelled", "state");
  }
  if (filter.limit < 1 || filter.limit > kMaxListLimit) {
    return InvalidArgumentError("每页条数（limit）须在 1 至 1000 之间", "limit");
  }
  if (filter.offset < 0) return InvalidArgumentError("偏移量（offset）不能为负", "offset");
  return OkStatus();
}

StatusOr<std::vector<Timer>> ListTimers(soci::session& sql, const TimerFilter& filter) {
  RETURN_IF_ERROR(ValidateFilter(filter));
  std::vector<Timer> out;
  const long long limit = filter.limit, offset = filter.offset;
  try {
    std::string query =
        std::string("SELECT ") + kTimerColumns + " FROM scheduled_timer WHERE 1 = 1";
    if (!filter.kind.empty()) query += " AND kind = :kind";
    if (!filter.state.empty()) query += " AND state = :state";
    query += " ORDER BY due_at, id LIMIT :limit OFFSET :offset";
    soci::details::prepare_temp_type prep = (sql.prepare << query);
    if (!filter.kind.empty()) prep, soci::use(filter.kind);
    if (!filter.state.empty()) prep, soci::use(filter.state);
    prep, soci::use(limit), soci::use(offset);
    soci::rowset<soci::row> rows(prep);
    for (const soci::row& r : rows) out.push_back(TimerFromRow(r));
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return out;
}

StatusOr<int64_t> CountTimers(soci::session& sql, const TimerFilter& filter) {
  RETURN_IF_ERROR(ValidateFilter(filter));
  long long n = 0;
  try {
    std::string query = "SELECT COUNT(*) FROM scheduled_timer WHERE 1 = 1";
    if (!filter.kind.empty()) query += " AND kind = :kind";
    if (!filter.state.empty()) query += " AND state = :state";
    soci::details::prepare_temp_type prep = (sql.prepare << query);
    if (!filter.kind.empty()) prep, soci::use(filter.kind);
    if (!filter.state.empty()) prep, soci::use(filter.state);
    soci::rowset<soci::row> rows(prep);
    for (const soci::row& r : rows) n = storage::RowInt(r, 0);
  } catch (const std::exception& e) {
    return storage::StatusFromException(e);
  }
  return static_cast<int64_t>(n);
}

nlohmann::json TimerJson(const Timer& t) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  };
  return {{"id", t.id},
          {"kind", t.kind},
          {"key", t.key},
          {"due_at", t.due_at},
          {"payload", t.payload},
          {"state", t.state},
          {"attempts", t.attempts},
          {"last_error", or_null(t.last_error)},
          {"next_attempt_at", or_null(t.next_attempt_at)},
          {"fired_at", or_null(t.fired_at)},
          {"fired_by", or_null(t.fired_by)},
          {"outcome", or_null(t.outcome)},
          {"created_at", t.created_at}};
}

Scheduler::Scheduler(storage::Database& db, const Clock& clock, std::string instance)
    : db_(db), clock_(clock), instance_(std::move(instance)) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Register(std::string kind, Handler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handlers_[std::move(kind)] = std::move(handler);
}

namespace {

// Claims the oldest due pending timer of one of `kinds` in the caller's
// transaction: locked (PostgreSQL: skipping those other instances hold) until
// it commits. nullopt when none is due.
std::optional<Timer> ClaimOne(soci::session& sql, bool pg, const std::vector<std::string>& kinds,
                              const std::string& now) {
  std::string query = std::string("SELECT ") + kTimerColumns +
                      " FROM scheduled_timer WHERE state = 'pending' AND due_at <= :now AND "
                      "(next_attempt_at = '' OR next_attempt_at <= :now2) AND kind IN (";
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    query += (i == 0 ? ":k" : ", :k") + std::to_string(i);
  }
  query += ") ORDER BY due_at, id LIMIT 1";
  if (pg) query += " FOR UPDATE SKIP LOCKED";
  soci::details::prepare_temp_type prep = (sql.prepare << query);
  prep, soci::use(now), soci::use(now);
  for (const std::string& kind : kinds) prep, soci::use(kind);
  soci::rowset<soci::row> rows(prep);
  for (const soci::row& r : rows) return TimerFromRow(r);
  return std::nullopt;
}

}  // namespace

StatusOr<RunReport> Scheduler::RunDue(int limit) {
  std::map<std::string, Handler, std::less<>> handlers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    handlers = handlers_;
  }
  RunReport report;
  if (handlers.empty() || limit <= 0) return report;
  std::vector<std::string> kinds;
  for (const auto& [kind, handler] : handlers) kinds.push_back(kind);
  const bool pg = db_.backend() == storage::Backend::kPostgresql;
  const Clock::TimePoint now = clock_.Now();
  const std::string now_text = FormatChinaTime(now);
  constexpr int kMaxConflictsInARow = 3;
  int conflicts_in_a_row = 0;

  for (int i = 0; i < limit; ++i) {
    std::optional<Timer> fired;
    std::optional<Timer> failed;
    Status handler_error;
    const auto started = std::chrono::steady_clock::now();
    Status s = db_.Transaction([&](soci::session& sql) -> Status {
      fired.reset();
      failed.reset();
      handler_error = OkStatus();
      std::optional<Timer> timer = ClaimOne(sql, pg, kinds, now_text);
      if (!timer) return OkStatus();
      StatusOr<std::string> outcome = InternalError("定时任务处理程序未运行");
      try {
        outcome = handlers.find(timer->kind)->second(sql, *timer, now);
      } catch (const std::exception& e) {
        outcome = storage::StatusFromException(e);
      }
      if (!outcome.ok()) {
        failed = timer;
        handler_error = outcome.status();
        return handler_error;
      }
      const std::string text = Clip(*outcome);
      const long long id = timer->id;
      sql << "UPDATE scheduled_timer SET state = 'fired', fired_at = :now, fired_by = :by, "
             "outcome = :outcome, updated_at = :now2 WHERE id = :id",
          soci::use(now_text), soci::use(instance_), soci::use(text), soci::use(now_text),
          soci::use(id);
      fired = std::move(timer);
      return OkStatus();
    });
    if (s.ok()) {
      if (!fired) break;  // nothing more is due
      ++report.fired;
      conflicts_in_a_row = 0;
      // On SQLite a firing holds the store's one write lock, and a writer
      // waiting for it tries again every 100 ms at most: claiming the next
      // timer at once after a long firing (a step of a large job that queues
      // the next step, due at once) would keep it from the lock until the
      // whole job is done. So the other transactions of this process go
      // first (writers of other processes are not seen).
      if (!pg && std::chrono::steady_clock::now() - started >= kLongFiring) {
        const auto until = std::chrono::steady_clock::now() + kYieldAfterLongFiring;
        while (db_.open_transactions() > 0 && std::chrono::steady_clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      }
      continue;
    }
    if (s.code() == StatusCode::kAborted) {
      // Another instance's firing conflicted (even a handler's own Aborted
      // means that): rolled back, still pending, taken again later.
      ++report.conflicts;
      spdlog::debug("定时任务触发与其他实例冲突，稍后重试：{}", s.message());
      if (++conflicts_in_a_row >= kMaxConflictsInARow) break;
      continue;
    }
    if (!failed) return s;  // the store failed, not a handler
    conflicts_in_a_row = 0;
    ++report.failed;
    spdlog::warn("定时任务 {} {} 处理失败（第 {} 次）：{}", failed->kind, failed->key,
                 failed->attempts + 1, s.message());
    RETURN_IF_ERROR(RecordFailure(failed->id, s.message()));
  }
  return report;
}

Status Scheduler::RecordFailure(int64_t id, const std::string& error) {
  const std::string text = Clip(error);
  return db_.Transaction([&](soci::session& sql) -> Status {
    const long long key = id;
    long long attempts = -1;
    {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT attempts FROM scheduled_timer WHERE id = :id AND state = "
                          "'pending'",
           soci::use(key));
      for (const soci::row& r : rows) attempts = storage::RowInt(r, 0);
    }
    if (attempts < 0) return OkStatus();  // fired elsewhere or cancelled meanwhile
    const int failures = static_cast<int>(attempts) + 1;
    const Clock::TimePoint at = clock_.Now();
    const std::string next = FormatChinaTime(at + RetryDelay(failures)), now = FormatChinaTime(at);
    const long long count = failures;
    sql << "UPDATE scheduled_timer SET attempts = :attempts, last_error = :error, "
           "next_attempt_at = :next, updated_at = :now WHERE id = :id AND state = 'pending'",
        soci::use(count), soci::use(text), soci::use(next), soci::use(now), soci::use(key);
    return OkStatus();
  });
}

void Scheduler::Start(std::chrono::milliseconds interval) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] { Loop(interval); });
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop(std::chrono::milliseconds interval) {
  constexpr int kBatch = 100;
  for (;;) {
    bool full = false;
    try {
      StatusOr<RunReport> report = RunDue(kBatch);
      if (!report.ok()) {
        spdlog::error("定时任务运行失败：{}", report.status().ToString());
      } else {
        if (report->fired > 0 || report->failed > 0) {
          spdlog::info("定时任务：已触发 {} 个，失败 {} 个", report->fired, report->failed);
        }
        full = report->fired + report->failed + report->conflicts >= kBatch;
      }
    } catch (const std::exception& e) {
      spdlog::error("定时任务运行异常：{}", e.what());
    } catch (...) {
      spdlog::error("定时任务运行异常（未知类型）");
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (full) continue;  // more may be due at once
    wake_.wait_for(lock, interval, [this] { return stopping_; });
    if (stopping_) return;
  }
}

std::string DefaultInstanceName() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  std::string name = host.data();
  if (name.empty()) name = "localhost";
  return name + ":" + std::to_string(static_cast<long long>(getpid()));
}

}  // namespace amr::scheduler
