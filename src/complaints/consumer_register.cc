// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/consumer_register.h"

#include <fmt/format.h>

namespace amr::complaints {
namespace {

struct Named {
  RegisterKind value;
  std::string_view id, name;
};
constexpr Named kKinds[] = {
    {RegisterKind::kOdr, "odr", "在线消费纠纷解决（ODR）企业"},
    {RegisterKind::kAssuredConsumption, "assured_consumption", "放心消费承诺单位"},
    {RegisterKind::kOfflineReturn, "offline_return", "线下无理由退货承诺单位"}};

const Named& Find(RegisterKind k) {
  for (const Named& n : kKinds) {
    if (n.value == k) return n;
  }
  return kKinds[0];
}

}  // namespace

std::string_view RegisterKindId(RegisterKind k) { return Find(k).id; }
std::string_view RegisterKindName(RegisterKind k) { return Find(k).name; }

StatusOr<RegisterKind> ParseRegisterKind(std::string_view id) {
  std::string known;
  for (const Named& n : kKinds) {
    if (n.id == id) return n.value;
    known += fmt::format("{}{}", known.empty() ? "" : "、", n.name);
  }
  return InvalidArgumentError(fmt::format("没有这个名录；名录有：{}", known), "kind");
}

Status RegisterEntry::End(const Date& today, std::string_view by) {
  if (!in_force()) {
    return FailedPreconditionError(fmt::format("该单位已于 {} 退出", ended_on), "state");
  }
  if (today < from_on) return InvalidArgumentError("退出日期不能早于加入日期", "ended_on");
  ended_on = today.ToString();
  ended_by = std::string(by);
  return OkStatus();
}

}  // namespace amr::complaints
