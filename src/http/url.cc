// SPDX-License-Identifier: MulanPSL-2.0
#include "http/url.h"

#include "common/text.h"

namespace amr::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

StatusOr<std::string> PercentDecode(std::string_view text, bool plus_as_space,
                                    std::string_view field) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return InvalidArgumentError("网址中的百分号编码不正确", std::string(field));
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (out.find('\0') != std::string::npos || !IsValidUtf8(out)) {
    return InvalidArgumentError("网址中含有无效的字符编码（应为 UTF-8）", std::string(field));
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (IsUnreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

SplitTarget SplitRequestTarget(std::string_view target) {
  // A fragment is never sent by clients, but drop one if it is.
  if (size_t hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

StatusOr<std::multimap<std::string, std::string>> ParseQuery(std::string_view query) {
  std::multimap<std::string, std::string> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view raw_key = piece.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    ASSIGN_OR_RETURN(std::string key, PercentDecode(raw_key, /*plus_as_space=*/true, "query"));
    ASSIGN_OR_RETURN(std::string value, PercentDecode(raw_value, /*plus_as_space=*/true, "query"));
    out.emplace(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace amr::http
