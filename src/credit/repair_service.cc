// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/repair_service.h"

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "codes/deadline.h"
#include "common/text.h"
#include "credit/credit_store.h"
#include "credit/scopes.h"
#include "credit/serious_store.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "storage/change_log.h"

namespace amr::credit {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

// The authority of the entity, if the caller may decide over it.
StatusOr<Authority> DecidingAuthority(soci::session& sql, const identity::Caller& caller,
                                      const registry::Entity& entity) {
  ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity.region_code));
  const identity::Principal* p = caller.principal;
  if (p == nullptr || !p->Can(perm::kCreditDecide)) return PermissionDeniedError("需要登录");
  if (!p->InScope(perm::kCreditDecide, authority.path)) return identity::OutOfScopeError();
  return authority;
}

std::string Unmet(const RepairReading& reading) {
  if (!reading.why_not.empty()) return reading.why_not;
  std::string out;
  for (const RepairCondition& c : reading.conditions) {
    if (!c.met && !c.by_applicant) out += (out.empty() ? "" : "；") + c.text;
  }
  return out;
}

json RepairAuditJson(const RepairApplication& a) {
  return {{"state", RepairStateId(a.state)},
          {"record_kind", RepairRecordId(a.record)},
          {"record_id", a.record_id},
          {"due", a.due.ToString()},
          {"reason", a.decision_reason}};
}

}  // namespace

RepairService::RepairService(storage::Database& db, const Clock& clock,
                             const codes::CalendarSource& calendar, CreditService& credit,
                             const RepairRules& rules)
    : db_(db), clock_(clock), calendar_(calendar), credit_(credit), rules_(rules) {}

