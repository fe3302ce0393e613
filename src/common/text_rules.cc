// SPDX-License-Identifier: MulanPSL-2.0
#include "common/text_rules.h"

#include <fmt/format.h>

#include <vector>

#include "common/text.h"

namespace amr {
namespace {

bool IsLineBreakOrTab(char32_t c) { return c == '\t' || c == '\n' || c == '\r'; }

bool IsControl(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0); }

bool IsBidiFormatting(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool IsInvisibleFormat(char32_t c) {
  return c == 0x00AD || c == 0x180E || c == 0x200B || c == 0x2028 || c == 0x2029 ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF ||
         (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE007F);
}

bool IsNoncharacter(char32_t c) { return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; }

}  // namespace

bool IsRefusedCharacter(char32_t c, TextLines lines) {
  if (IsControl(c)) return !(lines == TextLines::kMulti && IsLineBreakOrTab(c));
  return IsBidiFormatting(c) || IsInvisibleFormat(c) || IsNoncharacter(c);
}

Status CheckTextCharacters(std::string_view text, std::string_view field, TextLines lines,
                           std::string_view what) {
  const std::string f(field);
  const std::string name = what.empty() ? fmt::format("字段 {} ", field) : std::string(what);
  if (!IsValidUtf8(text)) return InvalidArgumentError(name + "含有无效的字符编码", f);
  // ASCII text needs no decoding: the common case stays a byte scan.
  bool ascii = true;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
      continue;
    }
    if (IsRefusedCharacter(c, lines)) {
      if (lines == TextLines::kSingle && IsLineBreakOrTab(c)) {
        return InvalidArgumentError(name + "不能含有换行或制表符", f);
      }
      return InvalidArgumentError(name + "不能含有控制字符", f);
    }
  }
  if (ascii) return OkStatus();
  for (char32_t c : DecodeUtf8(text)) {
    if (!IsRefusedCharacter(c, lines)) continue;
    if (IsControl(c)) return InvalidArgumentError(name + "不能含有控制字符", f);
    if (IsBidiFormatting(c)) {
      return InvalidArgumentError(name + "不能含有改变文字方向的格式字符", f);
    }
    return InvalidArgumentError(
        fmt::format("{}不能含有不可见的格式字符（U+{:04X}）", name, static_cast<uint32_t>(c)), f);
  }
  return OkStatus();
}

}  // namespace amr
