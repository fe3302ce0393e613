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
constexpr Named<State> kStates[] = {{State::kWithBusiness, "with_business", "企业先行和解中"},
                                    {State::kReceived, "received", "待受理"},
                                    {State::kAccepted, "accepted", "已受理"},
                                    {State::kNotAccepted, "not_accepted", "不予受理"},
                                    {State::kClosed, "closed", "已办结"}};
constexpr Named<Outcome> kOutcomes[] = {
    {Outcome::kAgreement, "agreement", "达成调解协议"},
    {Outcome::kNoAgreement, "no_agreement", "未达成调解协议"},
    {Outcome::kWithdrawn, "withdrawn", "投诉人撤回"},
    {Outcome::kEnded, "ended", "调解期满未达成协议，终止调解"},
    {Outcome::kOdrSettled, "odr_settled", "经营者与消费者和解"}};
constexpr Named<ReportDecision> kReportDecisions[] = {
    {ReportDecision::kCaseFiled, "case_filed", "立案"},
    {ReportDecision::kNotFiled, "not_filed", "不予立案"},
    {ReportDecision::kTransferred, "transferred", "移送有关部门"}};
constexpr Named<OdrResult> kOdrResults[] = {{OdrResult::kSettled, "settled", "企业已和解"},
                                            {OdrResult::kRefused, "refused", "企业未能和解"},
                                            {OdrResult::kExpired, "expired", "企业逾期未处理"}};

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
  if (state == State::kWithBusiness) {
    return FailedPreconditionError("该件正由被投诉企业先行和解，期满或企业未能和解后才能受理或转办",
                                   "state");
  }
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
std::string_view ReportDecisionId(ReportDecision d) { return Find(kReportDecisions, d).id; }
std::string_view ReportDecisionName(ReportDecision d) { return Find(kReportDecisions, d).name; }
StatusOr<ReportDecision> ParseReportDecision(std::string_view id) {
  return Parse(kReportDecisions, id, "decision");
}
std::string_view OdrResultId(OdrResult r) { return Find(kOdrResults, r).id; }
std::string_view OdrResultName(OdrResult r) { return Find(kOdrResults, r).name; }
StatusOr<OdrResult> ParseOdrResult(std::string_view id) { return Parse(kOdrResults, id, "result"); }

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
  for (const char* key : {"report_check", "reporter_notice", "odr"}) {
    if (!root.contains(key)) {
      return InvalidArgumentError(fmt::format("complaints/rules.json 须有 {}", key), "rules");
    }
  }
  ASSIGN_OR_RETURN(r.report_check_,
                   codes::PeriodRuleFromJson(root["report_check"], "report_check"));
  const json extension = root["report_check"].value("extension_with_approval", json());
  if (!extension.is_number_integer() || extension.get<int>() < 0 || extension.get<int>() > 60) {
    return InvalidArgumentError("report_check.extension_with_approval 应为 0 至 60 的整数",
                                "rules");
  }
  r.report_check_extension_ = extension.get<int>();
  ASSIGN_OR_RETURN(r.reporter_notice_,
                   codes::PeriodRuleFromJson(root["reporter_notice"], "reporter_notice"));
  ASSIGN_OR_RETURN(r.odr_, codes::PeriodRuleFromJson(root["odr"], "odr"));
  for (const json& item : root.value("problem_kinds", json::array())) {
    if (!item.is_object() || !item.value("id", json()).is_string() ||
        !item.value("name", json()).is_string() || item["id"].get<std::string>().empty() ||
        r.FindProblemKind(item["id"].get<std::string>()) != nullptr) {
      return InvalidArgumentError("problem_kinds 的每一项须有不重复的 id 和 name", "rules");
    }
    r.problem_kinds_.push_back({item["id"], item["name"]});
  }
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

const ComplaintRules::ProblemKind* ComplaintRules::FindProblemKind(std::string_view id) const {
  for (const ProblemKind& k : problem_kinds_) {
    if (k.id == id) return &k;
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
  if (kind == Kind::kReport) {
    return FailedPreconditionError("举报以核查后的立案、不予立案或移送决定办结", "kind");
  }
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

Status Complaint::DecideReport(ReportDecision decision, std::string note, std::string to,
                               const Date& today) {
  if (kind != Kind::kReport) return FailedPreconditionError("只有举报作核查决定", "kind");
  if (state != State::kAccepted) {
    return FailedPreconditionError(
        fmt::format("该件{}，受理后（核查中）才能作核查决定", StateName(state)), "state");
  }
  if (Utf8Length(note) < 5) return InvalidArgumentError("请写明核查情况", "note");
  if (decision == ReportDecision::kTransferred && to.empty()) {
    return InvalidArgumentError("移送须写明接收的部门", "transferred_to");
  }
  if (decision != ReportDecision::kTransferred) to.clear();
  state = State::kClosed;
  report_decision = decision;
  report_note = std::move(note);
  transferred_to = std::move(to);
  closed_on = today.ToString();
  return OkStatus();
}

Status Complaint::ExtendCheck(std::string_view by, const codes::CountedDate& due) {
  if (kind != Kind::kReport) return FailedPreconditionError("只有举报的核查期限可以延长", "kind");
  if (state != State::kReceived && state != State::kAccepted) {
    return FailedPreconditionError(fmt::format("该件{}，不能再延长核查期限", StateName(state)),
                                   "state");
  }
  if (!check_extended_by.empty()) {
    return FailedPreconditionError("核查期限已经延长过一次", "state");
  }
  check_extended_by = std::string(by);
  check_due = due;
  return OkStatus();
}

Status Complaint::OdrAnswer(OdrResult result, int64_t amount, const Date& today) {
  if (state != State::kWithBusiness) {
    return FailedPreconditionError(fmt::format("该件{}，不在企业先行和解阶段", StateName(state)),
                                   "state");
  }
  if (amount < 0) return InvalidArgumentError("挽回金额不能为负", "amount_recovered");
  if (amount > 0 && result != OdrResult::kSettled) {
    return InvalidArgumentError("只有和解的才有挽回金额", "amount_recovered");
  }
  odr_result = result;
  odr_replied_on = today.ToString();
  if (result == OdrResult::kSettled) {
    state = State::kClosed;
    outcome = Outcome::kOdrSettled;
    amount_recovered = amount;
    closed_on = today.ToString();
  } else {
    state = State::kReceived;
  }
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
