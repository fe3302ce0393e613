// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/instant_service.h"

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "codes/deadline.h"
#include "common/text.h"
#include "credit/credit_store.h"
#include "credit/instant_store.h"
#include "credit/scopes.h"
#include "identity/principal.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "outbox/outbox.h"
#include "registry/entity_store.h"
#include "storage/change_log.h"

namespace amr::credit {
namespace {

using nlohmann::json;
namespace perm = identity::perm;

}  // namespace

InstantInfoService::InstantInfoService(storage::Database& db, const Clock& clock,
                                       const codes::CalendarSource& calendar,
                                       const CreditRules& rules)
    : db_(db), clock_(clock), calendar_(calendar), rules_(rules) {}

StatusOr<PublishedInfo> InstantInfoService::Publish(const identity::Caller& caller,
                                                    const std::string& uscc,
                                                    const NewInstantInfo& in) {
  const Date today = ChinaDate(clock_.Now());
  std::optional<PublishedInfo> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    RETURN_IF_ERROR(
        MayActForEntity(sql, caller, uscc, authority.path, clock_.Now(), "公示即时信息"));
    if (entity->status == registry::EntityStatus::kDeregistered) {
      return FailedPreconditionError("该主体已注销", "uscc");
    }
    if (entity->kind == registry::EntityKind::kIndividualBusiness) {
      return FailedPreconditionError("个体工商户不公示即时信息", "uscc");
    }
    ASSIGN_OR_RETURN(InstantInfo info, MakeInstantInfo(rules_, in.kind, in.event_on, in.summary,
                                                       entity->established_on, today));
    ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(info.event_on));
    StatusOr<codes::CountedDate> due =
        codes::PeriodEnd(*calendar_.Current(), info.event_on, rule.instant_info_limit);
    if (!due.ok()) {
      return InvalidArgumentError("信息形成日期不在工作日历的年份内，无法计算公示期限", "event_on");
    }
    info.uscc = uscc;
    info.due = due->date;
    info.late = due->date < today;
    info.published_by =
        caller.principal != nullptr ? caller.principal->username : std::string("platform");
    const std::string now = FormatChinaTime(clock_.Now());
    ASSIGN_OR_RETURN(InsertedInfo inserted, InsertInstantInfo(sql, info, now));
    PublishedInfo result;
    result.created = inserted.created;
    ASSIGN_OR_RETURN(result.info, GetInstantInfo(sql, inserted.id));
    if (inserted.created) {
      ASSIGN_OR_RETURN(std::vector<PublishOrder> open, OpenOrders(sql, uscc, info.kind));
      for (PublishOrder& o : open) {
        RETURN_IF_ERROR(o.Fulfil(result.info));
        RETURN_IF_ERROR(SaveOrder(sql, o));
        result.fulfilled.push_back(o.id);
      }
      RETURN_IF_ERROR(storage::AppendChange(sql, "instant_info",
                                            fmt::format("{}:{}", uscc, inserted.id), "insert",
                                            entity->region_code, now));
      RETURN_IF_ERROR(
          audit::Append(sql,
                        {identity::ActorFor(caller, perm::kCreditFile), "credit.instant_publish",
                         "instant_info", std::to_string(inserted.id), nullptr,
                         json{{"uscc", uscc},
                              {"kind", info.kind},
                              {"event_on", info.event_on.ToString()},
                              {"late", info.late},
                              {"fulfilled_orders", result.fulfilled}}},
                        clock_));
    }
    out = std::move(result);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::vector<InstantInfo>> InstantInfoService::Of(const std::string& uscc) {
  std::vector<InstantInfo> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    if (!registry::GetEntity(sql, uscc).ok()) {
      return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    }
    ASSIGN_OR_RETURN(out, InstantInfoOf(sql, uscc));
    return OkStatus();
  }));
  return out;
}

StatusOr<PublishOrder> InstantInfoService::Order(const identity::Caller& caller,
                                                 const std::string& uscc, const std::string& kind,
                                                 const std::string& what) {
  const Date today = ChinaDate(clock_.Now());
  const CreditRules::InstantKind* k = rules_.InstantKindOf(kind);
  if (k == nullptr) return InvalidArgumentError("请选择责令公示的信息类别", "kind");
  const size_t chars = Utf8Length(what);
  if (chars < 5 || chars > 500) {
    return InvalidArgumentError("请写明应当公示的具体信息（5 到 500 字）", "what");
  }
  std::optional<PublishOrder> out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    StatusOr<registry::Entity> entity = registry::GetEntity(sql, uscc);
    if (!entity.ok()) return NotFoundError("登记中没有这个统一社会信用代码", "uscc");
    ASSIGN_OR_RETURN(Authority authority, AuthorityOf(sql, entity->region_code));
    const identity::Principal* p = caller.principal;
    if (p == nullptr || !p->Can(perm::kCreditDecide)) return PermissionDeniedError("需要登录");
    if (!p->InScope(perm::kCreditDecide, authority.path)) return identity::OutOfScopeError();
    if (entity->status != registry::EntityStatus::kActive &&
        entity->status != registry::EntityStatus::kSuspended) {
      return FailedPreconditionError("只能责令存续或歇业的企业公示", "uscc");
    }
    if (entity->kind == registry::EntityKind::kIndividualBusiness) {
      return FailedPreconditionError("个体工商户不公示即时信息", "uscc");
    }
    ASSIGN_OR_RETURN(std::vector<PublishOrder> open, OpenOrders(sql, uscc, kind));
    if (!open.empty()) {
      return FailedPreconditionError(
          fmt::format("已于 {} 责令公示该类信息，期限至 {}", open.front().ordered_on.ToString(),
                      open.front().due.ToString()),
          "kind");
    }
    ASSIGN_OR_RETURN(CreditRuleVersion rule, rules_.At(today));
    ASSIGN_OR_RETURN(codes::CountedDate due,
                     codes::PeriodEnd(*calendar_.Current(), today, rule.publish_order_limit));
    PublishOrder o;
    o.uscc = uscc;
    o.entity_name = entity->name;
    o.kind = kind;
    o.what = what;
    o.ordered_on = today;
    o.due = due.date;
    o.authority_unit_id = authority.id;
    o.authority_name = authority.name;
    const std::string now = FormatChinaTime(clock_.Now());
    ASSIGN_OR_RETURN(o.id, InsertOrder(sql, o, now));
    RETURN_IF_ERROR(outbox::Enqueue(
        sql, kPublishOrderTopic,
        json{{"uscc", uscc},
             {"name", entity->name},
             {"order_id", o.id},
             {"kind", kind},
             {"due", o.due.ToString()},
             {"message", fmt::format("{}：请于 {} 前在企业信用信息公示平台公示{}（{}），"
                                     "逾期未公示的，将被列入经营异常名录",
                                     entity->name, o.due.ToString(), k->name, what)}},
        fmt::format("publish_order:{}", o.id), clock_));
    RETURN_IF_ERROR(
        audit::Append(sql,
                      {identity::ActorFor(caller, perm::kCreditDecide), "credit.publish_order",
                       "publish_order", std::to_string(o.id), nullptr,
                       json{{"uscc", uscc}, {"kind", kind}, {"due", o.due.ToString()}}},
                      clock_));
    out = std::move(o);
    return OkStatus();
  }));
  return *std::move(out);
}

StatusOr<std::vector<PublishOrder>> InstantInfoService::OrdersOf(const std::string& uscc) {
  std::vector<PublishOrder> out;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, credit::OrdersOf(sql, uscc));
    return OkStatus();
  }));
  return out;
}

}  // namespace amr::credit
