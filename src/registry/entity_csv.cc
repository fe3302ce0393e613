// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <set>

#include "codes/citizen_id.h"
#include "codes/industries.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "common/text_rules.h"

namespace amr::registry {

namespace {
const std::string kEmpty;
constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxTextChars = 200;

Status CheckText(const std::string& value, const std::string& column, size_t max_chars,
                 bool required) {
  if (!IsValidUtf8(value)) {
    return InvalidArgumentError("文本不是有效的 UTF-8 编码", column);
  }
  if (required && Trim(value).empty()) return InvalidArgumentError("不能为空", column);
  if (Utf8Length(value) > max_chars) {
    return InvalidArgumentError(fmt::format("长度不能超过 {} 个字符", max_chars), column);
  }
  return CheckTextCharacters(value, column, TextLines::kSingle, "文本");
}
}  // namespace

const std::vector<std::string>& EntityCsvColumns() {
  static const std::vector<std::string> kColumns = {
      "uscc",        "name",          "kind",         "org_form",       "family_farm",
      "region_code", "industry_code", "legal_rep_id", "legal_rep_name", "registered_capital",
      "address",     "credit_class",  "status",       "established_on"};
  return kColumns;
}

const std::vector<std::string>& RequiredEntityCsvColumns() {
  static const std::vector<std::string> kRequired = {"uscc",        "name",          "kind",
                                                     "region_code", "industry_code", "credit_class",
                                                     "status",      "established_on"};
  return kRequired;
}

std::vector<std::string> EntityToCsvFields(const Entity& e) {
  return {e.uscc,
          e.name,
          std::string(KindId(e.kind)),
          e.org_form,
          e.family_farm ? "1" : "0",
          e.region_code,
          e.industry_code,
          e.legal_rep_id,
          e.legal_rep_name,
          e.registered_capital ? std::to_string(*e.registered_capital) : "",
          e.address,
          std::string(1, e.credit_class),
          std::string(StatusId(e.status)),
          e.established_on.ToString()};
}

Status EntityCsvParser::SetHeader(const std::vector<std::string>& fields) {
  index_.clear();
  const auto& known = EntityCsvColumns();
  std::set<std::string> known_set(known.begin(), known.end());
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string name = Trim(fields[i]);
    if (!known_set.contains(name)) {
      return InvalidArgumentError(fmt::format("表头第 {} 列“{}”不是可识别的列名", i + 1, name),
                                  "header");
    }
    if (!index_.emplace(name, i).second) {
      return InvalidArgumentError(fmt::format("表头列“{}”重复", name), "header");
    }
  }
  for (const auto& column : RequiredEntityCsvColumns()) {
    if (!index_.contains(column)) {
      return InvalidArgumentError(fmt::format("表头缺少必需的列“{}”", column), "header");
    }
  }
  width_ = fields.size();
  return OkStatus();
}

const std::string& EntityCsvParser::Get(const std::vector<std::string>& fields,
                                        const std::string& column) const {
  auto it = index_.find(column);
  if (it == index_.end()) return kEmpty;
  return fields[it->second];
}

StatusOr<Entity> EntityCsvParser::Parse(const std::vector<std::string>& fields,
                                        std::string* warning) const {
  if (fields.size() != width_) {
    return InvalidArgumentError(fmt::format("应有 {} 列，实有 {} 列", width_, fields.size()),
                                "line");
  }
  Entity e;

  const codes::UsccCheck uscc = codes::CheckUscc(Get(fields, "uscc"));
  if (!uscc.valid) {
    if (!uscc.legacy) return uscc.problem.WithField("uscc");
    if (warning) {
      *warning = fmt::format(
          "统一社会信用代码 {} 未通过 GB 32100 校验，但符合早期试点代码规则，已按历史代码导入",
          Get(fields, "uscc"));
    }
  }
  e.uscc = FoldText(Get(fields, "uscc"));

  e.name = Trim(Get(fields, "name"));
  RETURN_IF_ERROR(CheckText(e.name, "name", kMaxNameChars, true));
  ASSIGN_OR_RETURN(e.kind, ParseKind(Trim(Get(fields, "kind"))));
  e.org_form = Trim(Get(fields, "org_form"));
  RETURN_IF_ERROR(CheckText(e.org_form, "org_form", 20, false));

  const std::string farm = Trim(Get(fields, "family_farm"));
  if (farm.empty() || farm == "0" || farm == "false") {
    e.family_farm = false;
  } else if (farm == "1" || farm == "true") {
    e.family_farm = true;
  } else {
    return InvalidArgumentError("家庭农场标志应为 0 或 1", "family_farm");
  }

  e.region_code = Trim(Get(fields, "region_code"));
  const codes::Region* region = codes::Regions().Find(e.region_code);
  if (region == nullptr) {
    return InvalidArgumentError(
        fmt::format("行政区划代码“{}”不在 GB/T 2260 代码表中", e.region_code), "region_code");
  }

  e.industry_code = Trim(Get(fields, "industry_code"));
  const codes::Industry* industry = codes::Industries().Find(e.industry_code);
  if (industry == nullptr || e.industry_code.size() != 2) {
    return InvalidArgumentError(
        fmt::format("行业代码“{}”不是 GB/T 4754-2017 的大类代码（两位数字）", e.industry_code),
        "industry_code");
  }

  e.legal_rep_id = FoldText(Get(fields, "legal_rep_id"));
  if (!e.legal_rep_id.empty()) {
    const codes::CitizenIdCheck id = codes::CheckCitizenId(e.legal_rep_id, &today_);
    if (!id.valid) return id.problem.WithField("legal_rep_id");
  }
  e.legal_rep_name = Trim(Get(fields, "legal_rep_name"));
  RETURN_IF_ERROR(CheckText(e.legal_rep_name, "legal_rep_name", 50, false));

  const std::string capital = Trim(Get(fields, "registered_capital"));
  if (!capital.empty()) {
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(capital.data(), capital.data() + capital.size(), value);
    if (ec != std::errc() || ptr != capital.data() + capital.size() || value < 0) {
      return InvalidArgumentError("注册资本应为不小于 0 的整数（元）", "registered_capital");
    }
    e.registered_capital = value;
  }
  e.address = Trim(Get(fields, "address"));
  RETURN_IF_ERROR(CheckText(e.address, "address", kMaxTextChars, false));

  ASSIGN_OR_RETURN(e.credit_class, ParseCreditClass(Trim(Get(fields, "credit_class"))));
  ASSIGN_OR_RETURN(e.status, ParseStatus(Trim(Get(fields, "status"))));
  ASSIGN_OR_RETURN(e.established_on,
                   Date::Parse(Trim(Get(fields, "established_on")), "established_on"));
  if (e.established_on > today_) {
    return InvalidArgumentError(
        fmt::format("成立日期 {} 晚于今天 {}", e.established_on.ToString(), today_.ToString()),
        "established_on");
  }
  return e;
}

}  // namespace amr::registry
