// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/annual_report.h"

#include <fmt/format.h>

#include "common/text.h"

namespace amr::credit {

using nlohmann::json;

std::string_view ReportChannelId(ReportChannel c) {
  return c == ReportChannel::kPaper ? "paper" : "online";
}

StatusOr<ReportChannel> ParseReportChannel(std::string_view id) {
  if (id == "online" || id.empty()) return ReportChannel::kOnline;
  if (id == "paper") return ReportChannel::kPaper;
  return InvalidArgumentError("报送方式应为网上报送或窗口纸质录入", "channel");
}

void DropEmptyValues(NewReport& r) {
  if (!r.content.is_object()) return;
  for (auto it = r.content.begin(); it != r.content.end();) {
    if (it->is_null() || (it->is_string() && Trim(it->get<std::string>()).empty())) {
      it = r.content.erase(it);
    } else {
      ++it;
    }
  }
}

Status ValidateReport(const NewReport& r, std::string_view entity_kind, const Date& today,
                      const CreditRules& rules) {
  if (r.year < 2000 || r.year >= today.year()) {
    return InvalidArgumentError(
        fmt::format("只能报送已结束年度的年度报告（今天可报 {} 年及以前）", today.year() - 1),
        "year");
  }
  const std::vector<ReportField>* form = rules.Form(entity_kind);
  if (form == nullptr) return InvalidArgumentError("该类主体没有年度报告表", "kind");
  if (!r.content.is_object()) return InvalidArgumentError("年度报告内容应为对象", "content");
  for (auto it = r.content.begin(); it != r.content.end(); ++it) {
    bool known = false;
    for (const ReportField& f : *form) known = known || f.id == it.key();
    if (!known) {
      return InvalidArgumentError("该类主体的年度报告表中没有这一项",
                                  "content." + it.key().substr(0, 40));
    }
  }
  for (const ReportField& f : *form) {
    const std::string field = "content." + f.id;
    auto it = r.content.find(f.id);
    if (it == r.content.end() || it->is_null() ||
        (it->is_string() && it->get<std::string>().empty())) {
      if (f.required) return InvalidArgumentError(fmt::format("请填写{}", f.label), field);
      continue;
    }
    switch (f.type) {
      case ReportField::Type::kText:
        if (!it->is_string() || Utf8Length(it->get<std::string>()) > 500) {
          return InvalidArgumentError(fmt::format("{}应为不超过 500 字的文字", f.label), field);
        }
        break;
      case ReportField::Type::kInteger:
      case ReportField::Type::kMoney:
        if (!it->is_number_integer()) {
          return InvalidArgumentError(fmt::format("{}应为整数（元）", f.label), field);
        }
        if (!f.may_be_negative && it->get<int64_t>() < 0) {
          return InvalidArgumentError(fmt::format("{}应为不小于 0 的整数", f.label), field);
        }
        break;
      case ReportField::Type::kBoolean:
        if (!it->is_boolean()) return InvalidArgumentError(f.label + "应为是或否", field);
        break;
    }
  }
  for (const std::string& w : r.withheld) {
    const ReportField* found = nullptr;
    for (const ReportField& f : *form) {
      if (f.id == w) found = &f;
    }
    if (found == nullptr) {
      return InvalidArgumentError("选择不公示的项目不在年度报告表中", "withheld");
    }
    if (found->publicity != ReportField::Publicity::kOptional) {
      return InvalidArgumentError(fmt::format("{}依法应当公示，不能选择不公示", found->label),
                                  "withheld");
    }
  }
  return OkStatus();
}

json PublicContent(const AnnualReport& report, const CreditRules& rules) {
  json out = json::array();
  const std::vector<ReportField>* form = rules.Form(report.entity_kind);
  if (form == nullptr) return out;
  for (const ReportField& f : *form) {
    if (f.publicity == ReportField::Publicity::kPrivate) continue;
    const bool withheld =
        f.publicity == ReportField::Publicity::kOptional && report.withheld.contains(f.id);
    auto it = report.content.find(f.id);
    if (it == report.content.end() && !withheld) continue;
    out.push_back({{"id", f.id},
                   {"label", f.label},
                   {"value", withheld ? json(nullptr) : *it},
                   {"withheld", withheld}});
  }
  return out;
}

}  // namespace amr::credit
