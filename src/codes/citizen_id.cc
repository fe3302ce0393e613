// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/citizen_id.h"

#include <fmt/format.h>

#include <vector>

#include "common/text.h"

namespace amr::codes {

namespace {

constexpr size_t kLength = 18;
constexpr int kEarliestBirthYear = 1880;

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// GB 11643-1999 校验码 (ISO 7064 MOD 11-2): Wi = 2^(17-i) mod 11; check = "10X98765432"[Σ mod 11].
char CheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

Status Invalid(std::string message) {
  return InvalidArgumentError(std::move(message), "citizen_id");
}

}  // namespace

CitizenIdCheck CheckCitizenId(std::string_view id, const Date* today) {
  CitizenIdCheck result;
  std::string folded = Trim(FullWidthToHalfWidth(id));
  if (!folded.empty() && folded.back() == 'x') folded.back() = 'X';
  const std::vector<char32_t> cps = DecodeUtf8(folded);
  if (cps.empty()) {
    result.problem = Invalid("居民身份证号码不能为空");
    return result;
  }
  if (cps.size() != kLength) {
    result.problem = Invalid(fmt::format("居民身份证号码应为 18 位，收到 {} 位", cps.size()));
    return result;
  }
  for (size_t i = 0; i < kLength; ++i) {
    const bool ok = IsDigit(cps[i]) || (i == kLength - 1 && cps[i] == 'X');
    if (!ok) {
      std::string shown;
      AppendUtf8(cps[i], shown);
      result.problem = Invalid(
          fmt::format("居民身份证号码第 {} 位字符“{}”无效：前 17 位只能是数字，第 18 位是数字或 X",
                      i + 1, shown));
      return result;
    }
  }
  // All ASCII from here on.
  result.region_code = folded.substr(0, 6);
  result.sex = (folded[16] - '0') % 2 == 1 ? "male" : "female";

  StatusOr<Date> birth = Date::ParseCompact(std::string_view(folded).substr(6, 8));
  if (!birth.ok()) {
    result.problem =
        Invalid(fmt::format("居民身份证号码第 7–14 位的出生日期 {} 不存在", folded.substr(6, 8)));
    return result;
  }
  result.birth_date = *birth;
  if (birth->year() < kEarliestBirthYear) {
    result.problem = Invalid(fmt::format("居民身份证号码的出生日期 {} 早于 {} 年，不可能有效",
                                         birth->ToString(), kEarliestBirthYear));
    return result;
  }
  if (today != nullptr && *birth > *today) {
    result.problem = Invalid(fmt::format("居民身份证号码的出生日期 {} 晚于今天（{}）",
                                         birth->ToString(), today->ToString()));
    return result;
  }
  const char expected = CheckChar(folded);
  if (folded[17] != expected) {
    // Never the right character: that would invite making up a number.
    result.problem = Invalid("居民身份证号码校验不通过，请核对");
    return result;
  }
  result.valid = true;
  return result;
}

StatusOr<std::string> MakeCitizenId(std::string_view region6, const Date& birth, int sequence) {
  bool digits = region6.size() == 6;
  for (char c : region6) digits = digits && IsDigit(static_cast<unsigned char>(c));
  if (!digits) {
    return InvalidArgumentError(fmt::format("行政区划代码应为 6 位数字，收到“{}”", region6),
                                "region_code");
  }
  if (birth.year() < kEarliestBirthYear) {
    return InvalidArgumentError(
        fmt::format("出生日期 {} 早于 {} 年", birth.ToString(), kEarliestBirthYear), "birth_date");
  }
  if (sequence < 0 || sequence > 999) {
    return InvalidArgumentError(fmt::format("顺序码应在 0–999 之间，收到 {}", sequence),
                                "sequence");
  }
  std::string id = fmt::format("{}{:04d}{:02d}{:02d}{:03d}", region6, birth.year(), birth.month(),
                               birth.day(), sequence);
  id += CheckChar(id);
  return id;
}

}  // namespace amr::codes
