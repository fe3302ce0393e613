// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/suspension.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include "audit/audit_log.h"
#include "codes/data_dir.h"
#include "codes/data_file.h"
#include "identity/roles.h"
#include "lifecycle/access.h"
#include "lifecycle/entity_status.h"
#include "lifecycle/periods.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "storage/change_log.h"
#include "storage/rows.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowIsNull;
using storage::RowText;
namespace perm = identity::perm;

constexpr std::string_view kTask = "change";
constexpr std::string_view kColumns =
    "s.id, s.uscc, e.name, s.reason_category, s.reason, s.filed_on, s.start_on, s.end_on, "
    "s.original_end_on, s.extensions, s.state, s.resumed_on, s.outcome, s.filed_by, "
    "s.created_at, s.updated_at";

Date DateOf(const std::string& text) {
  auto d = Date::Parse(text);
  return d.ok() ? *d : Date::FromSysDays({});
}

Suspension FromRow(const soci::row& r) {
  Suspension s;
  s.id = RowInt(r, 0);
  s.uscc = RowText(r, 1);
  s.entity_name = RowText(r, 2);
  s.reason_category = RowText(r, 3);
  s.reason = RowText(r, 4);
  s.filed_on = DateOf(RowText(r, 5));
  s.start_on = DateOf(RowText(r, 6));
  s.end_on = DateOf(RowText(r, 7));
  s.original_end_on = DateOf(RowText(r, 8));
  s.extensions = static_cast<int>(RowInt(r, 9));
  s.state = RowText(r, 10);
  if (!RowIsNull(r, 11)) s.resumed_on = DateOf(RowText(r, 11));
  s.outcome = RowText(r, 12);
  s.filed_by = RowText(r, 13);
  s.created_at = RowText(r, 14);
  s.updated_at = RowText(r, 15);
  return s;
}

std::string TimerKey(int64_t id) { return fmt::format("suspension:{}", id); }

// The days of `s` counted against the 3-year total: from its start to its
// resumption (exclusive) or its end (inclusive).
// The first day an extension may be filed: the window ("suspension.extension_window")
// measured back from the last day of the period.
Date ExtensionOpensOn(const Date& end_on) {
  auto window = Periods::Default().Get("suspension.extension_window");
  return end_on.AddDays(window.ok() ? -window->value : 0);
}

int DaysUsed(const Suspension& s) {
  if (s.resumed_on && s.state == "resumed") return std::max(0, s.resumed_on->DaysSince(s.start_on));
  return s.end_on.DaysSince(s.start_on) + 1;
}

Status Publish(soci::session& sql, const Suspension& s, std::string_view kind, const Date& on,
               const std::string& text, const std::string& now) {
  long long id = s.id;
  const std::string k(kind), published = on.ToString(), start = s.start_on.ToString(),
                             end = s.end_on.ToString();
  sql << "INSERT INTO suspension_notice (suspension_id, uscc, entity_name, kind, published_on, "
         "start_on, end_on, text, created_at) VALUES (:id, :u, :n, :k, :p, :s, :e, :t, :now)",
      soci::use(id), soci::use(s.uscc), soci::use(s.entity_name), soci::use(k),
      soci::use(published), soci::use(start), soci::use(end), soci::use(text), soci::use(now);
  return OkStatus();
}

Status Audit(soci::session& sql, const audit::Actor& actor, std::string action, int64_t id,
             json before, json after, const Clock& clock) {
  audit::AuditEntry e;
  e.actor = actor;
  e.action = std::move(action);
  e.target_type = "suspension";
  e.target_id = std::to_string(id);
  e.before = std::move(before);
  e.after = std::move(after);
  return audit::Append(sql, e, clock);
}

audit::Actor TimerActor() {
  audit::Actor a;
  a.username = "scheduler";
  return a;
}

StatusOr<std::string> ReasonName(std::string_view given) {
  for (const SuspensionReason& r : SuspensionReasons()) {
    if (given == r.code || given == r.name) return r.name;
  }
  std::string names;
  for (const SuspensionReason& r : SuspensionReasons()) {
    names += (names.empty() ? "" : "、") + r.name;
  }
  return InvalidArgumentError(fmt::format("歇业原因须为以下之一：{}", names), "reason_category");
}

std::optional<Suspension> OpenSuspension(soci::session& sql, std::string_view uscc) {
  std::optional<Suspension> out;
  const std::string u(uscc);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << " FROM suspension s JOIN entity e ON e.uscc = s.uscc WHERE s.uscc = :u AND "
                      "s.state IN ('filed', 'in_effect') ORDER BY s.id",
       soci::use(u));
  for (const soci::row& r : rows) {
    if (!out) out = FromRow(r);
  }
  return out;
}

