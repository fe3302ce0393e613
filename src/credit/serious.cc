// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/serious.h"

#include <fmt/format.h>

namespace amr::credit {
namespace {

struct StateName {
  SeriousState state;
  std::string_view id, name;
};
constexpr StateName kStates[] = {
    {SeriousState::kProposed, "proposed", "拟列入，待告知"},
    {SeriousState::kNoticed, "noticed", "已告知，陈述申辩期"},
    {SeriousState::kListed, "listed", "列入"},
    {SeriousState::kDropped, "dropped", "决定不予列入"},
    {SeriousState::kRemoved, "removed", "已移出"},
};

}  // namespace

std::string_view SeriousStateId(SeriousState s) {
  for (const StateName& n : kStates) {
    if (n.state == s) return n.id;
  }
  return kStates[0].id;
}

std::string_view SeriousStateName(SeriousState s) {
  for (const StateName& n : kStates) {
    if (n.state == s) return n.name;
  }
  return kStates[0].name;
}

StatusOr<SeriousState> ParseSeriousState(std::string_view id) {
  for (const StateName& n : kStates) {
    if (n.id == id) return n.state;
  }
  return InvalidArgumentError("严重违法失信名单状态不可识别", "state");
}

Status SeriousListing::Notice(const Date& today, const Date& due) {
  if (state != SeriousState::kProposed) {
    return FailedPreconditionError(fmt::format("当前为“{}”，不能再告知", SeriousStateName(state)),
                                   "state");
  }
  state = SeriousState::kNoticed;
  noticed_on = today.ToString();
  statement_due = due.ToString();
  return OkStatus();
}

Status SeriousListing::State(const Date& today, std::string text) {
  if (state != SeriousState::kNoticed) {
    return FailedPreconditionError("只有已告知、尚未决定的才能陈述申辩", "state");
  }
  if (statement_due < today.ToString()) {
    return FailedPreconditionError(fmt::format("陈述申辩期已于 {} 届满", statement_due),
                                   "statement_due");
  }
  if (text.empty()) return InvalidArgumentError("请写明陈述、申辩的内容", "statement");
  statement = std::move(text);
  return OkStatus();
}

Status SeriousListing::Decide(const Date& today, bool list, std::string reason, const Date& until,
                              std::string number) {
  if (state != SeriousState::kNoticed) {
    return FailedPreconditionError("须先告知当事人并听取陈述申辩", "state");
  }
  if (statement.empty() && !(statement_due < today.ToString())) {
    return FailedPreconditionError(
        fmt::format("当事人尚未陈述申辩，陈述申辩期至 {}，期满后才能决定", statement_due),
        "statement_due");
  }
  if (!list && reason.empty()) return InvalidArgumentError("不予列入须说明理由", "reason");
  decided_on = today.ToString();
  decision_reason = std::move(reason);
  decision_no = std::move(number);
  if (list) {
    state = SeriousState::kListed;
    listed_until = until.ToString();
  } else {
    state = SeriousState::kDropped;
  }
  return OkStatus();
}

Status SeriousListing::Remove(const Date& today, std::string why) {
  if (state != SeriousState::kListed) {
    return FailedPreconditionError("只有在列的名单记录才能移出", "state");
  }
  state = SeriousState::kRemoved;
  removed_on = today.ToString();
  removal_reason = std::move(why);
  return OkStatus();
}

}  // namespace amr::credit
