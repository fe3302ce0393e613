// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/instant_info.h"

#include "common/text.h"

namespace amr::credit {

StatusOr<InstantInfo> MakeInstantInfo(const CreditRules& rules, std::string kind,
                                      const std::string& event_on, std::string summary,
                                      const Date& established_on, const Date& today) {
  if (rules.InstantKindOf(kind) == nullptr) {
    return InvalidArgumentError("请选择即时信息的类别", "kind");
  }
  ASSIGN_OR_RETURN(Date event, Date::Parse(event_on, "event_on"));
  if (today < event) return InvalidArgumentError("信息形成日期不能晚于今天", "event_on");
  if (event < established_on) {
    return InvalidArgumentError("信息形成日期早于该主体成立日期", "event_on");
  }
  const size_t chars = Utf8Length(summary);
  if (chars < 5 || chars > 2000) {
    return InvalidArgumentError("请写明公示的内容（5 到 2000 字）", "summary");
  }
  InstantInfo info;
  info.kind = std::move(kind);
  info.event_on = event;
  info.summary = std::move(summary);
  info.published_on = today;
  return info;
}

std::string_view OrderStateId(OrderState s) {
  switch (s) {
    case OrderState::kOpen:
      return "open";
    case OrderState::kFulfilled:
      return "fulfilled";
    case OrderState::kListed:
      return "listed";
  }
  return "open";
}

std::string_view OrderStateName(OrderState s) {
  switch (s) {
    case OrderState::kOpen:
      return "责令公示中";
    case OrderState::kFulfilled:
      return "已公示";
    case OrderState::kListed:
      return "逾期未公示，已列入经营异常名录";
  }
  return "";
}

StatusOr<OrderState> ParseOrderState(std::string_view id) {
  for (OrderState s : {OrderState::kOpen, OrderState::kFulfilled, OrderState::kListed}) {
    if (OrderStateId(s) == id) return s;
  }
  return InvalidArgumentError("责令公示的状态不正确", "state");
}

Status PublishOrder::Fulfil(const InstantInfo& info) {
  if (state != OrderState::kOpen) return FailedPreconditionError("该责令已了结", "state");
  if (info.kind != kind) return InvalidArgumentError("公示的信息类别与责令不符", "kind");
  state = OrderState::kFulfilled;
  fulfilled_on = info.published_on.ToString();
  info_id = info.id;
  return OkStatus();
}

Status PublishOrder::MarkListed(const Date& today) {
  if (!Expired(today)) {
    return FailedPreconditionError("责令公示的期限未届满或已履行，不能据此列入", "state");
  }
  state = OrderState::kListed;
  return OkStatus();
}

}  // namespace amr::credit