StatusOr<Suspension> Load(soci::session& sql, int64_t id) {
  long long lid = id;
  std::optional<Suspension> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << " FROM suspension s JOIN entity e ON e.uscc = s.uscc WHERE s.id = :id",
       soci::use(lid));
  for (const soci::row& r : rows) out = FromRow(r);
  if (!out) return NotFoundError(fmt::format("歇业备案 {} 不存在", id), "id");
  return *out;
}

// The 3-year budget: `extra_days` more days from `from` (a new period's
// start, or the day after the end being extended) on top of every period
// recorded; `first_start` when the entity has none yet.
Status CheckBudget(soci::session& sql, std::string_view uscc, const Date& first_start,
                   const Date& from, int extra_days, std::string_view field) {
  ASSIGN_OR_RETURN(SuspensionBudget budget, SuspensionBudgetOf(sql, uscc, first_start));
  ASSIGN_OR_RETURN(Period cap_period, Periods::Default().Get("suspension.max_total"));
  if (extra_days > budget.remaining_days) {
    const std::string last =
        budget.remaining_days > 0
            ? fmt::format("，最晚至 {}", from.AddDays(budget.remaining_days - 1).ToString())
            : "";
    return FailedPreconditionError(
        fmt::format("歇业累计不得超过 {}（自 {} 起共 {} 天）：已用 {} 天，尚可歇业 {} 天{}；"
                    "本次申请 {} 天",
                    DescribePeriod(cap_period), budget.first_start.ToString(), budget.cap_days,
                    budget.used_days, budget.remaining_days, last, extra_days),
        std::string(field));
  }
  return OkStatus();
}

}  // namespace

const std::vector<SuspensionReason>& SuspensionReasons() {
  static const std::vector<SuspensionReason>* reasons = [] {
    const auto path = codes::DataDir() / "lifecycle" / "suspension_reasons.csv";
    auto rows = codes::internal::ReadCsvTable(path, {"code", "name", "note"});
    if (!rows.ok()) codes::internal::DieForMissingData(path, rows.status());
    auto* out = new std::vector<SuspensionReason>();
    for (const auto& r : *rows) out->push_back({r.fields[0], r.fields[1]});
    return out;
  }();
  return *reasons;
}

StatusOr<Suspension> FileSuspension(soci::session& sql, const identity::Caller& caller,
                                    std::string_view uscc, const SuspensionRequest& request,
                                    const Clock& clock) {
  const Clock::TimePoint now_tp = clock.Now();
  const Date today = ChinaDate(now_tp);
  ASSIGN_OR_RETURN(std::string reason_name, ReasonName(request.reason_category));
  if (request.reason.size() > 2000) {
    return InvalidArgumentError("歇业原因说明过长（不超过 2000 字节）", "reason");
  }
  if (request.start_on < today) {
    return InvalidArgumentError(fmt::format("歇业须在歇业前备案：开始日期 {} 早于今天 {}",
                                            request.start_on.ToString(), today.ToString()),
                                "start_on");
  }
  if (request.end_on < request.start_on) {
    return InvalidArgumentError("歇业结束日期不得早于开始日期", "end_on");
  }
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, kTask, now_tp));
  if (access.entity.status != registry::EntityStatus::kActive) {
    return FailedPreconditionError(
        fmt::format("{} 当前状态为{}，只有存续的市场主体可以办理歇业备案", uscc,
                    registry::StatusName(access.entity.status)),
        "uscc");
  }
  if (auto open = OpenSuspension(sql, uscc)) {
    return FailedPreconditionError(
        fmt::format("{} 已有歇业备案（{} 至 {}），请办理延期或恢复营业", uscc,
                    open->start_on.ToString(), open->end_on.ToString()),
        "uscc");
  }
  RETURN_IF_ERROR(CheckBudget(sql, uscc, request.start_on, request.start_on,
                              request.end_on.DaysSince(request.start_on) + 1, "end_on"));

  const std::string now = FormatChinaTime(now_tp);
  const std::string u(uscc), filed = today.ToString(), start = request.start_on.ToString(),
                             end = request.end_on.ToString();
  const std::string filed_by =
      caller.principal != nullptr ? caller.principal->username : caller.name;
  long long authority = access.authority_org_unit_id;
  long long id = 0;
  sql << "INSERT INTO suspension (uscc, authority_org_unit_id, reason_category, reason, filed_on, "
         "start_on, end_on, original_end_on, extensions, state, filed_by, created_at, updated_at) "
         "VALUES (:u, :a, :c, :r, :f, :s, :e, :oe, 0, 'filed', :by, :now, :now2) RETURNING id",
      soci::use(u), soci::use(authority), soci::use(reason_name), soci::use(request.reason),
      soci::use(filed), soci::use(start), soci::use(end), soci::use(end), soci::use(filed_by),
      soci::use(now), soci::use(now), soci::into(id);
  ASSIGN_OR_RETURN(Suspension s, Load(sql, id));
  RETURN_IF_ERROR(Publish(sql, s, "filing", today,
                          fmt::format("{}（{}）因{}歇业，歇业期间 {} 至 {}", s.entity_name, s.uscc,
                                      reason_name, start, end),
                          now));
  RETURN_IF_ERROR(Audit(sql, ActorForEntity(caller, access, perm::kRegistrationAccept),
                        "suspension.file", id, nullptr, SuspensionJson(s), clock));
  const json payload = {{"suspension_id", id}, {"uscc", s.uscc}};
  RETURN_IF_ERROR(scheduler::Schedule(sql, kSuspensionExpiryTimer, TimerKey(id),
                                      ChinaMidnight(request.end_on.AddDays(1)), payload, clock));
  if (request.start_on == today) {
    RETURN_IF_ERROR(StartSuspensionNow(sql, id, clock).status());
  } else {
    RETURN_IF_ERROR(scheduler::Schedule(sql, kSuspensionStartTimer, TimerKey(id),
                                        ChinaMidnight(request.start_on), payload, clock));
  }
  return Load(sql, id);
}