StatusOr<PublishedPenalty> RepairService::PublishPenalty(const identity::Caller& caller,
                                                         const NewPenalty& in) {
  const Date today = ChinaDate(clock_.Now());
  ASSIGN_OR_RETURN(PenaltyPublication p, MakePublication(in, today, rules_));
  std::optional<PublishedPenalty> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, in.uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, DecidingAuthority(sql, caller, *entity));
    if (p.decided_on < entity->established_on) {
      return InvalidArgumentError("决定日期早于该主体成立日期", "decided_on");
    }
    p.authority_unit_id = authority.id;
    // 企业信息公示暂行条例 第六条: published within the limit of the decision.
    ASSIGN_OR_RETURN(const RepairRuleVersion* rule, rules_.At(p.decided_on));
    StatusOr<codes::CountedDate> due =
        codes::PeriodEnd(*calendar_.Current(), p.decided_on, rule->publication_limit);
    p.published_late = !due.ok() || due->date < p.published_on;
    const std::string now = FormatChinaTime(clock_.Now());
    ASSIGN_OR_RETURN(InsertedPenalty inserted, InsertPenalty(sql, p, now));
    if (inserted.created) {
      RETURN_IF_ERROR(storage::AppendChange(sql, "penalty_publication",
                                            fmt::format("{}:{}", p.uscc, inserted.id), "insert",
                                            entity->region_code, now));
      RETURN_IF_ERROR(
          audit::Append(sql,
                        {identity::ActorFor(caller, perm::kCreditDecide), "credit.penalty_publish",
                         "penalty_publication", std::to_string(inserted.id), nullptr,
                         json{{"uscc", p.uscc},
                              {"decision_no", p.decision_no},
                              {"tier", p.tier},
                              {"public_until", p.public_until.ToString()}}},
                        clock_));
    }
    ASSIGN_OR_RETURN(PenaltyPublication kept, GetPenalty(sql, inserted.id));
    out = PublishedPenalty{std::move(kept), inserted.created};
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::vector<PenaltyPublication>> RepairService::PublicPenalties(const std::string& uscc) {
  const Date today = ChinaDate(clock_.Now());
  std::vector<PenaltyPublication> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<PenaltyPublication> all, PenaltiesOf(sql, uscc));
    for (PenaltyPublication& p : all) {
      if (p.Public(today)) out.push_back(std::move(p));
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<RepairFacts> RepairService::FactsFor(soci::session& sql, const std::string& uscc,
                                              const Date& since, const std::string& source) {
  RepairFacts facts;
  facts.today = ChinaDate(clock_.Now());
  ASSIGN_OR_RETURN(facts.heavy_penalty_since, PenaltyOfTierAfter(sql, uscc, "serious", since));
  constexpr std::string_view kFromListing = "abnormal_listing:";
  if (source.starts_with(kFromListing)) {
    const int64_t id = std::stoll(source.substr(kFromListing.size()));
    ASSIGN_OR_RETURN(Listing l, GetListing(sql, id));
    bool cured = !l.current();
    if (!cured && l.reason == ListingReason::kNoAnnualReport) {
      ASSIGN_OR_RETURN(std::optional<AnnualReport> filed, LatestReport(sql, uscc, l.report_year));
      cured = filed.has_value();
    }
    facts.source_cured = cured;
  }
  return facts;
}

StatusOr<std::vector<RepairOption>> RepairService::Options(const std::string& uscc) {
  const Date today = ChinaDate(clock_.Now());
  std::vector<RepairOption> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    if (!registry::GetEntity(sql, uscc).ok()) {
      return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    }
    ASSIGN_OR_RETURN(std::vector<PenaltyPublication> penalties, PenaltiesOf(sql, uscc));
    for (const PenaltyPublication& p : penalties) {
      if (!p.Public(today)) continue;
      RepairOption o;
      o.record = RepairRecord::kPenalty;
      o.record_id = p.id;
      o.title = "行政处罚 " + p.decision_no;
      o.since = p.decided_on.ToString();
      ASSIGN_OR_RETURN(RepairFacts facts, FactsFor(sql, uscc, p.decided_on, ""));
      facts.obligations_verified = !p.fulfilled_on.empty();
      o.reading = ReadPenaltyRepair(p, facts, rules_);
      ASSIGN_OR_RETURN(o.pending, PendingRepair(sql, o.record, p.id));
      out.push_back(std::move(o));
    }
    ASSIGN_OR_RETURN(std::vector<SeriousListing> serious, SeriousOf(sql, uscc));
    for (const SeriousListing& s : serious) {
      if (!s.current()) continue;
      ASSIGN_OR_RETURN(Date listed_on, Date::Parse(s.decided_on, "decided_on"));
      RepairOption o;
      o.record = RepairRecord::kSeriousListing;
      o.record_id = s.id;
      o.title = "严重违法失信名单 " + s.decision_no;
      o.since = s.decided_on;
      ASSIGN_OR_RETURN(RepairFacts facts, FactsFor(sql, uscc, listed_on, s.source));
      o.reading = ReadSeriousRepair(listed_on, facts, rules_);
      ASSIGN_OR_RETURN(o.pending, PendingRepair(sql, o.record, s.id));
      out.push_back(std::move(o));
    }
    return OkStatus();
  }));
  // The 经营异常名录 listings, as the listing's own view reads them.
  ASSIGN_OR_RETURN(std::vector<ListingView> listings, credit_.CreditOf(uscc));
  for (const ListingView& v : listings) {
    if (!v.listing.current()) continue;
    RepairOption o;
    o.record = RepairRecord::kAbnormalListing;
    o.record_id = v.listing.id;
    o.title = (v.listing.status_only() ? "经营异常状态 " : "经营异常名录 ") + v.reason_name;
    o.since = v.listing.listed_on.ToString();
    for (const RemovalCondition& c : v.conditions) {
      o.reading.conditions.push_back({"cure", c.text, c.met, false, std::nullopt});
    }
    if (v.listing.reason != ListingReason::kNoAnnualReport) {
      o.reading.conditions.push_back(
          {"statement", "说明已纠正的情况，由登记机关核实", false, true, std::nullopt});
    }
    o.reading.earliest = v.earliest_removal;
    if (v.listing.state == ListingState::kRemovalApplied) {
      o.reading.why_not =
          fmt::format("已申请移出，登记机关将于 {} 前作出决定", v.listing.removal_due);
    }
    out.push_back(std::move(o));
  }
  return out;
}

