// SPDX-License-Identifier: MulanPSL-2.0
// Text folding for comparisons: names and codes typed by people arrive in
// full-width forms, traditional characters and with stray spaces.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace amr {

// Full-width ASCII (U+FF01..U+FF5E) to half-width, the ideographic space
// U+3000 to a space. Other characters unchanged. Invalid UTF-8 bytes are kept.
std::string FullWidthToHalfWidth(std::string_view text);
// Traditional to simplified Chinese with OpenCC's t2s configuration.
std::string TraditionalToSimplified(std::string_view text);
// Removes leading and trailing ASCII whitespace and U+3000.
std::string Trim(std::string_view text);
// The folding used before any name comparison: half-width, simplified, trimmed,
// ASCII letters upper-cased.
std::string FoldText(std::string_view text);

// True if `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);
// Splits UTF-8 text into code points. Invalid bytes become U+FFFD.
std::vector<char32_t> DecodeUtf8(std::string_view text);
void AppendUtf8(char32_t cp, std::string& out);
std::string EncodeUtf8(const std::vector<char32_t>& cps);
// Number of code points.
size_t Utf8Length(std::string_view text);

}  // namespace amr