StatusOr<Suspension> ExtendSuspension(soci::session& sql, const identity::Caller& caller,
                                      std::string_view uscc, int64_t id, const Date& new_end_on,
                                      const Clock& clock) {
  const Clock::TimePoint now_tp = clock.Now();
  const Date today = ChinaDate(now_tp);
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, kTask, now_tp));
  ASSIGN_OR_RETURN(Suspension s, GetSuspension(sql, uscc, id));
  if (s.state != "filed" && s.state != "in_effect") {
    return FailedPreconditionError(
        fmt::format("该歇业已结束（{}），不能延期；如需继续歇业请重新备案", s.outcome), "id");
  }
  ASSIGN_OR_RETURN(Period window, Periods::Default().Get("suspension.extension_window"));
  const Date opens = ExtensionOpensOn(s.end_on);
  if (today < opens || today > s.end_on) {
    return FailedPreconditionError(
        fmt::format("延期须在歇业期满前 {} 内申请，即 {} 至 {}（今天 {}）", DescribePeriod(window),
                    opens.ToString(), s.end_on.ToString(), today.ToString()),
        "end_on");
  }
  if (new_end_on <= s.end_on) {
    return InvalidArgumentError(
        fmt::format("延期后的结束日期须晚于原结束日期 {}", s.end_on.ToString()), "end_on");
  }
  RETURN_IF_ERROR(CheckBudget(sql, uscc, s.start_on, s.end_on.AddDays(1),
                              new_end_on.DaysSince(s.end_on), "end_on"));
  const std::string now = FormatChinaTime(now_tp), end = new_end_on.ToString();
  long long lid = id;
  sql << "UPDATE suspension SET end_on = :e, extensions = extensions + 1, updated_at = :now "
         "WHERE id = :id",
      soci::use(end), soci::use(now), soci::use(lid);
  ASSIGN_OR_RETURN(Suspension after, Load(sql, id));
  RETURN_IF_ERROR(Publish(sql, after, "extension", today,
                          fmt::format("{}（{}）歇业延期至 {}（原至 {}）", after.entity_name,
                                      after.uscc, end, s.end_on.ToString()),
                          now));
  RETURN_IF_ERROR(Audit(sql, ActorForEntity(caller, access, perm::kRegistrationAccept),
                        "suspension.extend", id, json{{"end_on", s.end_on.ToString()}},
                        json{{"end_on", end}, {"extensions", after.extensions}}, clock));
  RETURN_IF_ERROR(scheduler::Schedule(sql, kSuspensionExpiryTimer, TimerKey(id),
                                      ChinaMidnight(new_end_on.AddDays(1)),
                                      json{{"suspension_id", id}, {"uscc", after.uscc}}, clock));
  return after;
}

