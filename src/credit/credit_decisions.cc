// SPDX-License-Identifier: MulanPSL-2.0
// CreditService: the registration authority's decisions on findings and on
// applications to leave, the findings queue and the figures.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "audit/audit_log.h"
#include "codes/deadline.h"
#include "common/text.h"
#include "credit/credit_service.h"
#include "credit/credit_store.h"
#include "credit/instant_store.h"
#include "credit/scopes.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "outbox/outbox.h"
#include "registry/entity_store.h"

namespace amr::credit {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

}  // namespace

StatusOr<ListingView> CreditService::DecideListing(const identity::Caller& caller,
                                                   const NewListing& in) {
  const Date today = ChinaDate(clock_.Now());
  if (in.reason == ListingReason::kNoAnnualReport) {
    return InvalidArgumentError("未报送年度报告的由期满后的批量列入，不在此作出", "reason");
  }
  ASSIGN_OR_RETURN(Date found_on, Date::Parse(in.found_on, "found_on"));
  if (today < found_on) return InvalidArgumentError("发现日期不能晚于今天", "found_on");
  const size_t chars = Utf8Length(in.evidence);
  if (chars < 5 || chars > 2000) {
    return InvalidArgumentError("请写明证据（5 到 2000 字）：如检查记录、两次挂号信退回的情况",
                                "evidence");
  }
  std::optional<ListingView> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, in.uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    const identity::Principal* p = caller.principal;
    if (p == nullptr || !p->Can(perm::kCreditDecide)) return PermissionDeniedError("需要登录");
    if (!p->InScope(perm::kCreditDecide, authority.path)) return identity::OutOfScopeError();
    if (entity->status != registry::EntityStatus::kActive &&
        entity->status != registry::EntityStatus::kSuspended) {
      return FailedPreconditionError("只有存续或歇业的主体才能列入", "uscc");
    }
    if (found_on < entity->established_on) {
      return InvalidArgumentError("发现日期早于该主体成立日期", "found_on");
    }
    ASSIGN_OR_RETURN(std::vector<Listing> existing, ListingsOf(sql, in.uscc));
    for (const Listing& l : existing) {
      if (l.reason == in.reason && l.current()) {
        return FailedPreconditionError(
            fmt::format("该主体已因此事由于 {} 列入，尚未移出", l.listed_on.ToString()), "reason");
      }
    }
    ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(found_on));
    ASSIGN_OR_RETURN(codes::CountedDate due,
                     codes::PeriodEnd(*calendar_.Current(), found_on, rule.listing_limit));
    Listing l;
    l.uscc = in.uscc;
    l.entity_name = entity->name;
    l.entity_kind = std::string(registry::KindId(entity->kind));
    l.reason = in.reason;
    l.listed_on = today;
    l.authority_unit_id = authority.id;
    l.authority_name = authority.name;
    l.found_on = found_on.ToString();
    l.evidence = in.evidence;
    l.source = in.source;
    l.decision_due = due.date.ToString();
    l.decided_late = due.date < today;
    if (in.source.starts_with("publish_order:")) {
      if (in.reason != ListingReason::kInstantInfo) {
        return InvalidArgumentError("依责令公示列入的，事由应为未在责令的期限内公示", "reason");
      }
      int64_t order_id = 0;
      const std::string digits = in.source.substr(std::string_view("publish_order:").size());
      if (std::from_chars(digits.data(), digits.data() + digits.size(), order_id).ec !=
          std::errc()) {
        return InvalidArgumentError("来源应为 publish_order:编号", "source");
      }
      ASSIGN_OR_RETURN(PublishOrder order, GetOrder(sql, order_id));
      if (order.uscc != in.uscc) return NotFoundError("该主体没有这项责令公示", "source");
      RETURN_IF_ERROR(order.MarkListed(today));
      RETURN_IF_ERROR(SaveOrder(sql, order));
    }
    ASSIGN_OR_RETURN(l.id, InsertListing(sql, l, FormatChinaTime(clock_.Now())));
    l.decision_no = fmt::format("{}列异〔{}〕{}号", authority.name, today.year(), l.id);
    RETURN_IF_ERROR(SetDecisionNo(sql, l.id, l.decision_no));
    RETURN_IF_ERROR(LogListingChange(sql, l.uscc, l.id, true, entity->region_code,
                                     FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kCreditDecide), "credit.abnormal_list",
                       "abnormal_listing", std::to_string(l.id), nullptr,
                       json{{"uscc", l.uscc},
                            {"reason", ListingReasonId(l.reason)},
                            {"found_on", l.found_on},
                            {"decision_due", l.decision_due},
                            {"late", l.decided_late},
                            {"source", l.source}}},
                      clock_));
    ASSIGN_OR_RETURN(ListingView view, View(sql, std::move(l), today));
    out = std::move(view);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<ListingView> CreditService::DecideRemoval(const identity::Caller& caller,
                                                   const std::string& uscc, int64_t id,
                                                   bool approve, std::string reason) {
  const Date today = ChinaDate(clock_.Now());
  std::optional<ListingView> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Listing listing, GetListing(sql, id));
    if (listing.uscc != uscc) return NotFoundError("该主体没有这条名录记录", "id");
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    const identity::Principal* p = caller.principal;
    if (p == nullptr || !p->Can(perm::kCreditDecide)) return PermissionDeniedError("需要登录");
    if (!p->InScope(perm::kCreditDecide, authority.path)) return identity::OutOfScopeError();
    RETURN_IF_ERROR(listing.DecideRemoval(today, approve, std::move(reason)));
    RETURN_IF_ERROR(SaveListing(sql, listing));
    RETURN_IF_ERROR(LogListingChange(sql, listing.uscc, listing.id, false, entity->region_code,
                                     FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(audit::Append(
        sql,
        {identity::ActorFor(caller, perm::kCreditDecide), "credit.removal_decide",
         "abnormal_listing", std::to_string(id), json{{"state", "removal_applied"}},
         json{{"state", ListingStateId(listing.state)},
              {"reason", approve ? listing.removal_reason : listing.removal_refusal}}},
        clock_));
    ASSIGN_OR_RETURN(ListingView view, View(sql, std::move(listing), today));
    out = std::move(view);
    return OkStatus();
  }));
  return *std::move(out);
}

