// SPDX-License-Identifier: MulanPSL-2.0
#include "messages/message.h"

#include <algorithm>
#include <array>

namespace amr::messages {
namespace {

using nlohmann::json;

struct KindInfo {
  Kind kind;
  std::string_view id;
  std::string_view title;  // templates: {name} is params["name"]
  std::string_view body;
};

// The words of every kind. A bureau's SMS gateway registers a template per id
// with the same words (docs/outbox.md, "notify.sms").
constexpr std::array<KindInfo, 8> kKinds = {{
    {Kind::kApplicationApproved, "establishment_approved", "企业开办申请已核准",
     "您申请的“{name}”已核准登记（{how}），统一社会信用代码 {uscc}，电子营业执照已签发。"
     "公章、税务、社保等事项的办理情况请在办件进度中查看。"},
    {Kind::kApplicationRejected, "establishment_rejected", "企业开办申请未予登记",
     "您申请的“{name}”未予登记，理由：{reason}。您可以按理由修改后重新申请。"},
    {Kind::kStepReturned, "establishment_step_returned", "{step_name}被退回",
     "“{name}”的{step_name}被{unit}退回，理由：{reason}。请在办件进度中修改后重新提交。"},
    {Kind::kStepResubmitted, "establishment_step_resubmitted", "退回的{step_name}已重新提交",
     "“{name}”的{step_name}已由申请人修改后重新提交（{note}"
     "），办理时限重新起算，请在部门办件中办理。"},
    {Kind::kObjectionFiled, "deregistration_objected", "简易注销公告收到异议",
     "“{name}”的简易注销公告于 {filed_on} 收到{objector}的异议：{reason}。简易注销申请因此终止；"
     "登记机关认定明显不属于异议的，申请回到公示。"},
    {Kind::kNoticeEnded, "deregistration_notice_ended", "简易注销公示期满",
     "“{name}”的简易注销公示已于 {notice_end} 期满，无人提出异议。请于 {due} 前申请注销登记，"
     "逾期简易注销程序终止。"},
    {Kind::kComplaintDeadlineNear, "complaint_deadline_near", "{stage_name}期限将到",
     "第 {id} 号投诉举报（{business_name}）的{stage_name}期限为 {due}，请及时办理。"},
    {Kind::kAnnualReportDue, "annual_report_due", "请报送 {year} 年度报告",
     "{name}：请于 {window_end} 前报送并公示 {year} 年度报告，逾期将被列入经营异常名录。"},
}};

const KindInfo& InfoOf(Kind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];  // unreachable: every Kind is in the table (message_test.cc)
}

// `text` with each {name} replaced by params[name].
StatusOr<std::string> Fill(std::string_view text, const json& params) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(at, open - at));
    const std::string name(text.substr(open + 1, close - open - 1));
    const auto it = params.find(name);
    if (it == params.end() || !(it->is_string() || it->is_number_integer())) {
      return InvalidArgumentError("消息缺少“" + name + "”", "params." + name);
    }
    out += it->is_string() ? it->get<std::string>() : std::to_string(it->get<int64_t>());
    at = close + 1;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace

std::span<const Kind> AllKinds() {
  static const std::array<Kind, kKinds.size()> kAll = [] {
    std::array<Kind, kKinds.size()> out{};
    for (size_t i = 0; i < kKinds.size(); ++i) out[i] = kKinds[i].kind;
    return out;
  }();
  return kAll;
}

std::string_view KindId(Kind kind) { return InfoOf(kind).id; }

StatusOr<Kind> ParseKind(std::string_view id) {
  for (const KindInfo& k : kKinds) {
    if (k.id == id) return k.kind;
  }
  return InvalidArgumentError("没有这种消息：" + std::string(id), "kind");
}

StatusOr<Text> Compose(Kind kind, const json& params) {
  if (!params.is_object()) return InvalidArgumentError("消息的内容须为 JSON 对象", "params");
  const KindInfo& k = InfoOf(kind);
  Text out;
  ASSIGN_OR_RETURN(out.title, Fill(k.title, params));
  ASSIGN_OR_RETURN(out.body, Fill(k.body, params));
  return out;
}

Status CheckLink(std::string_view link) {
  if (link.empty()) return OkStatus();
  // Printable ASCII without spaces: the UI's own paths (Chinese is percent-encoded).
  const bool printable = std::all_of(link.begin(), link.end(),
                                     [](char c) { return c > 0x20 && c < 0x7f && c != '\\'; });
  if (link.size() > kMaxLinkBytes || link[0] != '/' || link.starts_with("//") || !printable) {
    return InvalidArgumentError("消息的链接须为本系统页面的路径（以 / 开头）", "link");
  }
  return OkStatus();
}

}  // namespace amr::messages
