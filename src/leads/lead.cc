// SPDX-License-Identifier: MulanPSL-2.0
#include "leads/lead.h"

#include <fmt/format.h>

#include "common/text.h"

namespace amr::leads {
namespace {

struct Named {
  Source value;
  std::string_view id, name;
};
constexpr Named kSources[] = {{Source::kInspection, "inspection", "检查发现"},
                              {Source::kComplaintReport, "complaint_report", "举报核查"}};

const Named& Find(Source s) {
  for (const Named& n : kSources) {
    if (n.value == s) return n;
  }
  return kSources[0];
}

}  // namespace

std::string_view SourceId(Source s) { return Find(s).id; }
std::string_view SourceName(Source s) { return Find(s).name; }

StatusOr<Source> ParseSource(std::string_view id) {
  for (const Named& n : kSources) {
    if (n.id == id) return n.value;
  }
  return InvalidArgumentError(fmt::format("线索来源“{}”不可识别", id), "source");
}

Status Validate(const NewLead& lead) {
  if (lead.description.empty() || Utf8Length(lead.description) > 4000) {
    return InvalidArgumentError("线索说明不能为空（至多 4000 个字）", "description");
  }
  if (lead.uscc.empty() && lead.business_name.empty()) {
    return InvalidArgumentError("线索须写明涉及的经营者", "business");
  }
  if (lead.unit_id == 0) return InvalidArgumentError("线索须有移送单位", "unit");
  if (lead.evidence.size() > 50) return InvalidArgumentError("证据至多 50 项", "evidence");
  for (size_t i = 0; i < lead.evidence.size(); ++i) {
    const Evidence& e = lead.evidence[i];
    if (e.title.empty() || Utf8Length(e.title) > 400 || e.ref.empty() || Utf8Length(e.ref) > 400) {
      return InvalidArgumentError("每项证据须有名称和出处（各不超过 400 个字）",
                                  fmt::format("evidence[{}]", i));
    }
  }
  return OkStatus();
}

}  // namespace amr::leads