namespace {

// The caller's scopes for `permission`, without those inside another.

}  // namespace

StatusOr<CreditFigures> CreditService::Figures(const identity::Caller& caller, int year) {
  const Date today = ChinaDate(clock_.Now());
  if (year < 2000 || year >= today.year()) {
    return InvalidArgumentError(fmt::format("年度应在 2000 到 {} 之间", today.year() - 1), "year");
  }
  CreditFigures out;
  out.year = year;
  ASSIGN_OR_RETURN(out.window_end, rules_.WindowEnd(year));
  const std::vector<std::string> paths = OutermostScopes(caller, perm::kStatsRead);
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out.kinds, ReportFigures(sql, paths, year));
    ASSIGN_OR_RETURN(out.listings, CurrentListings(sql, paths));
    // The work year in which the report fell due: its listings, removals
    // and repairs (to date, when it is this year).
    ASSIGN_OR_RETURN(out.repairs, RepairFigures(sql, year + 1, paths));
    ASSIGN_OR_RETURN(out.units, ReportFiguresByUnit(sql, paths, year));
    ASSIGN_OR_RETURN(out.listings_in_year, ListingsInYear(sql, paths, year + 1));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<ListingView>> CreditService::RemovalQueue(const identity::Caller& caller) {
  const Date today = ChinaDate(clock_.Now());
  const std::vector<std::string> paths = OutermostScopes(caller, perm::kCreditDecide);
  std::vector<ListingView> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<Listing> pending, RemovalApplications(sql, paths));
    for (Listing& l : pending) {
      ASSIGN_OR_RETURN(ListingView v, View(sql, std::move(l), today));
      out.push_back(std::move(v));
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<FindingView>> CreditService::Findings(const identity::Caller& caller) {
  const Date today = ChinaDate(clock_.Now());
  const std::vector<std::string> paths = OutermostScopes(caller, perm::kCreditDecide);
  std::vector<FindingView> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<Finding> found, UnreachableFindings(sql, paths));
    ASSIGN_OR_RETURN(std::vector<PublishOrder> expired, ExpiredOrders(sql, today, paths));
    for (const PublishOrder& o : expired) {
      Finding f;
      f.reason = "instant_info";
      f.order_id = o.id;
      const CreditRules::InstantKind* kind = rules_.InstantKindOf(o.kind);
      f.detail = fmt::format("{} 责令公示{}：{}，{} 前未公示", o.ordered_on.ToString(),
                             kind ? kind->name : o.kind, o.what, o.due.ToString());
      f.uscc = o.uscc;
      f.entity_name = o.entity_name;
      f.found_on = o.due.AddDays(1);
      f.authority_unit_id = o.authority_unit_id;
      f.authority_name = o.authority_name;
      found.push_back(std::move(f));
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Finding& a, const Finding& b) { return a.found_on < b.found_on; });
    std::shared_ptr<const codes::WorkdayCalendar> cal = calendar_.Current();
    for (Finding& f : found) {
      ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(f.found_on));
      ASSIGN_OR_RETURN(codes::ClockReading clock,
                       codes::ReadClock(*cal, {f.found_on, rule.listing_limit}, today));
      out.push_back({std::move(f), clock.due.date, clock.left, clock.due.provisional});
    }
    return OkStatus();
  }));
  return out;
}

}  // namespace amr::credit
