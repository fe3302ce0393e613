// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/credit_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "audit/audit_log.h"
#include "codes/deadline.h"
#include "common/text.h"
#include "credit/credit_store.h"
#include "credit/instant_store.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "messages/messages.h"
#include "outbox/outbox.h"
#include "registry/entity_store.h"

namespace amr::credit {
namespace {

// The order to publish a listing on instant information was decided on
// ("publish_order:ID"), if any: the platform verifies that cure itself.
std::optional<int64_t> OrderOf(const Listing& l) {
  constexpr std::string_view kPrefix = "publish_order:";
  if (l.reason != ListingReason::kInstantInfo || !l.source.starts_with(kPrefix)) {
    return std::nullopt;
  }
  int64_t id = 0;
  const std::string_view digits = std::string_view(l.source).substr(kPrefix.size());
  if (std::from_chars(digits.data(), digits.data() + digits.size(), id).ec != std::errc()) {
    return std::nullopt;
  }
  return id;
}

using nlohmann::json;
namespace perm = identity::perm;

}  // namespace

CreditService::CreditService(storage::Database& db, const Clock& clock,
                             const codes::CalendarSource& calendar, const CreditRules& rules)
    : db_(db), clock_(clock), calendar_(calendar), rules_(rules) {}

StatusOr<ReportChannel> CreditService::MayFileFor(soci::session& sql,
                                                  const identity::Caller& caller,
                                                  const std::string& uscc,
                                                  const std::string& region_code) {
  const identity::Principal* p = caller.principal;
  // The platform itself (the command line, an import): entered as on paper.
  if (p == nullptr) return ReportChannel::kPaper;
  if (!p->Can(perm::kCreditFile)) return PermissionDeniedError("没有报送年度报告的权限");
  if (p->kind == identity::UserKind::kApplicant) {
    ASSIGN_OR_RETURN(bool may,
                     license::IsAuthorized(sql, uscc, p->user_id, "annual_report", clock_.Now()));
    if (!may) {
      return PermissionDeniedError(
          "只有本企业电子营业执照的管理员或被授权“年度报告”的经办人可以报送");
    }
    return ReportChannel::kOnline;
  }
  ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, region_code));
  if (!p->InScope(perm::kCreditFile, authority.path)) return identity::OutOfScopeError();
  return ReportChannel::kPaper;  // the window enters the paper form
}

StatusOr<FiledReport> CreditService::FileReport(const identity::Caller& caller, NewReport in,
                                                bool correction) {
  const Date today = ChinaDate(clock_.Now());
  std::optional<FiledReport> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, in.uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    if (entity->status == registry::EntityStatus::kDeregistered) {
      return FailedPreconditionError("该主体已注销，不再报送年度报告", "uscc");
    }
    ASSIGN_OR_RETURN(in.channel, MayFileFor(sql, caller, in.uscc, entity->region_code));
    const std::string kind(registry::KindId(entity->kind));
    DropEmptyValues(in);
    RETURN_IF_ERROR(ValidateReport(in, kind, today, rules_));
    if (entity->established_on.year() > in.year) {
      return InvalidArgumentError(fmt::format("该主体 {} 年成立，不需报送 {} 年度报告",
                                              entity->established_on.year(), in.year),
                                  "year");
    }
    ASSIGN_OR_RETURN(std::optional<AnnualReport> before, LatestReport(sql, in.uscc, in.year));
    if (before && before->content == in.content && before->withheld == in.withheld) {
      out = FiledReport{*std::move(before), false};  // a retry: already so
      return OkStatus();
    }
    if (before && !correction) {
      return FailedPreconditionError(fmt::format("{} 年度报告已于 {} 报送；如需修改请提交更正",
                                                 in.year, before->first_filed_on),
                                     "year");
    }
    if (!before && correction) {
      return FailedPreconditionError(fmt::format("{} 年度报告尚未报送，无从更正", in.year), "year");
    }
    ASSIGN_OR_RETURN(Date window_end, rules_.WindowEnd(in.year));
    AnnualReport r;
    r.uscc = in.uscc;
    r.year = in.year;
    r.version = before ? before->version + 1 : 1;
    r.entity_kind = kind;
    r.content = in.content;
    r.withheld = in.withheld;
    r.channel = in.channel;
    r.filed_on = today.ToString();
    r.first_filed_on = before ? before->first_filed_on : r.filed_on;
    r.late = before ? before->late : window_end < today;
    r.filed_by = caller.principal != nullptr ? caller.principal->username : caller.name;
    RETURN_IF_ERROR(InsertReport(sql, r, FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kCreditFile),
         correction ? "annual_report.correct" : "annual_report.file", "annual_report",
         fmt::format("{}:{}", in.uscc, in.year), nullptr,
         json{{"version", r.version}, {"channel", ReportChannelId(r.channel)}, {"late", r.late}}},
        clock_));
    RETURN_IF_ERROR(LogReportChange(sql, r.uscc, r.year, r.version == 1, entity->region_code,
                                    FormatChinaTime(clock_.Now())));
    out = FiledReport{std::move(r), true};
    return OkStatus();
  }));
  return *std::move(out);
}