StatusOr<Suspension> ResumeBusiness(soci::session& sql, const identity::Caller& caller,
                                    std::string_view uscc, int64_t id, const Clock& clock) {
  const Clock::TimePoint now_tp = clock.Now();
  const Date today = ChinaDate(now_tp);
  ASSIGN_OR_RETURN(
      EntityAccess access,
      AuthorizeEntityAction(sql, caller, uscc, perm::kRegistrationAccept, kTask, now_tp));
  ASSIGN_OR_RETURN(Suspension s, GetSuspension(sql, uscc, id));
  if (s.state == "filed") {
    return FailedPreconditionError(
        fmt::format("歇业自 {} 开始，尚未开始歇业，无需恢复营业", s.start_on.ToString()), "id");
  }
  if (s.state != "in_effect") {
    return FailedPreconditionError(fmt::format("该歇业已结束：{}", s.outcome), "id");
  }
  const std::string now = FormatChinaTime(now_tp), resumed = today.ToString();
  const std::string outcome = fmt::format("{} 办理恢复营业备案", resumed);
  long long lid = id;
  sql << "UPDATE suspension SET state = 'resumed', resumed_on = :r, outcome = :o, updated_at = "
         ":now WHERE id = :id",
      soci::use(resumed), soci::use(outcome), soci::use(now), soci::use(lid);
  RETURN_IF_ERROR(SetEntityStatus(sql, access.entity, registry::EntityStatus::kActive, now));
  ASSIGN_OR_RETURN(Suspension after, Load(sql, id));
  RETURN_IF_ERROR(
      Publish(sql, after, "resumption", today,
              fmt::format("{}（{}）自 {} 恢复营业", after.entity_name, after.uscc, resumed), now));
  RETURN_IF_ERROR(Audit(sql, ActorForEntity(caller, access, perm::kRegistrationAccept),
                        "suspension.resume", id, json{{"state", s.state}},
                        json{{"state", "resumed"}, {"resumed_on", resumed}, {"outcome", outcome}},
                        clock));
  RETURN_IF_ERROR(scheduler::Cancel(sql, kSuspensionExpiryTimer, TimerKey(id), clock));
  return after;
}

StatusOr<std::vector<Suspension>> ListSuspensions(soci::session& sql, std::string_view uscc) {
  const std::string u(uscc);
  std::vector<Suspension> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << " FROM suspension s JOIN entity e ON e.uscc = s.uscc WHERE s.uscc = :u "
                      "ORDER BY s.start_on, s.id",
       soci::use(u));
  for (const soci::row& r : rows) out.push_back(FromRow(r));
  return out;
}

StatusOr<Suspension> GetSuspension(soci::session& sql, std::string_view uscc, int64_t id) {
  ASSIGN_OR_RETURN(Suspension s, Load(sql, id));
  if (s.uscc != uscc) return NotFoundError(fmt::format("{} 没有歇业备案 {}", uscc, id), "id");
  return s;
}

StatusOr<SuspensionBudget> SuspensionBudgetOf(soci::session& sql, std::string_view uscc,
                                              std::optional<Date> first_start) {
  ASSIGN_OR_RETURN(std::vector<Suspension> all, ListSuspensions(sql, uscc));
  SuspensionBudget b;
  std::optional<Date> first = first_start;
  for (const Suspension& s : all) {
    if (!first || s.start_on < *first) first = s.start_on;
    b.used_days += DaysUsed(s);
  }
  if (!first) return b;
  b.first_start = *first;
  // A cap, not a time limit for an act: not moved by holidays ("holiday_shift": false).
  ASSIGN_OR_RETURN(Date cap_end, Periods::Default().FixedEnd("suspension.max_total", *first));
  b.cap_days = cap_end.DaysSince(*first);
  b.remaining_days = std::max(0, b.cap_days - b.used_days);
  return b;
}

StatusOr<std::vector<SuspensionNotice>> ListSuspensionNotices(soci::session& sql,
                                                              std::string_view uscc, int limit,
                                                              int offset) {
  const std::string u(uscc);
  std::vector<SuspensionNotice> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, suspension_id, uscc, entity_name, kind, published_on, "
                      "start_on, end_on, text FROM suspension_notice WHERE (:u1 = '' OR uscc = "
                      ":u2) ORDER BY published_on DESC, id DESC LIMIT "
                   << limit << " OFFSET " << offset,
       soci::use(u), soci::use(u));
  for (const soci::row& r : rows) {
    SuspensionNotice n;
    n.id = RowInt(r, 0);
    n.suspension_id = RowInt(r, 1);
    n.uscc = RowText(r, 2);
    n.entity_name = RowText(r, 3);
    n.kind = RowText(r, 4);
    n.published_on = DateOf(RowText(r, 5));
    n.start_on = DateOf(RowText(r, 6));
    n.end_on = DateOf(RowText(r, 7));
    n.text = RowText(r, 8);
    out.push_back(std::move(n));
  }
  return out;
}