StatusOr<RepairOutcome> RepairService::Apply(const identity::Caller& caller,
                                             const std::string& uscc, RepairRecord record,
                                             int64_t record_id, RepairForm form) {
  if (record == RepairRecord::kAbnormalListing) {
    ASSIGN_OR_RETURN(ListingView view,
                     credit_.ApplyForRemoval(caller, uscc, record_id, std::move(form.statement)));
    RepairOutcome out;
    out.listing = std::move(view);
    return out;
  }
  const Date today = ChinaDate(clock_.Now());
  std::optional<RepairOutcome> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    RETURN_IF_ERROR(
        MayActForEntity(sql, caller, uscc, authority.path, clock_.Now(), "申请信用修复"));
    RepairReading reading;
    if (record == RepairRecord::kPenalty) {
      ASSIGN_OR_RETURN(PenaltyPublication pen, GetPenalty(sql, record_id));
      if (pen.uscc != uscc) return NotFoundError("该主体没有这条行政处罚信息", "record_id");
      ASSIGN_OR_RETURN(RepairFacts facts, FactsFor(sql, uscc, pen.decided_on, ""));
      facts.obligations_verified = !pen.fulfilled_on.empty();
      reading = ReadPenaltyRepair(pen, facts, rules_);
    } else {
      ASSIGN_OR_RETURN(SeriousListing s, GetSerious(sql, record_id));
      if (s.uscc != uscc) return NotFoundError("该主体没有这条名单记录", "record_id");
      if (!s.current()) return FailedPreconditionError("该名单记录不在列", "record_id");
      ASSIGN_OR_RETURN(Date listed_on, Date::Parse(s.decided_on, "decided_on"));
      ASSIGN_OR_RETURN(RepairFacts facts, FactsFor(sql, uscc, listed_on, s.source));
      reading = ReadSeriousRepair(listed_on, facts, rules_);
    }
    ASSIGN_OR_RETURN(std::optional<RepairApplication> pending,
                     PendingRepair(sql, record, record_id));
    if (pending) {
      out = RepairOutcome{std::move(pending), std::nullopt, false};
      return OkStatus();
    }
    if (!reading.Ready()) {
      return FailedPreconditionError("尚不能申请信用修复：" + Unmet(reading), "conditions");
    }
    if (!form.commitment) {
      return InvalidArgumentError("请阅读并勾选信用修复承诺书", "commitment");
    }
    const size_t chars = Utf8Length(form.statement);
    if (chars < 5 || chars > 2000) {
      return InvalidArgumentError("请说明已履行义务、纠正失信行为的情况（5 到 2000 字）",
                                  "statement");
    }
    const size_t proof = Utf8Length(form.evidence);
    if (proof < 2 || proof > 2000) {
      return InvalidArgumentError("请列明证明材料（如缴款凭证编号）", "evidence");
    }
    ASSIGN_OR_RETURN(const RepairRuleVersion* rule, rules_.At(today));
    ASSIGN_OR_RETURN(codes::CountedDate due,
                     codes::PeriodEnd(*calendar_.Current(), today, rule->decision_limit));
    RepairApplication a;
    a.uscc = uscc;
    a.entity_name = entity->name;
    a.entity_kind = std::string(registry::KindId(entity->kind));
    a.record = record;
    a.record_id = record_id;
    a.applied_on = today;
    a.statement = std::move(form.statement);
    a.evidence = std::move(form.evidence);
    a.commitment = true;
    a.due = due.date;
    a.authority_unit_id = authority.id;
    ASSIGN_OR_RETURN(a.id, InsertRepair(sql, a, FormatChinaTime(clock_.Now())));
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kCreditFile), "credit.repair_apply",
                       "repair_application", std::to_string(a.id), nullptr, RepairAuditJson(a)},
                      clock_));
    out = RepairOutcome{std::move(a), std::nullopt, true};
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<RepairApplication> RepairService::Decide(const identity::Caller& caller, int64_t id,
                                                  bool approve, std::string reason) {
  const Date today = ChinaDate(clock_.Now());
  std::optional<RepairApplication> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(RepairApplication a, GetRepair(sql, id));
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, a.uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    RETURN_IF_ERROR(DecidingAuthority(sql, caller, *entity).status());
    const json before = RepairAuditJson(a);
    const std::string by = caller.principal->username;
    RETURN_IF_ERROR(a.Decide(today, approve, std::move(reason), by));
    const std::string now = FormatChinaTime(clock_.Now());
    if (approve && a.record == RepairRecord::kPenalty) {
      ASSIGN_OR_RETURN(PenaltyPublication p, GetPenalty(sql, a.record_id));
      p.fulfilled_on = p.fulfilled_on.empty() ? today.ToString() : p.fulfilled_on;
      RETURN_IF_ERROR(p.Repair(today));
      RETURN_IF_ERROR(SavePenalty(sql, p));
      RETURN_IF_ERROR(storage::AppendChange(sql, "penalty_publication",
                                            fmt::format("{}:{}", p.uscc, p.id), "update",
                                            entity->region_code, now));
    } else if (approve) {
      ASSIGN_OR_RETURN(SeriousListing s, GetSerious(sql, a.record_id));
      RETURN_IF_ERROR(s.Remove(today, "信用修复，提前移出"));
      RETURN_IF_ERROR(SaveSerious(sql, s));
    }
    RETURN_IF_ERROR(SaveRepair(sql, a));
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kCreditDecide), "credit.repair_decide",
                       "repair_application", std::to_string(a.id), before, RepairAuditJson(a)},
                      clock_));
    out = std::move(a);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::vector<QueuedRepair>> RepairService::Queue(const identity::Caller& caller) {
  const std::vector<std::string> paths = OutermostScopes(caller, perm::kCreditDecide);
  const Date today = ChinaDate(clock_.Now());
  std::vector<QueuedRepair> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<RepairApplication> pending, RepairQueue(sql, paths));
    std::shared_ptr<const codes::WorkdayCalendar> cal = calendar_.Current();
    for (RepairApplication& a : pending) {
      QueuedRepair q;
      if (a.record == RepairRecord::kPenalty) {
        ASSIGN_OR_RETURN(PenaltyPublication p, GetPenalty(sql, a.record_id));
        q.title = "行政处罚 " + p.decision_no;
      } else {
        ASSIGN_OR_RETURN(SeriousListing s, GetSerious(sql, a.record_id));
        q.title = "严重违法失信名单 " + s.decision_no;
      }
      ASSIGN_OR_RETURN(const RepairRuleVersion* rule, rules_.At(a.applied_on));
      ASSIGN_OR_RETURN(codes::ClockReading clock,
                       codes::ReadClock(*cal, {a.applied_on, rule->decision_limit}, today));
      q.days_left = clock.left;
      q.overdue = clock.overdue;
      q.due_provisional = clock.due.provisional;
      q.application = std::move(a);
      out.push_back(std::move(q));
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<RepairApplication>> RepairService::ApplicationsOf(const std::string& uscc) {
  std::vector<RepairApplication> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, RepairsOf(sql, uscc));
    return OkStatus();
  }));
  return out;
}

StatusOr<RepairApplication> RepairService::Get(const identity::Caller& caller, int64_t id) {
  std::optional<RepairApplication> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(RepairApplication a, GetRepair(sql, id));
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, a.uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    RETURN_IF_ERROR(DecidingAuthority(sql, caller, *entity).status());
    out = std::move(a);
    return OkStatus();
  }));
  return *std::move(out);
}

}  // namespace amr::credit
