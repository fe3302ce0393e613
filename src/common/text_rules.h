// SPDX-License-Identifier: MulanPSL-2.0
// Which characters text from outside may hold: one rule for every text field
// a person or a system sends us (forms, CSV imports, names, addresses,
// reasons), applied where the text enters.
//
// Refused everywhere, because they are invisible, change how text around them
// displays, or cannot be stored by every engine (PostgreSQL refuses NUL):
//   * invalid UTF-8;
//   * C0 controls U+0000–U+001F (NUL included) and DEL U+007F, except that a
//     multi-line field may hold TAB, LF and CR;
//   * C1 controls U+0080–U+009F;
//   * bidirectional formatting: U+061C, U+200E, U+200F, U+202A–U+202E,
//     U+2066–U+2069 (an address can be made to read as another);
//   * other invisible format characters: U+00AD soft hyphen, U+180E, U+200B
//     zero-width space, U+2028/U+2029 line and paragraph separators,
//     U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB interlinear
//     annotation, the tag characters U+E0000–U+E007F;
//   * noncharacters (U+FDD0–U+FDEF and every U+xxFFFE/U+xxFFFF).
// Everything else is allowed: Chinese (also rare characters in the private use
// areas, which some registries use for 生僻字), punctuation, full-width forms,
// emoji (ZWJ U+200D and ZWNJ U+200C stay allowed: emoji sequences and many
// scripts need them), quotes, "<", SQL fragments: text is data, never code.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "common/status.h"

namespace amr {

enum class TextLines { kSingle, kMulti };

// Whether `c` is refused by the rule above (for a single- or multi-line
// field).
bool IsRefusedCharacter(char32_t c, TextLines lines = TextLines::kSingle);

// OK, or InvalidArgument naming `field` with a Chinese message that says what
// is wrong (无效的字符编码 / 控制字符 / 换行 / 改变文字方向的格式字符 /
// 不可见的格式字符) and where: `what` is the field's Chinese name for the
// message ("地址"); empty: the message names `field`.
Status CheckTextCharacters(std::string_view text, std::string_view field,
                           TextLines lines = TextLines::kSingle, std::string_view what = {});

}  // namespace amr