StatusOr<std::string> StartSuspensionNow(soci::session& sql, int64_t id, const Clock& clock) {
  ASSIGN_OR_RETURN(Suspension s, Load(sql, id));
  if (s.state != "filed") return fmt::format("歇业备案 {} 已是{}，无需开始", id, s.state);
  ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, s.uscc));
  if (entity.status != registry::EntityStatus::kActive) {
    return fmt::format("{} 当前状态为{}，未改为歇业", s.uscc, registry::StatusName(entity.status));
  }
  const std::string now = FormatChinaTime(clock.Now());
  long long lid = id;
  sql << "UPDATE suspension SET state = 'in_effect', updated_at = :now WHERE id = :id",
      soci::use(now), soci::use(lid);
  RETURN_IF_ERROR(SetEntityStatus(sql, entity, registry::EntityStatus::kSuspended, now));
  RETURN_IF_ERROR(Audit(sql, TimerActor(), "suspension.start", id, json{{"state", "filed"}},
                        json{{"state", "in_effect"}, {"entity_status", "suspended"}}, clock));
  return fmt::format("自 {} 起歇业", s.start_on.ToString());
}

StatusOr<std::string> ExpireSuspension(soci::session& sql, int64_t id, const Clock& clock) {
  ASSIGN_OR_RETURN(Suspension s, Load(sql, id));
  if (s.state != "in_effect") {
    return fmt::format("歇业备案 {} 已结束（{}），无需处理", id,
                       s.outcome.empty() ? s.state : s.outcome);
  }
  const std::string now = FormatChinaTime(clock.Now());
  const Date resumed = s.end_on.AddDays(1);
  const std::string resumed_text = resumed.ToString(), outcome(kDeemedResumed);
  long long lid = id;
  sql << "UPDATE suspension SET state = 'expired', resumed_on = :r, outcome = :o, updated_at = "
         ":now WHERE id = :id",
      soci::use(resumed_text), soci::use(outcome), soci::use(now), soci::use(lid);
  ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, s.uscc));
  if (entity.status == registry::EntityStatus::kSuspended) {
    RETURN_IF_ERROR(SetEntityStatus(sql, entity, registry::EntityStatus::kActive, now));
  }
  ASSIGN_OR_RETURN(Suspension after, Load(sql, id));
  RETURN_IF_ERROR(
      Publish(sql, after, "expiry", resumed,
              fmt::format("{}（{}）歇业期满（{}），自 {} 视为恢复营业", after.entity_name,
                          after.uscc, s.end_on.ToString(), resumed_text),
              now));
  RETURN_IF_ERROR(
      Audit(sql, TimerActor(), "suspension.expire", id, json{{"state", "in_effect"}},
            json{{"state", "expired"}, {"resumed_on", resumed_text}, {"outcome", outcome}}, clock));
  return outcome;
}

json SuspensionJson(const Suspension& s) {
  return {{"id", s.id},
          {"uscc", s.uscc},
          {"entity_name", s.entity_name},
          {"reason_category", s.reason_category},
          {"reason", s.reason},
          {"filed_on", s.filed_on.ToString()},
          {"start_on", s.start_on.ToString()},
          {"end_on", s.end_on.ToString()},
          {"original_end_on", s.original_end_on.ToString()},
          {"extensions", s.extensions},
          {"state", s.state},
          {"resumed_on", s.resumed_on ? json(s.resumed_on->ToString()) : json()},
          {"outcome", s.outcome},
          {"days", DaysUsed(s)},
          {"extension_opens_on", ExtensionOpensOn(s.end_on).ToString()}};
}

json SuspensionNoticeJson(const SuspensionNotice& n) {
  return {{"id", n.id},
          {"suspension_id", n.suspension_id},
          {"uscc", n.uscc},
          {"entity_name", n.entity_name},
          {"kind", n.kind},
          {"published_on", n.published_on.ToString()},
          {"start_on", n.start_on.ToString()},
          {"end_on", n.end_on.ToString()},
          {"text", n.text}};
}

json SuspensionBudgetJson(const SuspensionBudget& b) {
  return {{"first_start", b.used_days > 0 ? json(b.first_start.ToString()) : json()},
          {"cap_days", b.cap_days},
          {"used_days", b.used_days},
          {"remaining_days", b.remaining_days}};
}

}  // namespace amr::lifecycle
