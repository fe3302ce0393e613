// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/uscc.h"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "common/text.h"

namespace amr::codes {

namespace {

constexpr size_t kLength = 18;

// GB 32100-2015 登记管理部门代码. 1, 5, 9 and Y are in the 2015 text;
// the others were assigned later by the standard's maintenance body and are
// shown for information only (unverified; nothing depends on them).
struct Department {
  char code;
  std::string_view name;
};
constexpr std::array<Department, 12> kDepartments = {{
    {'1', "机构编制"},
    {'2', "外交"},
    {'3', "司法行政"},
    {'4', "文化"},
    {'5', "民政"},
    {'6', "旅游"},
    {'7', "宗教"},
    {'8', "工会"},
    {'9', "市场监督管理（工商）"},
    {'A', "中央军委改革和编制办公室"},
    {'N', "农业"},
    {'Y', "其他"},
}};

// 机构类别代码 within each department (same provenance as above).
struct Kind {
  char department;
  char code;
  std::string_view name;
};
constexpr std::array<Kind, 32> kKinds = {{
    {'1', '1', "机关"},
    {'1', '2', "事业单位"},
    {'1', '3', "中央编办直接管理机构编制的群众团体"},
    {'1', '9', "其他"},
    {'2', '1', "外国常驻新闻机构"},
    {'2', '9', "其他"},
    {'3', '1', "律师执业机构"},
    {'3', '2', "公证处"},
    {'3', '3', "基层法律服务所"},
    {'3', '4', "司法鉴定机构"},
    {'3', '5', "仲裁委员会"},
    {'3', '9', "其他"},
    {'4', '1', "外国在华文化中心"},
    {'4', '9', "其他"},
    {'5', '1', "社会团体"},
    {'5', '2', "民办非企业单位"},
    {'5', '3', "基金会"},
    {'5', '9', "其他"},
    {'6', '1', "外国旅游部门常驻代表机构"},
    {'6', '2', "港澳台地区旅游部门常驻内地（大陆）代表机构"},
    {'6', '9', "其他"},
    {'7', '1', "宗教活动场所"},
    {'7', '2', "宗教院校"},
    {'8', '1', "基层工会"},
    {'9', '1', "企业"},
    {'9', '2', "个体工商户"},
    {'9', '3', "农民专业合作社"},
    {'A', '1', "军队事业单位"},
    {'N', '1', "组级集体经济组织"},
    {'N', '2', "村级集体经济组织"},
    {'N', '3', "乡镇级集体经济组织"},
    {'N', '9', "其他"},
}};

// Value of `c` in the USCC alphabet, or -1.
int UsccValue(char32_t c) {
  if (c > 0x7F) return -1;
  const size_t pos = kUsccAlphabet.find(static_cast<char>(c));
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// GB 11714: digits are their value, letters A=10 … Z=35.
int OrganizationCodeValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return c - 'A' + 10;
}

std::string DepartmentName(char code) {
  for (const Department& d : kDepartments) {
    if (d.code == code) return std::string(d.name);
  }
  return "其他";  // Lenient: an unknown department is not an error.
}

std::string KindName(char department, char kind) {
  for (const Kind& k : kKinds) {
    if (k.department == department && k.code == kind) return std::string(k.name);
  }
  return "";
}

std::string Fold(std::string_view code) {
  std::string folded = Trim(FullWidthToHalfWidth(code));
  for (char& c : folded) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return folded;
}

std::string Utf8Of(char32_t cp) {
  std::string out;
  AppendUtf8(cp, out);
  return out;
}

Status Invalid(std::string message) { return InvalidArgumentError(std::move(message), "uscc"); }

}  // namespace

char UsccCheckChar(std::string_view first17) {
  // GB 32100-2015 校验码: C18 = 31 - (Σ Ci·Wi mod 31), Wi = 3^(i-1) mod 31; 31 maps to 0.
  int sum = 0;
  int weight = 1;
  for (char c : first17) {
    sum += UsccValue(static_cast<unsigned char>(c)) * weight;
    weight = weight * 3 % 31;
  }
  const int check = (31 - sum % 31) % 31;
  return kUsccAlphabet[check];
}

char OrganizationCodeCheckChar(std::string_view body8) {
  // GB 11714-1997 校验码: C9 = 11 - (Σ Ci·Wi mod 11); 10 → 'X', 11 → '0'.
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += OrganizationCodeValue(body8[i]) * kWeights[i];
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

UsccCheck CheckUscc(std::string_view code) {
  UsccCheck result;
  const std::vector<char32_t> cps = DecodeUtf8(Fold(code));
  if (cps.empty()) {
    result.problem = Invalid("统一社会信用代码不能为空");
    return result;
  }
  if (cps.size() != kLength) {
    result.problem = Invalid(fmt::format("统一社会信用代码应为 18 位，收到 {} 位", cps.size()));
    return result;
  }
  result.department = Utf8Of(cps[0]);
  result.kind = Utf8Of(cps[1]);
  for (size_t i = 2; i < 8; ++i) result.region_code += Utf8Of(cps[i]);
  const bool ascii_head = cps[0] < 0x80 && cps[1] < 0x80;
  result.department_name = ascii_head ? DepartmentName(static_cast<char>(cps[0])) : "其他";
  result.kind_name =
      ascii_head ? KindName(static_cast<char>(cps[0]), static_cast<char>(cps[1])) : "";

  size_t bad = kLength;
  for (size_t i = 0; i < kLength && bad == kLength; ++i) {
    if (UsccValue(cps[i]) < 0) bad = i;
  }
  std::string ascii;
  for (char32_t cp : cps) ascii.push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
  if (bad >= 17) result.expected_check = UsccCheckChar(std::string_view(ascii).substr(0, 17));
  if (bad != kLength) {
    std::string message = fmt::format(
        "统一社会信用代码第 {} 位字符“{}”无效：只能使用数字 0–9 和大写字母，"
        "且不使用 I、O、Z、S、V",
        bad + 1, Utf8Of(cps[bad]));
    result.problem = Invalid(std::move(message));
    return result;
  }

  const char actual_check = ascii[17];
  const char org_expected = OrganizationCodeCheckChar(std::string_view(ascii).substr(8, 8));
  const bool mod31_ok = actual_check == result.expected_check;
  const bool org_ok = ascii[16] == org_expected;
  result.valid = mod31_ok && org_ok;
  // The early pilot codes that fail mod 31 were issued in Fujian (region 35)
  // with body codes starting "M" (DOMAIN.md §1). Restricting "legacy" to that
  // pattern keeps a mistyped check character elsewhere from passing as history.
  const bool pilot_pattern = ascii.compare(2, 2, "35") == 0 && ascii[8] == 'M';
  result.legacy = !mod31_ok && org_ok && pilot_pattern;
  if (result.valid) return result;
  if (result.legacy) {
    result.problem = Invalid(
        "统一社会信用代码校验不通过，请核对：第 18 位不符合 GB 32100-2015 的校验，"
        "第 9–17 位符合 GB 11714，可能是早期试点发放的代码，只能作为历史数据导入");
  } else if (mod31_ok) {
    result.problem = Invalid(
        "统一社会信用代码校验不通过，请核对：第 9–17 位（组织机构代码）不符合 GB 11714 的校验");
  } else {
    result.problem = Invalid("统一社会信用代码校验不通过，请核对");
  }
  return result;
}

StatusOr<std::string> IssueUscc(char department, char kind, std::string_view region_code,
                                uint64_t serial) {
  constexpr uint64_t kSerialLimit = 31ULL * 31 * 31 * 31 * 31 * 31;
  if (UsccValue(static_cast<unsigned char>(department)) < 0) {
    return Invalid(fmt::format("登记管理部门代码“{}”不在统一社会信用代码字符集内", department));
  }
  if (UsccValue(static_cast<unsigned char>(kind)) < 0) {
    return Invalid(fmt::format("机构类别代码“{}”不在统一社会信用代码字符集内", kind));
  }
  bool digits = region_code.size() == 6;
  for (char c : region_code) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    return InvalidArgumentError(fmt::format("行政区划代码应为 6 位数字，收到“{}”", region_code),
                                "region_code");
  }
  if (serial >= kSerialLimit) {
    return InvalidArgumentError(
        fmt::format("主体标识序号 {} 超出可编码范围（应小于 {}）", serial, kSerialLimit), "serial");
  }
  std::string code;
  code.reserve(kLength);
  code += department;
  code += kind;
  code += region_code;
  code += "MA";
  char digits6[6];
  for (int i = 5; i >= 0; --i) {
    digits6[i] = kUsccAlphabet[serial % 31];
    serial /= 31;
  }
  code.append(digits6, 6);
  code += OrganizationCodeCheckChar(std::string_view(code).substr(8, 8));
  code += UsccCheckChar(code);
  return code;
}

}  // namespace amr::codes
