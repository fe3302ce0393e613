// SPDX-License-Identifier: MulanPSL-2.0
// The data and the JSON of 简易注销 / 一屏注销: periods.json, the commitment,
// and what the API shows.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "codes/data_dir.h"
#include "lifecycle/simplified.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;

StatusOr<int> Days(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer() || it->get<int>() <= 0 || it->get<int>() > 365) {
    return InvalidArgumentError(fmt::format("periods.json：{}.{} 应为 1–365 的整数", where, key),
                                "periods");
  }
  return it->get<int>();
}

StatusOr<bool> DayKindIsWorkday(const json& obj, const char* key, const std::string& where) {
  const std::string v = obj.value(key, "");
  if (v == "calendar") return false;
  if (v == "workday") return true;
  return InvalidArgumentError(
      fmt::format("periods.json：{}.{} 应为 calendar（自然日）或 workday（工作日）", where, key),
      "periods");
}

// A period of the deregistration rules: `n` calendar or working days,
// `counts_first`: the start day is day 1 (else day 1 is the next day).
codes::PeriodRule Rule(int n, bool workdays, bool counts_first) {
  codes::PeriodRule rule{
      n, workdays ? codes::PeriodUnit::kWorkingDays : codes::PeriodUnit::kCalendarDays};
  rule.first_day_counted = counts_first;
  return rule;
}

StatusOr<Date> End(const codes::WorkdayCalendar& calendar, const Date& start,
                   const codes::PeriodRule& rule) {
  ASSIGN_OR_RETURN(codes::CountedDate end, codes::PeriodEnd(calendar, start, rule));
  return end.date;
}

}  // namespace

StatusOr<DeregistrationPeriods> DeregistrationPeriods::FromJson(const json& root) {
  if (!root.is_object() || !root.contains("simplified") || !root.contains("one_screen")) {
    return InvalidArgumentError("periods.json 须有 simplified 和 one_screen", "periods");
  }
  DeregistrationPeriods p;
  const json& s = root["simplified"];
  ASSIGN_OR_RETURN(p.notice_days_, Days(s, "notice_days", "simplified"));
  ASSIGN_OR_RETURN(p.notice_workdays_, DayKindIsWorkday(s, "notice_day_kind", "simplified"));
  p.notice_counts_first_ = s.value("notice_counts_publication_day", true);
  ASSIGN_OR_RETURN(p.completion_days_, Days(s, "completion_days", "simplified"));
  ASSIGN_OR_RETURN(p.completion_workdays_,
                   DayKindIsWorkday(s, "completion_day_kind", "simplified"));
  const json& o = root["one_screen"];
  ASSIGN_OR_RETURN(p.window_days_, Days(o, "window_days", "one_screen"));
  ASSIGN_OR_RETURN(p.window_workdays_, DayKindIsWorkday(o, "window_day_kind", "one_screen"));
  p.window_counts_first_ = o.value("window_counts_filing_day", true);
  auto deps = o.find("departments");
  if (deps == o.end() || !deps->is_array() || deps->empty()) {
    return InvalidArgumentError("periods.json：one_screen.departments 应为非空数组", "periods");
  }
  for (const json& d : *deps) {
    if (!d.is_string() || d.get<std::string>().empty()) {
      return InvalidArgumentError("periods.json：one_screen.departments 应为部门代码", "periods");
    }
    p.departments_.push_back(d.get<std::string>());
  }
  return p;
}

StatusOr<DeregistrationPeriods> DeregistrationPeriods::LoadJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return InvalidArgumentError("无法打开 " + path.string(), "path");
  json root = json::parse(in, nullptr, false);
  if (root.is_discarded()) return InvalidArgumentError(path.string() + " 不是合法的 JSON", "path");
  return FromJson(root);
}