std::string_view YearStateId(YearState::State s) {
  switch (s) {
    case YearState::State::kFiled:
      return "filed";
    case YearState::State::kFiledLate:
      return "filed_late";
    case YearState::State::kWindowOpen:
      return "window_open";
    case YearState::State::kNotFiled:
      break;
  }
  return "not_filed";
}

std::string_view YearStateName(YearState::State s) {
  switch (s) {
    case YearState::State::kFiled:
      return "已报送";
    case YearState::State::kFiledLate:
      return "逾期补报";
    case YearState::State::kWindowOpen:
      return "报送期内，尚未报送";
    case YearState::State::kNotFiled:
      break;
  }
  return "未报送";
}

StatusOr<std::vector<YearState>> CreditService::FilingYears(const std::string& uscc) {
  const Date today = ChinaDate(clock_.Now());
  std::vector<YearState> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(std::vector<AnnualReport> reports, LatestReports(sql, uscc));
    const int first = std::max(entity->established_on.year(), today.year() - 5);
    for (int year = today.year() - 1; year >= first; --year) {
      YearState y;
      y.year = year;
      ASSIGN_OR_RETURN(y.window_end, rules_.WindowEnd(year));
      auto filed = std::find_if(reports.begin(), reports.end(),
                                [&](const AnnualReport& r) { return r.year == year; });
      if (filed != reports.end()) {
        y.state = filed->late ? YearState::State::kFiledLate : YearState::State::kFiled;
      } else if (!(y.window_end < today)) {
        y.state = YearState::State::kWindowOpen;
      }
      out.push_back(y);
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<AnnualReport>> CreditService::Reports(const std::string& uscc) {
  std::vector<AnnualReport> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, LatestReports(sql, uscc));
    return OkStatus();
  }));
  return out;
}

namespace {

// The first working day after the year's window: the batch's decision date.
StatusOr<Date> BatchDay(int year, const codes::CalendarSource& calendar, const CreditRules& rules) {
  ASSIGN_OR_RETURN(Date window_end, rules.WindowEnd(year));
  return calendar.Current()->AddWorkdays(window_end, 1);
}

Status ScheduleBatchIn(soci::session& sql, int year, const Clock& clock,
                       const codes::CalendarSource& calendar, const CreditRules& rules) {
  ASSIGN_OR_RETURN(Date day, BatchDay(year, calendar, rules));
  ASSIGN_OR_RETURN(Clock::TimePoint due, ParseTime(day.ToString() + "T00:30:00+08:00"));
  return scheduler::Schedule(sql, kNoReportBatchTimer, fmt::format("no_annual_report:{}", year),
                             due, json{{"year", year}}, clock);
}

}  // namespace

StatusOr<BatchResult> CreditService::RunNoReportListingIn(
    soci::session& sql, int year, const Date& as_of, const std::string& actor, const Clock& clock,
    const codes::CalendarSource& calendar, const CreditRules& rules) {
  ASSIGN_OR_RETURN(Date window_end, rules.WindowEnd(year));
  if (!(window_end < as_of)) {
    return FailedPreconditionError(
        fmt::format("{} 年度报告的报送期到 {} 为止，期满后才能列入", year, window_end.ToString()),
        "as_of");
  }
  std::shared_ptr<const codes::WorkdayCalendar> cal = calendar.Current();
  ASSIGN_OR_RETURN(Date decision, cal->AddWorkdays(window_end, 1));
  if (decision < as_of) {
    ASSIGN_OR_RETURN(bool workday, cal->IsWorkday(as_of));
    if (workday) {
      decision = as_of;
    } else {
      ASSIGN_OR_RETURN(decision, cal->AddWorkdays(as_of, 1));
    }
  }
  BatchResult out;
  out.decision_date = decision;
  const std::string decision_no = fmt::format("年报列异〔{}〕批量", year + 1);
  const std::string now = FormatChinaTime(clock.Now());
  ASSIGN_OR_RETURN(out.listed, ListNonReporters(sql, year, decision, decision_no, now));
  audit::Actor batch;
  batch.username = actor;
  RETURN_IF_ERROR(audit::Append(
      sql,
      {batch, "credit.abnormal_batch", "abnormal_listing", fmt::format("no_annual_report:{}", year),
       nullptr, json{{"listed", out.listed}, {"decision_date", decision.ToString()}}},
      clock));
  RETURN_IF_ERROR(LogBatchListings(sql, year, now));
  return out;
}

