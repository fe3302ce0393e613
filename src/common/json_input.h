// SPDX-License-Identifier: MulanPSL-2.0
// Parsing JSON that comes from outside: request bodies, e-licence documents
// sent for verification, files given to the CLI. Every such parse goes
// through ParseJsonInput, so that no outside document can be deeper than
// kMaxJsonDepth: nlohmann::json copies, compares and prints values
// recursively, and a body of a few hundred kilobytes nested 100 000 deep
// would otherwise overflow the stack of whichever thread touches it.
//
// CheckJsonText applies the character rule of text_rules.h to every string
// (and every object key) of a parsed document, naming the offending member by
// its path ("legal_rep.name", "investors[1].name").
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "common/status.h"

namespace amr {

// Arrays and objects nested deeper than this are refused. Our own documents
// are at most 6 deep; 64 leaves room and stays far below any stack limit.
inline constexpr int kMaxJsonDepth = 64;

// The document in `text`. InvalidArgument naming `field` if it is not JSON
// ("{what}不是有效的 JSON") or is nested deeper than kMaxJsonDepth
// ("{what}的 JSON 嵌套超过 64 层"), checked before anything is built.
// `what` is the Chinese name of the input ("请求体", "执照文件").
StatusOr<nlohmann::json> ParseJsonInput(std::string_view text, std::string_view field,
                                        std::string_view what);

// The nesting depth of the JSON text (0 for a scalar, 1 for "[]"), counted on
// the bytes without parsing; stops counting at `limit` + 1. Strings are
// skipped, so brackets inside them do not count. Exact for valid JSON.
int JsonNestingDepth(std::string_view text, int limit = kMaxJsonDepth);

struct JsonTextRules {
  // Members (by key, at any level) that hold multi-line text (reasons,
  // notes): TAB, LF and CR are allowed in them.
  std::set<std::string, std::less<>> multi_line_keys;
  // Members never checked (passwords: hashed, never shown).
  std::set<std::string, std::less<>> unchecked_keys;
};

// OK, or InvalidArgument naming the path of the first string or key that
// breaks the character rule. `root` prefixes the path ("" for a body).
Status CheckJsonText(const nlohmann::json& value, const JsonTextRules& rules,
                     std::string_view root = {});

}  // namespace amr