const DeregistrationPeriods& DeregistrationPeriods::Default() {
  static const DeregistrationPeriods* periods = [] {
    const auto path = codes::DataDir() / "lifecycle" / "periods.json";
    auto loaded = LoadJson(path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取注销期限 %s：%s\n", path.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new DeregistrationPeriods(std::move(*loaded));
  }();
  return *periods;
}

StatusOr<SimplifiedExclusions> SimplifiedExclusions::FromJson(const json& root) {
  auto section = [&](const char* key) -> StatusOr<const json*> {
    auto it = root.find(key);
    if (it == root.end() || !it->is_object()) {
      return InvalidArgumentError(fmt::format("simplified_exclusions.json 须有 {}", key),
                                  "exclusions");
    }
    return &*it;
  };
  if (!root.is_object()) {
    return InvalidArgumentError("simplified_exclusions.json 应为对象", "exclusions");
  }
  SimplifiedExclusions x;
  ASSIGN_OR_RETURN(const json* branches, section("branches"));
  ASSIGN_OR_RETURN(const json* investments, section("investments"));
  ASSIGN_OR_RETURN(const json* approval, section("approval_required"));
  for (auto [s, out] : {std::pair{branches, &x.branches_exclude_},
                        std::pair{investments, &x.investments_exclude_}}) {
    auto it = s->find("excludes");
    if (it == s->end() || !it->is_boolean()) {
      return InvalidArgumentError("simplified_exclusions.json：excludes 应为 true 或 false",
                                  "exclusions");
    }
    *out = it->get<bool>();
  }
  auto industries = approval->find("industries");
  if (industries == approval->end() || !industries->is_array()) {
    return InvalidArgumentError(
        "simplified_exclusions.json：approval_required.industries 应为行业代码数组", "exclusions");
  }
  for (const json& i : *industries) {
    if (!i.is_string() || i.get<std::string>().empty()) {
      return InvalidArgumentError(
          "simplified_exclusions.json：approval_required.industries 应为行业代码", "exclusions");
    }
    x.approval_industries_.push_back(i.get<std::string>());
  }
  return x;
}

const SimplifiedExclusions& SimplifiedExclusions::Default() {
  static const SimplifiedExclusions* exclusions = [] {
    const auto path = codes::DataDir() / "lifecycle" / "simplified_exclusions.json";
    std::ifstream in(path);
    json root = json::parse(in, nullptr, false);
    StatusOr<SimplifiedExclusions> loaded =
        in ? FromJson(root) : InvalidArgumentError("无法打开", "path");
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取简易注销排除情形 %s：%s\n", path.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new SimplifiedExclusions(std::move(*loaded));
  }();
  return *exclusions;
}

bool SimplifiedExclusions::NeedsApproval(std::string_view industry_code) const {
  for (const std::string& prefix : approval_industries_) {
    if (industry_code.starts_with(prefix)) return true;
  }
  return false;
}

codes::PeriodRule DeregistrationPeriods::NoticeRule() const {
  return Rule(notice_days_, notice_workdays_, notice_counts_first_);
}

codes::PeriodRule DeregistrationPeriods::CompletionRule() const {
  // "自公示期届满之日起20日内": day 1 is the day after the notice's last day.
  return Rule(completion_days_, completion_workdays_, false);
}

codes::PeriodRule DeregistrationPeriods::WindowRule() const {
  return Rule(window_days_, window_workdays_, window_counts_first_);
}

StatusOr<Date> DeregistrationPeriods::NoticeEnd(const Date& published,
                                                const codes::WorkdayCalendar& calendar) const {
  return End(calendar, published, NoticeRule());
}

StatusOr<Date> DeregistrationPeriods::CompletionDue(const Date& notice_end,
                                                    const codes::WorkdayCalendar& calendar) const {
  return End(calendar, notice_end, CompletionRule());
}

StatusOr<Date> DeregistrationPeriods::WindowEnd(const Date& filed,
                                                const codes::WorkdayCalendar& calendar) const {
  return End(calendar, filed, WindowRule());
}

StatusOr<Commitment> ParseCommitment(const json& value) {
  if (!value.is_object()) {
    return InvalidArgumentError("须提交全体投资人承诺书及各项声明（对象）", "commitments");
  }
  Commitment c;
  auto inv = value.find("investors");
  if (inv == value.end() || !inv->is_array() || inv->empty()) {
    return InvalidArgumentError("全体投资人承诺书须列明每一位承诺的投资人",
                                "commitments.investors");
  }
  if (inv->size() > 200) {
    return InvalidArgumentError("投资人过多（不超过 200 人）", "commitments.investors");
  }
  for (size_t i = 0; i < inv->size(); ++i) {
    const json& item = (*inv)[i];
    const std::string field = fmt::format("commitments.investors[{}]", i);
    if (!item.is_object()) return InvalidArgumentError(field + " 应为对象", field);
    Commitment::Investor investor;
    auto text = [&](const char* key) -> StatusOr<std::string> {
      auto it = item.find(key);
      if (it == item.end() || it->is_null()) return std::string();
      if (!it->is_string())
        return InvalidArgumentError(field + "." + key + " 应为字符串", field + "." + key);
      if (it->get<std::string>().size() > 200) {
        return InvalidArgumentError(field + "." + key + " 过长", field + "." + key);
      }
      return it->get<std::string>();
    };
    ASSIGN_OR_RETURN(investor.name, text("name"));
    if (investor.name.empty()) {
      return InvalidArgumentError("须写明承诺人的姓名或名称", field + ".name");
    }
    ASSIGN_OR_RETURN(std::string citizen_id, text("citizen_id"));
    ASSIGN_OR_RETURN(std::string uscc, text("uscc"));
    investor.id = !citizen_id.empty() ? citizen_id : uscc;
    c.investors.push_back(std::move(investor));
  }
  struct Declaration {
    const char* key;
    const char* text;
    bool Commitment::*member;
  };
  static constexpr Declaration kDeclarations[] = {
      {"debts_settled", "未发生债权债务或已将债权债务清偿完结", &Commitment::debts_settled},
      {"taxes_cleared", "应缴纳的税款（滞纳金、罚款）已结清", &Commitment::taxes_cleared},
      {"wages_paid", "职工工资已结清", &Commitment::wages_paid},
      {"social_insurance_cleared", "社会保险费已结清", &Commitment::social_insurance_cleared},
      // 市场主体登记管理条例 Art. 33: 法定补偿金 and 清偿费用 are part of the commitment.
      {"compensation_paid", "法定补偿金已结清", &Commitment::compensation_paid},
      {"fees_paid", "清偿费用已结清", &Commitment::fees_paid},
  };
  for (const Declaration& d : kDeclarations) {
    auto it = value.find(d.key);
    if (it == value.end() || !it->is_boolean() || !it->get<bool>()) {
      return InvalidArgumentError(fmt::format("须声明“{}”", d.text),
                                  std::string("commitments.") + d.key);
    }
    c.*d.member = true;
  }
  return c;
}

json CommitmentJson(const Commitment& c, bool with_ids) {
  json investors = json::array();
  for (const Commitment::Investor& i : c.investors) {
    json item = {{"name", i.name}};
    if (with_ids && !i.id.empty()) item["id"] = i.id;
    investors.push_back(item);
  }
  return json{{"investors", investors},
              {"debts_settled", c.debts_settled},
              {"taxes_cleared", c.taxes_cleared},
              {"wages_paid", c.wages_paid},
              {"social_insurance_cleared", c.social_insurance_cleared},
              {"compensation_paid", c.compensation_paid},
              {"fees_paid", c.fees_paid}};
}

Status ConditionsError(const Eligibility& e) {
  std::string text;
  for (const FailedCondition& f : e.failed) {
    text += fmt::format("{}{}{}", text.empty() ? "" : "；", f.name,
                        f.detail.empty() ? "" : "（" + f.detail + "）");
  }
  const char* what = e.procedure == "one_screen" ? "一屏注销" : "简易注销";
  return FailedPreconditionError(fmt::format("{} 不符合{}条件：{}", e.uscc, what, text), "uscc");
}

json EligibilityJson(const Eligibility& e) {
  json failed = json::array();
  for (const FailedCondition& f : e.failed) {
    failed.push_back({{"condition", f.condition}, {"name", f.name}, {"detail", f.detail}});
  }
  return json{{"uscc", e.uscc},
              {"entity_name", e.entity_name},
              {"procedure", e.procedure},
              {"eligible", e.eligible()},
              {"failed", failed}};
}

namespace {

json Nullable(const std::string& s) { return s.empty() ? json() : json(s); }

json ObjectionJson(const Objection& o, bool with_private) {
  json out = {{"id", o.id},
              {"objector_kind", o.objector_kind},
              {"reason", o.reason},
              {"filed_on", o.filed_on}};
  // Departments object in their own name; a creditor's or a person's name and
  // contact stay with the registration authority.
  if (with_private || o.objector_kind == "department") out["objector_name"] = o.objector_name;
  if (with_private) {
    out["objector_contact"] = o.objector_contact;
    out["filed_at"] = o.filed_at;
  }
  // Set aside as plainly not an objection: shown to everyone, with why.
  out["set_aside"] = !o.standing();
  if (!o.standing()) {
    out["set_aside_reason"] = o.set_aside_reason;
    out["set_aside_at"] = o.set_aside_at;
  }
  return out;
}

std::string_view StateName(std::string_view state) {
  if (state == "notice") return "公示中";
  if (state == "objected") return "因异议终止";
  if (state == "ready") return "公示期满，待申请注销";
  if (state == "completed") return "已注销";
  if (state == "lapsed") return "逾期未申请，已终止";
  if (state == "pending") return "部门核查中";
  if (state == "granted") return "已注销";
  return state;
}

}  // namespace

json SimplifiedJson(const SimplifiedApplication& a) {
  json objections = json::array();
  for (const Objection& o : a.objections) objections.push_back(ObjectionJson(o, true));
  return json{{"id", a.id},
              {"uscc", a.uscc},
              {"entity_name", a.entity_name},
              {"region_code", a.region_code},
              {"authority_org_unit_id", a.authority_org_unit_id},
              {"submitted_by", a.submitted_by},
              {"commitments", CommitmentJson(a.commitment, true)},
              {"state", a.state},
              {"state_name", StateName(a.state)},
              {"applied_on", a.applied_on},
              {"notice_start_on", a.notice_start_on},
              {"notice_end_on", a.notice_end_on},
              {"completion_due_on", Nullable(a.completion_due_on)},
              {"closed_reason", a.closed_reason},
              {"submitted_at", a.submitted_at},
              {"closed_at", Nullable(a.closed_at)},
              {"objections", objections}};
}

json NoticeJson(const SimplifiedApplication& a) {
  json objections = json::array();
  for (const Objection& o : a.objections) objections.push_back(ObjectionJson(o, false));
  return json{{"id", a.id},
              {"uscc", a.uscc},
              {"entity_name", a.entity_name},
              {"region_code", a.region_code},
              {"commitments", CommitmentJson(a.commitment, false)},
              {"state", a.state},
              {"state_name", StateName(a.state)},
              {"current", a.state == "notice"},
              {"notice_start_on", a.notice_start_on},
              {"notice_end_on", a.notice_end_on},
              {"closed_reason", a.closed_reason},
              {"objections", objections}};
}

json OneScreenTaskJson(const OneScreenTask& t) {
  return json{{"id", t.id},
              {"application_id", t.application_id},
              {"department", t.department},
              {"org_unit_id", t.org_unit_id},
              {"org_unit_name", t.org_unit_name},
              {"state", t.state},
              {"reason", t.reason},
              {"handled_at", Nullable(t.handled_at)},
              {"created_at", t.created_at},
              {"uscc", t.uscc},
              {"entity_name", t.entity_name},
              {"window_end_on", t.window_end_on}};
}

json OneScreenJson(const OneScreenApplication& a) {
  json departments = json::array();
  for (const OneScreenTask& t : a.departments) departments.push_back(OneScreenTaskJson(t));
  return json{{"id", a.id},
              {"uscc", a.uscc},
              {"entity_name", a.entity_name},
              {"region_code", a.region_code},
              {"authority_org_unit_id", a.authority_org_unit_id},
              {"submitted_by", a.submitted_by},
              {"declarations", a.declarations},
              {"state", a.state},
              {"state_name", StateName(a.state)},
              {"applied_on", a.applied_on},
              {"window_end_on", a.window_end_on},
              {"closed_reason", a.closed_reason},
              {"submitted_at", a.submitted_at},
              {"closed_at", Nullable(a.closed_at)},
              {"departments", departments}};
}

}  // namespace amr::lifecycle