StatusOr<BatchResult> CreditService::RunNoReportListing(int year, const Date& as_of) {
  std::optional<BatchResult> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, RunNoReportListingIn(sql, year, as_of, "amr credit abnormal-batch",
                                               clock_, calendar_, rules_));
    return OkStatus();
  }));
  return *std::move(out);
}

Status CreditService::ScheduleNoReportBatch(const Date& today) {
  // The window of report year Y runs in Y+1; once it has ended the next
  // batch is the following year's.
  int year = today.year() - 1;
  ASSIGN_OR_RETURN(Date day, BatchDay(year, calendar_, rules_));
  if (day < today) ++year;
  return db_.Transaction(
      [&](soci::session& sql) { return ScheduleBatchIn(sql, year, clock_, calendar_, rules_); });
}

Status EndListingsOfDeregistered(soci::session& sql, const std::string& uscc, const Date& on,
                                 const Clock& clock) {
  ASSIGN_OR_RETURN(std::vector<Listing> listings, ListingsOf(sql, uscc));
  std::string region;
  for (Listing& l : listings) {
    if (!l.current()) continue;
    if (region.empty()) {
      ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, uscc));
      region = entity.region_code;
    }
    const std::string before(ListingStateId(l.state));
    RETURN_IF_ERROR(l.Remove(std::max(on, l.listed_on), std::string(kRemovedOnDeregistration)));
    RETURN_IF_ERROR(SaveListing(sql, l));
    RETURN_IF_ERROR(
        LogListingChange(sql, l.uscc, l.id, false, region, FormatChinaTime(clock.Now())));
    audit::Actor platform;
    platform.username = "system";
    RETURN_IF_ERROR(audit::Append(
        sql,
        {platform, "credit.abnormal_remove", "abnormal_listing", std::to_string(l.id),
         json{{"state", before}}, json{{"state", "removed"}, {"removal_reason", l.removal_reason}}},
        clock));
  }
  return OkStatus();
}

namespace {

// The first reminder day after `today` (this year's, else next year's first).
StatusOr<std::optional<Date>> NextReminderDay(const Date& today, const CreditRules& rules) {
  for (int year : {today.year(), today.year() + 1}) {
    ASSIGN_OR_RETURN(CreditRuleVersion v, rules.At(*Date::FromYmd(year, 1, 1)));
    for (const auto& [month, day] : v.reminder_days) {
      ASSIGN_OR_RETURN(Date d, Date::FromYmd(year, month, day));
      if (today < d) return std::optional<Date>(d);
    }
  }
  return std::optional<Date>();
}

Status ScheduleReminderIn(soci::session& sql, const Date& today, const Clock& clock,
                          const CreditRules& rules) {
  ASSIGN_OR_RETURN(std::optional<Date> next, NextReminderDay(today, rules));
  if (!next) return OkStatus();
  ASSIGN_OR_RETURN(Clock::TimePoint due, ParseTime(next->ToString() + "T09:00:00+08:00"));
  return scheduler::Schedule(
      sql, kReportReminderTimer,
      fmt::format("{}:{:02d}-{:02d}", next->year(), next->month(), next->day()), due,
      json{{"on", next->ToString()}}, clock);
}

}  // namespace

Status CreditService::ScheduleReminder(const Date& today) {
  return db_.Transaction(
      [&](soci::session& sql) { return ScheduleReminderIn(sql, today, clock_, rules_); });
}

