// SPDX-License-Identifier: MulanPSL-2.0
#include "establishment/rules.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "codes/data_dir.h"
#include "common/csv.h"

namespace amr::establishment {
namespace {

using Table = std::vector<std::pair<size_t, std::vector<std::string>>>;

StatusOr<Table> ReadTable(const std::filesystem::path& path,
                          const std::vector<std::string>& header) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("无法打开数据文件 " + path.string(), "data");
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool any, reader.Next(fields));
  if (!any || fields != header) {
    return InvalidArgumentError(path.string() + " 第 1 行：表头应为规定的列", "data");
  }
  Table out;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != header.size()) {
      return InvalidArgumentError(
          path.string() + " 第 " + std::to_string(reader.line()) + " 行：列数不对", "data");
    }
    out.emplace_back(reader.line(), fields);
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view text, char sep = ';') {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Status LineError(const std::filesystem::path& path, size_t line, std::string_view what) {
  return InvalidArgumentError(
      path.string() + " 第 " + std::to_string(line) + " 行：" + std::string(what), "data");
}

// "09:00" → 540.
StatusOr<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return InvalidArgumentError("时刻应为 HH:MM", "data");
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h < 0 || h > 23 || m < 0 || m > 59) return InvalidArgumentError("时刻应为 HH:MM", "data");
  return h * 60 + m;
}

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

bool Material::AppliesTo(std::string_view kind) const {
  return Contains(applies_to, "*") || Contains(applies_to, kind);
}

StatusOr<Rules> Rules::Load(const std::filesystem::path& dir) {
  Rules r;
  const auto scope_path = dir / "scope_items.csv";
  ASSIGN_OR_RETURN(Table scope, ReadTable(scope_path, {"code", "name", "kind", "permit",
                                                       "department", "reform_mode"}));
  for (auto& [line, f] : scope) {
    if (f[2] != "general" && f[2] != "permit_required") {
      return LineError(scope_path, line, "kind 应为 general 或 permit_required");
    }
    ScopeItem item{f[0], f[1], f[2] == "permit_required", f[3], f[4], f[5]};
    if (item.permit_required && (item.permit.empty() || item.department.empty())) {
      return LineError(scope_path, line, "许可项目须写明许可和主管部门");
    }
    if (!r.scope_.emplace(item.code, item).second) {
      return LineError(scope_path, line, "代码重复");
    }
  }
  const auto materials_path = dir / "materials.csv";
  ASSIGN_OR_RETURN(Table materials, ReadTable(materials_path, {"code", "name", "applies_to", "key",
                                                               "deferral_workdays"}));
  for (auto& [line, f] : materials) {
    if (f[3] != "0" && f[3] != "1") return LineError(materials_path, line, "key 应为 0 或 1");
    Material m{f[0], f[1], SplitList(f[2]), f[3] == "1", std::atoi(f[4].c_str())};
    if (!m.key && m.deferral_workdays <= 0) {
      return LineError(materials_path, line, "可容缺材料须有补交期限");
    }
    r.materials_.push_back(std::move(m));
  }
  const auto routing_path = dir / "routing.csv";
  ASSIGN_OR_RETURN(Table routing,
                   ReadTable(routing_path, {"step", "department", "condition", "region_code",
                                            "org_unit_code", "sla_workdays"}));
  for (auto& [line, f] : routing) {
    RoutingRule rule{f[0], f[1], f[2], f[3], f[4], std::atof(f[5].c_str())};
    if (rule.sla_workdays <= 0) return LineError(routing_path, line, "sla_workdays 应为正数");
    r.routing_.push_back(std::move(rule));
  }
  const auto settings_path = dir / "settings.csv";
  ASSIGN_OR_RETURN(Table settings, ReadTable(settings_path, {"key", "value"}));
  for (auto& [line, f] : settings) {
    const std::string& key = f[0];
    const std::string& value = f[1];
    if (key == "office_hours") {
      for (const std::string& part : SplitList(value)) {
        auto dash = part.find('-');
        if (dash == std::string::npos)
          return LineError(settings_path, line, "办公时间应为 HH:MM-HH:MM");
        auto start = ParseClock(part.substr(0, dash));
        auto end = ParseClock(part.substr(dash + 1));
        if (!start.ok() || !end.ok() || *end <= *start) {
          return LineError(settings_path, line, "办公时间应为 HH:MM-HH:MM");
        }
        r.office_hours_.push_back({*start, *end});
      }
    } else if (key == "sla_registration_workdays") {
      r.sla_registration_ = std::atof(value.c_str());
    } else if (key == "sla_establishment_workdays") {
      r.sla_establishment_ = std::atof(value.c_str());
    } else if (key == "instant_approval_kinds") {
      r.instant_kinds_ = SplitList(value);
    } else if (key == "seal_kinds") {
      r.seal_kinds_ = SplitList(value);
    } else if (key == "invoice_kinds") {
      r.invoice_kinds_ = SplitList(value);
    } else if (key == "deferral_due_workdays") {
      r.deferral_due_workdays_ = std::atoi(value.c_str());
    } else {
      return LineError(settings_path, line, "未知设置 " + key);
    }
  }
  if (r.office_hours_.empty()) return LineError(settings_path, 1, "缺少 office_hours");
  if (r.sla_registration_ <= 0 || r.sla_establishment_ <= 0) {
    return LineError(settings_path, 1, "时限应为正数");
  }
  return r;
}

const Rules& Rules::Default() {
  static const Rules* rules = [] {
    const auto dir = codes::DataDir() / "establishment";
    auto loaded = Load(dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取企业开办数据 %s：%s\n", dir.string().c_str(),
                   loaded.status().message().c_str());
      std::abort();
    }
    return new Rules(std::move(*loaded));
  }();
  return *rules;
}

const ScopeItem* Rules::FindScope(std::string_view code) const {
  auto it = scope_.find(code);
  return it == scope_.end() ? nullptr : &it->second;
}

const Material* Rules::FindMaterial(std::string_view code) const {
  for (const Material& m : materials_) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

int Rules::WorkdayMinutes() const {
  int total = 0;
  for (const OfficeInterval& i : office_hours_) total += i.end - i.start;
  return total;
}

int Rules::MinutesOf(double workdays) const {
  return static_cast<int>(workdays * WorkdayMinutes() + 0.5);
}
int Rules::RegistrationSlaMinutes() const { return MinutesOf(sla_registration_); }
int Rules::EstablishmentSlaMinutes() const { return MinutesOf(sla_establishment_); }
bool Rules::InstantApprovalKind(std::string_view kind) const {
  return Contains(instant_kinds_, kind);
}
bool Rules::SealKindKnown(std::string_view kind) const { return Contains(seal_kinds_, kind); }
bool Rules::InvoiceKindKnown(std::string_view kind) const { return Contains(invoice_kinds_, kind); }

}  // namespace amr::establishment
