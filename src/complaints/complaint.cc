// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/complaint.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "codes/data_dir.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"

namespace amr::complaints {
namespace {

using nlohmann::json;

template <typename E>
struct Named {
  E value;
  std::string_view id, name;
};

constexpr Named<Kind> kKinds[] = {{Kind::kComplaint, "complaint", "投诉"},
                                  {Kind::kReport, "report", "举报"},
                                  {Kind::kEnquiry, "enquiry", "咨询"}};
constexpr Named<Channel> kChannels[] = {{Channel::kPortal, "portal", "12315 平台"},
                                        {Channel::kPhone, "phone", "电话"},
                                        {Channel::kWalkIn, "walk_in", "来访"},
                                        {Channel::kHotline12345, "hotline_12345", "12345 热线转办"},
                                        {Channel::kPetition, "petition", "信访转办"}};
constexpr Named<State> kStates[] = {{State::kReceived, "received", "待受理"},
                                    {State::kAccepted, "accepted", "已受理"},
                                    {State::kNotAccepted, "not_accepted", "不予受理"},
                                    {State::kClosed, "closed", "已办结"}};
constexpr Named<Outcome> kOutcomes[] = {{Outcome::kAgreement, "agreement", "达成调解协议"},
                                        {Outcome::kNoAgreement, "no_agreement", "未达成调解协议"},
                                        {Outcome::kWithdrawn, "withdrawn", "投诉人撤回"},
                                        {Outcome::kEnded, "ended", "调解期满未达成协议，终止调解"}};

template <typename E, size_t N>
const Named<E>& Find(const Named<E> (&table)[N], E value) {
  for (const auto& n : table) {
    if (n.value == value) return n;
  }
  return table[0];
}

template <typename E, size_t N>
StatusOr<E> Parse(const Named<E> (&table)[N], std::string_view id, std::string_view field) {
  std::string known;
  for (const auto& n : table) {
    if (n.id == id) return n.value;
    if (!known.empty()) known += "、";
    known += fmt::format("{}（{}）", n.id, n.name);
  }
  return InvalidArgumentError(fmt::format("“{}”不可识别，可选：{}", id, known), std::string(field));
}

Status NotReceived(State state) {
  return FailedPreconditionError(fmt::format("该件已{}，不能再作受理决定或转办", StateName(state)),
                                 "state");
}

}  // namespace

std::string_view KindId(Kind k) { return Find(kKinds, k).id; }
std::string_view KindName(Kind k) { return Find(kKinds, k).name; }
std::string_view ChannelId(Channel c) { return Find(kChannels, c).id; }
std::string_view ChannelName(Channel c) { return Find(kChannels, c).name; }
std::string_view StateId(State s) { return Find(kStates, s).id; }
std::string_view StateName(State s) { return Find(kStates, s).name; }
StatusOr<Kind> ParseKind(std::string_view id) { return Parse(kKinds, id, "kind"); }
StatusOr<Channel> ParseChannel(std::string_view id) { return Parse(kChannels, id, "channel"); }
StatusOr<State> ParseState(std::string_view id) { return Parse(kStates, id, "state"); }
std::string_view OutcomeId(Outcome o) { return Find(kOutcomes, o).id; }
std::string_view OutcomeName(Outcome o) { return Find(kOutcomes, o).name; }
StatusOr<Outcome> ParseOutcome(std::string_view id) { return Parse(kOutcomes, id, "outcome"); }

StatusOr<ComplaintRules> ComplaintRules::FromJson(const json& root) {
  if (!root.is_object() || !root.contains("acceptance") || !root.contains("not_accept_reasons") ||
      !root["not_accept_reasons"].is_array()) {
    return InvalidArgumentError("complaints/rules.json 须有 acceptance 和 not_accept_reasons",
                                "rules");
  }
  ComplaintRules r;
  ASSIGN_OR_RETURN(r.acceptance_, codes::PeriodRuleFromJson(root["acceptance"], "acceptance"));
  if (!root.contains("mediation")) {
    return InvalidArgumentError("complaints/rules.json 须有 mediation", "rules");
  }
  ASSIGN_OR_RETURN(r.mediation_, codes::PeriodRuleFromJson(root["mediation"], "mediation"));
  const json reminder = root.value("reminder_working_days_before", json::object());
  if (!reminder.is_object() || !reminder.value("value", json()).is_number_integer() ||
      reminder["value"].get<int>() < 0 || reminder["value"].get<int>() > 30) {
    return InvalidArgumentError("reminder_working_days_before.value 应为 0 至 30 的整数", "rules");
  }
  r.reminder_days_ = reminder["value"].get<int>();
  for (const json& item : root["not_accept_reasons"]) {
    if (!item.is_object() || !item.value("id", json()).is_string() ||
        !item.value("text", json()).is_string() || item["id"].get<std::string>().empty() ||
        r.FindReason(item["id"].get<std::string>()) != nullptr) {
      return InvalidArgumentError("not_accept_reasons 的每一项须有不重复的 id 和 text", "rules");
    }
    r.reasons_.push_back({item["id"], item["text"], item.value("source", std::string())});
  }
  if (r.reasons_.empty()) return InvalidArgumentError("not_accept_reasons 不能为空", "rules");
  return r;
}

const ComplaintRules& ComplaintRules::Default() {
  static const ComplaintRules* rules = [] {
    const auto path = codes::DataDir() / "complaints" / "rules.json";
    std::ifstream in(path);
    const json root = in ? json::parse(in, nullptr, false) : json();
    auto loaded = FromJson(root);
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取 %s：%s\n", path.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new ComplaintRules(*std::move(loaded));
  }();
  return *rules;
}

const ComplaintRules::Reason* ComplaintRules::FindReason(std::string_view id) const {
  for (const Reason& r : reasons_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Status Validate(const NewComplaint& c, const Date& today) {
  if (c.business_uscc.empty() && c.business_name.empty()) {
    return InvalidArgumentError("请写明被投诉（举报）的经营者：统一社会信用代码或名称", "business");
  }
  if (!c.business_uscc.empty() && !codes::CheckUscc(c.business_uscc).valid) {
    return InvalidArgumentError("统一社会信用代码校验不通过，请核对", "business.uscc");
  }
  if (Utf8Length(c.business_name) > 100) {
    return InvalidArgumentError("经营者名称不超过 100 个字", "business.name");
  }
  if (!c.region_code.empty() && codes::Regions().Find(c.region_code) == nullptr) {
    return InvalidArgumentError("经营者所在县区的行政区划代码不存在", "business.region_code");
  }
  static const std::regex kMobile("1[3-9][0-9]{9}");
  static const std::regex kLandline("0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}");
  if (c.consumer_phone.empty()) {
    return InvalidArgumentError("请留下联系电话，以便告知处理结果", "consumer.phone");
  }
  if (!std::regex_match(c.consumer_phone, kMobile) &&
      !std::regex_match(c.consumer_phone, kLandline)) {
    return InvalidArgumentError("联系电话应为 11 位手机号码或带区号的固定电话", "consumer.phone");
  }
  if (Utf8Length(c.consumer_name) > 50) {
    return InvalidArgumentError("姓名不超过 50 个字", "consumer.name");
  }
  const size_t summary = Utf8Length(c.summary);
  if (summary < 10 || summary > 2000) {
    return InvalidArgumentError("请用 10 至 2000 个字说明经过和诉求", "summary");
  }
  if (c.occurred_on && today < *c.occurred_on) {
    return InvalidArgumentError("发生日期不能晚于今天", "occurred_on");
  }
  return OkStatus();
}

Status Complaint::Accept(const Date& today, std::string_view by) {
  if (state != State::kReceived) return NotReceived(state);
  state = State::kAccepted;
  decided_on = today.ToString();
  decided_by = std::string(by);
  decided_late = accept_due.date < today;
  return OkStatus();
}

Status Complaint::NotAccept(const ComplaintRules::Reason& reason, const Date& today,
                            std::string_view by) {
  if (state != State::kReceived) return NotReceived(state);
  state = State::kNotAccepted;
  not_accept_reason = reason.id;
  decided_on = today.ToString();
  decided_by = std::string(by);
  decided_late = accept_due.date < today;
  return OkStatus();
}

Status Complaint::Close(Outcome how, int64_t amount, const Date& today) {
  if (state != State::kAccepted) {
    return FailedPreconditionError(
        fmt::format("该件{}，只有已受理（调解中）的件可以办结", StateName(state)), "state");
  }
  if (amount < 0) return InvalidArgumentError("挽回金额不能为负", "amount_recovered");
  if (amount > 0 && how != Outcome::kAgreement) {
    return InvalidArgumentError("只有达成调解协议的才有挽回金额", "amount_recovered");
  }
  if (how == Outcome::kEnded && !(mediation_due.date < today)) {
    return FailedPreconditionError(
        fmt::format("调解期限至 {}，期满后才终止调解", mediation_due.date.ToString()), "outcome");
  }
  state = State::kClosed;
  outcome = how;
  amount_recovered = amount;
  closed_on = today.ToString();
  return OkStatus();
}

Status Complaint::Rate(int stars) {
  if (state != State::kClosed || rating != 0) {
    return FailedPreconditionError("办结后可以评价一次", "state");
  }
  if (stars < 1 || stars > 5) return InvalidArgumentError("评价为 1 至 5 分", "rating");
  rating = stars;
  return OkStatus();
}

Status Complaint::TransferTo(int64_t to_id, std::string to_path, std::string to_name) {
  if (state != State::kReceived) return NotReceived(state);
  if (to_id == unit_id) return InvalidArgumentError("该件已由这个单位办理", "unit_code");
  unit_id = to_id;
  unit_path = std::move(to_path);
  unit_name = std::move(to_name);
  return OkStatus();
}

std::string NewQueryCode() {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  if (sodium_init() < 0) std::abort();
  std::string code;
  for (int i = 0; i < 10; ++i) {
    code += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

}  // namespace amr::complaints