StatusOr<int64_t> CreditService::RemindIn(soci::session& sql, const Date& on, const Clock& clock,
                                          const CreditRules& rules) {
  const int year = on.year() - 1;
  ASSIGN_OR_RETURN(Date window_end, rules.WindowEnd(year));
  ASSIGN_OR_RETURN(std::vector<NonFiler> owing, NonFilers(sql, year));
  for (const NonFiler& e : owing) {
    RETURN_IF_ERROR(outbox::Enqueue(
        sql, kReportReminderTopic,
        json{{"uscc", e.uscc},
             {"name", e.name},
             {"year", year},
             {"window_end", window_end.ToString()},
             {"message",
              fmt::format("{}：请于 {} 前报送并公示 {} 年度报告，逾期将被列入经营异常名录", e.name,
                          window_end.ToString(), year)}},
        fmt::format("annual_report_reminder:{}:{}:{}", e.uscc, year, on.ToString()), clock));
    // The entity's own accounts (its licence's administrators, applicants acting for it) in
    // the message centre, by SMS where they have a phone.
    ASSIGN_OR_RETURN(std::vector<int64_t> accounts, ReportAccounts(sql, e.uscc));
    RETURN_IF_ERROR(messages::PostToEach(
        sql, accounts, messages::Kind::kAnnualReportDue,
        json{{"name", e.name}, {"year", year}, {"window_end", window_end.ToString()}},
        fmt::format("/workbench/annual-reports/{}", e.uscc),
        fmt::format("annual_report_reminder:{}:{}:{}", e.uscc, year, on.ToString()), clock));
  }
  return static_cast<int64_t>(owing.size());
}

void RegisterCreditTimers(scheduler::Scheduler& scheduler, const Clock& clock,
                          const codes::CalendarSource& calendar, const CreditRules& rules) {
  const Clock* c = &clock;
  const codes::CalendarSource* cal = &calendar;
  const CreditRules* r = &rules;
  scheduler.Register(std::string(kNoReportBatchTimer),
                     [c, cal, r](soci::session& sql, const scheduler::Timer& timer,
                                 Clock::TimePoint now) -> StatusOr<std::string> {
                       auto it = timer.payload.find("year");
                       if (it == timer.payload.end() || !it->is_number_integer()) {
                         return InvalidArgumentError("定时任务缺少 year", "payload");
                       }
                       const int year = it->get<int>();
                       ASSIGN_OR_RETURN(BatchResult done,
                                        CreditService::RunNoReportListingIn(
                                            sql, year, ChinaDate(now), "scheduler", *c, *cal, *r));
                       RETURN_IF_ERROR(ScheduleBatchIn(sql, year + 1, *c, *cal, *r));
                       return fmt::format(
                           "{} 年度未报送年报的 {} 户已列入经营异常名录（状态），决定日 {}", year,
                           done.listed, done.decision_date.ToString());
                     });
  scheduler.Register(std::string(kReportReminderTimer),
                     [c, r](soci::session& sql, const scheduler::Timer&,
                            Clock::TimePoint now) -> StatusOr<std::string> {
                       const Date today = ChinaDate(now);
                       ASSIGN_OR_RETURN(int64_t sent, CreditService::RemindIn(sql, today, *c, *r));
                       RETURN_IF_ERROR(ScheduleReminderIn(sql, today, *c, *r));
                       return fmt::format("已提醒 {} 户尚未报送 {} 年度报告的主体", sent,
                                          today.year() - 1);
                     });
}

StatusOr<ListingView> CreditService::View(soci::session& sql, Listing listing, const Date& today) {
  ListingView v;
  const std::string reason(ListingReasonId(listing.reason));
  if (const CreditRules::ReasonText* t = rules_.Reason(reason)) {
    v.reason_name = t->name;
    v.basis = t->basis;
    v.cure = t->cure;
  }
  if (listing.current()) {
    bool all_met = true;
    if (listing.reason == ListingReason::kNoAnnualReport) {
      ASSIGN_OR_RETURN(std::optional<AnnualReport> filed,
                       LatestReport(sql, listing.uscc, listing.report_year));
      v.conditions.push_back(
          {fmt::format("补报并公示 {} 年度报告", listing.report_year), filed.has_value()});
      all_met = filed.has_value();
    } else if (std::optional<int64_t> order_id = OrderOf(listing)) {
      // Listed on an order to publish: cured once that kind is published.
      ASSIGN_OR_RETURN(PublishOrder order, GetOrder(sql, *order_id));
      ASSIGN_OR_RETURN(bool published,
                       PublishedSince(sql, listing.uscc, order.kind, order.ordered_on));
      const CreditRules::InstantKind* kind = rules_.InstantKindOf(order.kind);
      v.conditions.push_back(
          {fmt::format("公示责令公示的企业信息（{}）", kind ? kind->name : order.kind), published});
      all_met = published;
    } else {
      // What cures the other reasons is verified by the registration
      // authority, not by the platform's own records.
      v.conditions.push_back(
          {v.cure + (listing.state == ListingState::kRemovalApplied
                         ? fmt::format("（已于 {} 申请，登记机关核实后于 {} 前决定）",
                                       listing.removal_applied_on, listing.removal_due)
                         : std::string("（申请移出时说明，由登记机关核实）")),
           false});
      all_met = false;
    }
    if (all_met) v.earliest_removal = today;
    if (!listing.status_only()) {
      ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(listing.listed_on));
      ASSIGN_OR_RETURN(v.escalation_on, YearsAfter(listing.listed_on, rule.escalation_years));
    }
  }
  v.listing = std::move(listing);
  return v;
}

