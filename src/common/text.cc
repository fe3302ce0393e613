// SPDX-License-Identifier: MulanPSL-2.0
#include "common/text.h"

#include <opencc/opencc.h>

#include <memory>

namespace amr {

namespace {

// Returns the code point at `i` and its byte length; 0 length for an invalid sequence.
std::pair<char32_t, size_t> DecodeAt(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  size_t len;
  char32_t cp;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return {0xFFFD, 0};
  }
  if (i + len > s.size()) return {0xFFFD, 0};
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 0};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Reject overlong forms, surrogates and values beyond U+10FFFF.
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 0};
  return {cp, len};
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0x3000;
}

const opencc::SimpleConverter& T2s() {
  // OpenCC ships its configurations under /usr/share/opencc; the converter is
  // immutable after construction and safe to share.
  static const auto* converter = new opencc::SimpleConverter("t2s.json");
  return *converter;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto [cp, len] = DecodeAt(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::vector<char32_t> DecodeUtf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto [cp, len] = DecodeAt(s, i);
    out.push_back(cp);
    i += len == 0 ? 1 : len;
  }
  return out;
}

std::string EncodeUtf8(const std::vector<char32_t>& cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t cp : cps) AppendUtf8(cp, out);
  return out;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    auto [cp, len] = DecodeAt(s, i);
    i += len == 0 ? 1 : len;
    ++n;
  }
  return n;
}

std::string FullWidthToHalfWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto [cp, len] = DecodeAt(s, i);
    if (len == 0) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFEE0));
    } else if (cp == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string TraditionalToSimplified(std::string_view text) {
  // ASCII has nothing to simplify; skip the converter (codes, numbers).
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(text);
  // OpenCC throws on invalid UTF-8 (found by tests/fuzz): convert each valid
  // run and keep invalid bytes as they are.
  std::string out;
  size_t run = 0;
  auto flush = [&](size_t end) {
    if (end > run) out += T2s().Convert(text.data() + run, end - run);
  };
  for (size_t i = 0; i < text.size();) {
    const size_t len = DecodeAt(text, i).second;
    if (len == 0) {
      flush(i);
      out += text[i];
      run = ++i;
    } else {
      i += len;
    }
  }
  flush(text.size());
  return out;
}

std::string Trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end) {
    auto [cp, len] = DecodeAt(s, begin);
    if (len == 0 || !IsSpace(cp)) break;
    begin += len;
  }
  // Walk back over trailing spaces: ASCII spaces are one byte, U+3000 is E3 80 80.
  while (end > begin) {
    if (end - begin >= 3 && s.substr(end - 3, 3) == "\xE3\x80\x80") {
      end -= 3;
    } else if (IsSpace(static_cast<unsigned char>(s[end - 1]))) {
      --end;
    } else {
      break;
    }
  }
  return std::string(s.substr(begin, end - begin));
}

std::string FoldText(std::string_view text) {
  std::string s = Trim(TraditionalToSimplified(FullWidthToHalfWidth(text)));
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace amr
