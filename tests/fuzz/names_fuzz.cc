// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: enterprise names as applicants type them: folding (full-width,
// traditional characters, spaces) and the name parser with the word lists.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/text.h"
#include "names/name_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string folded = amr::FoldText(text);
  (void)amr::FullWidthToHalfWidth(text);
  (void)amr::Utf8Length(text);
  const amr::names::NameWords& words = amr::names::Words();
  (void)words.Parse(folded);
  (void)words.CheckWords(text);
  (void)words.PinyinKeys(folded);
  return 0;
}