StatusOr<std::vector<ListingView>> CreditService::CreditOf(const std::string& uscc) {
  const Date today = ChinaDate(clock_.Now());
  std::vector<ListingView> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(std::vector<Listing> listings, ListingsOf(sql, uscc));
    for (Listing& l : listings) {
      ASSIGN_OR_RETURN(ListingView v, View(sql, std::move(l), today));
      out.push_back(std::move(v));
    }
    std::stable_sort(out.begin(), out.end(), [](const ListingView& a, const ListingView& b) {
      return a.listing.current() && !b.listing.current();
    });
    return OkStatus();
  }));
  return out;
}

StatusOr<ListingView> CreditService::ApplyForRemoval(const identity::Caller& caller,
                                                     const std::string& uscc, int64_t id,
                                                     std::string statement) {
  const Date today = ChinaDate(clock_.Now());
  std::optional<ListingView> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Listing listing, GetListing(sql, id));
    if (listing.uscc != uscc) return NotFoundError("该主体没有这条名录记录", "id");
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    RETURN_IF_ERROR(MayFileFor(sql, caller, uscc, entity->region_code).status());
    if (listing.state == ListingState::kRemoved) {
      return FailedPreconditionError(fmt::format("已于 {} 移出", listing.removed_on), "state");
    }
    const audit::Actor actor = identity::ActorFor(caller, perm::kCreditFile);
    if (listing.reason != ListingReason::kNoAnnualReport && !OrderOf(listing)) {
      ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(today));
      ASSIGN_OR_RETURN(codes::CountedDate due,
                       codes::PeriodEnd(*calendar_.Current(), today, rule.removal_decision));
      RETURN_IF_ERROR(listing.ApplyForRemoval(today, std::move(statement), due.date));
      RETURN_IF_ERROR(SaveListing(sql, listing));
      RETURN_IF_ERROR(LogListingChange(sql, listing.uscc, listing.id, false, entity->region_code,
                                       FormatChinaTime(clock_.Now())));
      RETURN_IF_ERROR(
          audit::Append(sql,
                        {actor, "credit.removal_apply", "abnormal_listing", std::to_string(id),
                         json{{"state", "listed"}},
                         json{{"state", "removal_applied"}, {"removal_due", listing.removal_due}}},
                        clock_));
      ASSIGN_OR_RETURN(ListingView view, View(sql, std::move(listing), today));
      out = std::move(view);
      return OkStatus();
    }
    ASSIGN_OR_RETURN(ListingView view, View(sql, listing, today));
    std::string unmet;
    for (const RemovalCondition& c : view.conditions) {
      if (!c.met) unmet += (unmet.empty() ? "" : "；") + c.text;
    }
    if (!unmet.empty()) {
      return FailedPreconditionError("尚未具备移出条件：" + unmet, "conditions");
    }
    RETURN_IF_ERROR(listing.Remove(
        today, fmt::format("已{}，依申请移出", view.cure.empty() ? "履行义务" : view.cure)));
    RETURN_IF_ERROR(SaveListing(sql, listing));
    RETURN_IF_ERROR(LogListingChange(sql, listing.uscc, listing.id, false, entity->region_code,
                                     FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(audit::Append(
        sql,
        {actor, "credit.abnormal_remove", "abnormal_listing", std::to_string(id),
         json{{"state", "listed"}}, json{{"state", "removed"}, {"removed_on", listing.removed_on}}},
        clock_));
    ASSIGN_OR_RETURN(view, View(sql, std::move(listing), today));
    out = std::move(view);
    return OkStatus();
  }));
  return *std::move(out);
}

}  // namespace amr::credit
